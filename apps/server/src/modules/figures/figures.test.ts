import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestContext, testContext } from "../../test/context.ts";
import { call, makeProvince, makeUser, type TestProvince, type TestUser } from "../../test/factories.ts";

let ctx: TestContext;
let p: TestProvince;
let admin: TestUser;
let officerA: TestUser;
let officerB: TestUser;
let chiefA: TestUser;
let staff: TestUser;
let cases: number;
let suspects: number;
const s = Math.random().toString(36).slice(2, 8);

beforeAll(async () => {
  ctx = await testContext();
  p = await makeProvince(ctx.db, "Số liệu");
  admin = await makeUser(ctx.db, "sysadmin", p.provinceId);
  officerA = await makeUser(ctx.db, "commune_officer", p.communeA);
  officerB = await makeUser(ctx.db, "commune_officer", p.communeB);
  chiefA = await makeUser(ctx.db, "commune_chief", p.communeA);
  staff = await makeUser(ctx.db, "province_staff", p.provinceId);
  const mk = async (code: string, name: string, unitLabel: string) => {
    const r = await call(ctx.app, admin, "POST", "/api/v1/figures/definitions", {
      code: `${code}_${s}`,
      name,
      nameEn: name,
      unitLabel,
      unitLabelEn: unitLabel,
      periodType: "month",
      groupName: "Tội phạm",
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.id as number;
  };
  cases = await mk("cases", "Số vụ phạm pháp hình sự", "vụ");
  suspects = await mk("suspects", "Số đối tượng", "đối tượng");
  const rule = await call(ctx.app, admin, "POST", "/api/v1/figures/rules", {
    leftId: suspects,
    op: ">=",
    rightId: cases,
    applies: "right_positive",
    message: "Số đối tượng phải không ít hơn số vụ khi có vụ.",
    messageEn: "Suspects must be at least the cases when there are cases.",
  });
  expect(rule.status).toBe(201);
});
afterAll(async () => ctx?.close());

const save = (
  user: TestUser,
  unitId: number,
  periodStart: string,
  values: [number, number | null][],
  confirm: number[] = [],
) =>
  call(ctx.app, user, "PUT", "/api/v1/figures/entry", {
    unitId,
    periodType: "month",
    periodStart,
    values: values.map(([definitionId, value]) => ({ definitionId, value })),
    confirmOutliers: confirm,
  });

describe("figures entered by units", () => {
  it("only an administrator defines figures", async () => {
    const r = await call(ctx.app, staff, "POST", "/api/v1/figures/definitions", {
      code: `x_${s}`,
      name: "x",
      nameEn: "x",
      unitLabel: "x",
      unitLabelEn: "x",
      periodType: "year",
    });
    expect(r.status).toBe(403);
  });

  it("registers each defined figure in the indicator catalogue", async () => {
    const r = await call(ctx.app, officerA, "GET", "/api/v1/indicators");
    const codes = r.body.items.map((i: { code: string }) => i.code);
    expect(codes).toContain(`figures.cases_${s}`);
    expect(codes).toContain(`figures.suspects_${s}`);
  });

  it("saves a grid and rejects values that break a rule (suspects ≥ cases when cases > 0)", async () => {
    const bad = await save(officerA, p.communeA, "2024-01-01", [
      [cases, 5],
      [suspects, 3],
    ]);
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe("figures_invalid");
    expect(bad.body.errors[0].message).toContain("không ít hơn số vụ");
    const grid0 = await call(
      ctx.app,
      officerA,
      "GET",
      `/api/v1/figures/entry?unitId=${p.communeA}&periodType=month&periodStart=2024-01-01`,
    );
    expect(grid0.body.rows.every((r: { value: unknown }) => r.value == null)).toBe(true);
    const ok = await save(officerA, p.communeA, "2024-01-01", [
      [cases, 5],
      [suspects, 9],
    ]);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const byId = new Map(
      ok.body.rows.map((r: { definition: { id: number }; value: number }) => [r.definition.id, r.value]),
    );
    expect(byId.get(cases)).toBe(5);
    expect(byId.get(suspects)).toBe(9);
    // zero cases: the rule does not apply
    expect(
      (
        await save(officerA, p.communeA, "2024-02-01", [
          [cases, 0],
          [suspects, 0],
        ])
      ).status,
    ).toBe(200);
    // negative and fractional values are refused
    expect((await save(officerA, p.communeA, "2024-03-01", [[cases, -1]])).body.code).toBe("figures_invalid");
    expect((await save(officerA, p.communeA, "2024-03-01", [[cases, 1.5]])).body.code).toBe(
      "figures_invalid",
    );
    // a period must start on its first day
    expect((await save(officerA, p.communeA, "2024-03-02", [[cases, 1]])).body.code).toBe("invalid_period");
  });

  it("asks to confirm a value far from the unit's history, and records the confirmation", async () => {
    for (const [m, v] of [
      ["2023-01-01", 4],
      ["2023-02-01", 5],
      ["2023-03-01", 6],
      ["2023-04-01", 5],
    ] as const)
      expect(
        (
          await save(officerB, p.communeB, m, [
            [cases, v],
            [suspects, v + 1],
          ])
        ).status,
      ).toBe(200);
    const far = await save(officerB, p.communeB, "2023-05-01", [
      [cases, 80],
      [suspects, 81],
    ]);
    expect(far.status).toBe(422);
    expect(far.body.code).toBe("confirmation_required");
    expect(far.body.outliers.map((o: { definitionId: number }) => o.definitionId).sort()).toEqual(
      [cases, suspects].sort(),
    );
    const confirmed = await save(
      officerB,
      p.communeB,
      "2023-05-01",
      [
        [cases, 80],
        [suspects, 81],
      ],
      [cases, suspects],
    );
    expect(confirmed.status).toBe(200);
    expect(
      confirmed.body.rows.find((r: { definition: { id: number } }) => r.definition.id === cases)
        .confirmedOutlier,
    ).toBe(true);
    const near = await save(officerB, p.communeB, "2023-06-01", [
      [cases, 6],
      [suspects, 7],
    ]);
    expect(near.status).toBe(200);
  });

  it("a commune cannot read or write a neighbour's figures (404)", async () => {
    expect(
      (
        await save(officerA, p.communeB, "2024-01-01", [
          [cases, 1],
          [suspects, 1],
        ])
      ).status,
    ).toBe(404);
    const r = await call(
      ctx.app,
      officerA,
      "GET",
      `/api/v1/figures/entry?unitId=${p.communeB}&periodType=month&periodStart=2024-01-01`,
    );
    expect(r.status).toBe(404);
  });

  it("the level above approves, which locks the period; unlocking needs a reason and is audited", async () => {
    const q = { unitId: p.communeA, periodType: "month", periodStart: "2024-01-01" };
    // the commune cannot approve itself
    expect((await call(ctx.app, chiefA, "POST", "/api/v1/figures/approvals", q)).status).toBe(403);
    const board = await call(
      ctx.app,
      staff,
      "GET",
      `/api/v1/figures/approvals?parentId=${p.provinceId}&periodType=month&periodStart=2024-01-01`,
    );
    const rowA = board.body.items.find((i: { unit: { id: number } }) => i.unit.id === p.communeA);
    expect(rowA).toMatchObject({ entered: 2, approved: false, abilities: { approve: true } });
    const approved = await call(ctx.app, staff, "POST", "/api/v1/figures/approvals", q);
    expect(approved.status).toBe(200);
    expect(approved.body.locked).toBe(true);
    const blocked = await save(officerA, p.communeA, "2024-01-01", [
      [cases, 6],
      [suspects, 9],
    ]);
    expect(blocked.status).toBe(409);
    expect(blocked.body.code).toBe("period_locked");
    // other months stay open
    expect(
      (
        await save(officerA, p.communeA, "2024-02-01", [
          [cases, 1],
          [suspects, 1],
        ])
      ).status,
    ).toBe(200);
    expect(
      (await call(ctx.app, staff, "POST", "/api/v1/figures/approvals/unlock", { ...q, reason: "" })).status,
    ).toBe(400);
    const unlocked = await call(ctx.app, staff, "POST", "/api/v1/figures/approvals/unlock", {
      ...q,
      reason: "Sai số vụ tháng 1",
    });
    expect(unlocked.status).toBe(200);
    expect(unlocked.body.locked).toBe(false);
    expect(unlocked.body.events.map((e: { action: string }) => e.action)).toEqual(["approved", "unlocked"]);
    expect(
      (
        await save(officerA, p.communeA, "2024-01-01", [
          [cases, 6],
          [suspects, 9],
        ])
      ).status,
    ).toBe(200);
    const audit = await ctx.db
      .selectFrom("audit_log")
      .select(["action", "reason"])
      .where("target_id", "=", `${p.communeA}:month:2024-01-01`)
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      "figure.values_saved",
      "figure.period_approved",
      "figure.period_unlocked",
      "figure.values_saved",
    ]);
    expect(audit[2].reason).toBe("Sai số vụ tháng 1");
  });

  it("entered figures appear in the indicator evaluation of the province, with last year", async () => {
    const r = await call(
      ctx.app,
      staff,
      "GET",
      `/api/v1/reports/analysis?codes=figures.cases_${s}&unitId=${p.provinceId}&period=2024-Q1&breakdown=children`,
    );
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const row = r.body.rows[0];
    // 2024 Q1: A has 6 (Jan) + 0 (Feb → 1 after) ... A: Jan 6, Feb 1; B: none. 2023 Q1: B 4+5+6
    expect(row.total).toEqual({ value: 7, lastYear: 15, diff: -8, percent: -53.3 });
    expect(row.cells[String(p.communeA)].value).toBe(7);
    expect(row.cells[String(p.communeB)]).toEqual({ value: 0, lastYear: 15, diff: -15, percent: -100 });
  });
});
