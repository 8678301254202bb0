import { roleAllows } from "@danvan/shared";
import type { Actor } from "../../platform/authz/actor.ts";
import { pathCovered } from "../../platform/authz/scope.ts";
import type { MovementScopes } from "./common.ts";

/** Row rules of movement records; the same functions give each row its `abilities`. */
export const canManageCatalog = (actor: Actor) =>
  actor.grants.some((g) => roleAllows(g.role, "movement.catalog.manage"));

/** Edit or delete a record: its unit lies in the actor's recording scope. */
export const canRecord = (scopes: MovementScopes, unitPath: string) => pathCovered(unitPath, scopes.record);

/** See members' and camera owners' contact data: the record's unit lies in the personal-data scope. */
export const canSeePersonal = (scopes: MovementScopes, unitPath: string) =>
  pathCovered(unitPath, scopes.personal);

export const canRecognise = (scopes: MovementScopes, unitPath: string) =>
  pathCovered(unitPath, scopes.recognise);

export function recordAbilities(scopes: MovementScopes, unitPath: string) {
  const write = canRecord(scopes, unitPath);
  return { update: write, delete: write, copy: write };
}
