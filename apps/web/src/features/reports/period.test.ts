import { describe, expect, test } from "vitest";
import { defaultChoice, fromSpec, last12Months, periodStart, previousPeriod, toSpec } from "./period.ts";

const base = defaultChoice("2026-11-22");

describe("period choices in the server's syntax", () => {
  test("each mode gives the spec the server accepts", () => {
    expect(toSpec(base)).toBe("last_quarter");
    expect(toSpec({ ...base, mode: "month", year: 2024, month: 3 })).toBe("2024-M03");
    expect(toSpec({ ...base, mode: "quarter", year: 2024, quarter: 2 })).toBe("2024-Q2");
    expect(toSpec({ ...base, mode: "half", year: 2024, half: 1 })).toBe("2024-H1");
    expect(toSpec({ ...base, mode: "nine", year: 2024 })).toBe("2024-9M");
    expect(toSpec({ ...base, mode: "year", year: 2022 })).toBe("2022");
    expect(toSpec({ ...base, mode: "range", from: "2024-01-05", to: "2024-02-10" })).toBe(
      "2024-01-05..2024-02-10",
    );
    expect(toSpec({ ...base, mode: "relative", relative: "year_to_date" })).toBe("year_to_date");
  });

  test("an incomplete or reversed range is no period", () => {
    expect(toSpec({ ...base, mode: "range", from: "2024-01-05", to: null })).toBeNull();
    expect(toSpec({ ...base, mode: "range", from: "2024-03-01", to: "2024-02-01" })).toBeNull();
  });

  test("a spec read back gives the same spec", () => {
    for (const spec of [
      "2024",
      "2024-Q4",
      "2024-M11",
      "2024-H2",
      "2024-9M",
      "2023-01-01..2023-06-30",
      "this_month",
    ])
      expect(toSpec(fromSpec(spec, base))).toBe(spec);
    expect(fromSpec("nonsense", base)).toEqual(base);
  });

  test("the last twelve months end with this month", () => {
    expect(last12Months("2026-11-22")).toBe("2025-12-01..2026-11-30");
    expect(last12Months("2024-12-03")).toBe("2024-01-01..2024-12-31");
    expect(last12Months("2024-02-10")).toBe("2023-03-01..2024-02-29");
  });

  test("reporting periods of entered figures", () => {
    expect(periodStart("quarter", 2026, 3)).toBe("2026-07-01");
    expect(periodStart("half_year", 2026, 2)).toBe("2026-07-01");
    expect(periodStart("month", 2026, 11)).toBe("2026-11-01");
    expect(periodStart("year", 2026, 1)).toBe("2026-01-01");
    expect(previousPeriod("quarter", "2026-02-10")).toEqual([2025, 4]);
    expect(previousPeriod("month", "2026-11-22")).toEqual([2026, 10]);
  });
});
