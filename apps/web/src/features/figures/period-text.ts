import { useLang } from "../../lib/i18n/index.tsx";
import type { FigurePeriodType } from "../reports/period.ts";
import { periodLabelEn } from "../reports/period-label.ts";

type EntryPeriod = { type: FigurePeriodType; start: string; label: string };

/** The analysis spec of an entry period ("2026-Q3"), so that both pages name periods the same way. */
function specOf(p: EntryPeriod): string {
  const y = p.start.slice(0, 4);
  const m = Number(p.start.slice(5, 7));
  switch (p.type) {
    case "month":
      return `${y}-M${p.start.slice(5, 7)}`;
    case "quarter":
      return `${y}-Q${(m - 1) / 3 + 1}`;
    case "half_year":
      return `${y}-H${m === 1 ? 1 : 2}`;
    case "year":
      return y;
  }
}

/** An entry period in the interface's language ("quý III năm 2026" / "Q3 2026"); the server's label is Vietnamese. */
export function periodText(p: EntryPeriod, lang: "vi" | "en"): string {
  return lang === "vi" ? p.label : periodLabelEn({ spec: specOf(p), from: p.start, to: p.start });
}

export function usePeriodText() {
  const { lang } = useLang();
  return (p: EntryPeriod) => periodText(p, lang);
}
