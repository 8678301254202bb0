/**
 * Times the country's year by province (all indicators with last year) on the benchmark database, the
 * national benchmark's slowest measure alone: `tsx tools/bench/time-country.ts [year] [runs]`.
 */
import { sql } from "kysely";
import { syncFigureIndicators } from "../../apps/server/src/modules/figures/indicators.ts";
import { analyse } from "../../apps/server/src/modules/reports/analysis.ts";
import { listIndicators } from "../../apps/server/src/platform/indicators/registry.ts";
import { BENCH_DB, benchUser, databaseOn, inProcessApp, time } from "./inprocess.ts";

const [year = "2025", runs = "7"] = process.argv.slice(2);
const app = await inProcessApp(databaseOn(process.env.DATABASE_URL, BENCH_DB), "postgres");
const db = app.database.db;
await syncFigureIndicators(db);
const ministry = (
  await sql<{ id: number }>`select id from org_units where kind = 'ministry' order by id limit 1`.execute(db)
).rows[0];
const leader = await benchUser(app.database, "leadership", Number(ministry.id));
const codes = listIndicators().map((d) => d.code);
const t = await time(
  () =>
    analyse(db, leader.actor, {
      codes,
      unitId: Number(ministry.id),
      period: year,
      breakdown: "children",
      lineage: "current",
    }),
  Number(runs),
  1,
);
console.log(
  `country year ${year} by province, ${codes.length} indicators: p50 ${t.p50.toFixed(0)} ms, p95 ${t.p95.toFixed(0)} ms`,
);
await app.close();
