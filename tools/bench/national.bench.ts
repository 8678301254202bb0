/**
 * Figures, lists and the inbox at national scale (issues 3, 4 and 5), on the synthetic data set of
 * tools/synth (seed 42, scale 1: 34 provinces, 3,321 communes, ~83,000 residential areas, five years
 * 2021–2025, > 5,000,000 activities, > 1,000,000 citizen items, > 10,000,000 entered values).
 *
 * With --pg: the data set lives in its own database (danvan_bench) on the server of DATABASE_URL; it is
 * loaded by the first run (about half an hour on two cores) and kept; later runs find it loaded and skip.
 * Every measure runs the modules' own code in-process (the analysis service, the list routes through
 * app.inject) and is compared with a naive query over the raw records in the same run.
 *
 * Without --pg: one province (the first by code) is loaded into an embedded database kept in
 * .bench/synth-embedded; its quarter figures are timed there and compared, figure by figure, with the
 * same province on the server when the server data set is present.
 */
import { join } from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { connect, type Database } from "../../apps/server/src/db/client.ts";
import { startEmbeddedDatabase } from "../../apps/server/src/db/embedded.ts";
import { syncFigureIndicators } from "../../apps/server/src/modules/figures/indicators.ts";
import { analyse } from "../../apps/server/src/modules/reports/analysis.ts";
import { listIndicators, shiftYears } from "../../apps/server/src/platform/indicators/registry.ts";
import { load } from "../synth/cli.ts";
import {
  BENCH_DB,
  benchUser,
  databaseOn,
  inProcessApp,
  SYNTH_SCALE,
  SYNTH_SEED,
  type Timing,
  time,
} from "./inprocess.ts";
import type { BenchContext, BenchRow } from "./run.ts";

const QUARTER = "2025-Q3";
const QUARTER_FROM = "2025-07-01";
const QUARTER_TO = "2025-10-01";
const YEAR = "2025";
const ms = (t: Timing, what: "p95" | "p50" = "p95") => Math.round(t[what] * 10) / 10;

async function serverLoaded(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch {
    return false;
  }
  try {
    const { rows } = await client.query(
      "select count(*)::int as n from app_settings where key like 'synth.%' and (value->>'seed')::int = $1 and (value->>'scale')::float = $2",
      [SYNTH_SEED, SYNTH_SCALE],
    );
    return rows[0].n >= 34;
  } catch {
    return false;
  } finally {
    await client.end();
  }
}

/** The first province by code (the one the embedded check loads) and the Ministry. */
async function units(database: Database) {
  const province = await database.db
    .selectFrom("org_units")
    .select(["id", "name", "code", sql<string>`path::text`.as("path")])
    .where("kind", "=", "province")
    .where("valid_to", "is", null)
    .where("code", "is not", null)
    .where("code", "not like", "T-%")
    .orderBy("code")
    .executeTakeFirstOrThrow();
  const ministry = await database.db
    .selectFrom("org_units")
    .select(["id", sql<string>`path::text`.as("path")])
    .where("kind", "=", "ministry")
    .orderBy("id")
    .executeTakeFirstOrThrow();
  return { province, ministry };
}

/**
 * The naive way: one GROUP BY per record table over the raw rows of the subtree (joined to org_units
 * by path), for the period and the same period last year.
 */
async function naiveFigures(database: Database, root: string, from: string, to: string, byProvince: boolean) {
  const group = byProvince ? sql`u.province_id,` : sql``;
  const q = (f: string, t: string) => sql`
    select 'a' as t, ${group} a.kind as k, count(*) as n, sum(a.participants) as s, sum((a.results->>'householdsSigned')::numeric) as r
      from movement_activities a join org_units u on u.id = a.unit_id
      where u.path <@ ${root}::ltree and a.occurred_on >= ${f}::date and a.occurred_on < ${t}::date group by ${group} a.kind
    union all
    select 's', ${group} s.kind, count(*), sum(case when s.closed_on_time then 1 else 0 end), avg(s.rating)
      from submissions s join org_units u on u.id = s.unit_id
      where u.path <@ ${root}::ltree and s.received_on >= ${f}::date and s.received_on < ${t}::date group by ${group} s.kind
    union all
    select 'f', ${group} v.definition_id::text, count(*), sum(v.value), null
      from figure_values v join org_units u on u.id = v.unit_id
      where u.path <@ ${root}::ltree and v.period_start >= ${f}::date and v.period_end < ${t}::date group by ${group} v.definition_id
    union all
    select 'w', ${group} i.category, count(*), sum(i.quantity), null
      from movement_weapon_surrenders w join movement_weapon_items i on i.surrender_id = w.id join org_units u on u.id = w.unit_id
      where u.path <@ ${root}::ltree and w.surrendered_on >= ${f}::date and w.surrendered_on < ${t}::date group by ${group} i.category`;
  await q(from, to).execute(database.db);
  await q(shiftYears(from, -1), shiftYears(to, -1)).execute(database.db);
}

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  return ctx.pg ? onServer(ctx) : embedded(ctx);
}

async function onServer(ctx: BenchContext): Promise<BenchRow[]> {
  const url = databaseOn(ctx.databaseUrl, BENCH_DB);
  const rows: BenchRow[] = [];
  if (!(await serverLoaded(url))) {
    ctx.log(
      `loading the synthetic data set into ${BENCH_DB} (seed ${SYNTH_SEED}, scale ${SYNTH_SCALE}): long`,
    );
    const loaded = await load({ seed: SYNTH_SEED, scale: SYNTH_SCALE, databaseUrl: url, log: ctx.log });
    rows.push({ name: "data set load (COPY, whole country)", value: loaded.seconds, unit: "s" });
  }
  const app = await inProcessApp(url, "postgres");
  try {
    const db = app.database.db;
    const { province, ministry } = await units(app.database);
    const volumes = await sql<{ t: string; n: number }>`
      select 'activities' as t, count(*)::int as n from movement_activities
      union all select 'citizen items', count(*)::int from submissions
      union all select 'entered values', count(*)::int from figure_values
      union all select 'residential areas', count(*)::int from org_units where kind = 'area'`.execute(db);
    const volume = Object.fromEntries(volumes.rows.map((r) => [r.t, Number(r.n)]));
    ctx.log(`data set: ${JSON.stringify(volume)}`);
    for (const [t, n] of Object.entries(volume))
      rows.push({
        name: `data set: ${t}`,
        value: n,
        unit: "rows",
        note: `seed ${SYNTH_SEED}, scale ${SYNTH_SCALE}`,
      });

    const leader = await benchUser(app.database, "leadership", ministry.id);
    const staff = await benchUser(app.database, "province_staff", province.id);
    const all = listIndicators().map((d) => d.code);
    const activityCodes = all.filter(
      (c) => c.startsWith("movement.activities.") || c.startsWith("movement.results."),
    );
    const note = `${province.name}, ${QUARTER} and ${QUARTER.replace("2025", "2024")}`;

    // ---------------------------------------------------------------- issue 5: a province's quarter report figures
    const provinceQuarter = await time(
      () =>
        analyse(db, leader.actor, {
          codes: all,
          unitId: province.id,
          period: QUARTER,
          breakdown: "none",
          lineage: "current",
        }),
      20,
    );
    const naiveProvince = await time(
      () => naiveFigures(app.database, province.path, QUARTER_FROM, QUARTER_TO, false),
      20,
    );
    rows.push({
      name: `province quarter: all ${all.length} indicators with last year (p95)`,
      value: ms(provinceQuarter),
      unit: "ms",
      baseline: ms(naiveProvince),
      note: `${note}; baseline: naive GROUP BY over the raw records (4 tables, both years); target < 300 ms`,
    });
    const provinceByCommune = await time(
      () =>
        analyse(db, leader.actor, {
          codes: all,
          unitId: province.id,
          period: QUARTER,
          breakdown: "children",
          lineage: "current",
        }),
      10,
    );
    rows.push({
      name: "province quarter by commune (the report's table), all indicators (p95)",
      value: ms(provinceByCommune),
      unit: "ms",
      baseline: ms(naiveProvince),
      note,
    });

    // ---------------------------------------------------------------- the country's year by province
    const countryYear = await time(
      () =>
        analyse(db, leader.actor, {
          codes: all,
          unitId: ministry.id,
          period: YEAR,
          breakdown: "children",
          lineage: "current",
        }),
      // a p95 needs enough runs: of 5 it is the slowest, often one on a connection not warmed yet
      20,
      3,
    );
    const naiveCountry = await time(
      () => naiveFigures(app.database, ministry.path, "2025-01-01", "2026-01-01", true),
      5,
      1,
    );
    rows.push({
      name: `country year ${YEAR} by province, all ${all.length} indicators with last year (p95)`,
      value: ms(countryYear),
      unit: "ms",
      baseline: ms(naiveCountry),
      note: "baseline: naive GROUP BY province over the raw records; target < 1 s",
    });

    // ---------------------------------------------------------------- growth with the units asked for
    const countryQuarter = await time(
      () =>
        analyse(db, leader.actor, {
          codes: all,
          unitId: ministry.id,
          period: QUARTER,
          breakdown: "none",
          lineage: "current",
        }),
      5,
      1,
    );
    const unitCounts = await sql<{ p: number; c: number }>`
      select (select count(*)::int from org_units where path <@ ${province.path}::ltree) as p,
             (select count(*)::int from org_units where path <@ ${ministry.path}::ltree) as c`.execute(db);
    const unitRatio = Number(unitCounts.rows[0].c) / Number(unitCounts.rows[0].p);
    rows.push({
      name: "country quarter (34 provinces) / one province quarter, same indicators (p50)",
      value: ms(countryQuarter, "p50"),
      unit: "ms",
      baseline: ms(provinceQuarter, "p50"),
      note: `units under the country / under ${province.name}: ${unitRatio.toFixed(1)}×; five years stored in both`,
    });

    // ---------------------------------------------------------------- issue 4: activity list and activity figures
    const kinds = ["propaganda", "patrol", "village_meeting", "mediation", "charity"];
    const months = ["01", "03", "05", "07", "09", "11"];
    const listPath = (i: number) => {
      const m = months[i % months.length];
      const last = new Date(Date.UTC(2025, Number(m), 0)).toISOString().slice(0, 10);
      return `/api/v1/movement/activities?unitId=${province.id}&kind=${kinds[i % kinds.length]}&from=2025-${m}-01&to=${last}&limit=50`;
    };
    const activityList = await time(async (i) => {
      const res = await app.app.inject({ method: "GET", url: listPath(i), headers: staff.headers });
      if (res.statusCode !== 200)
        throw new Error(`activity list ${res.statusCode} ${res.body.slice(0, 300)}`);
    }, 30);
    const activityListRaw = await time(async (i) => {
      const m = months[i % months.length];
      await sql`select * from movement_activities where province_id = ${province.id} and kind = ${kinds[i % kinds.length]}
        and occurred_on between ${`2025-${m}-01`}::date and (${`2025-${m}-01`}::date + interval '1 month' - interval '1 day')::date
        order by occurred_on desc, id desc limit 51`.execute(db);
    }, 30);
    rows.push({
      name: `activity list: province, one month, one kind, first page of 50 (p95, of ${volume.activities.toLocaleString("en")})`,
      value: ms(activityList),
      unit: "ms",
      baseline: ms(activityListRaw),
      note: "through the route (app.inject, scope, presentation); baseline: the bare SELECT; target < 150 ms",
    });
    const activityFigures = await time(
      () =>
        analyse(db, leader.actor, {
          codes: activityCodes,
          unitId: province.id,
          period: QUARTER,
          breakdown: "none",
          lineage: "current",
        }),
      20,
    );
    rows.push({
      name: `province quarter: all ${activityCodes.length} activity indicators with last year (p95)`,
      value: ms(activityFigures),
      unit: "ms",
      baseline: ms(naiveProvince),
      note: `${note}; target < 300 ms`,
    });

    // ---------------------------------------------------------------- issue 3: the officer inbox
    const inboxFilters = [
      "kind=crime_report",
      "status=open",
      "kind=security_feedback&from=2025-01-01&to=2025-06-30",
      "overdue=true",
      "kind=complaint&status=closed",
    ];
    const inbox = await time(async (i) => {
      const res = await app.app.inject({
        method: "GET",
        url: `/api/v1/submissions?unitId=${province.id}&${inboxFilters[i % inboxFilters.length]}&limit=50`,
        headers: staff.headers,
      });
      if (res.statusCode !== 200) throw new Error(`inbox ${res.statusCode} ${res.body.slice(0, 300)}`);
    }, 30);
    const inboxRaw = await time(async () => {
      await sql`select * from submissions where province_id = ${province.id} and kind = 'crime_report'
        order by received_at desc, id desc limit 51`.execute(db);
    }, 30);
    rows.push({
      name: `officer inbox: province, filtered, first page of 50 (p95, of ${volume["citizen items"].toLocaleString("en")})`,
      value: ms(inbox),
      unit: "ms",
      baseline: ms(inboxRaw),
      note: `filters cycled: ${inboxFilters.join(" | ")}; baseline: the bare SELECT; target < 100 ms`,
    });
    return rows;
  } finally {
    await app.close();
  }
}

async function embedded(ctx: BenchContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const dataDir = join(ctx.repoRoot, ".bench/synth-embedded");
  const loaded = await load({ seed: SYNTH_SEED, scale: SYNTH_SCALE, provinces: 1, dataDir, log: ctx.log });
  if (loaded.provinces.some((p) => !p.skipped))
    rows.push({ name: "one province load (multi-row INSERT)", value: loaded.seconds, unit: "s" });
  const db = await startEmbeddedDatabase(dataDir);
  const app = await inProcessApp(db.url, "embedded");
  try {
    const { province, ministry } = await units(app.database);
    const leader = await benchUser(app.database, "leadership", ministry.id);
    const all = listIndicators().map((d) => d.code);
    const q = {
      codes: all,
      unitId: province.id,
      period: QUARTER,
      breakdown: "none" as const,
      lineage: "current" as const,
    };
    const t = await time(() => analyse(app.database.db, leader.actor, q), 10, 1);
    const local = await analyse(app.database.db, leader.actor, q);

    // the same figures on the server, when its data set is there
    const url = databaseOn(process.env.DATABASE_URL, BENCH_DB);
    let note =
      "the server data set is absent: no comparison (run `npm run bench -- --only national --pg` first)";
    let baseline: number | undefined;
    if (await serverLoaded(url)) {
      const server = await connect(url, "postgres", 2);
      try {
        await syncFigureIndicators(server.db);
        const serverUnits = await units(server);
        const serverLeader = await benchUser(server, "leadership", serverUnits.ministry.id);
        const sq = { ...q, unitId: serverUnits.province.id };
        const remote = await analyse(server.db, serverLeader.actor, sq);
        baseline = ms(await time(() => analyse(server.db, serverLeader.actor, sq), 10, 1));
        const theirs = new Map(remote.rows.map((r) => [r.code, r.total]));
        let same = 0;
        const differ: string[] = [];
        for (const r of local.rows) {
          const o = theirs.get(r.code);
          if (o && o.value === r.total.value && o.lastYear === r.total.lastYear) same++;
          else differ.push(r.code);
        }
        note = `${same} of ${local.rows.length} figures (value and last year) equal to the server's${differ.length ? `; differ: ${differ.slice(0, 5).join(", ")}` : ""}; baseline: the server, same query`;
        rows.push({ name: "figures equal to the server's", value: same, unit: `of ${local.rows.length}` });
      } finally {
        await syncFigureIndicators(app.database.db);
        await server.close();
      }
    }
    rows.push({
      name: `${province.name} quarter: all ${all.length} indicators with last year, embedded (p95)`,
      value: ms(t),
      unit: "ms",
      baseline,
      note: `${note}; target < 1 s`,
    });
    return rows;
  } finally {
    await app.close();
    await db.stop();
  }
}
