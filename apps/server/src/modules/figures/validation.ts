/**
 * Validation of a unit's figures for one period: bounds of each definition, rules between figures
 * (kept as data), and values far from the unit's history, which need an explicit confirmation.
 */
export interface DefinitionForCheck {
  id: number;
  name: string;
  min_value: number;
  max_value: number | null;
  integer_only: boolean;
  outlier_factor: number;
}

export interface RuleForCheck {
  id: number;
  left_id: number;
  op: ">=" | "<=" | "=" | ">" | "<";
  right_id: number;
  applies: "always" | "left_positive" | "right_positive";
  message: string;
  message_en: string;
}

export interface Problem {
  definitionId: number;
  code: string;
  message: { vi: string; en: string };
  ruleId?: number;
}

const compare = (a: number, op: RuleForCheck["op"], b: number) =>
  op === ">=" ? a >= b : op === "<=" ? a <= b : op === "=" ? a === b : op === ">" ? a > b : a < b;

export function checkBounds(defs: Map<number, DefinitionForCheck>, values: Map<number, number>): Problem[] {
  const out: Problem[] = [];
  for (const [id, v] of values) {
    const d = defs.get(id);
    if (!d) continue;
    if (!Number.isFinite(v))
      out.push({
        definitionId: id,
        code: "not_a_number",
        message: { vi: `${d.name}: không phải là số.`, en: `${d.name}: not a number.` },
      });
    else if (d.integer_only && !Number.isInteger(v))
      out.push({
        definitionId: id,
        code: "not_integer",
        message: { vi: `${d.name}: phải là số nguyên.`, en: `${d.name}: must be a whole number.` },
      });
    else if (v < d.min_value)
      out.push({
        definitionId: id,
        code: "below_minimum",
        message: {
          vi: `${d.name}: không được nhỏ hơn ${d.min_value}.`,
          en: `${d.name}: must be at least ${d.min_value}.`,
        },
      });
    else if (d.max_value != null && v > d.max_value)
      out.push({
        definitionId: id,
        code: "above_maximum",
        message: {
          vi: `${d.name}: không được lớn hơn ${d.max_value}.`,
          en: `${d.name}: must be at most ${d.max_value}.`,
        },
      });
  }
  return out;
}

/** Rules between two figures; a rule whose figures are not both entered is skipped. */
export function checkRules(rules: RuleForCheck[], values: Map<number, number>): Problem[] {
  const out: Problem[] = [];
  for (const r of rules) {
    const left = values.get(r.left_id);
    const right = values.get(r.right_id);
    if (left == null || right == null) continue;
    if (r.applies === "left_positive" && !(left > 0)) continue;
    if (r.applies === "right_positive" && !(right > 0)) continue;
    if (!compare(left, r.op, right))
      out.push({
        definitionId: r.left_id,
        ruleId: r.id,
        code: "rule_failed",
        message: { vi: r.message, en: r.message_en },
      });
  }
  return out;
}

/**
 * A value is far from the unit's history when at least 3 earlier periods exist and it lies more than
 * `factor` spreads from their mean, the spread being the standard deviation but at least a quarter of
 * the mean and at least 1 (so steady small counts do not flag every change).
 */
export function isOutlier(value: number, history: number[], factor: number): boolean {
  if (history.length < 3) return false;
  const mean = history.reduce((a, b) => a + b, 0) / history.length;
  const sd = Math.sqrt(history.reduce((a, b) => a + (b - mean) ** 2, 0) / history.length);
  const spread = Math.max(sd, Math.abs(mean) / 4, 1);
  return Math.abs(value - mean) > factor * spread;
}
