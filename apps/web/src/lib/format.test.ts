import { describe, expect, it } from "vitest";
import {
  foldVietnamese,
  formatDate,
  formatDateTime,
  formatNumber,
  formatPercent,
  formatTime,
  parseDate,
  todayIso,
} from "./format.ts";

describe("format", () => {
  it("shows dates as dd/MM/yyyy without shifting the day", () => {
    expect(formatDate("2025-07-01")).toBe("01/07/2025");
    expect(formatDate("2024-12-31")).toBe("31/12/2024");
    expect(formatDate(null)).toBe("");
  });

  it("shows timestamps in Vietnam time", () => {
    // 17:30 UTC is 00:30 the next day in Hồ Chí Minh City (UTC+7)
    expect(formatDateTime("2025-03-01T17:30:00.000Z")).toBe("02/03/2025 00:30");
    expect(formatTime("2025-03-01T01:05:00Z")).toBe("08:05");
    expect(formatDate("2025-03-01T17:30:00.000Z")).toBe("02/03/2025");
    expect(todayIso(new Date("2025-12-31T18:00:00Z"))).toBe("2026-01-01");
  });

  it("reads dd/MM/yyyy typed by a person and refuses impossible dates", () => {
    expect(parseDate("1/7/2025")).toBe("2025-07-01");
    expect(parseDate("31/02/2025")).toBeNull();
    expect(parseDate("2025-07-01")).toBeNull();
  });

  it("writes numbers the Vietnamese way", () => {
    expect(formatNumber(1234.5)).toBe("1.234,5");
    expect(formatNumber(3321)).toBe("3.321");
    expect(formatNumber(0.25, 2)).toBe("0,25");
    expect(formatPercent(0.125)).toBe("12,5%");
    expect(formatNumber(undefined)).toBe("");
  });

  it("folds diacritics for matching", () => {
    expect(foldVietnamese("Đắk Nia")).toBe("dak nia");
    expect(foldVietnamese("Phường Hòa Thuận")).toBe("phuong hoa thuan");
  });
});
