import { viSortKey } from "@danvan/shared";
import { sql } from "kysely";
import type { Executor } from "../../db/client.ts";
import type { OrgUnitsTable } from "../../db/schema.ts";

export interface NewUnit {
  /** caller's handle for rows whose parent is in the same batch */
  ref?: string;
  parentId?: number | null;
  parentRef?: string;
  kind: OrgUnitsTable["kind"];
  adminType?: string | null;
  code?: string | null;
  name: string;
  placeName: string;
  isRemote?: boolean;
  isHotspot?: boolean;
  validFrom?: string;
  validTo?: string | null;
}

/**
 * Inserts units in one statement per batch: ids are drawn from the identity sequence first so that
 * each row's materialised path (ancestors' ids) is known before it is written. Rows must come after
 * their parent when the parent is in the same batch. Returns the new ids by ref (or by position).
 */
export async function insertUnits(ex: Executor, rows: NewUnit[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const ids = (
    await sql<{
      id: number;
    }>`select nextval(pg_get_serial_sequence('org_units', 'id'))::bigint as id from generate_series(1, ${rows.length})`.execute(
      ex,
    )
  ).rows.map((r) => Number(r.id));
  const parentIds = [...new Set(rows.map((r) => r.parentId).filter((p): p is number => p != null))];
  const parents = parentIds.length
    ? await ex
        .selectFrom("org_units")
        .select(["id", sql<string>`path::text`.as("path"), "kind", "province_id"])
        .where("id", "in", parentIds)
        .execute()
    : [];
  const known = new Map(
    parents.map((p) => [p.id, { path: p.path, kind: p.kind as string, provinceId: p.province_id }]),
  );
  const byRef = new Map<string, number>();
  const values = rows.map((row, i) => {
    const id = ids[i];
    if (row.ref) byRef.set(row.ref, id);
    const parentId = row.parentRef ? byRef.get(row.parentRef) : (row.parentId ?? null);
    if (row.parentRef && parentId === undefined)
      throw new Error(`parent ${row.parentRef} must precede ${row.name}`);
    const parent = parentId != null ? known.get(parentId) : undefined;
    if (parentId != null && !parent) throw new Error(`unknown parent unit ${parentId}`);
    const path = parent ? `${parent.path}.${id}` : String(id);
    const provinceId: number | null =
      row.kind === "province"
        ? id
        : parent?.kind === "province"
          ? (parentId ?? null)
          : (parent?.provinceId ?? null);
    known.set(id, { path, kind: row.kind, provinceId });
    return {
      id,
      parent_id: parentId ?? null,
      path,
      kind: row.kind,
      admin_type: row.adminType ?? null,
      code: row.code ?? null,
      name: row.name.normalize("NFC"),
      place_name: row.placeName.normalize("NFC"),
      sort_key: viSortKey(row.placeName),
      province_id: provinceId,
      is_remote: row.isRemote ?? false,
      is_hotspot: row.isHotspot ?? false,
      valid_from: row.validFrom ?? "1976-01-01",
      valid_to: row.validTo ?? null,
    };
  });
  for (let i = 0; i < values.length; i += 1000) {
    // identity columns are GENERATED ALWAYS: the pre-drawn ids need OVERRIDING SYSTEM VALUE
    await sql`insert into org_units (id, parent_id, path, kind, admin_type, code, name, place_name, sort_key, province_id, is_remote, is_hotspot, valid_from, valid_to)
      overriding system value
      select * from jsonb_to_recordset(${JSON.stringify(values.slice(i, i + 1000))}::jsonb) as x(
        id bigint, parent_id bigint, path ltree, kind text, admin_type text, code text, name text, place_name text,
        sort_key text, province_id bigint, is_remote boolean, is_hotspot boolean, valid_from date, valid_to date)`.execute(
      ex,
    );
  }
  await sql`insert into org_unit_names (unit_id, name, place_name, valid_from, valid_to)
    select id, name, place_name, valid_from, valid_to from org_units where id = any(${ids}::bigint[])`.execute(
    ex,
  );
  return ids;
}

/** Serialises lineage refreshes: concurrent writers would otherwise insert the same successor rows. */
const SUCCESSORS_LOCK = 817_264;

/** Takes the lineage lock for the rest of the transaction (lineage changes run one at a time). */
export async function lockLineage(ex: Executor): Promise<void> {
  await sql`select pg_advisory_xact_lock(${SUCCESSORS_LOCK})`.execute(ex);
}

/**
 * Recomputes org_unit_successors from lineage events: every unit maps to the open unit(s) it lives on in.
 * Open units map to themselves; a closed unit follows merged_into / continued / split_from events (and a
 * `closed` event that names the unit which took over its territory) forward until it reaches open units.
 *
 * With `changed` (the units a lineage operation closed or created), only those units and the units whose
 * lineage led into them are recomputed; without it, the whole table is rebuilt (reference load).
 * Call it inside the transaction of every lineage change.
 */
export async function refreshSuccessors(ex: Executor, changed?: readonly number[]): Promise<void> {
  await lockLineage(ex);
  if (changed && changed.length === 0) return;
  let ids: number[] | null = null;
  if (changed) {
    const before = await sql<{ unit_id: number }>`
      select unit_id from org_unit_successors where current_unit_id = any(${[...changed]}::bigint[])`.execute(
      ex,
    );
    ids = [...new Set([...changed, ...before.rows.map((r) => Number(r.unit_id))])];
    await sql`delete from org_unit_successors where unit_id = any(${ids}::bigint[])`.execute(ex);
  } else await sql`delete from org_unit_successors`.execute(ex);
  await sql`
    insert into org_unit_successors (unit_id, current_unit_id, share)
    with recursive forward(unit_id, at_unit, share, depth) as (
      select id, id, 1::numeric, 0 from org_units ${ids ? sql`where id = any(${ids}::bigint[])` : sql``}
      union all
      select f.unit_id, e.to_unit_id, f.share * coalesce(e.share, 1), f.depth + 1
      from forward f
      join org_units cur on cur.id = f.at_unit and cur.valid_to is not null
      join org_unit_events e on e.from_unit_id = f.at_unit
        and e.kind in ('merged_into', 'continued', 'split_from', 'closed') and e.to_unit_id is not null
      where f.depth < 20
    )
    select f.unit_id, f.at_unit, sum(f.share)
    from forward f join org_units u on u.id = f.at_unit
    where u.valid_to is null
    group by f.unit_id, f.at_unit
  `.execute(ex);
}

export interface NewEvent {
  kind: "created" | "renamed" | "merged_into" | "split_from" | "moved" | "closed" | "continued";
  effectiveOn: string;
  fromUnitId: number;
  toUnitId?: number | null;
  share?: number | null;
  decisionRef?: string | null;
  note?: string | null;
}

/** Appends lineage events (batched). */
export async function insertEvents(ex: Executor, events: NewEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += 2000) {
    await ex
      .insertInto("org_unit_events")
      .values(
        events.slice(i, i + 2000).map((e) => ({
          kind: e.kind,
          effective_on: e.effectiveOn,
          from_unit_id: e.fromUnitId,
          to_unit_id: e.toUnitId ?? null,
          share: e.share ?? null,
          decision_ref: e.decisionRef ?? null,
          note: e.note ?? null,
        })),
      )
      .execute();
  }
}

/** The day before a 'YYYY-MM-DD' date. */
export const dayBefore = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** Ends a unit (and its current name) on `validTo`. */
export async function closeUnitRow(ex: Executor, unitId: number, validTo: string): Promise<void> {
  await ex
    .updateTable("org_units")
    .set({ valid_to: validTo, updated_at: sql<string>`now()` })
    .where("id", "=", unitId)
    .execute();
  await ex
    .updateTable("org_unit_names")
    .set({ valid_to: validTo })
    .where("unit_id", "=", unitId)
    .where("valid_to", "is", null)
    .execute();
}

/** A new name from `effectiveOn`: the current name row ends the day before. */
export async function renameUnitRow(
  ex: Executor,
  unitId: number,
  name: string,
  placeName: string,
  effectiveOn: string,
): Promise<void> {
  await ex
    .updateTable("org_unit_names")
    .set({ valid_to: dayBefore(effectiveOn) })
    .where("unit_id", "=", unitId)
    .where("valid_to", "is", null)
    .execute();
  await ex
    .insertInto("org_unit_names")
    .values({
      unit_id: unitId,
      name: name.normalize("NFC"),
      place_name: placeName.normalize("NFC"),
      valid_from: effectiveOn,
      valid_to: null,
    })
    .execute();
  await ex
    .updateTable("org_units")
    .set({
      name: name.normalize("NFC"),
      place_name: placeName.normalize("NFC"),
      sort_key: viSortKey(placeName),
      updated_at: sql<string>`now()`,
    })
    .where("id", "=", unitId)
    .execute();
}

/**
 * Moves a unit with its subtree under a new parent: parent_id changes, the materialised path of the
 * whole subtree is rewritten in one UPDATE (and the province of units below a province follows), and
 * the parent history keeps the old parent for "as of" views.
 */
export async function moveSubtree(
  ex: Executor,
  unitId: number,
  newParentId: number,
  effectiveOn: string,
): Promise<void> {
  const { rows } = await sql<{
    path: string;
    parent_id: number | null;
    valid_from: string;
    new_path: string;
    new_kind: string;
    new_province: number | null;
    new_parent_id: number;
  }>`select u.path::text as path, u.parent_id, u.valid_from, p.path::text as new_path, p.kind as new_kind,
      p.province_id as new_province, p.id as new_parent_id
    from org_units u, org_units p where u.id = ${unitId} and p.id = ${newParentId}`.execute(ex);
  const row = rows[0];
  if (!row) throw new Error(`unknown unit ${unitId} or parent ${newParentId}`);
  const province = row.new_kind === "province" ? Number(row.new_parent_id) : row.new_province;
  await sql`update org_units set
      path = ${row.new_path}::ltree || subpath(path, nlevel(${row.path}::ltree) - 1),
      parent_id = case when id = ${unitId} then ${newParentId}::bigint else parent_id end,
      province_id = case when kind = 'province' then province_id else ${province}::bigint end,
      updated_at = now()
    where path <@ ${row.path}::ltree`.execute(ex);
  // parent history: the open period (or, first time, the whole past) ends the day before the move
  const closed = await ex
    .updateTable("org_unit_parents")
    .set({ valid_to: dayBefore(effectiveOn) })
    .where("unit_id", "=", unitId)
    .where("valid_to", "is", null)
    .executeTakeFirst();
  if (Number(closed.numUpdatedRows) === 0) {
    await ex
      .insertInto("org_unit_parents")
      .values({
        unit_id: unitId,
        parent_id: row.parent_id,
        valid_from: row.valid_from,
        valid_to: dayBefore(effectiveOn),
      })
      .execute();
  }
  await ex
    .insertInto("org_unit_parents")
    .values({ unit_id: unitId, parent_id: newParentId, valid_from: effectiveOn, valid_to: null })
    .execute();
}

/** Sets the flags and code a unit carries outside its lineage. */
export async function updateUnitAttributes(
  ex: Executor,
  unitId: number,
  patch: { isRemote?: boolean; isHotspot?: boolean; code?: string | null },
): Promise<void> {
  const set: Record<string, unknown> = {};
  if (patch.isRemote !== undefined) set.is_remote = patch.isRemote;
  if (patch.isHotspot !== undefined) set.is_hotspot = patch.isHotspot;
  if (patch.code !== undefined) set.code = patch.code;
  if (Object.keys(set).length === 0) return;
  await ex
    .updateTable("org_units")
    .set({ ...set, updated_at: sql<string>`now()` })
    .where("id", "=", unitId)
    .execute();
}
