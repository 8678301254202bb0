import { type RawBuilder, sql } from "kysely";
import type { Executor } from "../../db/client.ts";
import { pathCovered, type Scope } from "../../platform/authz/scope.ts";
import { notFound } from "../../platform/http/errors.ts";
import {
  type IndicatorContext,
  type IndicatorDef,
  type TopGroups,
  topsOf,
} from "../../platform/indicators/registry.ts";
import { topGroups, topsBuilt } from "../../platform/indicators/rollup.ts";
import { rememberedByTree } from "../../platform/tree/remembered.ts";

export interface UnitRow {
  id: number;
  name: string;
  path: string;
  kind: string;
  valid_from: string;
  valid_to: string | null;
  parent_id: number | null;
}

const UNIT_NOT_FOUND = { vi: "đơn vị", en: "unit" };

/** A unit the actor may read figures of; 404 outside the scope. */
export async function unitInScopeOr404(ex: Executor, unitId: number, scope: Scope): Promise<UnitRow> {
  const unit = await ex
    .selectFrom("org_units")
    .select(["id", "name", "kind", "valid_from", "valid_to", "parent_id", sql<string>`path::text`.as("path")])
    .where("id", "=", unitId)
    .executeTakeFirst();
  if (!unit || !pathCovered(unit.path, scope)) throw notFound(UNIT_NOT_FOUND);
  return unit;
}

/** The unit's children that existed on `asOf`, in Vietnamese order. */
export async function childrenAsOf(ex: Executor, unitId: number, asOf: string): Promise<UnitRow[]> {
  return ex
    .selectFrom("org_units")
    .select(["id", "name", "kind", "valid_from", "valid_to", "parent_id", sql<string>`path::text`.as("path")])
    .where("parent_id", "=", unitId)
    .where("valid_from", "<=", asOf)
    .where((eb) => eb.or([eb("valid_to", "is", null), eb("valid_to", ">=", asOf)]))
    .orderBy(sql`sort_key collate "C"`)
    .execute();
}

export async function unitNames(ex: Executor, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await ex.selectFrom("org_units").select(["id", "name"]).where("id", "in", ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export interface GroupSpec {
  key: string;
  /** the subtree rooted at this path */
  root?: string;
  /** only this unit itself (records filed at the parent, not in any child) */
  unitId?: number;
}

/** The (unit_id, gkey) rows of the groups from the unit tree (see groupCte). */
function unitsOfGroups(groups: GroupSpec[], lineage: "current" | "historical"): RawBuilder<unknown> {
  const trees = groups.filter((g) => g.root);
  const selves = groups.filter((g) => g.unitId != null);
  const parts: RawBuilder<unknown>[] = [];
  if (trees.length > 0) {
    const keys = trees.map((g) => g.key);
    const roots = trees.map((g) => g.root!);
    parts.push(sql`select u.id as unit_id, g.gkey from org_units u
      join unnest(${keys}::text[], ${roots}::ltree[]) as g(gkey, root) on u.path <@ g.root`);
    if (lineage === "current")
      parts.push(sql`select s.unit_id, g.gkey from org_unit_successors s
        join org_units c on c.id = s.current_unit_id
        join unnest(${keys}::text[], ${roots}::ltree[]) as g(gkey, root) on c.path <@ g.root
        where s.unit_id <> s.current_unit_id`);
  }
  if (selves.length > 0) {
    const keys = selves.map((g) => g.key);
    const ids = selves.map((g) => g.unitId!);
    parts.push(
      sql`select g.unit_id, g.gkey from unnest(${keys}::text[], ${ids}::bigint[]) as g(gkey, unit_id)`,
    );
    if (lineage === "current")
      parts.push(sql`select s.unit_id, g.gkey from org_unit_successors s
        join unnest(${keys}::text[], ${ids}::bigint[]) as g(gkey, unit_id) on s.current_unit_id = g.unit_id
        where s.unit_id <> s.current_unit_id`);
  }
  if (parts.length === 0) return sql`select null::bigint as unit_id, null::text as gkey where false`;
  return sql.join(parts, sql` union `);
}

/**
 * The `grp(unit_id, gkey)` CTE body for a set of groups. 'historical' counts a record where its unit
 * stood at the time (the unit's own path); 'current' also counts a closed unit's records in the group
 * its successor (today's unit) lies in. Whole provinces (level-2 subtrees) are read from org_unit_tops,
 * the same rows kept with the level-2 roll-up, while it is built for today's tree: the country's
 * ~90,000 rows in one index range instead of a path match per unit.
 */
export function groupCte(groups: GroupSpec[], lineage: "current" | "historical"): RawBuilder<unknown> {
  const tops = topsOf(groups, lineage);
  if (!tops) return unitsOfGroups(groups, lineage);
  const topKeys = new Set(tops.keys);
  const others = groups.filter((g) => !topKeys.has(g.key));
  // the branches hold different groups, and each gives distinct rows: union all
  return sql`select o.unit_id, t.gkey from org_unit_tops o join ${topGroups(tops)} on t.top_id = o.top_id
      where o.lineage = ${tops.lineage} and ${topsBuilt}
    union all
    select x.unit_id, x.gkey from (${unitsOfGroups(
      groups.filter((g) => topKeys.has(g.key)),
      lineage,
    )}) x where not ${topsBuilt}
    ${others.length > 0 ? sql`union all select y.unit_id, y.gkey from (${unitsOfGroups(others, lineage)}) y` : sql``}`;
}

/**
 * The groups resolved to their (unit_id, gkey) rows first, then handed to the indicator queries as an
 * array. The planner estimates `path <@ root` at about 1% of all units, 20–30 times too many for a
 * province's subtree, and then prefers hash joins over a whole table's period (all the country's
 * activities of a quarter) to index probes per unit. An array of known length is estimated exactly.
 */
const RESOLVE_LIMIT = 20_000;

export interface ResolvedGroups {
  grp: RawBuilder<unknown>;
  fewUnits: boolean;
  /** the groups read from the level-2 roll-up (topsOf) */
  tops?: TopGroups;
  /** the (unit_id, gkey) rows the groups resolved to; absent when there are too many to hand over */
  rows?: { unit_id: number; gkey: string }[];
}

export interface ResolvedParts extends ResolvedGroups {
  /**
   * True when the groups other than the total split the total's units exactly: every unit of the total in
   * one and only one of them, none outside. Then an additive figure's total is the sum of the parts. (Not
   * so when a unit split between two children counts in both through lineage, or when the records of a
   * closed child are counted as they stood and belong to no open child.)
   */
  partsSplitTotal: boolean;
}

/**
 * Whether the parts split the total, for groups too many to hand over (the country's, ~90,000 rows: half a
 * second to count). It depends on the unit tree alone: remembered per tree, at most 100 answers.
 */
const bigSplits = rememberedByTree<boolean>(100);

/**
 * The whole provinces among the groups, with the rows of the other groups apart (TopGroups.others): the
 * country's own records beside its provinces are then read without computing the provinces' 90,000 rows.
 */
function topsWithOthers(
  groups: GroupSpec[],
  lineage: "current" | "historical",
  otherRows?: { unit_id: number; gkey: string }[],
): TopGroups | undefined {
  const tops = topsOf(groups, lineage);
  if (!tops || tops.all) return tops;
  const topKeys = new Set(tops.keys);
  if (!otherRows)
    return {
      ...tops,
      others: unitsOfGroups(
        groups.filter((g) => !topKeys.has(g.key)),
        lineage,
      ),
    };
  const rows = otherRows.filter((r) => !topKeys.has(r.gkey));
  return {
    ...tops,
    others: sql`select * from unnest(${rows.map((r) => Number(r.unit_id))}::bigint[], ${rows.map((r) => r.gkey)}::text[])
      as g(unit_id, gkey)`,
  };
}

/** Groups too many to hand over as rows: the plain CTE, joined by hash to the period's records. */
const overTheCountry = (groups: GroupSpec[], lineage: "current" | "historical"): ResolvedGroups => ({
  grp: groupCte(groups, lineage),
  fewUnits: false,
  tops: topsWithOthers(groups, lineage),
});

/**
 * Resolves the groups once: whether the parts split the total (counted by the database, so that the
 * country's ~180,000 rows never travel) and, for few units, the rows themselves.
 */
export async function resolvedGroups(
  ex: Executor,
  groups: GroupSpec[],
  lineage: "current" | "historical",
  totalKey = "",
  limit = RESOLVE_LIMIT,
): Promise<ResolvedParts> {
  const slot = await bigSplits(ex, [groups, lineage, totalKey, limit]);
  if (slot.known !== undefined) return { ...overTheCountry(groups, lineage), partsSplitTotal: slot.known };
  const { rows } = await sql<{
    unit_id: number | null;
    gkey: string | null;
    n: number | null;
    split: boolean | null;
  }>`
    with grp as materialized (${groupCte(groups, lineage)}),
    c as (
      select count(*) as n,
        -- grp's rows are distinct (unit, group) pairs: no unit twice among the parts, as many part rows as
        -- the total's units, and no unit outside the total
        count(*) filter (where gkey <> ${totalKey}) = count(distinct unit_id) filter (where gkey <> ${totalKey})
          and count(*) filter (where gkey <> ${totalKey}) = count(*) filter (where gkey = ${totalKey})
          and count(distinct unit_id) = count(*) filter (where gkey = ${totalKey}) as split
      from grp
    )
    select null::bigint as unit_id, null::text as gkey, c.n::int as n, c.split from c
    union all
    select grp.unit_id, grp.gkey, null, null from grp where (select n from c) <= ${limit}`.execute(ex);
  const head = rows.find((r) => r.n != null);
  const partsSplitTotal = Boolean(head?.split) && totalKey !== "";
  if (Number(head?.n ?? 0) > limit) {
    slot.remember(partsSplitTotal);
    return { ...overTheCountry(groups, lineage), partsSplitTotal };
  }
  const resolved = rows.filter((r) => r.n == null) as { unit_id: number; gkey: string }[];
  return { ...groupsFromRows(resolved, groups, lineage), partsSplitTotal };
}

/**
 * The `grp` body for some of the groups: from the resolved rows when there are any, else (the country's
 * subtree, ~100,000 units with residential areas, better served by hash joins over the period's records)
 * the plain CTE.
 */
export function groupsFromRows(
  all: { unit_id: number; gkey: string }[] | undefined,
  groups: GroupSpec[],
  lineage: "current" | "historical",
): ResolvedGroups {
  if (!all) return overTheCountry(groups, lineage);
  const keys = new Set(groups.map((g) => g.key));
  const rows = all.filter((r) => keys.has(r.gkey));
  const tops = topsWithOthers(groups, lineage, rows);
  const ids = rows.map((r) => Number(r.unit_id));
  const gkeys = rows.map((r) => r.gkey);
  return {
    grp: sql`select * from unnest(${ids}::bigint[], ${gkeys}::text[]) as g(unit_id, gkey)`,
    fewUnits: true,
    tops,
    rows,
  };
}

/** Runs one indicator query (or its byKind / drilldown variant) over the groups. */
export async function runOverGroups<C extends IndicatorContext, R>(
  ex: Executor,
  grp: RawBuilder<unknown>,
  query: (ctx: C) => RawBuilder<R>,
  ctx: C,
): Promise<R[]> {
  const { rows } = await sql<R>`with grp as materialized (${grp}) ${query(ctx)}`.execute(ex);
  return rows;
}

/** Whether a non-additive figure has a record counted in two of the groups (its spansGroups check). */
export async function recordsSpanGroups(
  ex: Executor,
  { grp, tops }: Pick<ResolvedGroups, "grp" | "tops">,
  check: NonNullable<IndicatorDef["spansGroups"]>,
): Promise<boolean> {
  const { rows } = await sql<{
    spans: boolean;
  }>`with grp as materialized (${grp}) ${check({ tops })}`.execute(ex);
  return rows[0]?.spans !== false;
}
