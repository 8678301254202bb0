/**
 * Times each indicator (or batch family) alone over a subtree and period on the benchmark database, to
 * find the slow ones: `tsx tools/bench/profile-indicators.ts [province|country] [from] [to] [family]`.
 * With a family (a batch key such as movement.models.stock, or an indicator code), prints that query's
 * plan with EXPLAIN (ANALYZE, BUFFERS) instead.
 */
import { sql } from "kysely";
import { groupCte, resolvedGroups } from "../../apps/server/src/modules/reports/repo.ts";
import { listIndicators, topsOf } from "../../apps/server/src/platform/indicators/registry.ts";
import { BENCH_DB, databaseOn, inProcessApp } from "./inprocess.ts";

const [what = "province", from = "2025-07-01", to = "2025-10-01", explain] = process.argv.slice(2);
const app = await inProcessApp(databaseOn(process.env.DATABASE_URL, BENCH_DB), "postgres");
const db = app.database.db;
const unit = await sql<{ id: number; path: string }>`select id, path::text as path from org_units
  where kind = ${what === "country" ? "ministry" : "province"} and valid_to is null and code not like 'T-%'
  order by code limit 1`.execute(db);
const root = unit.rows[0];
const groups =
  what === "country"
    ? (
        await sql<{
          id: number;
          path: string;
        }>`select id, path::text as path from org_units where parent_id = ${root.id} and valid_to is null`.execute(
          db,
        )
      ).rows.map((r) => ({ key: String(r.id), root: r.path }))
    : [{ key: "total", root: root.path }];
const { grp, fewUnits, tops } =
  what === "country"
    ? { grp: groupCte(groups, "current"), fewUnits: false, tops: topsOf(groups, "current") }
    : await resolvedGroups(db, groups, "current");
const t00 = performance.now();
await sql`with grp as materialized (${grp}) select count(*) from grp`.execute(db);
console.log(
  `${(performance.now() - t00).toFixed(0).padStart(7)} ms  (the groups alone, included in each line below)`,
);
if (explain) {
  const def = listIndicators().find((d) => (d.batch?.key ?? d.code) === explain || d.code === explain);
  if (!def) throw new Error(`no indicator or family ${explain}`);
  const q = def.batch
    ? def.batch.query({ from, to, fewUnits, tops })
    : def.query({ from, to, fewUnits, tops });
  const plan = await sql<{ "QUERY PLAN": string }>`explain (analyze, buffers)
    with grp as materialized (${grp}) select count(*) from (${q}) x`.execute(db);
  for (const r of plan.rows) console.log(r["QUERY PLAN"]);
  await app.close();
  process.exit(0);
}
const seen = new Set<string>();
const times: [string, number][] = [];
for (const def of listIndicators()) {
  const key = def.batch?.key ?? def.code;
  if (seen.has(key)) continue;
  seen.add(key);
  const q = def.batch
    ? def.batch.query({ from, to, fewUnits, tops })
    : def.query({ from, to, fewUnits, tops });
  const t0 = performance.now();
  await sql`with grp as materialized (${grp}) select count(*) from (${q}) x`.execute(db);
  times.push([key, performance.now() - t0]);
}
times.sort((a, b) => b[1] - a[1]);
let total = 0;
for (const [k, t] of times) {
  total += t;
  console.log(`${t.toFixed(0).padStart(7)} ms  ${k}`);
}
console.log(`${total.toFixed(0).padStart(7)} ms  total over ${times.length} queries`);
await app.close();
