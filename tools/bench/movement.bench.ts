/**
 * Movement figures (issue 4): with N synthetic activities spread over every commune of the country,
 * (1) a province's activity list for one month filtered by kind, first page, through the service (scope,
 * lineage, keyset page) against the same page as raw SQL; (2) the indicator registry's province-quarter
 * figures for every activity indicator with last year's, against one raw count. Target (issue 4, on
 * PostgreSQL with 5,000,000 activities): (1) p95 < 150 ms, (2) < 300 ms.
 * N: MOVEMENT_BENCH_ROWS (default 5,000,000 with --pg, 200,000 embedded).
 */
import { sql } from "kysely";
import pg from "pg";
import { bootstrap } from "../../apps/server/src/bootstrap.ts";
import { connect } from "../../apps/server/src/db/client.ts";
import { startEmbeddedDatabase } from "../../apps/server/src/db/embedded.ts";
import { makeActivitiesService } from "../../apps/server/src/modules/movement/activities/service.ts";
import {
  movementIndicatorCodes,
  syncMovementIndicators,
} from "../../apps/server/src/modules/movement/indicators.ts";
import type { Actor } from "../../apps/server/src/platform/authz/actor.ts";
import { evaluateWithLastYear } from "../../apps/server/src/platform/indicators/registry.ts";
import type { BenchContext, BenchRow } from "./run.ts";
import { tempDir } from "./server.ts";

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

async function timeEach(n: number, fn: (i: number) => Promise<unknown>) {
  for (let i = 0; i < Math.min(5, n); i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: percentile(times, 50), p95: percentile(times, 95) };
}

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const rowsWanted = Number(process.env.MOVEMENT_BENCH_ROWS ?? (ctx.pg ? 5_000_000 : 200_000));
  let url: string;
  let cleanup = async () => {};
  if (ctx.pg && ctx.databaseUrl) {
    const name = `danvan_bench_movement_${process.pid}`;
    const admin = new pg.Client({ connectionString: ctx.databaseUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(ctx.databaseUrl);
    u.pathname = `/${name}`;
    url = u.toString();
    cleanup = async () => {
      const c = new pg.Client({ connectionString: ctx.databaseUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  } else {
    const embedded = await startEmbeddedDatabase(tempDir("danvan-bench-movement-"));
    url = embedded.url;
    cleanup = embedded.stop;
  }
  const database = await connect(url, ctx.pg ? "postgres" : "embedded", 1);
  const db = database.db;
  const rows: BenchRow[] = [];
  try {
    ctx.log("migrations and reference units");
    await bootstrap(db, { adminPassword: "Bench-movement-2025", loadDemo: false });
    await syncMovementIndicators(db);
    ctx.log(`generating ${rowsWanted.toLocaleString("en-US")} activities over every commune, 2023-2025`);
    const t0 = performance.now();
    // kinds weighted like real work (patrols and meetings most), dates spread over three years
    await sql`
      insert into movement_activities (unit_id, province_id, kind_id, kind, occurred_on, title, participants, results, is_demo)
      with c as (select array_agg(id order by id) as ids, count(*)::int as n from org_units
                 where kind = 'commune' and valid_to is null),
           k as (select array_agg(id order by id) as ids, array_agg(code order by id) as codes, count(*)::int as n
                 from movement_activity_kinds),
           gen as (select g, c.ids[1 + (g * 7919) % c.n] as unit_id, 1 + (g * 31) % k.n as ki from generate_series(1::bigint, ${rowsWanted}::bigint) g, c, k)
      select gen.unit_id, u.province_id, k.ids[gen.ki], k.codes[gen.ki], date '2023-01-01' + (gen.g % 1095)::int,
        'Hoạt động tổng hợp ' || gen.g, (gen.g % 97)::int, jsonb_build_object('attendance', gen.g % 97), true
      from gen join org_units u on u.id = gen.unit_id, k`.execute(db);
    await sql`analyze movement_activities`.execute(db);
    rows.push({
      name: "synthetic activities generated",
      value: rowsWanted,
      unit: "rows",
      note: `${((performance.now() - t0) / 1000).toFixed(0)} s`,
    });

    const province = await db
      .selectFrom("org_units")
      .select(["id", sql<string>`path::text`.as("path")])
      .where("code", "=", "44")
      .executeTakeFirstOrThrow();
    const actor: Actor = {
      userId: 0,
      username: "bench",
      fullName: "bench",
      unitId: province.id,
      actingUnitId: province.id,
      grants: [{ role: "province_staff", unitId: province.id, path: province.path }],
      sessionId: "bench",
      ip: undefined,
    };
    const service = makeActivitiesService(db);
    const months = ["2025-03", "2025-04", "2025-05", "2025-06", "2025-07", "2025-08"];
    const kinds = ["patrol", "propaganda", "village_meeting", "pledge_drive"];
    const lastDay = (m: string) =>
      new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)), 0)).toISOString().slice(0, 10);
    ctx.log("province activity list, one month, one kind, first page (service)");
    const list = await timeEach(60, (i) =>
      service.list(actor, {
        unitId: province.id,
        kind: kinds[i % kinds.length],
        from: `${months[i % months.length]}-01`,
        to: lastDay(months[i % months.length]),
        limit: 50,
      }),
    );
    const raw = await timeEach(60, (i) =>
      sql`select a.* from movement_activities a where a.province_id = ${province.id} and a.kind = ${kinds[i % kinds.length]}
        and a.occurred_on between ${`${months[i % months.length]}-01`}::date and ${lastDay(months[i % months.length])}::date
        order by a.occurred_on desc, a.id desc limit 51`.execute(db),
    );
    rows.push({
      name: "province activity list, month + kind, first page, p95 (service: scope, lineage, names)",
      value: list.p95,
      unit: "ms",
      baseline: raw.p95,
      ratio: list.p95 / raw.p95,
      note: `median ${list.median.toFixed(1)} ms; baseline: the same page as raw SQL; target < 150 ms at 5M on PostgreSQL`,
    });

    const codes = movementIndicatorCodes().filter(
      (c) => c.startsWith("movement.activities.") || c.startsWith("movement.results."),
    );
    ctx.log(`registry: ${codes.length} activity indicators, province quarter, with last year's`);
    const reg = await timeEach(10, (i) =>
      evaluateWithLastYear(db, {
        codes,
        groups: [{ key: String(province.id), root: province.path }],
        from: i % 2 ? "2025-04-01" : "2025-01-01",
        to: i % 2 ? "2025-07-01" : "2025-04-01",
        lineage: "current",
      }),
    );
    const one = await timeEach(10, () =>
      sql`select count(*) from movement_activities where province_id = ${province.id} and occurred_on >= '2025-01-01' and occurred_on < '2025-04-01'`.execute(
        db,
      ),
    );
    rows.push({
      name: `indicator registry: ${codes.length} activity indicators × (quarter + last year), one province, p95`,
      value: reg.p95,
      unit: "ms",
      baseline: one.p95,
      ratio: reg.p95 / one.p95,
      note: `median ${reg.median.toFixed(0)} ms; baseline: one raw count of the province-quarter; target < 300 ms at 5M on PostgreSQL`,
    });
  } finally {
    await database.close();
    await cleanup();
  }
  return rows;
}
