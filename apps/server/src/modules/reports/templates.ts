import type { Cell } from "@danvan/shared/schemas/reports";
import { formatNumberVi } from "../../platform/documents/official-docx.ts";
import { getIndicator } from "../../platform/indicators/registry.ts";
import { countWords, diffWords, percentWords } from "./words.ts";

/**
 * Placeholders in template prose: {unit.name}, {unit.place}, {period.label}, {period.last_year_label},
 * {period.year}, {period.last_year}, and for any indicator code: {code} (the value), {code.last_year}, {code.diff},
 * {code.percent}, {code.padded} ("02"), {code.diff_words} ("giảm 02 vụ"), {code.percent_words} ("tăng 12%").
 */
const SUFFIXES = ["last_year", "diff_words", "percent_words", "diff", "percent", "padded"] as const;
const PLACEHOLDER = /\{([a-zA-Z0-9_.]+)\}/g;

export interface RenderContext {
  unit: { name: string; place: string };
  period: { label: string; lastYearLabel: string; from: string };
  figures: Map<string, Cell>;
}

/** Splits "movement.activities.count.diff_words" into the indicator code and the suffix. */
export function parsePlaceholder(
  key: string,
): { code: string; suffix: (typeof SUFFIXES)[number] | null } | null {
  if (getIndicator(key)) return { code: key, suffix: null };
  for (const s of SUFFIXES)
    if (key.endsWith(`.${s}`)) {
      const code = key.slice(0, -(s.length + 1));
      if (getIndicator(code)) return { code, suffix: s };
    }
  return null;
}

/** Indicator codes named in a piece of template text. */
export function codesIn(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(PLACEHOLDER)) {
    const p = parsePlaceholder(m[1]);
    if (p) out.add(p.code);
  }
  return [...out];
}

const num = (v: number | null) => (v == null ? "—" : formatNumberVi(v));

export function renderText(text: string, ctx: RenderContext): string {
  return text.replace(PLACEHOLDER, (whole, key: string) => {
    switch (key) {
      case "unit.name":
        return ctx.unit.name;
      case "unit.place":
        return ctx.unit.place;
      case "period.label":
        return ctx.period.label;
      case "period.last_year_label":
        return ctx.period.lastYearLabel;
      case "period.year":
        return ctx.period.from.slice(0, 4);
      case "period.last_year":
        return String(Number(ctx.period.from.slice(0, 4)) - 1);
    }
    const p = parsePlaceholder(key);
    if (!p) return whole;
    const cell = ctx.figures.get(p.code);
    if (!cell) return "—";
    const unit = getIndicator(p.code)?.unit.vi;
    switch (p.suffix) {
      case null:
        return num(cell.value);
      case "last_year":
        return num(cell.lastYear);
      case "diff":
        return num(cell.diff);
      case "percent":
        return cell.percent == null ? "—" : `${formatNumberVi(cell.percent)}%`;
      case "padded":
        return countWords(cell.value);
      case "diff_words":
        return diffWords(cell.diff, unit);
      case "percent_words":
        return percentWords(cell.percent, cell.diff);
    }
  });
}
