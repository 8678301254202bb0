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
      valid_from: row.validFrom ?? "1976-01-01",
      valid_to: row.validTo ?? null,
    };
  });
  for (let i = 0; i < values.length; i += 1000) {
    // identity columns are GENERATED ALWAYS: the pre-drawn ids need OVERRIDING SYSTEM VALUE
    await sql`insert into org_units (id, parent_id, path, kind, admin_type, code, name, place_name, sort_key, province_id, is_remote, valid_from, valid_to)
      overriding system value
      select * from jsonb_to_recordset(${JSON.stringify(values.slice(i, i + 1000))}::jsonb) as x(
        id bigint, parent_id bigint, path ltree, kind text, admin_type text, code text, name text, place_name text,
        sort_key text, province_id bigint, is_remote boolean, valid_from date, valid_to date)`.execute(ex);
  }
  await sql`insert into org_unit_names (unit_id, name, place_name, valid_from, valid_to)
    select id, name, place_name, valid_from, valid_to from org_units where id = any(${ids}::bigint[])`.execute(
    ex,
  );
  return ids;
}

/**
 * Recomputes org_unit_successors from lineage events: every unit maps to the open unit(s) it lives on in.
 * Open units map to themselves; a closed unit follows merged_into / continued / split_from / moved events
 * forward until it reaches open units.
 */
export async function refreshSuccessors(ex: Executor): Promise<void> {
  await sql`delete from org_unit_successors`.execute(ex);
  await sql`
    insert into org_unit_successors (unit_id, current_unit_id, share)
    with recursive forward(unit_id, at_unit, share, depth) as (
      select id, id, 1::numeric, 0 from org_units
      union all
      select f.unit_id, e.to_unit_id, f.share * coalesce(e.share, 1), f.depth + 1
      from forward f
      join org_units cur on cur.id = f.at_unit and cur.valid_to is not null
      join org_unit_events e on e.from_unit_id = f.at_unit
        and e.kind in ('merged_into', 'continued', 'split_from', 'moved') and e.to_unit_id is not null
      where f.depth < 20
    )
    select f.unit_id, f.at_unit, sum(f.share)
    from forward f join org_units u on u.id = f.at_unit
    where u.valid_to is null
    group by f.unit_id, f.at_unit
  `.execute(ex);
}
