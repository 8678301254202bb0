/**
 * Display formats of the interface (DESIGN.md rule 7): dates dd/MM/yyyy, timestamps HH:mm in
 * Asia/Ho_Chi_Minh, numbers in the Vietnamese style 1.234,5.
 */

export const TIME_ZONE = "Asia/Ho_Chi_Minh";

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 'YYYY-MM-DD' (or an ISO timestamp, taken in Vietnam time) → 'dd/MM/yyyy'; empty for nothing. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return "";
  const m = DATE_ONLY.exec(value);
  if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const p = parts(d);
  return `${p.day}/${p.month}/${p.year}`;
}

/** ISO timestamp → 'dd/MM/yyyy HH:mm' in Vietnam time. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return "";
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const p = parts(d);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** ISO timestamp → 'HH:mm' in Vietnam time. */
export function formatTime(value: string | null | undefined): string {
  if (!value) return "";
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const p = parts(d);
  return `${p.hour}:${p.minute}`;
}

const partsFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

function parts(d: Date) {
  const out: Record<string, string> = {};
  for (const p of partsFormat.formatToParts(d)) out[p.type] = p.value;
  return out as { year: string; month: string; day: string; hour: string; minute: string };
}

/** Today's date in Vietnam as 'YYYY-MM-DD'. */
export function todayIso(now: Date = new Date()): string {
  const p = parts(now);
  return `${p.year}-${p.month}-${p.day}`;
}

/** 'dd/MM/yyyy' typed by a person → 'YYYY-MM-DD', or null when it is not a real date. */
export function parseDate(text: string): string | null {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!m) return null;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${m[3]}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/** 1234.5 → '1.234,5' (up to `maxFractionDigits` decimals, 1 by default). */
export function formatNumber(value: number | null | undefined, maxFractionDigits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "";
  const key = String(maxFractionDigits);
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: maxFractionDigits });
    numberFormats.set(key, f);
  }
  return f.format(value);
}

/** 0.125 → '12,5%'. */
export function formatPercent(ratio: number | null | undefined, maxFractionDigits = 1): string {
  if (ratio === null || ratio === undefined || Number.isNaN(ratio)) return "";
  return `${formatNumber(ratio * 100, maxFractionDigits)}%`;
}

/** Removes Vietnamese diacritics and case for client-side matching ("Đắk Nia" → "dak nia"). */
export function foldVietnamese(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase();
}
