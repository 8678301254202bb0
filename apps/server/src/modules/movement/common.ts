import { type RawBuilder, sql } from "kysely";
import type { Executor } from "../../db/client.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import { pathCovered, type Scope, scopeFor } from "../../platform/authz/scope.ts";
import { badRequest, notFound } from "../../platform/http/errors.ts";

/** A unit as the module needs it: where it sits (path) and which province it counts in. */
export interface UnitRef {
  id: number;
  name: string;
  path: string;
  kind: string;
  provinceId: number | null;
  validFrom: string;
  validTo: string | null;
}

export async function loadUnit(ex: Executor, id: number): Promise<UnitRef | undefined> {
  const row = await ex
    .selectFrom("org_units")
    .select([
      "id",
      "name",
      "kind",
      "province_id",
      "valid_from",
      "valid_to",
      sql<string>`path::text`.as("path"),
    ])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    name: row.name,
    path: row.path,
    kind: row.kind,
    provinceId: row.kind === "province" ? row.id : row.province_id,
    validFrom: row.valid_from,
    validTo: row.valid_to,
  };
}

export const unitNotFound = () => notFound({ vi: "đơn vị", en: "unit" });

/** The unit, when it lies in the scope; otherwise 404 (never 403: out of scope does not exist). */
export async function unitInScopeOr404(ex: Executor, scope: Scope, id: number): Promise<UnitRef> {
  const unit = await loadUnit(ex, id);
  if (!unit || !pathCovered(unit.path, scope)) throw unitNotFound();
  return unit;
}

/** The place where work is recorded: a police unit (not the Ministry itself) in scope. */
export async function recordingUnit(
  ex: Executor,
  scope: Scope,
  id: number,
  field = "unitId",
): Promise<UnitRef> {
  const unit = await unitInScopeOr404(ex, scope, id);
  if (unit.kind === "ministry" || unit.kind === "area")
    throw badRequest(
      "invalid_unit",
      {
        vi: "Đơn vị ghi nhận phải là Công an tỉnh, huyện, xã hoặc phòng nghiệp vụ (không phải Bộ hay khu dân cư).",
        en: "Record work at a province, district, commune or department unit (not the Ministry or an area).",
      },
      { errors: [{ path: `body.${field}`, message: "invalid unit kind" }] },
    );
  return unit;
}

/** A residential area of the unit (kind 'area' under it), or 400. */
export async function areaOf(ex: Executor, unit: UnitRef, areaId: number | null | undefined) {
  if (areaId == null) return null;
  const area = await loadUnit(ex, areaId);
  if (area?.kind !== "area" || !area.path.startsWith(`${unit.path}.`))
    throw badRequest(
      "invalid_area",
      {
        vi: "Khu dân cư không thuộc đơn vị đã chọn.",
        en: "The residential area does not belong to the chosen unit.",
      },
      { errors: [{ path: "body.areaId", message: "not an area of the unit" }] },
    );
  return area;
}

/** The scopes a movement request needs, computed once. */
export interface MovementScopes {
  read: Scope;
  record: Scope;
  personal: Scope;
  recognise: Scope;
}

export async function movementScopes(ex: Executor, actor: Actor): Promise<MovementScopes> {
  const [read, record, personal, recognise] = await Promise.all([
    scopeFor(ex, actor, "movement.read"),
    scopeFor(ex, actor, "movement.record"),
    scopeFor(ex, actor, "movement.personal.read"),
    scopeFor(ex, actor, "movement.recognise"),
  ]);
  return { read, record, personal, recognise };
}

/**
 * Units "under" a unit for a list filter: its subtree today, plus the closed units whose lineage leads
 * into that subtree (a 2022 record of a commune that merged into yours belongs to your list).
 */
export function unitsUnder(path: string): RawBuilder<unknown> {
  return sql`(select id from org_units where path <@ ${path}::ltree
    union select s.unit_id from org_unit_successors s join org_units c on c.id = s.current_unit_id
    where c.path <@ ${path}::ltree)`;
}

/** ILIKE pattern for a diacritic-free search. */
export const likeNorm = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export const today = () => new Date().toISOString().slice(0, 10);
