/**
 * Periods of reports: a compact spec ("2024-Q1", "2024-9M", "last_quarter"...) resolved to an inclusive
 * date range with its Vietnamese label, and split into months or years for the "by period" breakdown.
 */
export interface Period {
  spec: string;
  /** first day, 'YYYY-MM-DD' */
  from: string;
  /** last day, inclusive */
  to: string;
  label: string;
}

const ROMAN = ["I", "II", "III", "IV"];
const pad = (n: number) => String(n).padStart(2, "0");
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const range = (y: number, m1: number, m2: number) => ({
  from: iso(y, m1, 1),
  to: iso(y, m2, lastDay(y, m2)),
});
export const dmy = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

export class PeriodError extends Error {}

/** Resolves a period spec against `today` ('YYYY-MM-DD', the server's date in Asia/Ho_Chi_Minh). */
export function resolvePeriod(spec: string, today: string): Period {
  const ty = Number(today.slice(0, 4));
  const tm = Number(today.slice(5, 7));
  const tq = Math.ceil(tm / 3);
  switch (spec) {
    case "this_month":
      return resolvePeriod(`${ty}-M${pad(tm)}`, today);
    case "last_month":
      return resolvePeriod(tm === 1 ? `${ty - 1}-M12` : `${ty}-M${pad(tm - 1)}`, today);
    case "this_quarter":
      return resolvePeriod(`${ty}-Q${tq}`, today);
    case "last_quarter":
      return resolvePeriod(tq === 1 ? `${ty - 1}-Q4` : `${ty}-Q${tq - 1}`, today);
    case "this_year":
      return resolvePeriod(String(ty), today);
    case "last_year":
      return resolvePeriod(String(ty - 1), today);
    case "year_to_date":
      return { spec, from: iso(ty, 1, 1), to: today, label: `từ đầu năm ${ty} đến ngày ${dmy(today)}` };
  }
  let m = spec.match(/^(\d{4})$/);
  if (m) return { spec, ...range(Number(m[1]), 1, 12), label: `năm ${m[1]}` };
  m = spec.match(/^(\d{4})-Q([1-4])$/);
  if (m) {
    const q = Number(m[2]);
    return { spec, ...range(Number(m[1]), q * 3 - 2, q * 3), label: `quý ${ROMAN[q - 1]} năm ${m[1]}` };
  }
  m = spec.match(/^(\d{4})-M(\d{2})$/);
  if (m) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) throw new PeriodError(spec);
    return { spec, ...range(Number(m[1]), month, month), label: `tháng ${month} năm ${m[1]}` };
  }
  m = spec.match(/^(\d{4})-H([12])$/);
  if (m) {
    const h = Number(m[2]);
    return {
      spec,
      ...range(Number(m[1]), h === 1 ? 1 : 7, h === 1 ? 6 : 12),
      label: h === 1 ? `6 tháng đầu năm ${m[1]}` : `6 tháng cuối năm ${m[1]}`,
    };
  }
  m = spec.match(/^(\d{4})-9M$/);
  if (m) return { spec, ...range(Number(m[1]), 1, 9), label: `9 tháng đầu năm ${m[1]}` };
  m = spec.match(/^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/);
  if (m) {
    const [, from, to] = m;
    if (!validDate(from) || !validDate(to) || to < from) throw new PeriodError(spec);
    return { spec, from, to, label: `từ ngày ${dmy(from)} đến ngày ${dmy(to)}` };
  }
  throw new PeriodError(spec);
}

function validDate(s: string) {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The label of the same period a year earlier ("quý I năm 2023"). */
export function lastYearLabel(p: Period): string {
  return p.label
    .replace(/\d{4}/g, (y) => String(Number(y) - 1))
    .replace(/(\d{2})\/(\d{2})\/(\d{4})/g, "$1/$2/$3");
}

const later = (a: string, b: string) => [a, b].sort()[1];
const earlier = (a: string, b: string) => [a, b].sort()[0];

/** Splits a range into calendar months (≤ 24 months) or years, clipped to the range. */
export function subPeriods(p: { from: string; to: string }): Period[] {
  const [fy, fm] = [Number(p.from.slice(0, 4)), Number(p.from.slice(5, 7))];
  const [ly, lm] = [Number(p.to.slice(0, 4)), Number(p.to.slice(5, 7))];
  const months = (ly - fy) * 12 + (lm - fm) + 1;
  const out: Period[] = [];
  if (months <= 24) {
    for (let i = 0; i < months; i++) {
      const y = fy + Math.floor((fm - 1 + i) / 12);
      const mo = ((fm - 1 + i) % 12) + 1;
      const r = range(y, mo, mo);
      out.push({
        spec: `${y}-M${pad(mo)}`,
        from: later(r.from, p.from),
        to: earlier(r.to, p.to),
        label: `${pad(mo)}/${y}`,
      });
    }
    return out;
  }
  for (let y = fy; y <= ly; y++) {
    const r = range(y, 1, 12);
    out.push({
      spec: String(y),
      from: later(r.from, p.from),
      to: earlier(r.to, p.to),
      label: String(y),
    });
  }
  return out;
}

/** Today's date in Asia/Ho_Chi_Minh. */
export function todayVn(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** The day after a 'YYYY-MM-DD' date (the registry takes half-open ranges). */
export const dayAfter = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
