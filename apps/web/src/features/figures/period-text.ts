import { useLang } from "../../lib/i18n/index.tsx";
import type { FigurePeriodType } from "../reports/period.ts";

const MONTHS_EN = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** An entry period in the interface's language ("quý III năm 2026" / "Q3 2026"); the server's label is Vietnamese. */
export function periodText(
  p: { type: FigurePeriodType; start: string; label: string },
  lang: "vi" | "en",
): string {
  if (lang === "vi") return p.label;
  const y = p.start.slice(0, 4);
  const m = Number(p.start.slice(5, 7));
  switch (p.type) {
    case "month":
      return `${MONTHS_EN[m - 1]} ${y}`;
    case "quarter":
      return `Q${(m - 1) / 3 + 1} ${y}`;
    case "half_year":
      return m === 1 ? `first half of ${y}` : `second half of ${y}`;
    case "year":
      return y;
  }
}

export function usePeriodText() {
  const { lang } = useLang();
  return (p: { type: FigurePeriodType; start: string; label: string }) => periodText(p, lang);
}
