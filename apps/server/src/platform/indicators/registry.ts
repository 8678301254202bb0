import { type RawBuilder, sql } from "kysely";
import type { Executor } from "../../db/client.ts";
import type { Bilingual } from "../http/errors.ts";

/**
 * The indicator registry (DESIGN.md rule 6). A module declares what it counts; reports and dashboards
 * read only from here. An indicator is a SQL query over the CTE `grp(unit_id, gkey)`, which maps every
 * unit to the group (a subtree, a child unit...) it is counted in; it returns rows (gkey, value).
 * The same query with the period shifted by a year gives "cùng kỳ năm trước".
 */
export interface IndicatorContext {
  /** first day of the period, 'YYYY-MM-DD' */
  from: string;
  /** day after the last day of the period (half-open) */
  to: string;
  /**
   * True when `grp` holds few units (a province's subtree, not the country's): roll-ups are then read
   * unit by unit through their unit index rather than over the whole period (rollup.ts).
   */
  fewUnits?: boolean;
  /**
   * The groups of `grp` that are whole level-2 subtrees (provinces), by key and level-2 unit id, with the
   * lineage `grp` was built with: rolled-up families read them from the level-2 roll-up (rollup.ts).
   */
  tops?: TopGroups;
}

export interface TopGroups {
  keys: string[];
  ids: number[];
  lineage: "c" | "h";
  /** true when every group of `grp` is one of these: nothing is left to read unit by unit */
  all: boolean;
  /**
   * The (unit_id, gkey) rows of the other groups of `grp`, when the caller has them apart (a unit's own
   * records beside its provinces): read instead of picking them out of `grp`, which would compute all of it.
   */
  others?: RawBuilder<unknown>;
}

/**
 * `and <column> in (units of grp)` when the groups hold few units (probes by unit); nothing when they hold
 * the whole country, where reading the period's rows and joining `grp` afterwards is cheaper.
 */
export const unitsOfGrp = (ctx: IndicatorContext, column: RawBuilder<unknown>) =>
  ctx.fewUnits === false ? sql`` : sql`and ${column} in (select unit_id from grp)`;

export interface IndicatorDef {
  code: string;
  module: string;
  label: Bilingual;
  unit: Bilingual;
  description?: Bilingual;
  /** 'flow' counts what happened in the period; 'stock' is the state at the period's end; 'ratio' a percentage */
  nature: "flow" | "stock" | "ratio";
  /**
   * false when the figure of a whole is not the sum of its parts' figures although it is a count (a model
   * covering units of two communes counts once in their province). Ratios are never additive.
   */
  additive?: false;
  /**
   * For a figure that is not additive because a record may count in two groups (a model covering units of
   * two communes): SQL over `grp` answering one row (spans boolean), true when some record does. When none
   * does, the parts of a whole add up to it after all.
   */
  spansGroups?: (ctx: Pick<IndicatorContext, "tops">) => RawBuilder<{ spans: boolean }>;
  /**
   * For a ratio: the two sums it is made of, as codes the same batch also answers (registered or not), and
   * how it is rounded: round(scale × numerator / denominator, digits), none when the denominator is 0. The
   * ratio of a whole split into parts is then made from the parts' sums.
   */
  ratioOf?: { numerator: string; denominator: string; scale: number; digits: number };
  /** SELECT gkey, value ... joining grp on the record's unit */
  query(ctx: IndicatorContext): RawBuilder<{ gkey: string; value: number | null }>;
  /**
   * Optional: the same figure split by kind of record (activity kind, model type...): rows
   * (gkey, kind, label, value) whose values add up to the figure. Reports' "by kind" breakdown uses it.
   */
  byKind?(
    ctx: IndicatorContext,
  ): RawBuilder<{ gkey: string; kind: string; label: string; value: number | null }>;
  /**
   * Optional: the records behind the figure (drill-down), over the same `grp` CTE. Rows
   * (id, on, title, unit_id) ordered as they should be listed; `ctx.limit`/`ctx.offset` page them.
   * Never return sealed or personal data here: titles are shown to anyone who may read the figure.
   */
  drilldown?(ctx: DrilldownContext): RawBuilder<DrilldownRow>;
  /** Optional: the web path of one record behind the figure, with ":id" for its id. */
  recordPath?: string;
  /**
   * Optional: a family of indicators computed by one shared query (one scan for all activity kinds,
   * say). When several codes of a family are asked for together, the registry runs the family's query
   * once; rows (gkey, code, value) for codes not asked for are ignored. `query` must still work alone.
   */
  batch?: IndicatorBatch;
}

export interface IndicatorBatch {
  key: string;
  query(ctx: IndicatorContext): RawBuilder<{ gkey: string; code: string; value: number | null }>;
}

export interface DrilldownContext extends IndicatorContext {
  limit: number;
  offset: number;
}

export interface DrilldownRow {
  id: string | number;
  /** the record's date ('YYYY-MM-DD') */
  on: string | null;
  title: string;
  unit_id: number;
  /** the record's contribution to the figure (1 for a count) */
  value: number | null;
}

const registry = new Map<string, IndicatorDef>();

export function registerIndicator(def: IndicatorDef): void {
  if (registry.has(def.code) && registry.get(def.code) !== def)
    throw new Error(`indicator ${def.code} registered twice`);
  registry.set(def.code, def);
}

export const listIndicators = () => [...registry.values()].sort((a, b) => a.code.localeCompare(b.code));
export const getIndicator = (code: string) => registry.get(code);

export interface Group {
  key: string;
  /** ltree path of the group's root unit */
  root: string;
}

export interface EvaluateRequest {
  codes: string[];
  groups: Group[];
  from: string;
  to: string;
  /**
   * 'current': a closed unit's records count in the group its successor (today's unit) lies in;
   * 'historical': only by where the unit stood at the time (its own path).
   */
  lineage?: "current" | "historical";
}

export interface IndicatorValue {
  code: string;
  gkey: string;
  value: number | null;
}

/**
 * The groups that are whole level-2 subtrees (a province's under the Ministry), which rolled-up families
 * read from the level-2 roll-up. Paths are unit ids from the root down, so a level-2 path's second label
 * is the unit's id.
 */
export function topsOf(
  groups: { key: string; root?: string }[],
  lineage: "current" | "historical",
): TopGroups | undefined {
  const tops = groups.filter((g) => g.root?.split(".").length === 2);
  if (tops.length === 0) return undefined;
  return {
    keys: tops.map((g) => g.key),
    ids: tops.map((g) => Number(g.root!.split(".")[1])),
    lineage: lineage === "current" ? "c" : "h",
    all: tops.length === groups.length,
  };
}

/** The grp CTE body: which units belong to which group. */
export function groupUnits(groups: Group[], lineage: "current" | "historical"): RawBuilder<unknown> {
  const keys = groups.map((g) => g.key);
  const roots = groups.map((g) => g.root);
  const byPath = sql`select u.id as unit_id, g.gkey from org_units u
    join unnest(${keys}::text[], ${roots}::ltree[]) as g(gkey, root) on u.path <@ g.root`;
  if (lineage === "historical") return byPath;
  return sql`${byPath}
    union
    select s.unit_id, g.gkey from org_unit_successors s
    join org_units c on c.id = s.current_unit_id
    join unnest(${keys}::text[], ${roots}::ltree[]) as g(gkey, root) on c.path <@ g.root`;
}

/**
 * The SQL of many indicators over one `grp` CTE, as rows (code, gkey, value): each indicator (or family of
 * indicators sharing a batch query) is one branch of a UNION ALL, so the database sees the whole request
 * at once and reads each family's records once.
 */
export function indicatorsSql(defs: IndicatorDef[], ctx: IndicatorContext): RawBuilder<unknown>[] {
  const parts: RawBuilder<unknown>[] = [];
  const batches = new Map<string, { batch: IndicatorBatch; codes: string[] }>();
  for (const def of defs) {
    if (def.batch) {
      const entry = batches.get(def.batch.key) ?? { batch: def.batch, codes: [] };
      entry.codes.push(def.code);
      if (def.ratioOf) entry.codes.push(def.ratioOf.numerator, def.ratioOf.denominator);
      batches.set(def.batch.key, entry);
    } else {
      parts.push(
        sql`select ${def.code}::text as code, q.gkey::text as gkey, q.value::numeric as value from (${def.query(ctx)}) q`,
      );
    }
  }
  for (const { batch, codes } of batches.values()) {
    parts.push(sql`select q.code::text as code, q.gkey::text as gkey, q.value::numeric as value from (${batch.query(ctx)}) q
      where q.code = any(${codes}::text[])`);
  }
  return parts;
}

/** Runs many indicators over the groups of `grp` (a CTE body giving (unit_id, gkey)) in one statement. */
export async function evaluateOver(
  ex: Executor,
  grp: RawBuilder<unknown>,
  defs: IndicatorDef[],
  ctx: IndicatorContext,
): Promise<{ code: string; gkey: string; value: number | null }[]> {
  if (defs.length === 0) return [];
  const { rows } = await sql<{ code: string; gkey: string; value: number | null }>`
    with grp as materialized (${grp}) ${sql.join(indicatorsSql(defs, ctx), sql` union all `)}
  `.execute(ex);
  return rows.map((r) => ({ ...r, value: r.value == null ? null : Number(r.value) }));
}

/** Evaluates all codes in one statement (see evaluateOver). */
export async function evaluate(ex: Executor, req: EvaluateRequest): Promise<IndicatorValue[]> {
  const defs = req.codes.map((c) => registry.get(c)).filter((d): d is IndicatorDef => d !== undefined);
  if (req.groups.length === 0 || defs.length === 0) return [];
  const lineage = req.lineage ?? "current";
  const rows = await evaluateOver(ex, groupUnits(req.groups, lineage), defs, {
    from: req.from,
    to: req.to,
    tops: topsOf(req.groups, lineage),
  });
  const found = new Map(rows.map((r) => [`${r.code}\u0000${r.gkey}`, r.value]));
  const out: IndicatorValue[] = [];
  for (const def of defs) {
    for (const g of req.groups) {
      const key = `${def.code}\u0000${g.key}`;
      out.push({
        code: def.code,
        gkey: g.key,
        value: found.has(key) ? found.get(key)! : def.nature === "ratio" ? null : 0,
      });
    }
  }
  return out;
}

/**
 * round(scale × numerator / denominator, digits) as PostgreSQL rounds numeric (half away from zero), for
 * the whole numbers ratios are made of; null when the denominator is 0.
 */
export function ratioValue(num: number, den: number, r: { scale: number; digits: number }): number | null {
  if (!den) return null;
  const f = 10 ** r.digits;
  const x = num * r.scale * f;
  const q = Math.floor((2 * Math.abs(x) + Math.abs(den)) / (2 * Math.abs(den)));
  return (Math.sign(x) * Math.sign(den) * q) / f;
}

/** Shifts a 'YYYY-MM-DD' date by whole years (29 Feb → 28 Feb). */
export function shiftYears(date: string, years: number): string {
  const [y, m, d] = date.split("-").map(Number);
  const target = new Date(Date.UTC(y + years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

/** Values for the period and for the same period last year, with the difference and the percentage. */
export async function evaluateWithLastYear(ex: Executor, req: EvaluateRequest) {
  const [current, previous] = await Promise.all([
    evaluate(ex, req),
    evaluate(ex, { ...req, from: shiftYears(req.from, -1), to: shiftYears(req.to, -1) }),
  ]);
  const prev = new Map(previous.map((v) => [`${v.code}\u0000${v.gkey}`, v.value]));
  return current.map((v) => {
    const lastYear = prev.get(`${v.code}\u0000${v.gkey}`) ?? null;
    const diff = v.value != null && lastYear != null ? v.value - lastYear : null;
    const percent = diff != null && lastYear ? Math.round((diff / lastYear) * 1000) / 10 : null;
    return { ...v, lastYear, diff, percent };
  });
}
