import { CHILD_KINDS, type UnitAbilities, type UnitKind } from "@danvan/shared/schemas/org-units";
import { pathCovered, type Scope } from "../../platform/authz/scope.ts";

/** The scopes one request needs to decide every ability of the units it returns. */
export interface UnitScopes {
  read: Scope;
  manage: Scope;
  manageAreas: Scope;
  import: Scope;
}

interface UnitLike {
  path: string;
  kind: UnitKind;
  valid_to: string | null;
}

const open = (u: UnitLike) => u.valid_to == null;

/** Creating a unit of `kind` under `parent`: areas need manageAreas (or manage), anything else manage. */
export function canCreateUnder(s: UnitScopes, parent: UnitLike, kind: UnitKind): boolean {
  if (!open(parent) || !CHILD_KINDS[parent.kind].includes(kind)) return false;
  if (kind === "area") return pathCovered(parent.path, s.manageAreas) || pathCovered(parent.path, s.manage);
  return pathCovered(parent.path, s.manage);
}

/** Flags and code: manage, or manageAreas for residential areas. */
export function canUpdate(s: UnitScopes, u: UnitLike): boolean {
  if (u.kind === "ministry") return false;
  if (u.kind === "area") return pathCovered(u.path, s.manageAreas) || pathCovered(u.path, s.manage);
  return pathCovered(u.path, s.manage);
}

/** Lineage changes (rename, close, move, merge, split) need manage on an open unit. */
export function canChangeLineage(s: UnitScopes, u: UnitLike): boolean {
  return u.kind !== "ministry" && open(u) && pathCovered(u.path, s.manage);
}

export function abilitiesOf(s: UnitScopes, u: UnitLike): UnitAbilities {
  const lineage = canChangeLineage(s, u);
  return {
    update: canUpdate(s, u),
    rename: lineage,
    close: lineage,
    move: lineage && u.kind !== "province",
    merge: lineage,
    split: lineage,
    addArea: canCreateUnder(s, u, "area"),
    addDepartment: canCreateUnder(s, u, "department"),
    addUnit: CHILD_KINDS[u.kind].some((k) => k !== "area" && canCreateUnder(s, u, k)),
  };
}
