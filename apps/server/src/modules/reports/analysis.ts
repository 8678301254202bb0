import type {
  AnalysisColumn,
  AnalysisQuery,
  AnalysisResult,
  AnalysisRow,
  Cell,
} from "@danvan/shared/schemas/reports";
import type { Executor } from "../../db/client.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import { scopeFor } from "../../platform/authz/scope.ts";
import { badRequest, notFound } from "../../platform/http/errors.ts";
import {
  evaluateOver,
  getIndicator,
  type IndicatorDef,
  ratioValue,
  shiftYears,
} from "../../platform/indicators/registry.ts";
import {
  dayAfter,
  lastYearLabel,
  type Period,
  PeriodError,
  resolvePeriod,
  subPeriods,
  todayVn,
} from "./period.ts";
import {
  childrenAsOf,
  type GroupSpec,
  groupCte,
  groupsFromRows,
  type ResolvedGroups,
  recordsSpanGroups,
  resolvedGroups,
  runOverGroups,
  type UnitRow,
  unitInScopeOr404,
  unitNames,
} from "./repo.ts";

export const TOTAL = "total";
export const SELF = "self";

export function periodOr400(spec: string, today = todayVn()): Period {
  try {
    return resolvePeriod(spec, today);
  } catch (e) {
    if (e instanceof PeriodError)
      throw badRequest("invalid_period", { vi: "Kỳ báo cáo không hợp lệ.", en: "The period is invalid." });
    throw e;
  }
}

function definitions(codes: string[]): IndicatorDef[] {
  const defs: IndicatorDef[] = [];
  for (const code of [...new Set(codes)]) {
    const def = getIndicator(code);
    if (!def)
      throw badRequest("unknown_indicator", {
        vi: `Không có chỉ tiêu "${code}".`,
        en: `There is no indicator "${code}".`,
      });
    defs.push(def);
  }
  return defs;
}

const emptyValue = (def: IndicatorDef) => (def.nature === "ratio" ? null : 0);

export function makeCell(value: number | null, lastYear: number | null): Cell {
  const diff = value != null && lastYear != null ? Math.round((value - lastYear) * 1000) / 1000 : null;
  const percent = diff != null && lastYear ? Math.round((diff / lastYear) * 1000) / 10 : null;
  return { value, lastYear, diff, percent };
}

/** Values keyed by gkey for one indicator over the groups, for [from, to] inclusive. */
async function values(
  ex: Executor,
  def: IndicatorDef,
  groups: GroupSpec[],
  lineage: "current" | "historical",
  from: string,
  to: string,
) {
  const rows = await runOverGroups(ex, groupCte(groups, lineage), def.query, { from, to: dayAfter(to) });
  const out = new Map<string, number | null>();
  for (const g of groups) out.set(g.key, emptyValue(def));
  for (const r of rows) out.set(r.gkey, r.value == null ? null : Number(r.value));
  return out;
}

async function withLastYear(
  ex: Executor,
  def: IndicatorDef,
  groups: GroupSpec[],
  lineage: "current" | "historical",
  from: string,
  to: string,
) {
  const now = await values(ex, def, groups, lineage, from, to);
  const before = await values(ex, def, groups, lineage, shiftYears(from, -1), shiftYears(to, -1));
  return new Map([...now].map(([k, v]) => [k, makeCell(v, before.get(k) ?? null)]));
}

type Values = Map<string, number | null>;
const valueKey = (code: string, gkey: string) => `${code}\u0000${gkey}`;

/** The figures of both years over resolved groups: one statement per year, side by side (see evaluateOver). */
async function bothYears(
  ex: Executor,
  defs: IndicatorDef[],
  { grp, fewUnits, tops }: ResolvedGroups,
  from: string,
  to: string,
): Promise<{ cur: Values; prev: Values }> {
  const [now, before] = await Promise.all([
    evaluateOver(ex, grp, defs, { from, to: dayAfter(to), fewUnits, tops }),
    evaluateOver(ex, grp, defs, {
      from: shiftYears(from, -1),
      to: dayAfter(shiftYears(to, -1)),
      fewUnits,
      tops,
    }),
  ]);
  const index = (rows: typeof now) => new Map(rows.map((r) => [valueKey(r.code, r.gkey), r.value]));
  return { cur: index(now), prev: index(before) };
}

function cellsOf(defs: IndicatorDef[], groups: GroupSpec[], { cur, prev }: { cur: Values; prev: Values }) {
  const out = new Map<string, Map<string, Cell>>();
  for (const def of defs) {
    const cells = new Map<string, Cell>();
    for (const g of groups) {
      const k = valueKey(def.code, g.key);
      cells.set(
        g.key,
        makeCell(cur.has(k) ? cur.get(k)! : emptyValue(def), prev.has(k) ? prev.get(k)! : emptyValue(def)),
      );
    }
    out.set(def.code, cells);
  }
  return out;
}

/** The same as `withLastYear` for many indicators at once. */
async function withLastYearMany(
  ex: Executor,
  defs: IndicatorDef[],
  groups: GroupSpec[],
  lineage: "current" | "historical",
  from: string,
  to: string,
  resolved?: ResolvedGroups,
): Promise<Map<string, Map<string, Cell>>> {
  if (defs.length === 0) return new Map();
  const values = await bothYears(ex, defs, resolved ?? (await resolvedGroups(ex, groups, lineage)), from, to);
  return cellsOf(defs, groups, values);
}

/** A figure whose total over parts that split the whole is the sum of the parts' figures. */
const additive = (def: IndicatorDef) => def.nature !== "ratio" && def.additive !== false;

/** The checks of non-additive counts (spansGroups) that find a record counted in two of the groups. */
async function spanningChecks(ex: Executor, groups: ResolvedGroups, defs: IndicatorDef[]) {
  const checks = [...new Set(defs.map((d) => d.spansGroups).filter((c) => c !== undefined))];
  const spans = await Promise.all(checks.map((check) => recordsSpanGroups(ex, groups, check)));
  return new Set(checks.filter((_, i) => spans[i]));
}

/**
 * A unit's figures by child unit with the total. When the children (and the unit's own records) split the
 * unit's subtree exactly, totals are formed from the children's figures: additive figures are summed,
 * ratios are made from their summed numerators and denominators (ratioOf), and counts that may count a
 * record in two groups (models) are summed when no record of theirs sits in two children. Only what is
 * left is counted over the whole subtree. For the country's year by province this saves reading
 * everything a second time. Otherwise everything is counted over every group.
 */
async function partsWithTotal(
  ex: Executor,
  defs: IndicatorDef[],
  whole: GroupSpec,
  parts: GroupSpec[],
  lineage: "current" | "historical",
  from: string,
  to: string,
): Promise<Map<string, Map<string, Cell>>> {
  const resolved = await resolvedGroups(ex, [whole, ...parts], lineage, whole.key);
  const { rows } = resolved;
  if (!resolved.partsSplitTotal)
    return withLastYearMany(ex, defs, [whole, ...parts], lineage, from, to, resolved);
  const partGroups = groupsFromRows(rows, parts, lineage);
  const partValues = bothYears(ex, defs, partGroups, from, to);
  const spanning = await spanningChecks(
    ex,
    partGroups,
    defs.filter((d) => !additive(d) && d.nature !== "ratio"),
  );
  const summed = (d: IndicatorDef) =>
    additive(d) || (d.nature !== "ratio" && d.spansGroups !== undefined && !spanning.has(d.spansGroups));
  const others = defs.filter((d) => !summed(d) && !d.ratioOf);
  const [values, totals] = await Promise.all([
    partValues,
    withLastYearMany(ex, others, [whole], lineage, from, to, groupsFromRows(rows, [whole], lineage)),
  ]);
  const byPart = cellsOf(defs, parts, values);
  const sum = (m: Values, code: string) => parts.reduce((a, g) => a + (m.get(valueKey(code, g.key)) ?? 0), 0);
  for (const def of defs) {
    const cells = byPart.get(def.code)!;
    if (summed(def)) {
      let value = 0;
      let lastYear = 0;
      for (const c of cells.values()) {
        value += c.value ?? 0;
        lastYear += c.lastYear ?? 0;
      }
      cells.set(whole.key, makeCell(value, lastYear));
    } else if (def.ratioOf) {
      const r = def.ratioOf;
      const of = (m: Values) => ratioValue(sum(m, r.numerator), sum(m, r.denominator), r);
      cells.set(whole.key, makeCell(of(values.cur), of(values.prev)));
    } else cells.set(whole.key, totals.get(def.code)!.get(whole.key)!);
  }
  return byPart;
}

/**
 * The figures of a unit's whole subtree (the TOTAL cells). The country (the root: its children are the
 * provinces) is counted as its provinces and its own records, the total formed from them as in the
 * breakdown by child (partsWithTotal): the provinces read level-2 state, where counting the country's
 * 90,000 units one by one takes seconds. Any other unit is counted over its subtree.
 */
async function wholeFigures(
  ex: Executor,
  defs: IndicatorDef[],
  unit: UnitRow,
  asOf: string,
  lineage: "current" | "historical",
  from: string,
  to: string,
): Promise<Map<string, Map<string, Cell>>> {
  const whole: GroupSpec = { key: TOTAL, root: unit.path };
  if (unit.path.includes(".")) return withLastYearMany(ex, defs, [whole], lineage, from, to);
  const children = await childrenAsOf(ex, unit.id, asOf);
  const parts: GroupSpec[] = [
    ...children.map((c) => ({ key: String(c.id), root: c.path })),
    { key: SELF, unitId: unit.id },
  ];
  return partsWithTotal(ex, defs, whole, parts, lineage, from, to);
}

/** The subtree root of the analysis and, when it is closed, the date its history ends. */
function asOfFor(unit: UnitRow, period: Period, lineage: "current" | "historical", today: string) {
  const end = lineage === "historical" ? period.to : today;
  return unit.valid_to && unit.valid_to < end ? unit.valid_to : end;
}

/**
 * Indicators × subtree × period × breakdown, each with the same period last year, the difference and the
 * percentage. The scope is checked on the unit: a unit outside it answers 404, and every group lies
 * under the unit, so nothing outside the scope is counted.
 */
export async function analyse(
  ex: Executor,
  actor: Actor,
  q: AnalysisQuery,
  today = todayVn(),
): Promise<AnalysisResult> {
  const scope = await scopeFor(ex, actor, "report.read");
  const unit = await unitInScopeOr404(ex, q.unitId, scope);
  const period = periodOr400(q.period, today);
  const defs = definitions(q.codes);
  // a closed unit has no successor under itself: it is analysed as it stood
  const lineage = unit.valid_to ? "historical" : q.lineage;
  const whole: GroupSpec = { key: TOTAL, root: unit.path };
  const columns: AnalysisColumn[] = [];
  const rows: AnalysisRow[] = [];

  if (q.breakdown === "children") {
    const children = await childrenAsOf(ex, unit.id, asOfFor(unit, period, lineage, today));
    const groups: GroupSpec[] = [
      whole,
      ...children.map((c) => ({ key: String(c.id), root: c.path })),
      { key: SELF, unitId: unit.id },
    ];
    for (const c of children) columns.push({ key: String(c.id), label: c.name, unitId: c.id });
    const self = new Map<string, Map<string, Cell>>();
    const all = await partsWithTotal(ex, defs, whole, groups.slice(1), lineage, period.from, period.to);
    for (const def of defs) {
      const cells = all.get(def.code)!;
      self.set(def.code, cells);
      rows.push(row(def, cells.get(TOTAL)!, Object.fromEntries([...cells].filter(([k]) => k !== TOTAL))));
    }
    // records filed at the unit itself get their own column when there are any
    const anySelf = [...self.values()].some((m) => {
      const c = m.get(SELF);
      return c != null && ((c.value ?? 0) !== 0 || (c.lastYear ?? 0) !== 0);
    });
    if (anySelf) columns.push({ key: SELF, label: `${unit.name} (trực tiếp)`, unitId: unit.id });
    else for (const r of rows) delete r.cells[SELF];
  } else if (q.breakdown === "period") {
    const parts = subPeriods(period);
    for (const p of parts) columns.push({ key: p.spec, label: p.label, from: p.from, to: p.to });
    const asOf = asOfFor(unit, period, lineage, today);
    const totals = await wholeFigures(ex, defs, unit, asOf, lineage, period.from, period.to);
    const byPart: Map<string, Map<string, Cell>>[] = [];
    for (const p of parts) byPart.push(await wholeFigures(ex, defs, unit, asOf, lineage, p.from, p.to));
    for (const def of defs) {
      const cells: Record<string, Cell> = {};
      parts.forEach((p, i) => {
        cells[p.spec] = byPart[i].get(def.code)!.get(TOTAL)!;
      });
      rows.push(row(def, totals.get(def.code)!.get(TOTAL)!, cells));
    }
  } else if (q.breakdown === "kind") {
    const kinds = new Map<string, string>();
    for (const def of defs) {
      const total = (await withLastYear(ex, def, [whole], lineage, period.from, period.to)).get(TOTAL)!;
      const cells: Record<string, Cell> = {};
      if (def.byKind) {
        const grp = groupCte([whole], lineage);
        const now = await runOverGroups(ex, grp, def.byKind, { from: period.from, to: dayAfter(period.to) });
        const before = await runOverGroups(ex, grp, def.byKind, {
          from: shiftYears(period.from, -1),
          to: dayAfter(shiftYears(period.to, -1)),
        });
        const prev = new Map(before.map((r) => [r.kind, r.value == null ? null : Number(r.value)]));
        for (const r of [...now, ...before]) if (!kinds.has(r.kind)) kinds.set(r.kind, r.label);
        const cur = new Map(now.map((r) => [r.kind, r.value == null ? null : Number(r.value)]));
        for (const k of new Set([...cur.keys(), ...prev.keys()]))
          cells[k] = makeCell(cur.get(k) ?? emptyValue(def), prev.get(k) ?? emptyValue(def));
      }
      rows.push(row(def, total, cells));
    }
    for (const [key, label] of kinds) columns.push({ key, label });
  } else {
    const asOf = asOfFor(unit, period, lineage, today);
    const all = await wholeFigures(ex, defs, unit, asOf, lineage, period.from, period.to);
    for (const def of defs) rows.push(row(def, all.get(def.code)!.get(TOTAL)!, {}));
  }
  return {
    unit: { id: unit.id, name: unit.name, validTo: unit.valid_to },
    period: {
      spec: period.spec,
      from: period.from,
      to: period.to,
      label: period.label,
      lastYearLabel: lastYearLabel(period),
    },
    breakdown: q.breakdown,
    lineage,
    columns,
    rows,
  };
}

function row(def: IndicatorDef, total: Cell, cells: Record<string, Cell>): AnalysisRow {
  return {
    code: def.code,
    label: def.label,
    unit: def.unit,
    nature: def.nature,
    total,
    cells,
    drillable: def.drilldown != null,
  };
}

export interface DrilldownRequest {
  code: string;
  unitId: number;
  period: string;
  lineage: "current" | "historical";
  lastYear: boolean;
  limit: number;
  offset: number;
}

/** The records behind one figure (a unit's subtree, a period), within the actor's scope. */
export async function drilldown(ex: Executor, actor: Actor, q: DrilldownRequest, today = todayVn()) {
  const scope = await scopeFor(ex, actor, "report.read");
  const unit = await unitInScopeOr404(ex, q.unitId, scope);
  const def = getIndicator(q.code);
  if (!def) throw notFound({ vi: "chỉ tiêu", en: "indicator" });
  if (!def.drilldown)
    throw badRequest("not_drillable", {
      vi: "Chỉ tiêu này không có danh sách bản ghi chi tiết.",
      en: "This indicator has no list of records behind it.",
    });
  const period = periodOr400(q.period, today);
  const from = q.lastYear ? shiftYears(period.from, -1) : period.from;
  const to = q.lastYear ? shiftYears(period.to, -1) : period.to;
  const lineage = unit.valid_to ? "historical" : q.lineage;
  const rows = await runOverGroups(ex, groupCte([{ key: TOTAL, root: unit.path }], lineage), def.drilldown, {
    from,
    to: dayAfter(to),
    limit: q.limit + 1,
    offset: q.offset,
  });
  const page = rows.slice(0, q.limit);
  const names = await unitNames(ex, [...new Set(page.map((r) => Number(r.unit_id)))]);
  return {
    indicator: { code: def.code, label: def.label, unit: def.unit },
    unit: { id: unit.id, name: unit.name },
    from,
    to,
    items: page.map((r) => ({
      id: String(r.id),
      on: r.on,
      title: r.title,
      value: r.value == null ? null : Number(r.value),
      unit: { id: Number(r.unit_id), name: names.get(Number(r.unit_id)) ?? "" },
      path: def.recordPath ? def.recordPath.replace(":id", String(r.id)) : null,
    })),
    hasMore: rows.length > q.limit,
  };
}
