import { describe, expect, it } from "vitest";
import { isoDate } from "./dates.ts";

describe("a date typed as dd/mm/yyyy on the public page", () => {
  it("is sent as the ISO day, with or without leading zeros", () => {
    expect(isoDate("05/03/2025")).toBe("2025-03-05");
    expect(isoDate("5/3/2025")).toBe("2025-03-05");
    expect(isoDate("29.02.2024")).toBe("2024-02-29");
  });
  it("is nothing when nothing was typed, and refused when no such day exists", () => {
    expect(isoDate(null)).toBeNull();
    expect(isoDate("31/04/2025")).toBeUndefined();
    expect(isoDate("29/02/2025")).toBeUndefined();
    expect(isoDate("2025-03-05")).toBeUndefined();
    expect(isoDate("03/05")).toBeUndefined();
  });
});
