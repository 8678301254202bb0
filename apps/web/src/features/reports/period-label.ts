import { useMemo } from "react";
import { useLang } from "../../lib/i18n/index.tsx";

/** A resolved period as the API returns it; its labels are Vietnamese. */
export interface ApiPeriod {
  spec: string;
  from: string;
  to: string;
  label: string;
  lastYearLabel: string;
}

const MONTHS = [
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
const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** The English name of a period ("Q3 2025", "March 2025", "1/1/2026 to 06/12/2026"...). */
export function periodLabelEn(p: Pick<ApiPeriod, "spec" | "from" | "to">): string {
  let m = /^(\d{4})$/.exec(p.spec);
  if (m) return m[1];
  m = /^(\d{4})-Q([1-4])$/.exec(p.spec);
  if (m) return `Q${m[2]} ${m[1]}`;
  m = /^(\d{4})-M(\d{2})$/.exec(p.spec);
  if (m) return `${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
  m = /^(\d{4})-H([12])$/.exec(p.spec);
  if (m) return `${m[2] === "1" ? "first" : "second"} half of ${m[1]}`;
  m = /^(\d{4})-9M$/.exec(p.spec);
  if (m) return `first nine months of ${m[1]}`;
  if (p.spec === "year_to_date") return `${p.from.slice(0, 4)} to date (${dmy(p.to)})`;
  return `${dmy(p.from)} to ${dmy(p.to)}`;
}

/** The period's name and last year's in the interface's language. */
export function usePeriodLabel() {
  const { lang } = useLang();
  return useMemo(() => {
    const shift = (s: string) => s.replace(/\d{4}/g, (y) => String(Number(y) - 1));
    return {
      label: (p: ApiPeriod) => (lang === "vi" ? p.label : periodLabelEn(p)),
      lastYear: (p: ApiPeriod) => (lang === "vi" ? p.lastYearLabel : shift(periodLabelEn(p))),
    };
  }, [lang]);
}
