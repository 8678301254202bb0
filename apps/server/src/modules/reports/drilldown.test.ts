import type { Insertable } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type IndicatorDef, listIndicators } from "../../platform/indicators/registry.ts";
import { type TestContext, testContext } from "../../test/context.ts";
import { call, makeProvince, makeUser, type TestProvince, type TestUser } from "../../test/factories.ts";
import type { SubmissionsTable } from "../submissions/tables.ts";

/*
 * The records behind the movement and citizen-channel figures (drill-down) and their split by kind, on a
 * province built for this file: the rows add up to the figure, stay within the asked subtree and the
 * actor's scope, and never carry a person's name planted in every personal field.
 */

let ctx: TestContext;
let p: TestProvince;
let staff: TestUser;
let chiefA: TestUser;
const PERIOD = "2024";
let NAME: string;

interface DrillItem {
  id: string;
  on: string | null;
  title: string;
  value: number | null;
  unit: { id: number; name: string };
  path: string | null;
}

const qs = (q: Record<string, string | number>) =>
  new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)] as [string, string])).toString();

async function analysis(user: TestUser, q: Record<string, string | number>) {
  const r = await call(ctx.app, user, "GET", `/api/v1/reports/analysis?${qs(q)}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

/** Every record behind one figure, page by page (200 a page). */
async function drillAll(user: TestUser, code: string, unitId: number) {
  const items: DrillItem[] = [];
  const bodies: string[] = [];
  for (let offset = 0; ; offset += 200) {
    const r = await call(
      ctx.app,
      user,
      "GET",
      `/api/v1/reports/drilldown?${qs({ code, unitId, period: PERIOD, limit: 200, offset })}`,
    );
    expect(r.status, `${code}: ${JSON.stringify(r.body)}`).toBe(200);
    bodies.push(r.raw.body);
    items.push(...r.body.items);
    if (!r.body.hasMore) break;
  }
  return { items, raw: bodies.join("\n") };
}

beforeAll(async () => {
  ctx = await testContext();
  p = await makeProvince(ctx.db, "Chi tiết");
  staff = await makeUser(ctx.db, "province_staff", p.provinceId);
  chiefA = await makeUser(ctx.db, "commune_chief", p.communeA);
  NAME = `Hoàng Thị Bí Mật ${p.suffix}`;
  const db = ctx.db;
  const province_id = p.provinceId;

  // ------------------------------------------------------------ activities (two kinds, one with result fields)
  const kinds = await db
    .selectFrom("movement_activity_kinds")
    .select(["id", "code"])
    .where("code", "in", ["propaganda", "patrol"])
    .execute();
  const kind = Object.fromEntries(kinds.map((k) => [k.code, k.id]));
  const activity = (
    unit_id: number,
    area_id: number | null,
    code: "propaganda" | "patrol",
    occurred_on: string,
    participants: number | null,
    results: Record<string, unknown> = {},
  ) => ({
    unit_id,
    province_id,
    area_id,
    kind_id: kind[code],
    kind: code,
    occurred_on,
    title: `Tuyên truyền tại nhà ${NAME}`,
    organiser: NAME,
    narrative: `Ông bà ${NAME} phát biểu`,
    partners: JSON.stringify([NAME]),
    participants,
    results: JSON.stringify(results),
  });
  await db
    .insertInto("movement_activities")
    .values([
      activity(p.communeA, p.areaA1, "propaganda", "2024-03-05", 120, { attendance: 120 }),
      activity(p.communeA, null, "propaganda", "2024-07-01", 80, { attendance: 80 }),
      activity(p.communeA, p.areaA1, "patrol", "2024-08-10", 6, { patrolHours: 4.5, incidents: 2 }),
      activity(p.communeA, null, "patrol", "2024-08-11", null, { patrolHours: 3, incidents: 0 }),
      activity(p.communeB, p.areaB1, "propaganda", "2024-02-14", 200, { attendance: 200 }),
      activity(p.communeB, null, "patrol", "2024-12-31", 4, { patrolHours: 2, incidents: 1 }),
      // outside the period
      activity(p.communeA, null, "propaganda", "2023-12-31", 999, { attendance: 999 }),
      activity(p.communeB, null, "patrol", "2025-01-01", 999, { patrolHours: 99 }),
    ])
    .execute();

  // ------------------------------------------------------------ models (one spanning both communes)
  const types = await db
    .selectFrom("movement_model_types")
    .select(["id", "code"])
    .where("code", "in", ["household_group", "security_camera"])
    .execute();
  const type = Object.fromEntries(types.map((t) => [t.code, t.id]));
  const model = async (
    unit_id: number,
    units: number[],
    typeCode: string,
    name: string,
    launched_on: string,
    extra: { replicated_from_id?: number; camera_points?: number; ended_on?: string } = {},
  ) => {
    const m = await db
      .insertInto("movement_models")
      .values({
        unit_id,
        province_id,
        type_id: type[typeCode],
        name,
        launched_on,
        coordinator_name: NAME,
        coordinator_phone: "0912345678",
        description: `Do ${NAME} khởi xướng`,
        partners: JSON.stringify([NAME]),
        ...extra,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("movement_model_units")
      .values(units.map((unit_id) => ({ model_id: m.id, unit_id })))
      .execute();
    await db
      .insertInto("movement_model_members")
      .values([
        { model_id: m.id, full_name: NAME, phone: "0987654321", address: `Nhà ${NAME}` },
        { model_id: m.id, full_name: `${NAME} con`, joined_on: "2023-01-01" },
      ])
      .execute();
    return m.id;
  };
  const m1 = await model(
    p.communeA,
    [p.communeA],
    "household_group",
    "Tổ liên gia tự quản số 1",
    "2022-05-01",
  );
  const m2 = await model(
    p.communeA,
    [p.communeA, p.communeB],
    "security_camera",
    "Cụm camera liên xã",
    "2024-04-01",
    { camera_points: 12 },
  );
  await model(p.communeB, [p.communeB], "household_group", "Tổ liên gia tự quản số 2", "2024-09-01", {
    replicated_from_id: m1,
  });
  await model(p.communeB, [p.communeB], "household_group", "Tổ đã giải thể", "2021-01-01", {
    ended_on: "2024-06-30",
  });
  await db
    .insertInto("movement_model_recognitions")
    .values({
      model_id: m1,
      kind: "dan_van_kheo",
      level: "province",
      decision_ref: "12/QĐ-CAT",
      recognised_on: "2024-10-01",
    })
    .execute();
  await db
    .insertInto("movement_model_reviews")
    .values({ model_id: m1, kind: "interim", reviewed_on: "2024-06-15", rating: "effective", findings: NAME })
    .execute();
  await db
    .insertInto("movement_camera_consents")
    .values({
      model_id: m2,
      owner_name: NAME,
      address: `Nhà ${NAME}`,
      phone: "0900000000",
      confirmed_on: "2024-05-01",
    })
    .execute();

  // ------------------------------------------------------------ citizen-channel items
  const item = (
    unit_id: number,
    v: Partial<Insertable<SubmissionsTable>> & { kind: string; received_on: string },
  ): Insertable<SubmissionsTable> => ({
    unit_id,
    province_id,
    channel: "walk_in",
    content: `${NAME} báo tin: hàng xóm ${NAME} đánh bạc`,
    title: `Tin của ${NAME}`,
    place_text: `Nhà ${NAME}`,
    identity_sealed: `plain ${NAME}`,
    concerned_officer_text: NAME,
    rating_comment: `Cảm ơn, ${NAME}`,
    outcome_note: NAME,
    ...v,
  });
  const subs = await db
    .insertInto("submissions")
    .values([
      // closed on time as a valuable tip, rated 5
      item(p.communeA, {
        kind: "crime_report",
        status: "closed",
        received_at: "2024-02-01T02:00:00Z",
        received_on: "2024-02-01",
        due_on: "2024-02-21",
        closed_at: "2024-02-11T02:00:00Z",
        closed_on: "2024-02-11",
        closed_on_time: true,
        outcome: "valuable_tip",
        rating: 5,
        rated_at: "2024-02-20T02:00:00Z",
      }),
      // closed late, rated 2
      item(p.communeA, {
        kind: "security_feedback",
        status: "closed",
        received_at: "2024-03-01T02:00:00Z",
        received_on: "2024-03-01",
        due_on: "2024-03-15",
        closed_at: "2024-04-01T02:00:00Z",
        closed_on: "2024-04-01",
        closed_on_time: false,
        outcome: "not_confirmed",
        rating: 2,
        rated_at: "2024-04-10T02:00:00Z",
      }),
      // still open, overdue
      item(p.communeA, {
        kind: "security_feedback",
        status: "in_progress",
        received_at: "2024-11-01T02:00:00Z",
        received_on: "2024-11-01",
        due_on: "2024-12-01",
      }),
      // still open, suspended (paused): open but not overdue
      item(p.communeA, {
        kind: "complaint",
        status: "suspended",
        paused: true,
        received_at: "2024-12-01T02:00:00Z",
        received_on: "2024-12-01",
        due_on: "2024-12-20",
      }),
      // open in the neighbour commune, received by phone
      item(p.communeB, {
        kind: "crime_report",
        channel: "phone",
        status: "received",
        received_at: "2024-12-30T02:00:00Z",
        received_on: "2024-12-30",
        due_on: "2025-01-19",
      }),
      // received last year, closed in 2025: open at the end of 2024
      item(p.communeB, {
        kind: "denunciation",
        status: "closed",
        received_at: "2023-12-20T02:00:00Z",
        received_on: "2023-12-20",
        due_on: "2025-02-01",
        closed_at: "2025-01-15T02:00:00Z",
        closed_on: "2025-01-15",
        closed_on_time: true,
        outcome: "upheld",
      }),
    ])
    .returning("id")
    .execute();

  // ------------------------------------------------------------ forums with opinions (one passed to the channel)
  const forum = await db
    .insertInto("movement_forums")
    .values({
      unit_id: p.communeA,
      province_id,
      area_id: p.areaA1,
      title: `Diễn đàn tại nhà ${NAME}`,
      held_on: "2024-05-20",
      place: `Sân nhà ${NAME}`,
      invitees: NAME,
      chair: NAME,
      status: "held",
      attendance: 85,
      narrative: NAME,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("movement_forums")
    .values({
      unit_id: p.communeB,
      province_id,
      title: "Diễn đàn phường",
      held_on: "2024-09-09",
      place: `Hội trường, ${NAME}`,
      status: "held",
      attendance: 40,
    })
    .execute();
  await db
    .insertInto("movement_forum_opinions")
    .values([
      {
        forum_id: forum.id,
        seq: 1,
        kind: "security_feedback",
        content: `${NAME} phản ánh tiếng ồn`,
        citizen_name: NAME,
        submission_id: subs[0].id,
        submission_code: "ABCD-EFGH",
      },
      {
        forum_id: forum.id,
        seq: 2,
        kind: "security_feedback",
        content: `Ý kiến của ${NAME}`,
        citizen_name: NAME,
      },
    ])
    .execute();

  // ------------------------------------------------------------ pledges (the latest year in the period counts)
  await db
    .insertInto("movement_pledges")
    .values([
      { unit_id: p.areaA1, province_id, year: 2024, households: 150, households_signed: 141, note: NAME },
      { unit_id: p.areaB1, province_id, year: 2023, households: 90, households_signed: 60, note: NAME },
      { unit_id: p.areaB1, province_id, year: 2024, households: 100, households_signed: 95, note: NAME },
    ])
    .execute();

  // ------------------------------------------------------------ weapon hand-ins
  const surrender = async (
    unit_id: number,
    area_id: number | null,
    on: string,
    items: [string, number][],
  ) => {
    const s = await db
      .insertInto("movement_weapon_surrenders")
      .values({
        unit_id,
        province_id,
        area_id,
        surrendered_on: on,
        place: `Nhà ${NAME}`,
        surrendered_by: NAME,
        surrendered_by_address: `Nhà ${NAME}`,
        receiving_officer_name: NAME,
        receipt_no: "07/BB",
        note: NAME,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (items.length)
      await db
        .insertInto("movement_weapon_items")
        .values(
          items.map(([category, quantity]) => ({
            surrender_id: s.id,
            category: category as "hunting_gun",
            quantity,
            description: `Súng của ${NAME}`,
          })),
        )
        .execute();
  };
  await surrender(p.communeA, p.areaA1, "2024-04-02", [
    ["hunting_gun", 2],
    ["ammunition", 15],
  ]);
  await surrender(p.communeA, null, "2024-10-02", [
    ["homemade_gun", 1],
    ["military_gun", 1],
    ["crude_weapon", 3],
  ]);
  await surrender(p.communeB, null, "2024-06-06", [["detonator_gun", 4]]);
  await surrender(p.communeB, null, "2024-06-07", []);
});
afterAll(async () => ctx?.close());

const drillable = (): IndicatorDef[] =>
  listIndicators().filter(
    (d) => (d.module === "movement" || d.module === "submissions") && d.drilldown != null,
  );

/** Indicators whose figure is the average of the drill-down values (each item's share, days, rating). */
const AVERAGED = new Set([
  "submissions.on_time_pct",
  "submissions.avg_days_to_close",
  "submissions.satisfaction_avg",
]);

describe("drill-down: the records add up to the figure", () => {
  it("covers the main movement and citizen-channel indicators, with record pages where they exist", () => {
    const codes = new Set(drillable().map((d) => d.code));
    for (const code of [
      "movement.activities.count",
      "movement.activities.participants",
      "movement.activities.propaganda.count",
      "movement.activities.patrol.participants",
      "movement.models.count",
      "movement.models.new",
      "movement.models.replicated",
      "movement.models.recognised",
      "movement.forums.count",
      "movement.forums.opinions",
      "movement.pledges.households_signed",
      "movement.weapons.guns",
      "movement.weapons.surrenders",
      "submissions.received",
      "submissions.valuable_tips",
      "submissions.on_time_pct",
      "submissions.overdue_now",
      "submissions.open_now",
    ])
      expect(codes, code).toContain(code);
    const path = (c: string) => listIndicators().find((d) => d.code === c)?.recordPath;
    expect(path("movement.models.count")).toBe("/phong-trao/mo-hinh/:id");
    expect(path("movement.forums.count")).toBe("/phong-trao/dien-dan/:id");
    expect(path("submissions.received")).toBe("/tin-bao/:id");
    // no page for one activity, hand-in or pledge: no link
    expect(path("movement.activities.count")).toBeUndefined();
    expect(path("movement.weapons.guns")).toBeUndefined();
  });

  it("for the province and for a commune, every drillable figure equals its rows (sum, or average for averages)", async () => {
    const defs = drillable();
    const checked: string[] = [];
    for (const unitId of [p.provinceId, p.communeA]) {
      // the analysis takes up to 100 codes at a time
      const totals = new Map<string, number | null>();
      for (let k = 0; k < defs.length; k += 100) {
        const body = await analysis(staff, {
          codes: defs
            .slice(k, k + 100)
            .map((d) => d.code)
            .join(","),
          unitId,
          period: PERIOD,
          breakdown: "none",
        });
        for (const r of body.rows as { code: string; total: { value: number | null } }[])
          totals.set(r.code, r.total.value);
      }
      for (const def of defs) {
        const { items, raw } = await drillAll(staff, def.code, unitId);
        expect(raw, def.code).not.toContain(NAME);
        expect(raw, def.code).not.toContain("ABCD-EFGH");
        const total = totals.get(def.code) ?? null;
        const values = items.map((i) => i.value ?? 0);
        if (def.nature !== "ratio") {
          expect(
            values.reduce((a, b) => a + b, 0),
            `${def.code} at ${unitId}`,
          ).toBeCloseTo(total ?? 0, 6);
          checked.push(def.code);
        } else if (AVERAGED.has(def.code)) {
          if (total == null) expect(items, def.code).toEqual([]);
          else expect(values.reduce((a, b) => a + b, 0) / values.length, def.code).toBeCloseTo(total, 1);
        }
        for (const i of items) {
          expect(i.title.length, def.code).toBeGreaterThan(0);
          if (def.recordPath) expect(i.path).toBe(def.recordPath.replace(":id", i.id));
          else expect(i.path).toBeNull();
        }
        // rows of the commune's drill-down are the commune's own (or its areas')
        if (unitId === p.communeA)
          for (const i of items) expect([p.communeA, p.areaA1], def.code).toContain(i.unit.id);
      }
    }
    expect(checked.length).toBeGreaterThan(40);
  });

  it("hand-computed: activities, models, forums, pledges, weapons and items of the province in 2024", async () => {
    const body = await analysis(staff, {
      codes: [
        "movement.activities.count",
        "movement.activities.participants",
        "movement.models.count",
        "movement.models.new",
        "movement.models.replicated",
        "movement.models.recognised",
        "movement.forums.opinions",
        "movement.pledges.households_signed",
        "movement.weapons.guns",
        "movement.weapons.surrenders",
        "submissions.received",
        "submissions.open_now",
        "submissions.overdue_now",
      ].join(","),
      unitId: p.provinceId,
      period: PERIOD,
    });
    const v = Object.fromEntries(
      body.rows.map((r: { code: string; total: { value: number } }) => [r.code, r.total.value]),
    );
    expect(v).toEqual({
      "movement.activities.count": 6,
      "movement.activities.participants": 410,
      // m1, m2 (spanning both communes, once), m3; the dissolved one ended in June
      "movement.models.count": 3,
      "movement.models.new": 2,
      "movement.models.replicated": 1,
      "movement.models.recognised": 1,
      "movement.forums.opinions": 2,
      "movement.pledges.households_signed": 236,
      "movement.weapons.guns": 8,
      "movement.weapons.surrenders": 4,
      "submissions.received": 5,
      // open at the end of 2024: the overdue one, the suspended one, B's new tip, B's denunciation
      "submissions.open_now": 4,
      "submissions.overdue_now": 1,
    });
  });

  it("titles name the kind, the date and the place; items only their kind, register number and status", async () => {
    const acts = await drillAll(staff, "movement.activities.count", p.communeA);
    const march = acts.items.find((i) => i.on === "2024-03-05")!;
    expect(march.title).toBe(`Tuyên truyền, phổ biến giáo dục pháp luật — 05/03/2024 — Thôn 1 ${p.suffix}`);
    const july = acts.items.find((i) => i.on === "2024-07-01")!;
    expect(july.title).toContain(`01/07/2024 — Đắk Thử ${p.suffix}`);
    // newest first
    expect(acts.items.map((i) => i.on)).toEqual([...acts.items.map((i) => i.on)].sort().reverse());

    const guns = await drillAll(staff, "movement.weapons.guns", p.communeA);
    expect(guns.items.map((i) => [i.title, i.value])).toEqual([
      [`Súng quân dụng: 1 khẩu, Súng tự chế: 1 khẩu — 02/10/2024 — Đắk Thử ${p.suffix}`, 2],
      [`Súng săn: 2 khẩu — 02/04/2024 — Thôn 1 ${p.suffix}`, 2],
    ]);

    const open = await drillAll(staff, "submissions.open_now", p.provinceId);
    expect(open.items).toHaveLength(4);
    for (const i of open.items) {
      expect(i.title).toMatch(/ số (TG|PA|GY|KN|TC)-\d{4}-\d{6,} — /);
      expect(i.path).toBe(`/tin-bao/${i.id}`);
    }
    const overdue = await drillAll(staff, "submissions.overdue_now", p.communeA);
    expect(overdue.items).toHaveLength(1);
    expect(overdue.items[0].title).toMatch(
      /^Phản ánh, kiến nghị về an ninh, trật tự số PA-2024-\d{6,} — Đang xử lý — hạn 01\/12\/2024$/,
    );

    const models = await drillAll(staff, "movement.models.count", p.provinceId);
    expect(models.items.map((i) => i.title).sort()).toEqual([
      "Cụm camera liên xã (Camera an ninh)",
      "Tổ liên gia tự quản số 1 (Tổ liên gia tự quản)",
      "Tổ liên gia tự quản số 2 (Tổ liên gia tự quản)",
    ]);
    // the model spanning both communes is listed by the commune B as well, under B
    const inB = await drillAll(staff, "movement.models.count", p.communeB);
    expect(inB.items.find((i) => i.title.startsWith("Cụm camera"))?.unit.id).toBe(p.communeB);

    const forums = await drillAll(staff, "movement.forums.opinions", p.provinceId);
    expect(forums.items.map((i) => [i.title, i.value, i.path])).toEqual([
      [
        `Diễn đàn “Công an lắng nghe ý kiến Nhân dân” — 20/05/2024 — Thôn 1 ${p.suffix}`,
        2,
        expect.stringMatching(/^\/phong-trao\/dien-dan\/\d+$/),
      ],
    ]);
  });

  it("pages follow one another without gaps or repeats", async () => {
    const all = await drillAll(staff, "movement.activities.count", p.provinceId);
    const seen: string[] = [];
    for (let offset = 0; offset < all.items.length + 2; offset += 2) {
      const r = await call(
        ctx.app,
        staff,
        "GET",
        `/api/v1/reports/drilldown?${qs({ code: "movement.activities.count", unitId: p.provinceId, period: PERIOD, limit: 2, offset })}`,
      );
      seen.push(...r.body.items.map((i: DrillItem) => i.id));
    }
    expect(seen).toEqual(all.items.map((i) => i.id));
  });
});

describe("drill-down: scope", () => {
  it("a commune chief drills into the own commune, and gets 404 for the neighbour and the province", async () => {
    const own = await drillAll(chiefA, "submissions.received", p.communeA);
    expect(own.items.length).toBe(4);
    for (const code of ["submissions.received", "movement.activities.count", "movement.models.count"])
      for (const unitId of [p.communeB, p.provinceId, p.areaB1]) {
        const r = await call(
          ctx.app,
          chiefA,
          "GET",
          `/api/v1/reports/drilldown?${qs({ code, unitId, period: PERIOD })}`,
        );
        expect(r.status, `${code} at ${unitId}`).toBe(404);
        expect(r.raw.body).not.toContain("Bên Cạnh");
      }
  });
});

describe("by kind: the parts add up to the total", () => {
  const codes = [
    "movement.activities.count",
    "movement.activities.participants",
    "movement.models.count",
    "movement.weapons.guns",
    "submissions.received",
    "submissions.open_now",
    "submissions.overdue_now",
  ];

  it("for the province and a commune, with Vietnamese labels from the catalogues", async () => {
    for (const unitId of [p.provinceId, p.communeA]) {
      const body = await analysis(staff, {
        codes: codes.join(","),
        unitId,
        period: PERIOD,
        breakdown: "kind",
      });
      for (const row of body.rows as {
        code: string;
        total: { value: number; lastYear: number };
        cells: Record<string, { value: number | null; lastYear: number | null }>;
      }[]) {
        const cells = Object.values(row.cells);
        expect(cells.length, row.code).toBeGreaterThan(0);
        expect(
          cells.reduce((a, c) => a + (c.value ?? 0), 0),
          `${row.code} at ${unitId}`,
        ).toBe(row.total.value);
        expect(
          cells.reduce((a, c) => a + (c.lastYear ?? 0), 0),
          `${row.code} last year at ${unitId}`,
        ).toBe(row.total.lastYear);
      }
      expect(JSON.stringify(body)).not.toContain(NAME);
    }
    const body = await analysis(staff, {
      codes: "movement.activities.count,movement.weapons.guns",
      unitId: p.provinceId,
      period: PERIOD,
      breakdown: "kind",
    });
    const labels = Object.fromEntries(
      body.columns.map((c: { key: string; label: string }) => [c.key, c.label]),
    );
    expect(labels.propaganda).toBe("Tuyên truyền, phổ biến giáo dục pháp luật");
    expect(labels.patrol).toBe("Tuần tra, kiểm soát");
    expect(labels.detonator_gun).toBe("Súng kíp");
    const acts = body.rows.find((r: { code: string }) => r.code === "movement.activities.count");
    expect(acts.cells.propaganda.value).toBe(3);
    expect(acts.cells.patrol.value).toBe(3);
  });
});
