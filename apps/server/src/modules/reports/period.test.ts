import { describe, expect, it } from "vitest";
import { lastYearLabel, resolvePeriod, subPeriods } from "./period.ts";
import { diffWords, percentWords } from "./words.ts";

describe("report periods", () => {
  const today = "2025-05-14";
  it.each([
    ["2024", "2024-01-01", "2024-12-31", "năm 2024"],
    ["2024-Q1", "2024-01-01", "2024-03-31", "quý I năm 2024"],
    ["2024-M02", "2024-02-01", "2024-02-29", "tháng 2 năm 2024"],
    ["2024-H2", "2024-07-01", "2024-12-31", "6 tháng cuối năm 2024"],
    ["2024-9M", "2024-01-01", "2024-09-30", "9 tháng đầu năm 2024"],
    ["2024-03-05..2024-04-10", "2024-03-05", "2024-04-10", "từ ngày 05/03/2024 đến ngày 10/04/2024"],
    ["this_month", "2025-05-01", "2025-05-31", "tháng 5 năm 2025"],
    ["last_quarter", "2025-01-01", "2025-03-31", "quý I năm 2025"],
    ["year_to_date", "2025-01-01", "2025-05-14", "từ đầu năm 2025 đến ngày 14/05/2025"],
  ])("%s", (spec, from, to, label) => {
    expect(resolvePeriod(spec, today)).toMatchObject({ from, to, label });
  });
  it("last quarter in January is the previous year's fourth", () => {
    expect(resolvePeriod("last_quarter", "2025-01-10")).toMatchObject({
      from: "2024-10-01",
      to: "2024-12-31",
    });
    expect(resolvePeriod("last_month", "2025-01-10")).toMatchObject({ from: "2024-12-01", to: "2024-12-31" });
  });
  it("labels the same period last year", () => {
    expect(lastYearLabel(resolvePeriod("2024-Q1", today))).toBe("quý I năm 2023");
  });
  it("splits into months, clipped to the range, or years beyond two years", () => {
    expect(subPeriods({ from: "2024-01-15", to: "2024-03-10" }).map((p) => [p.from, p.to])).toEqual([
      ["2024-01-15", "2024-01-31"],
      ["2024-02-01", "2024-02-29"],
      ["2024-03-01", "2024-03-10"],
    ]);
    expect(subPeriods({ from: "2020-01-01", to: "2024-12-31" }).map((p) => p.spec)).toEqual([
      "2020",
      "2021",
      "2022",
      "2023",
      "2024",
    ]);
  });
});

describe("comparisons in words", () => {
  it("writes counts below ten with a leading zero", () => {
    expect(diffWords(-2, "vụ")).toBe("giảm 02 vụ");
    expect(diffWords(3, "đối tượng")).toBe("tăng 03 đối tượng");
    expect(diffWords(1200, "lượt")).toBe("tăng 1.200 lượt");
    expect(diffWords(0, "vụ")).toBe("không thay đổi");
    expect(percentWords(12, 3)).toBe("tăng 12%");
    expect(percentWords(-7.5, -3)).toBe("giảm 7,5%");
  });
});
