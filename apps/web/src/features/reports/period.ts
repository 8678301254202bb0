/**
 * The period a user picks, written in the server's compact syntax (packages/shared schemas/reports
 * `periodSpec`): "2024", "2024-Q1", "2024-M03", "2024-H1", "2024-9M", "2024-01-01..2024-03-31" or a
 * relative word ("this_month", "last_quarter", "year_to_date", ...).
 */

export const PERIOD_MODES = ["month", "quarter", "half", "nine", "year", "range", "relative"] as const;
export type PeriodMode = (typeof PERIOD_MODES)[number];

export const RELATIVE_PERIODS = [
  "this_month",
  "last_month",
  "this_quarter",
  "last_quarter",
  "year_to_date",
  "this_year",
  "last_year",
] as const;
export type RelativePeriod = (typeof RELATIVE_PERIODS)[number];

export interface PeriodChoice {
  mode: PeriodMode;
  year: number;
  /** 1..12 */
  month: number;
  /** 1..4 */
  quarter: number;
  /** 1..2 */
  half: number;
  from: string | null;
  to: string | null;
  relative: RelativePeriod;
}

const pad = (n: number) => String(n).padStart(2, "0");
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A sensible first choice: the quarter before today's. */
export function defaultChoice(today: string): PeriodChoice {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return {
    mode: "relative",
    year,
    month,
    quarter: Math.floor((month - 1) / 3) + 1,
    half: month <= 6 ? 1 : 2,
    from: null,
    to: null,
    relative: "last_quarter",
  };
}

/** The server's period syntax for a choice; null when a custom range is incomplete or reversed. */
export function toSpec(c: PeriodChoice): string | null {
  switch (c.mode) {
    case "month":
      return `${c.year}-M${pad(c.month)}`;
    case "quarter":
      return `${c.year}-Q${c.quarter}`;
    case "half":
      return `${c.year}-H${c.half}`;
    case "nine":
      return `${c.year}-9M`;
    case "year":
      return String(c.year);
    case "range":
      if (!c.from || !c.to || !DATE.test(c.from) || !DATE.test(c.to) || c.to < c.from) return null;
      return `${c.from}..${c.to}`;
    case "relative":
      return c.relative;
  }
}

/** Reads a spec back into a choice (for addresses that carry the period); unknown text gives `fallback`. */
export function fromSpec(spec: string | null | undefined, fallback: PeriodChoice): PeriodChoice {
  if (!spec) return fallback;
  if ((RELATIVE_PERIODS as readonly string[]).includes(spec))
    return { ...fallback, mode: "relative", relative: spec as RelativePeriod };
  const range = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(spec);
  if (range) return { ...fallback, mode: "range", from: range[1], to: range[2] };
  const m = /^(\d{4})(?:-(Q([1-4])|M(0[1-9]|1[0-2])|H([12])|(9M)))?$/.exec(spec);
  if (!m) return fallback;
  const year = Number(m[1]);
  if (m[3]) return { ...fallback, mode: "quarter", year, quarter: Number(m[3]) };
  if (m[4]) return { ...fallback, mode: "month", year, month: Number(m[4]) };
  if (m[5]) return { ...fallback, mode: "half", year, half: Number(m[5]) };
  if (m[6]) return { ...fallback, mode: "nine", year };
  return { ...fallback, mode: "year", year };
}

/** The last twelve whole months up to and including today's month, as a custom range. */
export function last12Months(today: string): string {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const startMonth = m === 12 ? 1 : m + 1;
  const startYear = m === 12 ? y : y - 1;
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${startYear}-${pad(startMonth)}-01..${y}-${pad(m)}-${pad(lastDay)}`;
}

/* ---- reporting periods of entered figures (month, quarter, half year, year) ---- */

export const FIGURE_PERIOD_TYPES = ["month", "quarter", "half_year", "year"] as const;
export type FigurePeriodType = (typeof FIGURE_PERIOD_TYPES)[number];

/** How many periods of a type a year has. */
export const periodsPerYear = (type: FigurePeriodType) =>
  type === "month" ? 12 : type === "quarter" ? 4 : type === "half_year" ? 2 : 1;

/** The first day of the `index`-th (1-based) period of a type in a year. */
export function periodStart(type: FigurePeriodType, year: number, index: number): string {
  const monthsEach = 12 / periodsPerYear(type);
  return `${year}-${pad((index - 1) * monthsEach + 1)}-01`;
}

/** The reporting period of a type that contains a date: [year, index]. */
export function periodOf(type: FigurePeriodType, date: string): [number, number] {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const monthsEach = 12 / periodsPerYear(type);
  return [year, Math.floor((month - 1) / monthsEach) + 1];
}

/** The period before the one containing `date` (the usual one to enter figures for). */
export function previousPeriod(type: FigurePeriodType, date: string): [number, number] {
  const [year, index] = periodOf(type, date);
  return index > 1 ? [year, index - 1] : [year - 1, periodsPerYear(type)];
}
