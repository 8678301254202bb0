import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../platform/authz/actor.ts";
import { evaluateWithLastYear, listIndicators } from "../../platform/indicators/registry.ts";
import { type TestContext, testContext } from "../../test/context.ts";
import { call, makeProvince, makeUser, type TestProvince, type TestUser } from "../../test/factories.ts";
import { insertEvents, insertUnits, type NewEvent, refreshSuccessors } from "../org-units/repo-write.ts";
import { analyse } from "./analysis.ts";

let ctx: TestContext;
let p: TestProvince;
let closedC: number;
let admin: TestUser;
let staff: TestUser;
let chiefA: TestUser;
let defId: number;
let code: string;
const s = Math.random().toString(36).slice(2, 8);

beforeAll(async () => {
  ctx = await testContext();
  p = await makeProvince(ctx.db, "Phân tích");
  admin = await makeUser(ctx.db, "sysadmin", p.provinceId);
  staff = await makeUser(ctx.db, "province_staff", p.provinceId);
  chiefA = await makeUser(ctx.db, "commune_chief", p.communeA);
  // commune C existed until 31/12/2024 and was merged into commune A on 01/01/2025
  closedC = await closedCommune("C", "Đã Nhập", (id) => [
    { kind: "merged_into", effectiveOn: "2025-01-01", fromUnitId: id, toUnitId: p.communeA },
  ]);
  const r = await call(ctx.app, admin, "POST", "/api/v1/figures/definitions", {
    code: `events_${s}`,
    name: "Số vụ việc",
    nameEn: "Incidents",
    unitLabel: "vụ",
    unitLabelEn: "incidents",
    periodType: "month",
  });
  expect(r.status).toBe(201);
  defId = r.body.id;
  code = `figures.events_${s}`;
});
afterAll(async () => ctx?.close());

/** The test province's figures by child unit. */
const provinceByChildren = (codes: string[], period: string, lineage: "current" | "historical") =>
  analysis(staff, { codes: codes.join(","), unitId: p.provinceId, period, breakdown: "children", lineage });

/** A commune of the test province that closed on 31/12/2024, with the lineage events `events` names. */
async function closedCommune(letter: string, place: string, events: (id: number) => NewEvent[]) {
  return ctx.db.transaction().execute(async (trx) => {
    const [id] = await insertUnits(trx, [
      {
        parentId: p.provinceId,
        kind: "commune",
        adminType: "commune",
        code: `T-${p.suffix}-${letter}`,
        name: `Công an xã ${place} ${p.suffix}`,
        placeName: `${place} ${p.suffix}`,
        validFrom: "2020-01-01",
        validTo: "2024-12-31",
      },
    ]);
    await insertEvents(trx, events(id));
    await refreshSuccessors(trx, [id]);
    return id;
  });
}

async function put(unitId: number, month: string, value: number) {
  await ctx.db
    .insertInto("figure_values")
    .values({
      definition_id: defId,
      unit_id: unitId,
      province_id: p.provinceId,
      period_start: `${month}-01`,
      period_end: new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0))
        .toISOString()
        .slice(0, 10),
      value,
      entered_by: admin.id,
    })
    .onConflict((oc) => oc.columns(["definition_id", "unit_id", "period_start"]).doUpdateSet({ value }))
    .execute();
}

const analysis = (user: TestUser, q: Record<string, string | number>) =>
  call(
    ctx.app,
    user,
    "GET",
    `/api/v1/reports/analysis?${new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)] as [string, string]))}`,
  );

describe("analysis: lineage roll-ups (hand-computed)", () => {
  beforeAll(async () => {
    await put(closedC, "2024-03", 4);
    await put(p.communeA, "2024-03", 2);
    await put(p.communeB, "2024-03", 1);
    await put(p.communeA, "2025-03", 3);
  });

  it("groups by the units of that time: 2024 Q1 by child is A 2, B 1, C 4", async () => {
    const r = await provinceByChildren([code], "2024-Q1", "historical");
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const row = r.body.rows[0];
    expect(r.body.columns.map((c: { unitId: number }) => c.unitId)).toEqual(
      expect.arrayContaining([p.communeA, p.communeB, closedC]),
    );
    expect(row.cells[String(p.communeA)].value).toBe(2);
    expect(row.cells[String(p.communeB)].value).toBe(1);
    expect(row.cells[String(closedC)].value).toBe(4);
    expect(row.total.value).toBe(7);
  });

  it("groups by today's units through lineage: C's records count in A (6), the total is unchanged", async () => {
    const r = await provinceByChildren([code], "2024-Q1", "current");
    const row = r.body.rows[0];
    expect(r.body.columns.map((c: { unitId: number }) => c.unitId)).not.toContain(closedC);
    expect(row.cells[String(p.communeA)].value).toBe(6);
    expect(row.cells[String(p.communeB)].value).toBe(1);
    expect(row.total.value).toBe(7);
  });

  it("today's commune A compares 2025 Q1 with its own history including C's", async () => {
    const current = await analysis(chiefA, {
      codes: code,
      unitId: p.communeA,
      period: "2025-Q1",
      lineage: "current",
    });
    expect(current.body.rows[0].total).toEqual({ value: 3, lastYear: 6, diff: -3, percent: -50 });
    const historical = await analysis(chiefA, {
      codes: code,
      unitId: p.communeA,
      period: "2025-Q1",
      lineage: "historical",
    });
    expect(historical.body.rows[0].total).toEqual({ value: 3, lastYear: 2, diff: 1, percent: 50 });
  });

  it("a historical unit can be analysed as it stood, by whoever covers its successor", async () => {
    const r = await analysis(chiefA, { codes: code, unitId: closedC, period: "2024-Q1" });
    expect(r.status).toBe(200);
    expect(r.body.rows[0].total.value).toBe(4);
    expect(r.body.unit.validTo).toBe("2024-12-31");
  });

  it("a commune split between A and B counts in both children but once in the total", async () => {
    // commune D existed until 31/12/2024; its territory went half to A, half to B on 01/01/2025
    const closedD = await closedCommune("D", "Đã Chia", (id) => [
      { kind: "split_from", effectiveOn: "2025-01-01", fromUnitId: id, toUnitId: p.communeA, share: 0.5 },
      { kind: "split_from", effectiveOn: "2025-01-01", fromUnitId: id, toUnitId: p.communeB, share: 0.5 },
    ]);
    await put(closedD, "2024-02", 5);
    try {
      const r = await provinceByChildren([code], "2024-Q1", "current");
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      const row = r.body.rows[0];
      expect(row.cells[String(p.communeA)].value).toBe(11); // 2 + C's 4 + D's 5
      expect(row.cells[String(p.communeB)].value).toBe(6); // 1 + D's 5
      expect(row.total.value).toBe(12); // 2 + 1 + 4 + 5: D once, not the children's sum of 17
    } finally {
      await ctx.db.deleteFrom("figure_values").where("unit_id", "=", closedD).execute();
    }
  });

  it("breaks down by month with last year beside each month", async () => {
    const r = await analysis(staff, {
      codes: code,
      unitId: p.provinceId,
      period: "2025-Q1",
      breakdown: "period",
      lineage: "current",
    });
    expect(r.body.columns.map((c: { key: string }) => c.key)).toEqual(["2025-M01", "2025-M02", "2025-M03"]);
    expect(r.body.rows[0].cells["2025-M03"]).toEqual({ value: 3, lastYear: 7, diff: -4, percent: -57.1 });
  });
});

describe("analysis: scope", () => {
  it("a commune chief cannot ask for a neighbour's or the province's figures (404), nor export them", async () => {
    for (const unitId of [p.communeB, p.provinceId]) {
      expect((await analysis(chiefA, { codes: code, unitId, period: "2024" })).status).toBe(404);
      for (const format of ["csv", "xlsx"]) {
        const e = await call(
          ctx.app,
          chiefA,
          "GET",
          `/api/v1/reports/analysis/export?codes=${code}&unitId=${unitId}&period=2024&format=${format}`,
        );
        expect(e.status).toBe(404);
      }
      const d = await call(
        ctx.app,
        chiefA,
        "GET",
        `/api/v1/reports/drilldown?code=${code}&unitId=${unitId}&period=2024`,
      );
      expect(d.status).toBe(404);
    }
  });

  it("an export of the own commune carries the filters and none of the neighbour's figures", async () => {
    const e = await call(
      ctx.app,
      chiefA,
      "GET",
      `/api/v1/reports/analysis/export?codes=${code}&unitId=${p.communeA}&period=2024-Q1&format=csv&breakdown=children`,
    );
    expect(e.status).toBe(200);
    const text = e.raw.body;
    expect(text).toContain(`Công an xã Đắk Thử ${p.suffix}`);
    expect(text).toContain("quý I năm 2024");
    expect(text).not.toContain("Bên Cạnh");
    const x = await call(
      ctx.app,
      chiefA,
      "GET",
      `/api/v1/reports/analysis/export?codes=${code}&unitId=${p.communeA}&period=2024-Q1&format=xlsx`,
    );
    expect(x.status).toBe(200);
    expect(x.headers["content-disposition"]).toContain(".xlsx");
  });

  it("drill-down lists only the records of the asked subtree", async () => {
    const d = await call(
      ctx.app,
      staff,
      "GET",
      `/api/v1/reports/drilldown?code=${code}&unitId=${p.communeA}&period=2024-Q1&lineage=historical`,
    );
    expect(d.status).toBe(200);
    expect(d.body.items.map((i: { unit: { id: number }; value: number }) => [i.unit.id, i.value])).toEqual([
      [p.communeA, 2],
    ]);
    const all = await call(
      ctx.app,
      staff,
      "GET",
      `/api/v1/reports/drilldown?code=${code}&unitId=${p.provinceId}&period=2024-Q1`,
    );
    expect(all.body.items.reduce((a: number, i: { value: number }) => a + i.value, 0)).toBe(7);
  });

  it("rejects unknown indicators and malformed periods", async () => {
    expect(
      (await analysis(staff, { codes: "nope.nothing", unitId: p.provinceId, period: "2024" })).body.code,
    ).toBe("unknown_indicator");
    expect((await analysis(staff, { codes: code, unitId: p.provinceId, period: "2024-Q5" })).status).toBe(
      400,
    );
    expect(
      (await analysis(staff, { codes: code, unitId: p.provinceId, period: "2024-03-01..2024-02-01" })).body
        .code,
    ).toBe("invalid_period");
  });
});

describe("analysis: figures equal direct counts over the raw records", () => {
  it("for random subtrees and periods, and children add up to the parent", async () => {
    // random values over three years for A, B and A's residential area
    const rng = fc.sample(fc.integer({ min: 0, max: 40 }), { numRuns: 108, seed: 42 });
    let i = 0;
    for (const unit of [p.communeA, p.communeB, p.areaA1])
      for (let y = 2021; y <= 2023; y++)
        for (let m = 1; m <= 12; m++)
          await put(unit, `${y}-${String(m).padStart(2, "0")}`, rng[i++ % rng.length]);
    const units = [p.provinceId, p.communeA, p.communeB, p.areaA1];
    const day = fc
      .integer({ min: 0, max: 3 * 365 })
      .map((n) => new Date(Date.UTC(2021, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...units), day, day, async (unitId, a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const r = await analysis(staff, {
          codes: code,
          unitId,
          period: `${from}..${to}`,
          breakdown: "children",
          lineage: "historical",
        });
        expect(r.status).toBe(200);
        const { rows } = await sql<{ v: number }>`
          select coalesce(sum(v.value), 0)::float8 as v from figure_values v join org_units u on u.id = v.unit_id
          where v.definition_id = ${defId} and u.path <@ (select path from org_units where id = ${unitId})
            and v.period_start >= ${from}::date and v.period_end <= ${to}::date`.execute(ctx.db);
        const row = r.body.rows[0];
        expect(row.total.value).toBe(rows[0].v);
        const parts = Object.values(row.cells as Record<string, { value: number }>).reduce(
          (x, c) => x + c.value,
          0,
        );
        expect(parts).toBe(row.total.value);
      }),
      { numRuns: 25, seed: 7 },
    );
  });
});

describe("analysis: a province's totals formed from its communes", () => {
  // as the units stood then, every unit of the province lies in exactly one child (today's lineage would
  // count the split commune D in two), so the totals are formed from the children
  const byChildren = (codes: string[], period: string) => provinceByChildren(codes, period, "historical");

  it("makes a ratio of the whole from the summed parts, not from the parts' ratios", async () => {
    // 2021: commune A closed two tips, one on time (rated 5 and 2); commune B closed one, on time (rated 4)
    const item = (unitId: number, day: string, onTime: boolean, rating: number) => ({
      kind: "crime_report",
      channel: "walk_in",
      status: "closed",
      unit_id: unitId,
      province_id: p.provinceId,
      place_unit_id: unitId,
      content: "Tin báo thử nghiệm cho tỷ lệ",
      rule_code: "crime_report.decision",
      received_at: `${day}T01:00:00Z`,
      received_on: day,
      clock_started_on: day,
      due_on: day,
      closed_on: day,
      closed_on_time: onTime,
      outcome: "not_confirmed",
      rating,
      rated_at: `${day}T09:00:00Z`,
    });
    await ctx.db
      .insertInto("submissions")
      .values([
        item(p.communeA, "2021-05-03", true, 5),
        item(p.communeA, "2021-05-10", false, 2),
        item(p.communeB, "2021-05-12", true, 4),
      ])
      .execute();
    const r = await byChildren(["submissions.on_time_pct", "submissions.satisfaction_avg"], "2021-Q2");
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const [onTime, satisfaction] = r.body.rows;
    expect(onTime.cells[String(p.communeA)].value).toBe(50);
    expect(onTime.cells[String(p.communeB)].value).toBe(100);
    expect(onTime.total.value).toBe(66.7); // 2 of 3, not the children's average 75
    expect(satisfaction.cells[String(p.communeA)].value).toBe(3.5);
    expect(satisfaction.total.value).toBe(3.67); // 11 / 3
  });

  it("counts a model covering two communes in each of them but once in the province", async () => {
    const types = await ctx.db.selectFrom("movement_model_types").select(["id", "code"]).execute();
    const typeId = (code: string) => types.find((t) => t.code === code)!.id;
    for (const [name, cover] of [
      ["Cụm an toàn liên xã", [p.communeB]],
      ["Tổ tự quản một xã", []],
    ] as const) {
      const m = await call(ctx.app, staff, "POST", "/api/v1/movement/models", {
        unitId: p.communeA,
        typeId: typeId("border_cluster"),
        name,
        launchedOn: "2021-03-01",
        coverUnitIds: cover,
      });
      expect(m.status, JSON.stringify(m.body)).toBe(201);
    }
    const r = await byChildren(["movement.models.count"], "2021");
    const row = r.body.rows[0];
    expect(row.cells[String(p.communeA)].value).toBe(2);
    expect(row.cells[String(p.communeB)].value).toBe(1);
    expect(row.total.value).toBe(2);
  });
});

describe("analysis: the country's own figures", () => {
  it("formed from its provinces, equal every indicator counted over the whole country", async () => {
    const root = await ctx.db
      .selectFrom("org_units")
      .select(["id", sql<string>`path::text`.as("path")])
      .where("kind", "=", "ministry")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const leader: Actor = {
      userId: admin.id,
      username: admin.username,
      fullName: "Lãnh đạo",
      unitId: root.id,
      actingUnitId: root.id,
      grants: [{ role: "leadership", unitId: root.id, path: root.path }],
      sessionId: "vitest",
      ip: "127.0.0.1",
    };
    const codes = listIndicators().map((d) => d.code);
    // one snapshot for both readings: the other test files keep writing records meanwhile
    await ctx.db
      .transaction()
      .setIsolationLevel("repeatable read")
      .execute(async (tx) => {
        for (const [period, from, to] of [
          ["2021-Q2", "2021-04-01", "2021-07-01"],
          ["2024", "2024-01-01", "2025-01-01"],
        ])
          for (const lineage of ["current", "historical"] as const) {
            const got = await analyse(tx, leader, {
              codes,
              unitId: root.id,
              period,
              breakdown: "none",
              lineage,
            });
            const whole = await evaluateWithLastYear(tx, {
              codes,
              groups: [{ key: "total", root: root.path }],
              from,
              to,
              lineage,
            });
            const byCode = new Map(whole.map((v) => [v.code, v]));
            expect(got.rows.length).toBe(codes.length);
            // this file's records make some of them non-zero
            expect(got.rows.some((r) => (r.total.value ?? 0) > 0)).toBe(true);
            for (const r of got.rows) {
              const w = byCode.get(r.code)!;
              expect({
                period,
                lineage,
                code: r.code,
                value: r.total.value,
                lastYear: r.total.lastYear,
              }).toEqual({
                period,
                lineage,
                code: r.code,
                value: w.value,
                lastYear: w.lastYear,
              });
            }
          }
      });
  });
});
