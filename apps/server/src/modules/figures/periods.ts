import type { FigurePeriodType } from "./tables.ts";

const pad = (n: number) => String(n).padStart(2, "0");
const MONTHS: Record<FigurePeriodType, number> = { month: 1, quarter: 3, half_year: 6, year: 12 };

/** True when `start` is the first day of a period of that type (1 Jan, 1 Apr, ...). */
export function isPeriodStart(type: FigurePeriodType, start: string): boolean {
  const m = start.match(/^(\d{4})-(\d{2})-01$/);
  if (!m) return false;
  return (Number(m[2]) - 1) % MONTHS[type] === 0;
}

/** The last day of the period starting on `start`. */
export function periodEnd(type: FigurePeriodType, start: string): string {
  const y = Number(start.slice(0, 4));
  const m = Number(start.slice(5, 7)) - 1 + MONTHS[type];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** The start of the period `n` periods before (n > 0) or after (n < 0). */
export function shiftPeriod(type: FigurePeriodType, start: string, n: number): string {
  const y = Number(start.slice(0, 4));
  const m = Number(start.slice(5, 7)) - 1 - n * MONTHS[type];
  const d = new Date(Date.UTC(y, m, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-01`;
}

const ROMAN = ["I", "II", "III", "IV"];

export function periodLabel(type: FigurePeriodType, start: string): string {
  const y = start.slice(0, 4);
  const m = Number(start.slice(5, 7));
  switch (type) {
    case "month":
      return `tháng ${m} năm ${y}`;
    case "quarter":
      return `quý ${ROMAN[(m - 1) / 3]} năm ${y}`;
    case "half_year":
      return m === 1 ? `6 tháng đầu năm ${y}` : `6 tháng cuối năm ${y}`;
    case "year":
      return `năm ${y}`;
  }
}
