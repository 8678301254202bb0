import { type RawBuilder, sql } from "kysely";
import type { Executor } from "../../db/client.ts";
import { every } from "../jobs/periodic.ts";
import type { IndicatorContext, TopGroups } from "./registry.ts";

/*
 * Reading the roll-ups of migration 0492 (docs/decisions/0007-indicator-rollups.md). A period [from, to)
 * is cut into whole years, whole months and the days at either end: the whole parts are read from
 * indicator_rollup plus the deltas not folded yet, the days at the ends from the records themselves.
 * A family's indicator query adds the two up, so the figure is the same as a count over the records.
 */

export interface PeriodSplit {
  /** first days of the whole calendar years inside the period */
  years: string[];
  /** first days of the whole months inside the period and outside those years */
  months: string[];
  /** the rest, to be counted from the records: at most two half-open day ranges */
  edges: IndicatorContext[];
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const parse = (s: string) => new Date(`${s}T00:00:00Z`);
const monthStart = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
const addMonths = (d: Date, n: number) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1));
const yearStart = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), 0, 1));

/** The first month start on or after `d`. */
const ceilMonth = (d: Date) => (d.getUTCDate() === 1 ? d : addMonths(monthStart(d), 1));
const ceilYear = (d: Date) =>
  d.getUTCMonth() === 0 && d.getUTCDate() === 1 ? d : new Date(Date.UTC(d.getUTCFullYear() + 1, 0, 1));

function edgesOf(from: Date, wholeFrom: Date, wholeTo: Date, to: Date): IndicatorContext[] {
  const edges: IndicatorContext[] = [];
  if (from < wholeFrom) edges.push({ from: iso(from), to: iso(wholeFrom) });
  if (wholeTo < to) edges.push({ from: iso(wholeTo), to: iso(to) });
  return edges;
}

/**
 * Cuts [from, to) into whole years, whole months and edge days. With `monthly: false` (a family rolled up
 * by year only) everything outside the whole years is an edge.
 */
export function splitPeriod(from: string, to: string, monthly = true): PeriodSplit {
  const f = parse(from);
  const t = parse(to);
  const none: PeriodSplit = { years: [], months: [], edges: f < t ? [{ from, to }] : [] };
  const fm = monthly ? ceilMonth(f) : ceilYear(f);
  const tm = monthly ? monthStart(t) : yearStart(t);
  if (fm >= tm) return none;
  const fy = ceilYear(fm);
  const ty = yearStart(tm);
  const years: string[] = [];
  const months: string[] = [];
  if (fy < ty) {
    for (let y = fy; y < ty; y = new Date(Date.UTC(y.getUTCFullYear() + 1, 0, 1))) years.push(iso(y));
    for (let m = fm; m < fy; m = addMonths(m, 1)) months.push(iso(m));
    for (let m = ty; m < tm; m = addMonths(m, 1)) months.push(iso(m));
  } else {
    for (let m = fm; m < tm; m = addMonths(m, 1)) months.push(iso(m));
  }
  return { years, months, edges: edgesOf(f, fm, tm, t) };
}

/** True while the level-2 roll-up and org_unit_tops are built for today's unit tree (migration 0498). */
export const topsBuilt = sql`(select coalesce(tops_built = version, false) from org_version where id = 1)`;

/** The whole-province groups as a table `t(gkey, top_id)`. */
export const topGroups = (tops: TopGroups) =>
  sql`unnest(${tops.keys}::text[], ${tops.ids}::bigint[]) as t(gkey, top_id)`;

/**
 * Rows for the groups of `grp`, read the fast way for whole provinces where it is safe. `viaTops` reads the
 * whole provinces of `ctx.tops` from level-2 state (joining `topGroups`); it is used only while that state
 * is built for today's unit tree, and the other groups then go through `byUnits`. When the tree changed
 * since the last fold, every group goes through `byUnits(grp)`. The choice is made inside the statement, so
 * a tree change committed in between cannot mix the two. `byUnits` is told when it gets only the groups
 * that are not whole provinces (a few units, best probed one by one).
 */
export function viaTopsOrUnits(
  tops: TopGroups | undefined,
  viaTops: (tops: TopGroups) => RawBuilder<unknown>,
  byUnits: (units: RawBuilder<unknown>, onlyOthers: boolean) => RawBuilder<unknown>,
): RawBuilder<unknown> {
  if (!tops || tops.keys.length === 0) return byUnits(sql`grp`, false);
  const others = tops.others
    ? sql`(${tops.others})`
    : sql`(select unit_id, gkey from grp where gkey <> all(${tops.keys}::text[]))`;
  // with no other group, grp is not read at all while the level-2 state is built (it is not computed then)
  const otherGroups = tops.all
    ? sql``
    : sql`union all select x.* from (${byUnits(others, true)}) x where ${topsBuilt}`;
  return sql`
    select x.* from (${viaTops(tops)}) x where ${topsBuilt}
    ${otherGroups}
    union all
    select x.* from (${byUnits(sql`grp`, false)}) x where not ${topsBuilt}`;
}

/**
 * Rows counted per unit (`perUnit`, with a `unit_id` column), each given the key of every group its unit is
 * in: `gkey` and the row's own columns. Whole provinces find their units in org_unit_tops while it is built
 * for today's tree (viaTopsOrUnits), so a request over whole provinces alone never computes `grp`. Over the
 * country the rows meet org_unit_tops in one hash join; for a few units each row looks its provinces up by
 * index (offset 0 keeps it so), which holds whatever the planner believes of org_unit_tops.
 */
export const unitRowsByGroup = (ctx: IndicatorContext, perUnit: RawBuilder<unknown>) =>
  viaTopsOrUnits(
    ctx.tops,
    (t) =>
      ctx.fewUnits === false
        ? sql`select t.gkey, u.* from (${perUnit}) u
          join org_unit_tops o on o.unit_id = u.unit_id and o.lineage = ${t.lineage}
          join ${topGroups(t)} on t.top_id = o.top_id`
        : sql`select t.gkey, u.* from (${perUnit}) u
          cross join lateral (select o.top_id from org_unit_tops o
            where o.lineage = ${t.lineage} and o.unit_id = u.unit_id offset 0) o
          join ${topGroups(t)} on t.top_id = o.top_id`,
    (units) => sql`select g.gkey, u.* from (${perUnit}) u join ${units} g on g.unit_id = u.unit_id`,
  );

/**
 * The rolled-up rows (gkey, measure, value) of a family for the whole years and months of a split, folded
 * or still in the deltas, over the groups of `grp`; the caller adds the edges from the records.
 *
 * Groups that are whole level-2 subtrees (`ctx.tops`, provinces) are read from indicator_rollup_top
 * (migration 0498) when it is safe (viaTopsOrUnits); the deltas are always read unit by unit (they are few).
 *
 * With `fewUnits` the unit roll-up is read unit by unit for the units of `grp` (a province: a few thousand
 * index probes); otherwise over the whole period (the country: every unit has rows anyway).
 */
export function rolledByGroup(
  family: string,
  split: PeriodSplit,
  ctx: IndicatorContext,
): RawBuilder<{ gkey: string; measure: string; value: number }> | null {
  if (split.years.length === 0 && split.months.length === 0) return null;
  const { years, months } = split;
  const inPeriod = (r: RawBuilder<unknown>) =>
    sql`((${r}.grain = 'y' and ${r}.period_start = any(${years}::date[]))
      or (${r}.grain = 'm' and ${r}.period_start = any(${months}::date[])))`;
  // offset 0 keeps the lateral a probe per unit: flattened, it becomes a join over the whole period
  const byUnit = (units: RawBuilder<unknown>) =>
    sql`select g.gkey, r.measure, r.value from ${units} g
      cross join lateral (select r.measure, r.value from indicator_rollup r
        where r.unit_id = g.unit_id and r.family = ${family} and ${inPeriod(sql.ref("r"))} offset 0) r`;
  const overPeriod = (units: RawBuilder<unknown>) =>
    sql`select g.gkey, r.measure, r.value from indicator_rollup r join ${units} g on g.unit_id = r.unit_id
      where r.family = ${family} and ${inPeriod(sql.ref("r"))}`;
  const folded = (units: RawBuilder<unknown>, few: boolean) => (few ? byUnit(units) : overPeriod(units));
  const deltas = sql`select g.gkey, d.measure, d.value from indicator_deltas d join grp g on g.unit_id = d.unit_id
    where d.family = ${family} and (
      (d.grain = 'm' and (d.period_start = any(${months}::date[])
        or date_trunc('year', d.period_start)::date = any(${years}::date[])))
      or (d.grain = 'y' and d.period_start = any(${years}::date[])))`;
  const rolled = viaTopsOrUnits(
    ctx.tops,
    (tops) => sql`select t.gkey, r.measure, r.value from indicator_rollup_top r
      join ${topGroups(tops)} on t.top_id = r.top_id
      where r.family = ${family} and r.lineage = ${tops.lineage} and ${inPeriod(sql.ref("r"))}`,
    (units, onlyOthers) => folded(units, onlyOthers || ctx.fewUnits === true),
  );
  return sql`${rolled} union all ${deltas}`;
}

/** Moves the deltas into the roll-up (the server's job loop; after a bulk load). Returns how many moved. */
export async function foldIndicatorDeltas(ex: Executor): Promise<number> {
  const { rows } = await sql<{ moved: string }>`select fold_indicator_deltas() as moved`.execute(ex);
  return Number(rows[0].moved);
}

/** Folds the deltas at every turn of the job loop (every minute in the server; never in tests). */
export function startRollupFolding(deps: { db: Executor; jobsIntervalMs?: number }): () => void {
  return every(deps.jobsIntervalMs ?? 0, () => foldIndicatorDeltas(deps.db));
}
