import type { WEAPON_CATEGORIES } from "@danvan/shared/schemas/movement";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Executor } from "../../db/client.ts";
import { syncFigureIndicators } from "../../modules/figures/indicators.ts";
import { type TestContext, testContext } from "../../test/context.ts";
import { makeModel, makeProvince, type TestProvince } from "../../test/factories.ts";
import { evaluate } from "./registry.ts";
import { foldIndicatorDeltas } from "./rollup.ts";

/*
 * The roll-ups of migrations 0500-0502 (stock figures by whole year, pledges, weapon hand-ins) must give
 * the figures a count over the records gives, for a province (read from the level-2 roll-up once built)
 * and its communes, for whole years and for other periods, folded or not, through edits and deletions.
 */
describe("roll-ups of stock figures, pledges and weapon hand-ins", () => {
  let ctx: TestContext;
  let p: TestProvince;
  let def: { id: number; code: string };
  const units = () => [p.communeA, p.communeB, p.areaA1];
  const PERIODS = [
    ["2022-01-01", "2023-01-01"],
    ["2023-01-01", "2024-01-01"],
    ["2024-01-01", "2025-01-01"],
    ["2023-04-01", "2023-07-01"],
    ["2023-02-10", "2023-11-20"],
    ["2022-01-01", "2025-01-01"],
    ["2022-07-01", "2024-03-01"],
  ];

  beforeAll(async () => {
    ctx = await testContext();
    p = await makeProvince(ctx.db, "Tồn cuối");
    const d = await ctx.db
      .insertInto("figure_definitions")
      .values({
        code: `stock_${Math.random().toString(36).slice(2, 8)}`,
        name: "Số cơ sở kinh doanh có điều kiện",
        name_en: "Businesses with security conditions",
        unit_label: "cơ sở",
        unit_label_en: "businesses",
        nature: "stock",
        period_type: "month",
      })
      .returning(["id", "code"])
      .executeTakeFirstOrThrow();
    def = { id: Number(d.id), code: `figures.${d.code}` };
    await syncFigureIndicators(ctx.db);
  });
  afterAll(async () => ctx?.close());

  const month = (m: number) => {
    const start = new Date(Date.UTC(2022, m, 1));
    const end = new Date(Date.UTC(2022, m + 1, 0));
    return { period_start: start.toISOString().slice(0, 10), period_end: end.toISOString().slice(0, 10) };
  };

  async function figureValues(ex: Executor, months: number[], unitIndex: number, offset: number) {
    await ex
      .insertInto("figure_values")
      .values(
        months.map((m) => ({
          definition_id: def.id,
          unit_id: units()[unitIndex],
          province_id: p.provinceId,
          ...month(m),
          // not growing with time: the latest month is not the largest value
          value: ((m * 13 + offset) % 17) - 4 + (m % 2) / 2,
        })),
      )
      .execute();
  }

  async function handIn(
    ex: Executor,
    unitId: number,
    on: string,
    items: [(typeof WEAPON_CATEGORIES)[number], number][],
  ) {
    const s = await ex
      .insertInto("movement_weapon_surrenders")
      .values({ unit_id: unitId, province_id: p.provinceId, surrendered_on: on })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (items.length > 0)
      await ex
        .insertInto("movement_weapon_items")
        .values(items.map(([category, quantity]) => ({ surrender_id: s.id, category, quantity })))
        .execute();
    return Number(s.id);
  }

  const pledge = (unitId: number, year: number, households: number, signed: number) =>
    ctx.db
      .insertInto("movement_pledges")
      .values({
        unit_id: unitId,
        province_id: p.provinceId,
        year,
        households,
        households_signed: signed,
      })
      .execute();

  /** The figures counted straight from the records of the subtree under `root`. */
  async function fromRecords(ex: Executor, root: string, from: string, to: string) {
    const { rows } = await sql<Record<string, string | null>>`
      with u as (select id from org_units where path <@ ${root}::ltree),
      latest as (select distinct on (unit_id) unit_id, value from figure_values
        where definition_id = ${def.id} and unit_id in (select id from u)
          and period_start >= ${from}::date and period_end < ${to}::date
        order by unit_id, period_start desc),
      pl as (select distinct on (unit_id) unit_id, households, households_signed from movement_pledges
        where unit_id in (select id from u)
          and year between extract(year from ${from}::date) and extract(year from ${to}::date - 1)
        order by unit_id, year desc),
      s as (select * from movement_weapon_surrenders where unit_id in (select id from u)
        and surrendered_on >= ${from}::date and surrendered_on < ${to}::date),
      i as (select i.* from movement_weapon_items i join s on s.id = i.surrender_id)
      select (select coalesce(sum(value), 0) from latest) as stock,
        (select count(*) from pl) as areas,
        (select coalesce(sum(households), 0) from pl) as households,
        (select coalesce(sum(households_signed), 0) from pl) as signed,
        (select round(100.0 * sum(households_signed) / nullif(sum(households), 0), 1) from pl) as rate,
        (select count(*) from s) as surrenders,
        (select coalesce(sum(quantity), 0) from i
          where category in ('military_gun', 'hunting_gun', 'homemade_gun', 'detonator_gun')) as guns,
        (select coalesce(sum(quantity), 0) from i where category = 'hunting_gun') as hunting,
        (select coalesce(sum(quantity), 0) from i where category = 'explosive') as explosives`.execute(ex);
    const n = (v: string | null) => (v == null ? null : Number(v));
    return Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, n(v)]));
  }

  const codes = () => ({
    stock: def.code,
    areas: "movement.pledges.areas",
    households: "movement.pledges.households",
    signed: "movement.pledges.households_signed",
    rate: "movement.pledges.rate",
    surrenders: "movement.weapons.surrenders",
    guns: "movement.weapons.guns",
    hunting: "movement.weapons.hunting_guns",
    explosives: "movement.weapons.explosives",
  });

  /** Compares every figure with the records for the province and its communes over every period. */
  async function compare(ex: Executor) {
    const roots = await ex
      .selectFrom("org_units")
      .select(["id", sql<string>`path::text`.as("path")])
      .where("id", "in", [p.provinceId, p.communeA, p.communeB])
      .execute();
    const named = codes();
    let compared = 0;
    for (const [from, to] of PERIODS) {
      // the province alone is a whole level-2 subtree (read from the level-2 roll-up); with its communes too
      for (const groups of [roots.filter((r) => Number(r.id) === p.provinceId), roots]) {
        const got = await evaluate(ex, {
          codes: Object.values(named),
          groups: groups.map((r) => ({ key: String(r.id), root: r.path })),
          from,
          to,
        });
        for (const r of groups) {
          const value = (code: string) => got.find((v) => v.code === code && v.gkey === String(r.id))?.value;
          const figures = Object.fromEntries(Object.entries(named).map(([k, code]) => [k, value(code)]));
          expect({ from, to, unit: r.id, ...figures }).toEqual({
            from,
            to,
            unit: r.id,
            ...(await fromRecords(ex, r.path, from, to)),
          });
          compared++;
        }
      }
    }
    return compared;
  }

  const built = async (ex: Executor) =>
    (await sql<{ built: boolean }>`select tops_built = version as built from org_version`.execute(ex)).rows[0]
      .built;

  /** Compares after a fold, in a transaction the fold's lock keeps other test files' tree changes out of. */
  const compareFolded = () =>
    ctx.db.transaction().execute(async (tx) => {
      await foldIndicatorDeltas(tx);
      expect(await built(tx)).toBe(true);
      return compare(tx);
    });

  it("give the records' figures through edits, folds and a change of nature", async () => {
    await figureValues(ctx.db, [0, 3, 5, 11, 14], 0, 1);
    await figureValues(ctx.db, [2, 12, 13, 23, 30], 1, 2);
    await foldIndicatorDeltas(ctx.db);
    await figureValues(ctx.db, [1, 6, 26, 35], 2, 3);
    await pledge(p.areaA1, 2022, 120, 100);
    await pledge(p.areaA1, 2023, 125, 118);
    await pledge(p.communeB, 2023, 80, 41);
    await pledge(p.communeB, 2024, 82, 80);
    await handIn(ctx.db, p.communeA, "2022-03-04", [
      ["hunting_gun", 2],
      ["explosive", 5],
    ]);
    const moving = await handIn(ctx.db, p.areaA1, "2023-02-10", [["military_gun", 1]]);
    const gone = await handIn(ctx.db, p.communeB, "2023-06-30", [
      ["hunting_gun", 1],
      ["crude_weapon", 4],
    ]);
    await handIn(ctx.db, p.communeB, "2023-11-20", []);
    await handIn(ctx.db, p.communeA, "2024-12-31", [["homemade_gun", 3]]);
    // deltas not folded yet, then folded
    expect(await compare(ctx.db)).toBe(PERIODS.length * 4);
    await compareFolded();

    // edits: a year's latest value changed, deleted (the one before becomes the latest), moved to another
    // year; a pledge changed and removed; a hand-in moved, an item changed, a hand-in deleted with its items
    await sql`update figure_values set value = value + 7 where definition_id = ${def.id}
      and unit_id = ${p.communeA} and period_start = '2022-12-01'`.execute(ctx.db);
    await sql`delete from figure_values where definition_id = ${def.id}
      and unit_id = ${p.communeB} and period_start = '2024-12-01'`.execute(ctx.db);
    await sql`update figure_values set period_start = '2024-05-01', period_end = '2024-05-31'
      where definition_id = ${def.id} and unit_id = ${p.areaA1} and period_start = '2022-07-01'`.execute(
      ctx.db,
    );
    await sql`update movement_pledges set households_signed = 125 where unit_id = ${p.areaA1} and year = 2023`.execute(
      ctx.db,
    );
    await sql`delete from movement_pledges where unit_id = ${p.communeB} and year = 2024`.execute(ctx.db);
    await sql`update movement_weapon_surrenders set surrendered_on = '2024-05-05', unit_id = ${p.communeB}
      where id = ${moving}`.execute(ctx.db);
    await sql`update movement_weapon_items set quantity = 6, category = 'explosive'
      where surrender_id = (select min(id) from movement_weapon_surrenders where province_id = ${p.provinceId})
        and category = 'hunting_gun'`.execute(ctx.db);
    await sql`delete from movement_weapon_surrenders where id = ${gone}`.execute(ctx.db);
    await compare(ctx.db);
    await compareFolded();

    // the definition stops being a stock (its values are summed), then becomes one again
    await sql`update figure_definitions set nature = 'flow' where id = ${def.id}`.execute(ctx.db);
    await syncFigureIndicators(ctx.db);
    const [asFlow] = await evaluate(ctx.db, {
      codes: [def.code],
      groups: [{ key: "p", root: (await unitPath(p.provinceId))! }],
      from: "2022-01-01",
      to: "2023-01-01",
    });
    const { rows } = await sql<{ total: string }>`select sum(value) as total from figure_values
      where definition_id = ${def.id} and period_start < '2023-01-01'`.execute(ctx.db);
    expect(asFlow.value).toBe(Number(rows[0].total));
    await compareFoldedAs("flow");
    await sql`update figure_definitions set nature = 'stock' where id = ${def.id}`.execute(ctx.db);
    await syncFigureIndicators(ctx.db);
    await figureValues(ctx.db, [22], 2, 9);
    await compare(ctx.db);
    await compareFolded();
  });

  it("counts the members of the models in place on a date as the members themselves do", async () => {
    const model = (units: number[], launched: string, ended: string | null) =>
      makeModel(ctx.db, p.provinceId, units, launched, { ended });
    const first = await model([p.communeA, p.areaA1], "2021-06-01", null);
    const second = await model([p.communeB], "2022-02-01", "2023-09-30");
    const third = await model([p.communeB, p.communeA], "2023-01-15", null);
    // joined and left: open at either end, the same day, left before joining
    const spans: [string | null, string | null][] = [
      [null, null],
      ["2022-03-01", null],
      [null, "2023-05-31"],
      ["2022-01-10", "2023-01-09"],
      ["2023-06-01", "2023-06-01"],
      ["2024-01-01", "2023-12-01"],
      ["2022-12-31", "2024-06-30"],
    ];
    for (const [i, id] of [first, second, third].entries())
      await ctx.db
        .insertInto("movement_model_members")
        .values(
          spans.slice(i).map(([joined, left], j) => ({
            model_id: id,
            full_name: `Thành viên ${i}-${j}`,
            joined_on: joined,
            left_on: left,
          })),
        )
        .execute();
    const roots = await ctx.db
      .selectFrom("org_units")
      .select(["id", sql<string>`path::text`.as("path")])
      .where("id", "in", [p.provinceId, p.communeA, p.communeB])
      .execute();
    const compareMembers = async () => {
      for (const to of [
        "2022-01-01",
        "2022-03-02",
        "2023-01-01",
        "2023-01-09",
        "2023-06-01",
        "2023-06-02",
        "2024-01-01",
        "2025-01-01",
      ]) {
        const got = await evaluate(ctx.db, {
          codes: ["movement.models.members"],
          groups: roots.map((r) => ({ key: String(r.id), root: r.path })),
          from: "2021-01-01",
          to,
        });
        for (const r of roots) {
          const { rows } = await sql<{ n: string }>`select count(*) as n from movement_model_members mm
            join movement_models m on m.id = mm.model_id
            where m.launched_on < ${to}::date and (m.ended_on is null or m.ended_on >= ${to}::date)
              and (mm.joined_on is null or mm.joined_on < ${to}::date) and (mm.left_on is null or mm.left_on >= ${to}::date)
              and exists (select 1 from movement_model_units mu join org_units u on u.id = mu.unit_id
                where mu.model_id = m.id and u.path <@ ${r.path}::ltree)`.execute(ctx.db);
          const value = got.find((v) => v.gkey === String(r.id))?.value;
          expect({ to, unit: r.id, members: value }).toEqual({ to, unit: r.id, members: Number(rows[0].n) });
        }
      }
    };
    await compareMembers();
    await foldIndicatorDeltas(ctx.db);
    await compareMembers();
    // a member leaves, one rejoins later, one is removed, and a model is deleted with its members
    await sql`update movement_model_members set left_on = '2022-12-31' where model_id = ${first} and joined_on is null and left_on is null`.execute(
      ctx.db,
    );
    await sql`update movement_model_members set joined_on = '2023-02-01', left_on = null where model_id = ${third} and left_on = '2024-06-30'`.execute(
      ctx.db,
    );
    await sql`delete from movement_model_members where model_id = ${first} and joined_on = '2022-03-01'`.execute(
      ctx.db,
    );
    await sql`delete from movement_models where id = ${second}`.execute(ctx.db);
    await compareMembers();
  });

  const unitPath = async (id: number) =>
    (
      await ctx.db
        .selectFrom("org_units")
        .select(sql<string>`path::text`.as("path"))
        .where("id", "=", id)
        .executeTakeFirst()
    )?.path;

  /** While the definition is a flow, the year-latest table holds nothing of it and the roll-up adds to zero. */
  async function compareFoldedAs(nature: "flow") {
    await foldIndicatorDeltas(ctx.db);
    const { rows } = await sql<{ kept: string; rolled: string | null }>`
      select (select count(*) from figure_year_latest where definition_id = ${def.id}) as kept,
        (select sum(abs(value)) from (select sum(value) as value from indicator_rollup
          where family = 'figure_stocks' and measure = ${String(def.id)} group by grain, period_start, unit_id) x) as rolled`.execute(
      ctx.db,
    );
    expect({ nature, kept: Number(rows[0].kept), rolled: Number(rows[0].rolled ?? 0) }).toEqual({
      nature,
      kept: 0,
      rolled: 0,
    });
  }
});
