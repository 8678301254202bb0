import { describe, expect, it } from "vitest";
import { periodLabelEn } from "./period-label.ts";

describe("a period named in English", () => {
  it("names calendar periods as an English reader writes them", () => {
    expect(periodLabelEn({ spec: "2025", from: "2025-01-01", to: "2025-12-31" })).toBe("2025");
    expect(periodLabelEn({ spec: "2025-Q3", from: "2025-07-01", to: "2025-09-30" })).toBe("Q3 2025");
    expect(periodLabelEn({ spec: "2026-M12", from: "2026-12-01", to: "2026-12-31" })).toBe("December 2026");
    expect(periodLabelEn({ spec: "2025-H2", from: "2025-07-01", to: "2025-12-31" })).toBe(
      "second half of 2025",
    );
    expect(periodLabelEn({ spec: "2025-9M", from: "2025-01-01", to: "2025-09-30" })).toBe(
      "first nine months of 2025",
    );
  });
  it("writes dates as dd/MM/yyyy for ranges and year to date", () => {
    expect(periodLabelEn({ spec: "year_to_date", from: "2026-01-01", to: "2026-12-06" })).toBe(
      "2026 to date (06/12/2026)",
    );
    expect(periodLabelEn({ spec: "2022-07-01..2022-09-30", from: "2022-07-01", to: "2022-09-30" })).toBe(
      "01/07/2022 to 30/09/2022",
    );
  });
});
