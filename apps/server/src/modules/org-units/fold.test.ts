import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestContext, testContext } from "../../test/context.ts";
import { foldLocally } from "./repo.ts";

let t: TestContext;
beforeAll(async () => {
  t = await testContext();
});
afterAll(() => t.close());

describe("search folding", () => {
  it("folds every reference place name exactly as the database's search_norm does", async () => {
    const { rows } = await sql<{ place_name: string; folded: string }>`
      select place_name, search_norm(place_name) as folded from org_units where code is not null`.execute(
      t.db,
    );
    expect(rows.length).toBeGreaterThan(14_000);
    const differing = rows.filter((r) => {
      const local = foldLocally(r.place_name);
      return local !== undefined && local !== r.folded;
    });
    expect(differing).toEqual([]);
    // almost every name takes the local path (no database round trip)
    expect(rows.filter((r) => foldLocally(r.place_name) === undefined).length).toBeLessThan(
      rows.length / 100,
    );
  });

  it("leaves text it does not know to the database", () => {
    expect(foldLocally("Đắk Nia")).toBe("dak nia");
    expect(foldLocally("Ưu Điềm")).toBe("uu diem");
    expect(foldLocally("Straße")).toBeUndefined();
  });
});
