import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncFigureIndicators } from "../../apps/server/src/modules/figures/indicators.ts";
import { evaluate, listIndicators } from "../../apps/server/src/platform/indicators/registry.ts";
import { type TestContext, testContext } from "../../apps/server/src/test/context.ts";
import {
  call,
  makeProvince,
  makeUser,
  type TestProvince,
  type TestUser,
} from "../../apps/server/src/test/factories.ts";
import { generate, type SynthSummary } from "./generate.ts";
import { makeSink } from "./writer.ts";

/*
 * The generator, run tiny into a fresh test province, writes rows that the modules' own code reads: the
 * indicator registry counts them, the activity list and the officer inbox list them, the analysis API
 * reports them with last year beside.
 */
let ctx: TestContext;
let p: TestProvince;
let staff: TestUser;
let summary: SynthSummary;
let provincePath: string;
const prefix = () => `synth_t${p.suffix}_`;

async function run() {
  // the test's own connection (the embedded database has one session: no second client beside it)
  const client = await ctx.database.pool.connect();
  try {
    return await generate(makeSink(client, ctx.database.kind === "postgres" ? "copy" : "insert"), {
      seed: 7,
      scale: 0.05,
      provinceIds: [p.provinceId],
      figurePrefix: prefix(),
    });
  } finally {
    client.release();
  }
}

beforeAll(async () => {
  ctx = await testContext();
  p = await makeProvince(ctx.db, "Mô phỏng");
  staff = await makeUser(ctx.db, "province_staff", p.provinceId);
  summary = await run();
  await syncFigureIndicators(ctx.db);
  provincePath = (
    await ctx.db
      .selectFrom("org_units")
      .select(sql<string>`path::text`.as("path"))
      .where("id", "=", p.provinceId)
      .executeTakeFirstOrThrow()
  ).path;
});
afterAll(async () => ctx?.close());

const count = async (query: ReturnType<typeof sql<{ n: number }>>) =>
  Number((await query.execute(ctx.db)).rows[0].n);

const figure = async (code: string, from = "2021-01-01", to = "2026-01-01") =>
  (await evaluate(ctx.db, { codes: [code], groups: [{ key: "p", root: provincePath }], from, to }))[0]?.value;

describe("synthetic generator", () => {
  it("writes every kind of record into the province's communes and new residential areas", () => {
    expect(summary.provinces).toHaveLength(1);
    for (const table of [
      "org_units",
      "movement_activities",
      "movement_models",
      "movement_model_members",
      "movement_pledges",
      "submissions",
      "figure_values",
    ])
      expect(summary.rows[table], table).toBeGreaterThan(0);
  });

  it("gives the registry's figures the same totals as a direct count over the rows", async () => {
    const activities = await count(
      sql<{
        n: number;
      }>`select count(*)::int as n from movement_activities where province_id = ${p.provinceId}`,
    );
    expect(activities).toBeGreaterThan(50);
    expect(await figure("movement.activities.count")).toBe(activities);
    const patrols = await count(
      sql<{
        n: number;
      }>`select count(*)::int as n from movement_activities where province_id = ${p.provinceId} and kind = 'patrol'`,
    );
    expect(await figure("movement.activities.patrol.count")).toBe(patrols);
    const participants = await count(
      sql<{
        n: number;
      }>`select coalesce(sum(participants), 0)::int as n from movement_activities where province_id = ${p.provinceId}`,
    );
    expect(await figure("movement.activities.participants")).toBe(participants);

    const received = await count(
      sql<{ n: number }>`select count(*)::int as n from submissions where province_id = ${p.provinceId}`,
    );
    expect(received).toBeGreaterThan(0);
    expect(await figure("submissions.received")).toBe(received);

    const households = await count(
      sql<{
        n: number;
      }>`select coalesce(sum(households_signed), 0)::int as n from movement_pledges where province_id = ${p.provinceId} and year = 2025`,
    );
    expect(await figure("movement.pledges.households_signed", "2025-01-01", "2026-01-01")).toBe(households);
    expect(await figure("movement.models.count")).toBeGreaterThan(0);

    const cases = await count(sql<{
      n: number;
    }>`select coalesce(sum(v.value), 0)::int as n from figure_values v
      join figure_definitions d on d.id = v.definition_id
      where d.code = ${`${prefix()}crime_social_order_cases`} and v.province_id = ${p.provinceId}`);
    expect(await figure(`figures.${prefix()}crime_social_order_cases`)).toBe(cases);
  });

  it("holds the festival day on 19 August more than on any other day", async () => {
    const { rows } = await sql<{ day: string; n: number }>`
      select to_char(occurred_on, 'MM-DD') as day, count(*)::int as n from movement_activities
      where province_id = ${p.provinceId} and kind = 'festival_day' group by 1 order by 2 desc limit 1`.execute(
      ctx.db,
    );
    expect(rows[0]?.day).toBe("08-19");
  });

  it("keeps entered figures consistent with the validation rule (suspects ≥ cases)", async () => {
    const bad = await count(sql<{ n: number }>`select count(*)::int as n from figure_values c
      join figure_definitions dc on dc.id = c.definition_id and dc.code = ${`${prefix()}crime_social_order_cases`}
      join figure_definitions ds on ds.code = ${`${prefix()}crime_social_order_suspects`}
      join figure_values s on s.definition_id = ds.id and s.unit_id = c.unit_id and s.period_start = c.period_start
      where s.value < c.value`);
    expect(bad).toBe(0);
  });

  it("lists the rows through the modules' own routes", async () => {
    const list = await call(
      ctx.app,
      staff,
      "GET",
      `/api/v1/movement/activities?unitId=${p.provinceId}&limit=5`,
    );
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBe(5);
    const inbox = await call(ctx.app, staff, "GET", `/api/v1/submissions?unitId=${p.provinceId}&limit=5`);
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.length).toBeGreaterThan(0);
    const codes = listIndicators()
      .map((d) => d.code)
      .filter((c) => c.startsWith("movement.activities.") || c.startsWith("submissions.received"));
    const analysis = await call(
      ctx.app,
      staff,
      "GET",
      `/api/v1/reports/analysis?unitId=${p.provinceId}&period=2025&codes=${codes.join(",")}&breakdown=children`,
    );
    expect(analysis.status).toBe(200);
    const total = analysis.body.rows.find((r: { code: string }) => r.code === "movement.activities.count");
    expect(total.total.value).toBe(
      await count(
        sql<{
          n: number;
        }>`select count(*)::int as n from movement_activities where province_id = ${p.provinceId} and occurred_on between '2025-01-01' and '2025-12-31'`,
      ),
    );
    expect(total.total.lastYear).toBe(
      await count(
        sql<{
          n: number;
        }>`select count(*)::int as n from movement_activities where province_id = ${p.provinceId} and occurred_on between '2024-01-01' and '2024-12-31'`,
      ),
    );
  });

  it("skips a province already loaded with the same parameters", async () => {
    const again = await run();
    expect(again.provinces[0].skipped).toBe(true);
    expect(Object.values(again.rows).reduce((s, n) => s + n, 0)).toBe(0);
  });
});
