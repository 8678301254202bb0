import { describe, expect, it } from "vitest";
import { periodText } from "./period-text.ts";

describe("an entry period in the interface's language", () => {
  it("keeps the server's Vietnamese label and writes English ones", () => {
    const q3 = { type: "quarter" as const, start: "2026-07-01", label: "quý III năm 2026" };
    expect(periodText(q3, "vi")).toBe("quý III năm 2026");
    expect(periodText(q3, "en")).toBe("Q3 2026");
    expect(periodText({ type: "month", start: "2026-03-01", label: "tháng 3 năm 2026" }, "en")).toBe(
      "March 2026",
    );
    expect(periodText({ type: "half_year", start: "2026-07-01", label: "6 tháng cuối năm 2026" }, "en")).toBe(
      "second half of 2026",
    );
    expect(periodText({ type: "year", start: "2026-01-01", label: "năm 2026" }, "en")).toBe("2026");
  });
});
