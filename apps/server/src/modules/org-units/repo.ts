import type { UnitKind } from "@danvan/shared/schemas/org-units";
import { type RawBuilder, sql } from "kysely";
import type { Executor } from "../../db/client.ts";
import { pathInScope, type Scope } from "../../platform/authz/scope.ts";

/** A unit as the reads return it (names as of the requested date when there is one). */
export interface UnitRow {
  id: number;
  parent_id: number | null;
  path: string;
  kind: UnitKind;
  admin_type: string | null;
  code: string | null;
  name: string;
  place_name: string;
  sort_key: string;
  province_id: number | null;
  is_remote: boolean;
  is_hotspot: boolean;
  valid_from: string;
  valid_to: string | null;
  child_count: number;
}

export interface ChildFilter {
  /** units valid on that date, with the names they had then */
  asOf?: string;
  /** with no date: closed units too */
  includeClosed?: boolean;
  kind?: UnitKind;
}

/** Predicate: the unit aliased `alias` is valid under the filter (open today, on a date, or any). */
function validity(alias: string, f: ChildFilter): RawBuilder<boolean> {
  const a = sql.ref(alias);
  if (f.asOf)
    return sql<boolean>`(${a}.valid_from <= ${f.asOf}::date and (${a}.valid_to is null or ${a}.valid_to >= ${f.asOf}::date))`;
  if (f.includeClosed) return sql<boolean>`true`;
  return sql<boolean>`${a}.valid_to is null`;
}

/** The select list of UnitRow over `u`, with names as of `asOf` and the count of children under `f`. */
function unitColumns(f: ChildFilter) {
  const nameAt = f.asOf
    ? sql`coalesce((select n.name from org_unit_names n where n.unit_id = u.id and n.valid_from <= ${f.asOf}::date
          and (n.valid_to is null or n.valid_to >= ${f.asOf}::date) order by n.valid_from desc limit 1), u.name)`
    : sql`u.name`;
  const placeAt = f.asOf
    ? sql`coalesce((select n.place_name from org_unit_names n where n.unit_id = u.id and n.valid_from <= ${f.asOf}::date
          and (n.valid_to is null or n.valid_to >= ${f.asOf}::date) order by n.valid_from desc limit 1), u.place_name)`
    : sql`u.place_name`;
  return sql`u.id, u.parent_id, u.path::text as path, u.kind, u.admin_type, u.code, ${nameAt} as name,
    ${placeAt} as place_name, u.sort_key, u.province_id, u.is_remote, u.is_hotspot, u.valid_from, u.valid_to,
    (select count(*) from org_units c where c.parent_id = u.id and ${validity("c", f)})::int as child_count`;
}

const normalizeRow = (r: UnitRow): UnitRow => ({
  ...r,
  id: Number(r.id),
  parent_id: r.parent_id == null ? null : Number(r.parent_id),
  province_id: r.province_id == null ? null : Number(r.province_id),
  child_count: Number(r.child_count),
});

/** One unit, if it lies in the scope. */
export async function findUnit(ex: Executor, scope: Scope, id: number, f: ChildFilter = {}) {
  const { rows } = await sql<UnitRow>`select ${unitColumns({ includeClosed: true, ...f })} from org_units u
    where u.id = ${id} and ${pathInScope(sql`u.path`, scope)}`.execute(ex);
  return rows[0] ? normalizeRow(rows[0]) : undefined;
}

/** Units by id within the scope (any validity). */
export async function findUnits(ex: Executor, scope: Scope, ids: readonly number[]) {
  if (ids.length === 0) return [];
  const { rows } = await sql<UnitRow>`select ${unitColumns({})} from org_units u
    where u.id = any(${[...ids]}::bigint[]) and ${pathInScope(sql`u.path`, scope)}`.execute(ex);
  return rows.map(normalizeRow);
}

/** The top units of a scope: the units at its roots. Open ones first, each group in Vietnamese order. */
export async function listRoots(ex: Executor, scope: Scope, includeClosed: boolean) {
  if (scope.roots.length === 0) return [];
  const { rows } = await sql<UnitRow>`select ${unitColumns({ includeClosed })} from org_units u
    where u.path = any(${scope.roots as string[]}::ltree[]) ${includeClosed ? sql`` : sql`and u.valid_to is null`}
    order by (u.valid_to is null) desc, u.sort_key collate "C", u.id`.execute(ex);
  return rows.map(normalizeRow);
}

/** Children of a unit in Vietnamese order (sort_key, byte order, so both databases agree). */
export async function listChildren(ex: Executor, scope: Scope, parentId: number, f: ChildFilter) {
  // on a date, a unit moved since then is listed under the parent it had on that date
  const underParent = f.asOf
    ? sql`((u.parent_id = ${parentId} and not exists (select 1 from org_unit_parents h where h.unit_id = u.id
          and h.valid_from <= ${f.asOf}::date and (h.valid_to is null or h.valid_to >= ${f.asOf}::date)))
        or u.id in (select h.unit_id from org_unit_parents h where h.parent_id = ${parentId}
          and h.valid_from <= ${f.asOf}::date and (h.valid_to is null or h.valid_to >= ${f.asOf}::date)))`
    : sql`u.parent_id = ${parentId}`;
  const { rows } = await sql<UnitRow>`select ${unitColumns(f)} from org_units u
    where ${underParent} and ${pathInScope(sql`u.path`, scope)} and ${validity("u", f)}
      ${f.kind ? sql`and u.kind = ${f.kind}` : sql``}
    order by u.sort_key collate "C", u.id`.execute(ex);
  return rows.map(normalizeRow);
}

/**
 * search_norm() in JavaScript for plain Vietnamese text (letters, digits, spaces, common punctuation):
 * strip the marks, đ → d, lower case — what unaccent does to these characters. Anything else goes to
 * the database's own function, so both always agree; this saves a round trip on every search.
 */
export function foldLocally(text: string): string | undefined {
  const folded = text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .replace(/’/g, "'") // unaccent turns the typographic apostrophe (Ea H’Leo) into a plain one
    .toLowerCase();
  return /^[a-z0-9 .,'()/-]*$/.test(folded) ? folded : undefined;
}

const UNIT_TYPE_WORDS = new Set([
  "cong",
  "an",
  "bo",
  "xa",
  "phuong",
  "tinh",
  "thanh",
  "pho",
  "dac",
  "khu",
  "huyen",
  "quan",
  "thi",
  "tran",
]);
const mentionsUnitType = (term: string) => term.split(/[^a-z0-9]+/).some((w) => UNIT_TYPE_WORDS.has(w));

async function foldInDatabase(ex: Executor, text: string): Promise<string> {
  const { rows } = await sql<{ t: string }>`select search_norm(${text}) as t`.execute(ex);
  return rows[0]?.t ?? "";
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Diacritic-free search over place names and police names: exact and prefix matches of the place name
 * first, then prefix matches of a word, then any containment; open units before closed ones.
 */
export async function searchUnits(
  ex: Executor,
  scope: Scope,
  q: { text: string; limit: number; includeClosed: boolean; kind?: UnitKind },
) {
  const text = q.text.normalize("NFC").replace(/\s+/g, " ").trim();
  // the folded term goes in as a value, so the planner can use the trigram indexes on search_norm(...)
  const term = foldLocally(text) ?? (await foldInDatabase(ex, text));
  const like = escapeLike(term);
  const contains = `%${like}%`;
  // candidates come from the indexes first (trigrams; a prefix btree for terms under three letters),
  // then the scope and filters apply to those few rows
  const candidates =
    [...term].length < 3
      ? sql`select id from org_units where search_norm(place_name) like ${`${like}%`}`
      : mentionsUnitType(term)
        ? sql`select id from org_units where search_norm(place_name) like ${contains}
            union select id from org_units where search_norm(name) like ${contains}`
        : // the police name is "Công an <type> <place>": without a type word, the place name finds the same units
          sql`select id from org_units where search_norm(place_name) like ${contains}`;
  const { rows } = await sql<UnitRow & { rank: number }>`
    with m as materialized (${candidates}),
    hits as (
      select u.id,
        case when search_norm(u.place_name) = ${term} then 0
             when search_norm(u.place_name) like ${`${like}%`} then 1
             when search_norm(u.place_name) like ${`% ${like}%`} then 2
             when search_norm(u.name) like ${`% ${like}%`} then 3
             else 4 end as rank,
        (u.valid_to is null) as open, u.sort_key
      -- an id array lets the planner probe the primary key instead of joining thousands of short-term hits
      from org_units u
      where u.id = any(array(select id from m)) and ${pathInScope(sql`u.path`, scope)}
        ${q.includeClosed ? sql`` : sql`and u.valid_to is null`}
        ${q.kind ? sql`and u.kind = ${q.kind}` : sql``}
      order by rank, open desc, u.sort_key collate "C", u.id
      limit ${q.limit}
    )
    select ${unitColumns({ includeClosed: q.includeClosed })}, h.rank
    from hits h join org_units u on u.id = h.id
    order by h.rank, h.open desc, h.sort_key collate "C", h.id`.execute(ex);
  return rows.map(normalizeRow);
}

export interface AncestorRow {
  id: number;
  name: string;
  kind: UnitKind;
  valid_to: string | null;
}

/** Units by id (no scope: used for the names of ancestors and lineage partners of units in scope). */
export async function unitNames(ex: Executor, ids: readonly number[], asOf?: string) {
  if (ids.length === 0) return new Map<number, AncestorRow>();
  const name = asOf
    ? sql`coalesce((select n.name from org_unit_names n where n.unit_id = u.id and n.valid_from <= ${asOf}::date
        and (n.valid_to is null or n.valid_to >= ${asOf}::date) order by n.valid_from desc limit 1), u.name)`
    : sql`u.name`;
  const { rows } = await sql<AncestorRow>`select u.id, ${name} as name, u.kind, u.valid_to from org_units u
    where u.id = any(${[...new Set(ids)]}::bigint[])`.execute(ex);
  return new Map(rows.map((r) => [Number(r.id), { ...r, id: Number(r.id) }]));
}

/** Ancestor ids of a unit from its materialised path, root first, without the unit itself. */
export const ancestorIds = (path: string) => path.split(".").slice(0, -1).map(Number);

export async function unitNameHistory(ex: Executor, unitId: number) {
  return ex
    .selectFrom("org_unit_names")
    .select(["name", "place_name", "valid_from", "valid_to"])
    .where("unit_id", "=", unitId)
    .orderBy("valid_from")
    .execute();
}

export interface EventRow {
  id: number;
  kind: string;
  effective_on: string;
  from_unit_id: number;
  to_unit_id: number | null;
  share: number | null;
  decision_ref: string | null;
  note: string | null;
}

/** Lineage events from or into a unit, oldest first. */
export async function unitEvents(ex: Executor, unitId: number, limit = 500): Promise<EventRow[]> {
  const { rows } =
    await sql<EventRow>`select id, kind, effective_on, from_unit_id, to_unit_id, share, decision_ref, note
    from org_unit_events where from_unit_id = ${unitId} or to_unit_id = ${unitId}
    order by effective_on, id limit ${limit}`.execute(ex);
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    from_unit_id: Number(r.from_unit_id),
    to_unit_id: r.to_unit_id == null ? null : Number(r.to_unit_id),
    share: r.share == null ? null : Number(r.share),
  }));
}

/** Today's unit(s) a unit lives on in (itself when open). */
export async function successorsOf(ex: Executor, unitId: number) {
  const { rows } = await sql<{ id: number; name: string; share: number }>`
    select c.id, c.name, s.share from org_unit_successors s join org_units c on c.id = s.current_unit_id
    where s.unit_id = ${unitId} order by c.sort_key collate "C", c.id`.execute(ex);
  return rows.map((r) => ({ id: Number(r.id), name: r.name, share: Number(r.share) }));
}

/** Units whose lineage leads directly into this one (merged into it, continued or split into it). */
export async function predecessorsOf(ex: Executor, unitId: number) {
  const { rows } = await sql<{ id: number; name: string; valid_to: string | null }>`
    select u.id, u.name, u.valid_to from org_units u
    where u.id in (select e.from_unit_id from org_unit_events e
      where e.to_unit_id = ${unitId} and e.kind in ('merged_into', 'continued', 'split_from', 'closed'))
    order by u.sort_key collate "C", u.id limit 1000`.execute(ex);
  return rows.map((r) => ({ id: Number(r.id), name: r.name, validTo: r.valid_to }));
}

/** Open children, open residential areas in the subtree, and active accounts in the subtree. */
export async function unitCounts(ex: Executor, unitId: number, path: string) {
  const { rows } = await sql<{ children: number; areas: number; users: number }>`select
    (select count(*) from org_units c where c.parent_id = ${unitId} and c.valid_to is null)::int as children,
    (select count(*) from org_units a where a.path <@ ${path}::ltree and a.kind = 'area' and a.valid_to is null
       and a.id <> ${unitId})::int as areas,
    (select count(*) from users x join org_units xu on xu.id = x.unit_id
       where xu.path <@ ${path}::ltree and x.status = 'active')::int as users`.execute(ex);
  return { children: Number(rows[0].children), areas: Number(rows[0].areas), users: Number(rows[0].users) };
}

/** The parent a unit had on a date: from its move history, else its (never changed) parent_id. */
async function parentOn(ex: Executor, unitId: number, date: string): Promise<number | null> {
  const { rows } = await sql<{ parent_id: number | null; found: boolean }>`
    select p.parent_id, true as found from org_unit_parents p
    where p.unit_id = ${unitId} and p.valid_from <= ${date}::date and (p.valid_to is null or p.valid_to >= ${date}::date)
    union all
    select u.parent_id, false from org_units u where u.id = ${unitId}
    order by found desc limit 1`.execute(ex);
  const p = rows[0]?.parent_id;
  return p == null ? null : Number(p);
}

/** The parent chain of a unit as it stood on a date, root first (names as of that date). */
export async function ancestorsOn(ex: Executor, unitId: number, date: string) {
  const chain: number[] = [];
  let current = await parentOn(ex, unitId, date);
  while (current != null && chain.length < 30 && !chain.includes(current)) {
    chain.unshift(current);
    current = await parentOn(ex, current, date);
  }
  const names = await unitNames(ex, chain, date);
  return chain.map((id) => names.get(id)!).filter(Boolean);
}

/** A unit's name on a date (or its first name when the date precedes it). */
export async function nameOn(ex: Executor, unitId: number, date: string) {
  const { rows } = await sql<{ name: string; place_name: string }>`
    select name, place_name from org_unit_names where unit_id = ${unitId}
    order by (valid_from <= ${date}::date and (valid_to is null or valid_to >= ${date}::date)) desc, valid_from
    limit 1`.execute(ex);
  return rows[0];
}

/** Units by administrative code (for imports: parents and duplicates). */
export async function unitsByCode(ex: Executor, codes: readonly string[]) {
  const out = new Map<
    string,
    { id: number; code: string; path: string; kind: UnitKind; valid_from: string; valid_to: string | null }
  >();
  const list = [...new Set(codes)];
  for (let i = 0; i < list.length; i += 5000) {
    const { rows } = await sql<{
      id: number;
      code: string;
      path: string;
      kind: UnitKind;
      valid_from: string;
      valid_to: string | null;
    }>`select id, code, path::text as path, kind, valid_from, valid_to from org_units
       where code = any(${list.slice(i, i + 5000)}::text[])`.execute(ex);
    for (const r of rows) out.set(r.code, { ...r, id: Number(r.id) });
  }
  return out;
}

/** Whether any unit already carries the code (other than `exceptId`). */
export async function codeTaken(ex: Executor, code: string, exceptId?: number) {
  const row = await ex
    .selectFrom("org_units")
    .select("id")
    .where("code", "=", code)
    .$if(exceptId != null, (qb) => qb.where("id", "<>", exceptId!))
    .executeTakeFirst();
  return row != null;
}

/** Open children of units (for merges: they follow their parent into the target). */
export async function openChildren(ex: Executor, parentIds: readonly number[]) {
  if (parentIds.length === 0) return [];
  return ex
    .selectFrom("org_units")
    .select(["id", "parent_id", "kind"])
    .where("parent_id", "in", [...parentIds])
    .where("valid_to", "is", null)
    .execute();
}

// ---------------------------------------------------------------- import jobs

export async function findImportJob(ex: Executor, jobId: number, userId: number) {
  return ex
    .selectFrom("import_jobs")
    .selectAll()
    .where("id", "=", jobId)
    .where("created_by", "=", userId)
    .where("kind", "=", "org_units")
    .executeTakeFirst();
}

/** The start of a unit's current parent period, when it was ever moved. */
export async function lastParentChange(ex: Executor, unitId: number): Promise<string | null> {
  const row = await ex
    .selectFrom("org_unit_parents")
    .select("valid_from")
    .where("unit_id", "=", unitId)
    .orderBy("valid_from", "desc")
    .executeTakeFirst();
  return row?.valid_from ?? null;
}
