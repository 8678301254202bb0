import { describe, expect, it } from "vitest";
import { diff, flatten } from "./diff.ts";

describe("audit diff", () => {
  it("flattens nested values to dotted paths", () => {
    expect(flatten({ a: { b: 1 }, c: [1, 2], d: null })).toEqual({ "a.b": 1, "c.0": 1, "c.1": 2, d: null });
  });

  it("lists changed fields first, added and removed ones included", () => {
    const rows = diff({ name: "Xã A", phone: "1" }, { name: "Xã B", phone: "1", email: "x@y.vn" });
    expect(rows.map((r) => [r.field, r.changed])).toEqual([
      ["email", true],
      ["name", true],
      ["phone", false],
    ]);
    expect(diff(null, { a: 1 })).toEqual([{ field: "a", before: undefined, after: 1, changed: true }]);
  });
});
