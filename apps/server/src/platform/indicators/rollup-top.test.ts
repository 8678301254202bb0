import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Executor } from "../../db/client.ts";
import { syncFigureIndicators } from "../../modules/figures/indicators.ts";
import { insertUnits, moveSubtree, refreshSuccessors } from "../../modules/org-units/repo-write.ts";
import { recordsSpanGroups, resolvedGroups } from "../../modules/reports/repo.ts";
import { type TestContext, testContext } from "../../test/context.ts";
import { makeModel, makeProvince, type TestProvince } from "../../test/factories.ts";
import { evaluateOver, getIndicator, groupUnits, listIndicators, topsOf } from "./registry.ts";
import { foldIndicatorDeltas } from "./rollup.ts";

/*
 * The level-2 roll-up (migration 0498) must give a province's rolled-up figures exactly as the unit roll-up
 * does: after a fold, with deltas not folded yet, after the unit tree changes (before the next fold
 * rebuilds it, and after), by the units of the time and by today's.
 */
describe("level-2 roll-up", () => {
  let ctx: TestContext;
  let p: TestProvince;
  let q: TestProvince;
  let kind: { id: number; code: string };
  const codes = [
    "movement.activities.count",
    "movement.activities.participants",
    "submissions.received",
    "submissions.on_time_pct",
    "movement.models.count",
    "movement.models.new",
    "movement.models.members",
    "movement.models.camera_points",
    "movement.pledges.households",
    "movement.weapons.surrenders",
    "movement.forums.count",
    "submissions.open_now",
    "submissions.satisfaction_avg",
    "org.units.communes",
    "org.units.areas",
    "accounts.active",
  ];

  beforeAll(async () => {
    ctx = await testContext();
    await syncFigureIndicators(ctx.db);
    p = await makeProvince(ctx.db, "Tỉnh trên");
    q = await makeProvince(ctx.db, "Tỉnh bên");
    const k = await ctx.db
      .selectFrom("movement_activity_kinds")
      .select(["id", "code"])
      .orderBy("id")
      .executeTakeFirstOrThrow();
    kind = { id: Number(k.id), code: k.code };
  });
  afterAll(async () => ctx?.close());

  async function activities(ex: Executor, unitId: number, provinceId: number, days: string[]) {
    await ex
      .insertInto("movement_activities")
      .values(
        days.map((d, i) => ({
          unit_id: unitId,
          province_id: provinceId,
          kind_id: kind.id,
          kind: kind.code,
          occurred_on: d,
          title: "Hoạt động thử",
          participants: 10 + i,
          results: "{}",
        })),
      )
      .execute();
  }

  /** A model launched on `launched` covering `units`, with `members` members. */
  async function model(ex: Executor, launched: string, units: number[], members: number) {
    const id = await makeModel(ex, p.provinceId, units, launched, { cameraPoints: 3 });
    for (let i = 0; i < members; i++)
      await ex
        .insertInto("movement_model_members")
        .values({ model_id: id, full_name: `Thành viên ${i}` })
        .execute();
    return id;
  }

  async function paths(ex: Executor) {
    const rows = await ex
      .selectFrom("org_units")
      .select(["id", sql<string>`path::text`.as("path")])
      .where("id", "in", [p.provinceId, q.provinceId])
      .execute();
    return rows.map((r) => ({ key: String(r.id), root: r.path }));
  }

  /**
   * The province figures read through the level-2 roll-up and unit by unit, for a year, a quarter and a
   * period across the tree's changes. With a commune of p beside the provinces too (a group read unit by
   * unit beside them), picked out of grp or handed over apart as the reports do (resolvedGroups): each
   * way must give the unit-by-unit figures.
   */
  async function both(ex: Executor, lineage: "current" | "historical") {
    const groups = await paths(ex);
    const grp = groupUnits(groups, lineage);
    const commune = await ex
      .selectFrom("org_units")
      .select(sql<string>`path::text`.as("path"))
      .where("id", "=", p.communeA)
      .executeTakeFirstOrThrow();
    const withCommune = [...groups, { key: "commune", root: commune.path }];
    const defs = listIndicators().filter((d) => codes.includes(d.code));
    const out: { viaTops: string[]; byUnit: string[] }[] = [];
    const sorted = (rows: { code: string; gkey: string; value: number | null }[]) =>
      rows.map((r) => `${r.code} ${r.gkey} ${r.value}`).sort();
    for (const [from, to] of [
      ["2024-01-01", "2025-01-01"],
      ["2024-04-01", "2024-07-01"],
      ["2024-07-01", "2025-03-01"],
    ]) {
      const tops = topsOf(groups, lineage);
      expect(tops?.ids.sort()).toEqual([p.provinceId, q.provinceId].sort());
      out.push({
        viaTops: sorted(await evaluateOver(ex, grp, defs, { from, to, tops })),
        byUnit: sorted(await evaluateOver(ex, grp, defs, { from, to, fewUnits: false })),
      });
      const mixed = groupUnits(withCommune, lineage);
      const byUnit = sorted(await evaluateOver(ex, mixed, defs, { from, to, fewUnits: false }));
      const picked = await evaluateOver(ex, mixed, defs, { from, to, tops: topsOf(withCommune, lineage) });
      expect(sorted(picked)).toEqual(byUnit);
      const specs = withCommune.map((g) => ({ key: g.key, root: g.root }));
      // handed over as rows, and (limit 0) as the country's plain CTE with the commune's units apart
      for (const limit of [100_000, 0]) {
        const resolved = await resolvedGroups(ex, specs, lineage, "", limit);
        expect(resolved.tops?.others).toBeDefined();
        const apart = await evaluateOver(ex, resolved.grp, defs, {
          from,
          to,
          fewUnits: resolved.fewUnits,
          tops: resolved.tops,
        });
        expect(sorted(apart)).toEqual(byUnit);
      }
    }
    return out;
  }

  /** Whether some model covers units of both provinces, through movement_model_tops and unit by unit. */
  async function spans(ex: Executor, lineage: "current" | "historical") {
    const groups = await paths(ex);
    const check = getIndicator("movement.models.count")!.spansGroups!;
    const grp = groupUnits(groups, lineage);
    return {
      viaTops: await recordsSpanGroups(ex, { grp, tops: topsOf(groups, lineage) }, check),
      byUnit: await recordsSpanGroups(ex, { grp }, check),
    };
  }

  const built = async (ex: Executor) =>
    (await sql<{ built: boolean }>`select tops_built = version as built from org_version`.execute(ex)).rows[0]
      .built;

  /**
   * Runs `fn` in a transaction that starts with a fold: the fold locks org_version until the end, so the
   * other test files can neither change the tree nor fold while it looks.
   */
  const afterFold = <T>(fn: (tx: Executor) => Promise<T>) =>
    ctx.db.transaction().execute(async (tx) => {
      await foldIndicatorDeltas(tx);
      expect(await built(tx)).toBe(true);
      return fn(tx);
    });

  const figure = (code: string) => (rows: string[], provinceId: number) =>
    rows.find((r) => r.startsWith(`${code} ${provinceId} `))?.split(" ")[2];
  const activityCount = figure("movement.activities.count");
  const modelCount = figure("movement.models.count");

  it("gives the unit roll-up's figures, folded or not, before and after the tree changes", async () => {
    await activities(ctx.db, p.communeA, p.provinceId, [
      "2024-01-15",
      "2024-05-02",
      "2024-05-20",
      "2024-11-30",
    ]);
    await activities(ctx.db, p.communeB, p.provinceId, ["2024-04-10", "2024-06-30"]);
    await activities(ctx.db, q.communeA, q.provinceId, ["2024-05-05"]);
    // a model of p's commune B that also covers a commune of q: once in each province
    const shared = await model(ctx.db, "2024-03-01", [p.communeB, q.communeA], 4);
    await model(ctx.db, "2024-05-01", [p.communeA, p.areaA1], 2);
    await model(ctx.db, "2024-06-01", [p.communeB], 1);
    await afterFold(async (tx) => {
      const models = await both(tx, "current");
      for (const r of models) expect(r.viaTops).toEqual(r.byUnit);
      expect(modelCount(models[0].viaTops, p.provinceId)).toBe("3");
      expect(modelCount(models[0].viaTops, q.provinceId)).toBe("1");
      expect(await spans(tx, "current")).toEqual({ viaTops: true, byUnit: true });
      // the model's units change: its provinces follow at once (the trigger of migration 0498)
      await tx
        .deleteFrom("movement_model_units")
        .where("model_id", "=", shared)
        .where("unit_id", "=", q.communeA)
        .execute();
      const moved = await both(tx, "current");
      for (const r of moved) expect(r.viaTops).toEqual(r.byUnit);
      expect(modelCount(moved[0].viaTops, q.provinceId) ?? "0").toBe("0");
      expect(await spans(tx, "current")).toEqual({ viaTops: false, byUnit: false });
      await tx.insertInto("movement_model_units").values({ model_id: shared, unit_id: q.communeB }).execute();
      const back = await both(tx, "current");
      for (const r of back) expect(r.viaTops).toEqual(r.byUnit);
      expect(modelCount(back[0].viaTops, q.provinceId)).toBe("1");
    });
    await afterFold(async (tx) => {
      const folded = await both(tx, "current");
      for (const r of folded) expect(r.viaTops).toEqual(r.byUnit);
      expect(activityCount(folded[0].viaTops, p.provinceId)).toBe("6");
      expect(activityCount(folded[1].viaTops, p.provinceId)).toBe("4");
      // deltas not folded yet are counted too
      await activities(tx, q.communeB, q.provinceId, ["2024-05-06", "2024-05-07"]);
      const unfolded = await both(tx, "current");
      for (const r of unfolded) expect(r.viaTops).toEqual(r.byUnit);
      expect(activityCount(unfolded[1].viaTops, q.provinceId)).toBe("3");
    });

    // commune B of p closes at the end of 2024 and continues as a new commune of q: today's lineage counts
    // its 2024 records in q, the units of the time in p. Until the next fold the level-2 roll-up is stale
    // and not used.
    await afterFold(async (tx) => {
      const [successor] = await insertUnits(tx, [
        {
          parentId: q.provinceId,
          kind: "commune",
          adminType: "commune",
          name: `Công an xã Kế Tục ${q.suffix}`,
          placeName: `Kế Tục ${q.suffix}`,
          validFrom: "2025-01-01",
        },
      ]);
      await sql`update org_units set valid_to = '2024-12-31' where id = ${p.communeB}`.execute(tx);
      await tx
        .insertInto("org_unit_events")
        .values({
          kind: "continued",
          effective_on: "2025-01-01",
          from_unit_id: p.communeB,
          to_unit_id: successor,
        })
        .execute();
      await refreshSuccessors(tx, [p.communeB, successor]);
      expect(await built(tx)).toBe(false);
      for (const lineage of ["current", "historical"] as const) {
        const stale = await both(tx, lineage);
        for (const r of stale) expect(r.viaTops).toEqual(r.byUnit);
        expect(activityCount(stale[0].viaTops, q.provinceId)).toBe(lineage === "current" ? "5" : "3");
      }
    });
    await afterFold(async (tx) => {
      const current = await both(tx, "current");
      for (const r of current) expect(r.viaTops).toEqual(r.byUnit);
      // p still counts B's 2 by where B stood (its path), q by its successor: in both, as for any grp
      expect(activityCount(current[0].viaTops, p.provinceId)).toBe("6");
      expect(activityCount(current[0].viaTops, q.provinceId)).toBe("5");
      // the model of B alone now counts in q too, by B's successor; the shared one once
      expect(modelCount(current[0].viaTops, p.provinceId)).toBe("3");
      expect(modelCount(current[0].viaTops, q.provinceId)).toBe("2");
      const historical = await both(tx, "historical");
      for (const r of historical) expect(r.viaTops).toEqual(r.byUnit);
      expect(activityCount(historical[0].viaTops, p.provinceId)).toBe("6");
      expect(activityCount(historical[0].viaTops, q.provinceId)).toBe("3");
      expect(modelCount(historical[0].viaTops, q.provinceId)).toBe("1");
      // today the model of B alone lies in both provinces (B by its place then, its successor in q)
      expect(await spans(tx, "current")).toEqual({ viaTops: true, byUnit: true });
      // a subtree moved to the other province: stale until the next fold
      await moveSubtree(tx, p.communeA, q.provinceId, "2025-02-01");
      expect(await built(tx)).toBe(false);
      const moved = await both(tx, "historical");
      for (const r of moved) expect(r.viaTops).toEqual(r.byUnit);
    });
    await afterFold(async (tx) => {
      const rebuilt = await both(tx, "historical");
      for (const r of rebuilt) expect(r.viaTops).toEqual(r.byUnit);
      expect(activityCount(rebuilt[0].viaTops, p.provinceId)).toBe("2");
      expect(activityCount(rebuilt[0].viaTops, q.provinceId)).toBe("7");
    });
  });
});
