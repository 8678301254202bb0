import { formatNumberVi } from "../../platform/documents/official-docx.ts";

/**
 * Figures written the way reports write them: counts below 10 with a leading zero ("02 vụ"),
 * comparisons in words ("tăng 12%", "giảm 02 vụ", "bằng cùng kỳ").
 */
export function countWords(n: number | null, unit?: string): string {
  if (n == null) return "—";
  const abs = Math.abs(n);
  const s = Number.isInteger(abs) && abs < 10 ? String(abs).padStart(2, "0") : formatNumberVi(abs);
  return `${n < 0 ? "-" : ""}${s}${unit ? ` ${unit}` : ""}`;
}

/** "tăng 03 vụ" / "giảm 02 vụ" / "bằng cùng kỳ" (or "chưa có số liệu cùng kỳ"). */
export function diffWords(diff: number | null, unit?: string): string {
  if (diff == null) return "chưa có số liệu cùng kỳ";
  if (diff === 0) return "bằng cùng kỳ";
  return `${diff > 0 ? "tăng" : "giảm"} ${countWords(Math.abs(diff), unit)}`;
}

/** "tăng 12%" / "giảm 7,5%" / "bằng cùng kỳ"; none when last year was 0 or missing. */
export function percentWords(percent: number | null, diff: number | null): string {
  if (diff === 0) return "bằng cùng kỳ";
  if (percent == null) return diff == null ? "chưa có số liệu cùng kỳ" : diffWords(diff);
  return `${percent > 0 ? "tăng" : "giảm"} ${formatNumberVi(Math.abs(percent))}%`;
}
