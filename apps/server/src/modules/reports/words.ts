import { formatNumberVi } from "../../platform/documents/official-docx.ts";

/**
 * Figures written the way reports write them: counts below 10 with a leading zero ("02 vụ"),
 * comparisons in words ("tăng 12%", "giảm 02 vụ", "không thay đổi"), which read right before "so với cùng kỳ".
 */
export function countWords(n: number | null, unit?: string): string {
  if (n == null) return "—";
  const abs = Math.abs(n);
  const s = Number.isInteger(abs) && abs < 10 ? String(abs).padStart(2, "0") : formatNumberVi(abs);
  return `${n < 0 ? "-" : ""}${s}${unit ? ` ${unit}` : ""}`;
}

/** "tăng 03 vụ" / "giảm 02 vụ" / "không thay đổi" (or "chưa có số liệu cùng kỳ"). */
export function diffWords(diff: number | null, unit?: string): string {
  if (diff == null) return "chưa có số liệu cùng kỳ";
  if (diff === 0) return "không thay đổi";
  return `${diff > 0 ? "tăng" : "giảm"} ${countWords(Math.abs(diff), unit)}`;
}

/** "tăng 12%" / "giảm 7,5%" / "không thay đổi"; the difference in words when last year was 0 or missing. */
export function percentWords(percent: number | null, diff: number | null): string {
  if (diff === 0) return "không thay đổi";
  if (percent == null) return diff == null ? "chưa có số liệu cùng kỳ" : diffWords(diff);
  return `${percent > 0 ? "tăng" : "giảm"} ${formatNumberVi(Math.abs(percent))}%`;
}
