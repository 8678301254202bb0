import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestContext, testContext } from "../../test/context.ts";
import { makeProvince, type TestProvince } from "../../test/factories.ts";
import { insertEvents, insertUnits, refreshSuccessors } from "../org-units/repo-write.ts";
import { type GroupSpec, resolvedGroups } from "./repo.ts";

/*
 * Whether a unit's children split its subtree decides whether totals may be formed from the children
 * (analysis.ts partsWithTotal). For the country it is remembered per unit-tree version; a lineage change
 * must give a new answer at once.
 */
describe("the parts-split check", () => {
  let ctx: TestContext;
  let p: TestProvince;

  beforeAll(async () => {
    ctx = await testContext();
    p = await makeProvince(ctx.db, "Chia tách");
  });
  afterAll(async () => ctx?.close());

  async function groups(): Promise<GroupSpec[]> {
    const rows = await ctx.db
      .selectFrom("org_units")
      .select(["id", sql<string>`path::text`.as("path")])
      .where("id", "in", [p.provinceId, p.communeA, p.communeB])
      .execute();
    const path = (id: number) => rows.find((r) => Number(r.id) === id)!.path;
    return [
      { key: "total", root: path(p.provinceId) },
      { key: "a", root: path(p.communeA) },
      { key: "b", root: path(p.communeB) },
      { key: "self", unitId: p.provinceId },
    ];
  }

  // limit 0: every request counts as too many units to hand over, the country's case
  const split = async (g: GroupSpec[], limit: number) =>
    (await resolvedGroups(ctx.db, g, "current", "total", limit)).partsSplitTotal;

  it("is remembered for many units, and answered anew once a commune is split between two children", async () => {
    const g = await groups();
    expect(await split(g, 0)).toBe(true);
    expect(await split(g, 0)).toBe(true);
    const before = await resolvedGroups(ctx.db, g, "current", "total");
    expect(before.partsSplitTotal).toBe(true);
    expect(before.rows?.length).toBeGreaterThan(0);

    // commune D closed at the end of 2024, its territory split between A and B: D counts in both children
    await ctx.db.transaction().execute(async (trx) => {
      const [d] = await insertUnits(trx, [
        {
          parentId: p.provinceId,
          kind: "commune",
          adminType: "commune",
          name: `Công an xã Đã Chia ${p.suffix}`,
          placeName: `Đã Chia ${p.suffix}`,
          validFrom: "2020-01-01",
          validTo: "2024-12-31",
        },
      ]);
      await insertEvents(trx, [
        { kind: "split_from", effectiveOn: "2025-01-01", fromUnitId: d, toUnitId: p.communeA, share: 0.5 },
        { kind: "split_from", effectiveOn: "2025-01-01", fromUnitId: d, toUnitId: p.communeB, share: 0.5 },
      ]);
      await refreshSuccessors(trx, [d]);
    });
    expect(await split(g, 0)).toBe(false);
    expect(await split(g, 20_000)).toBe(false);
  });
});
