import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncFigureIndicators } from "../../modules/figures/indicators.ts";
import { type TestContext, testContext } from "../../test/context.ts";
import { makeProvince, type TestProvince } from "../../test/factories.ts";
import { evaluate, evaluateOver, groupUnits, listIndicators } from "./registry.ts";
import { foldIndicatorDeltas, splitPeriod } from "./rollup.ts";

const day = (n: number) => new Date(Date.UTC(2022, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
const DAYS = 3 * 365;

describe("splitPeriod", () => {
  it("cuts a period into whole years, whole months and the days at either end", () => {
    expect(splitPeriod("2024-03-15", "2026-02-10")).toEqual({
      years: ["2025-01-01"],
      months: [
        "2024-04-01",
        "2024-05-01",
        "2024-06-01",
        "2024-07-01",
        "2024-08-01",
        "2024-09-01",
        "2024-10-01",
        "2024-11-01",
        "2024-12-01",
        "2026-01-01",
      ],
      edges: [
        { from: "2024-03-15", to: "2024-04-01" },
        { from: "2026-02-01", to: "2026-02-10" },
      ],
    });
    expect(splitPeriod("2025-07-01", "2025-10-01")).toEqual({
      years: [],
      months: ["2025-07-01", "2025-08-01", "2025-09-01"],
      edges: [],
    });
    expect(splitPeriod("2025-07-03", "2025-07-20")).toEqual({
      years: [],
      months: [],
      edges: [{ from: "2025-07-03", to: "2025-07-20" }],
    });
    // by year only (entered figures): the quarter is all edge
    expect(splitPeriod("2025-07-01", "2025-10-01", false).edges).toEqual([
      { from: "2025-07-01", to: "2025-10-01" },
    ]);
    expect(splitPeriod("2024-01-01", "2025-07-01", false)).toEqual({
      years: ["2024-01-01"],
      months: [],
      edges: [{ from: "2025-01-01", to: "2025-07-01" }],
    });
  });

  it("covers every day of the period exactly once", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: DAYS }),
        fc.integer({ min: 0, max: DAYS }),
        fc.boolean(),
        (a, b, m) => {
          const [from, to] = a <= b ? [day(a), day(b)] : [day(b), day(a)];
          const s = splitPeriod(from, to, m);
          const days = (f: string, t: string) => {
            const covered: string[] = [];
            for (
              let d = new Date(`${f}T00:00:00Z`);
              d < new Date(`${t}T00:00:00Z`);
              d.setUTCDate(d.getUTCDate() + 1)
            )
              covered.push(d.toISOString().slice(0, 10));
            return covered;
          };
          const pieces: string[] = [];
          const add = (f: string, t: string) => pieces.push(...days(f, t));
          for (const y of s.years) add(y, `${Number(y.slice(0, 4)) + 1}-01-01`);
          for (const mo of s.months) {
            const d = new Date(`${mo}T00:00:00Z`);
            add(
              mo,
              new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)).toISOString().slice(0, 10),
            );
          }
          for (const e of s.edges) add(e.from, e.to);
          expect(pieces.sort()).toEqual(days(from, to));
          if (!m) expect(s.months).toEqual([]);
        },
      ),
      { numRuns: 300, seed: 11 },
    );
  });
});

describe("rolled-up figures equal counts over the records", () => {
  let ctx: TestContext;
  let p: TestProvince;
  let kinds: { id: number; code: string }[];
  let defId: number;
  let defCode: string;
  const units = () => [p.communeA, p.communeB, p.areaA1];

  beforeAll(async () => {
    ctx = await testContext();
    p = await makeProvince(ctx.db, "Cộng dồn");
    kinds = (
      await ctx.db
        .selectFrom("movement_activity_kinds")
        .select(["id", "code"])
        .orderBy("id")
        .limit(3)
        .execute()
    ).map((k) => ({ id: Number(k.id), code: k.code }));
    const def = await monthlyFigure("flow", "Số vụ", "Cases", "vụ", "cases");
    defId = Number(def.id);
    defCode = `figures.${def.code}`;
    await syncFigureIndicators(ctx.db);
  });
  afterAll(async () => ctx?.close());

  /** A monthly entered figure with a code of its own (test files share the database). */
  const monthlyFigure = (
    nature: "flow" | "stock",
    name: string,
    nameEn: string,
    unit: string,
    unitEn: string,
  ) =>
    ctx.db
      .insertInto("figure_definitions")
      .values({
        code: `${nature}_${Math.random().toString(36).slice(2, 8)}`,
        name,
        name_en: nameEn,
        unit_label: unit,
        unit_label_en: unitEn,
        nature,
        period_type: "month",
      })
      .returning(["id", "code"])
      .executeTakeFirstOrThrow();

  const activity = fc.record({
    unit: fc.integer({ min: 0, max: 2 }),
    kind: fc.integer({ min: 0, max: 2 }),
    day: fc.integer({ min: 0, max: DAYS }),
    participants: fc.option(fc.integer({ min: 0, max: 300 })),
    households: fc.option(fc.integer({ min: 0, max: 50 })),
  });
  const item = fc.record({
    unit: fc.integer({ min: 0, max: 2 }),
    kind: fc.constantFrom("crime_report", "security_feedback", "complaint"),
    channel: fc.constantFrom("web", "phone", "walk_in"),
    day: fc.integer({ min: 0, max: DAYS - 60 }),
    closedAfter: fc.option(fc.integer({ min: 0, max: 60 })),
    onTime: fc.boolean(),
    valuable: fc.boolean(),
  });

  type Activity = typeof activity extends fc.Arbitrary<infer T> ? T : never;
  type Item = typeof item extends fc.Arbitrary<infer T> ? T : never;

  /** Writes records in several statements, folding part-way, then edits and deletes some. */
  async function writeRecords(acts: Activity[], items: Item[]) {
    const u = units();
    const half = Math.floor(acts.length / 2);
    const insertActs = async (list: typeof acts) => {
      if (list.length === 0) return;
      await ctx.db
        .insertInto("movement_activities")
        .values(
          list.map((a) => ({
            unit_id: u[a.unit],
            province_id: p.provinceId,
            kind_id: kinds[a.kind].id,
            kind: kinds[a.kind].code,
            occurred_on: day(a.day),
            title: "Hoạt động thử",
            participants: a.participants,
            results: JSON.stringify(a.households == null ? {} : { householdsSigned: a.households }),
          })),
        )
        .execute();
    };
    await insertActs(acts.slice(0, half));
    await foldIndicatorDeltas(ctx.db);
    await insertActs(acts.slice(half));
    if (items.length > 0)
      await ctx.db
        .insertInto("submissions")
        .values(
          items.map((it) => {
            const received = day(it.day);
            const closed = it.closedAfter == null ? null : day(it.day + it.closedAfter);
            return {
              kind: it.kind,
              channel: it.channel,
              unit_id: u[it.unit],
              province_id: p.provinceId,
              place_unit_id: u[it.unit],
              content: "Nội dung thử",
              rule_code: "security_feedback.response",
              clock_started_on: received,
              due_on: day(it.day + 30),
              received_on: received,
              status: closed ? "closed" : "received",
              closed_on: closed,
              closed_on_time: closed ? it.onTime : null,
              outcome: closed && it.valuable ? "valuable_tip" : closed ? "not_confirmed" : null,
            };
          }),
        )
        .execute();
    for (const unit of u)
      for (let m = 0; m < 36; m += 5) {
        const start = new Date(Date.UTC(2022, m, 1));
        const end = new Date(Date.UTC(2022, m + 1, 0));
        await ctx.db
          .insertInto("figure_values")
          .values({
            definition_id: defId,
            unit_id: unit,
            province_id: p.provinceId,
            period_start: start.toISOString().slice(0, 10),
            period_end: end.toISOString().slice(0, 10),
            value: (m * 7 + unit) % 23,
          })
          .execute();
      }
    await foldIndicatorDeltas(ctx.db);
    // edits after the fold: a record moved to another unit and month, one deleted, an item closed
    await sql`update movement_activities set unit_id = ${u[1]}, occurred_on = occurred_on + 40
      where id in (select id from movement_activities where province_id = ${p.provinceId} order by id limit 3)`.execute(
      ctx.db,
    );
    await sql`delete from movement_activities
      where id in (select id from movement_activities where province_id = ${p.provinceId} order by id desc limit 2)`.execute(
      ctx.db,
    );
    await sql`update submissions set status = 'closed', closed_on = received_on + 3, closed_on_time = true
      where id in (select id from submissions where province_id = ${p.provinceId} and closed_on is null order by id limit 2)`.execute(
      ctx.db,
    );
    await sql`update figure_values set value = value + 5 where definition_id = ${defId} and unit_id = ${u[0]}`.execute(
      ctx.db,
    );
  }

  it("for random records, edits, subtrees and periods (folded or not)", async () => {
    const [acts, items] = fc.sample(
      fc.tuple(
        fc.array(activity, { minLength: 60, maxLength: 60 }),
        fc.array(item, { minLength: 40, maxLength: 40 }),
      ),
      { numRuns: 1, seed: 5 },
    )[0];
    await writeRecords(acts, items);
    const k = kinds[0].code;
    const codes = [
      "movement.activities.count",
      "movement.activities.participants",
      `movement.activities.${k}.count`,
      "movement.results.households_signed",
      "submissions.received",
      "submissions.received.crime_report",
      "submissions.received.channel.phone",
      "submissions.valuable_tips",
      "submissions.on_time_pct",
      "submissions.avg_days_to_close",
      "submissions.open_now",
      "submissions.overdue_now",
      defCode,
    ];
    const roots = await ctx.db
      .selectFrom("org_units")
      .select(["id", sql<string>`path::text`.as("path")])
      .where("id", "in", [p.provinceId, p.communeA, p.communeB])
      .execute();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...roots),
        fc.integer({ min: 0, max: DAYS }),
        fc.integer({ min: 0, max: DAYS }),
        fc.boolean(),
        async (root, a, b, fold) => {
          if (fold) await foldIndicatorDeltas(ctx.db);
          const [from, to] = a <= b ? [day(a), day(b)] : [day(b), day(a)];
          const got = await evaluate(ctx.db, {
            codes,
            groups: [{ key: "g", root: root.path }],
            from,
            to,
            lineage: "historical",
          });
          const value = (code: string) => got.find((v) => v.code === code)?.value ?? null;
          const { rows } = await sql<Record<string, string | null>>`
            with u as (select id from org_units where path <@ ${root.path}::ltree),
            a as (select * from movement_activities where unit_id in (select id from u)
              and occurred_on >= ${from}::date and occurred_on < ${to}::date),
            s as (select * from submissions where unit_id in (select id from u)),
            c as (select * from s where status = 'closed' and closed_on >= ${from}::date and closed_on < ${to}::date)
            select
              (select count(*) from a) as activities,
              (select coalesce(sum(participants), 0) from a) as participants,
              (select count(*) from a where kind = ${k}) as kind_count,
              (select coalesce(sum((results->>'householdsSigned')::numeric), 0) from a) as households,
              (select count(*) from s where received_on >= ${from}::date and received_on < ${to}::date) as received,
              (select count(*) from s where kind = 'crime_report' and received_on >= ${from}::date and received_on < ${to}::date) as crime,
              (select count(*) from s where channel = 'phone' and received_on >= ${from}::date and received_on < ${to}::date) as phone,
              (select count(*) from s where kind = 'crime_report' and outcome = 'valuable_tip'
                and closed_on >= ${from}::date and closed_on < ${to}::date) as valuable,
              (select round(100.0 * count(*) filter (where closed_on_time) / nullif(count(*), 0), 1) from c) as on_time,
              (select round(avg(closed_on - received_on), 1) from c) as days,
              (select count(*) from s where received_on < ${to}::date and status <> 'merged'
                and (closed_on is null or closed_on >= ${to}::date)) as open,
              (select count(*) from s where received_on < ${to}::date and status <> 'merged' and not paused
                and (closed_on is null or closed_on >= ${to}::date) and due_on < least(${to}::date, current_date)) as overdue,
              (select coalesce(sum(value), 0) from figure_values where definition_id = ${defId}
                and unit_id in (select id from u) and period_start >= ${from}::date and period_end < ${to}::date) as figure`.execute(
            ctx.db,
          );
          const raw = rows[0];
          const n = (v: string | null) => (v == null ? null : Number(v));
          expect({
            activities: value("movement.activities.count"),
            participants: value("movement.activities.participants"),
            kind: value(`movement.activities.${k}.count`),
            households: value("movement.results.households_signed"),
            received: value("submissions.received"),
            crime: value("submissions.received.crime_report"),
            phone: value("submissions.received.channel.phone"),
            valuable: value("submissions.valuable_tips"),
            onTime: value("submissions.on_time_pct"),
            days: value("submissions.avg_days_to_close"),
            open: value("submissions.open_now"),
            overdue: value("submissions.overdue_now"),
            figure: value(defCode),
          }).toEqual({
            activities: n(raw.activities),
            participants: n(raw.participants),
            kind: n(raw.kind_count),
            households: n(raw.households),
            received: n(raw.received),
            crime: n(raw.crime),
            phone: n(raw.phone),
            valuable: n(raw.valuable),
            onTime: n(raw.on_time),
            days: n(raw.days),
            open: n(raw.open),
            overdue: n(raw.overdue),
            figure: n(raw.figure),
          });
        },
      ),
      { numRuns: 60, seed: 23 },
    );
  });

  it("gives a stock figure as each unit's latest value in the period, summed over the units", async () => {
    const def = await monthlyFigure(
      "stock",
      "Số người đang quản lý",
      "People under management",
      "người",
      "people",
    );
    await syncFigureIndicators(ctx.db);
    const code = `figures.${def.code}`;
    // months with gaps, negative and fractional values: the latest month is not always the largest value
    const values = fc.sample(
      fc.array(fc.record({ unit: fc.integer({ min: 0, max: 2 }), month: fc.integer({ min: 0, max: 35 }) }), {
        minLength: 40,
        maxLength: 40,
      }),
      { numRuns: 1, seed: 17 },
    )[0];
    const seen = new Set<string>();
    const u = units();
    for (const [i, v] of values.entries()) {
      if (seen.has(`${v.unit}:${v.month}`)) continue;
      seen.add(`${v.unit}:${v.month}`);
      await ctx.db
        .insertInto("figure_values")
        .values({
          definition_id: Number(def.id),
          unit_id: u[v.unit],
          province_id: p.provinceId,
          period_start: new Date(Date.UTC(2022, v.month, 1)).toISOString().slice(0, 10),
          period_end: new Date(Date.UTC(2022, v.month + 1, 0)).toISOString().slice(0, 10),
          value: ((i * 37) % 29) - 9 + (i % 4) / 4,
        })
        .execute();
    }
    const province = await ctx.db
      .selectFrom("org_units")
      .select(sql<string>`path::text`.as("path"))
      .where("id", "=", p.provinceId)
      .executeTakeFirstOrThrow();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: DAYS }), fc.integer({ min: 0, max: DAYS }), async (a, b) => {
        const [from, to] = a <= b ? [day(a), day(b)] : [day(b), day(a)];
        const [got] = await evaluate(ctx.db, {
          codes: [code],
          groups: [{ key: "g", root: province.path }],
          from,
          to,
        });
        const { rows } = await sql<{ total: string | null }>`
          select sum(value) as total from (
            select distinct on (unit_id) unit_id, value from figure_values
            where definition_id = ${def.id} and period_start >= ${from}::date and period_end < ${to}::date
            order by unit_id, period_start desc) latest`.execute(ctx.db);
        expect(got.value).toBe(Number(rows[0].total ?? 0));
      }),
      { numRuns: 40, seed: 29 },
    );
  });

  it("gives every indicator the same figures whether the groups are read unit by unit or over the period", async () => {
    const roots = await ctx.db
      .selectFrom("org_units")
      .select(["id", sql<string>`path::text`.as("path")])
      .where("id", "in", [p.provinceId, p.communeA, p.communeB])
      .execute();
    const grp = groupUnits(
      roots.map((r) => ({ key: String(r.id), root: r.path })),
      "current",
    );
    const defs = listIndicators();
    for (const [from, to] of [
      ["2022-01-01", "2025-01-01"],
      ["2023-02-11", "2023-09-03"],
      ["2024-04-01", "2024-07-01"],
    ]) {
      const byUnit = await evaluateOver(ctx.db, grp, defs, { from, to, fewUnits: true });
      const overPeriod = await evaluateOver(ctx.db, grp, defs, { from, to, fewUnits: false });
      const sorted = (rows: typeof byUnit) => rows.map((r) => `${r.code} ${r.gkey} ${r.value}`).sort();
      expect(sorted(overPeriod)).toEqual(sorted(byUnit));
      expect(byUnit.length).toBeGreaterThan(10);
    }
  });
});
