import { type Role, roleAllows } from "@danvan/shared";
import { ROLE_GRANTABLE_BY, ROLE_UNIT_KINDS } from "@danvan/shared/permissions/platform";
import type { Actor } from "../../platform/authz/actor.ts";
import { actorCan } from "../../platform/authz/scope.ts";

/*
 * Who may do what to an account. The same functions refuse a request and give each row its
 * `abilities`, so the interface never offers what the server would refuse.
 */

const covers = (root: string, path: string) => path === root || path.startsWith(`${root}.`);

/** The role may be granted on a unit of this kind (a commune role on a commune, ...). */
export const roleFitsUnit = (role: Role, kind: string) =>
  (ROLE_UNIT_KINDS[role] as readonly string[]).includes(kind);

/**
 * The actor may grant (or revoke) `role` on the unit at `path`: through one of their own grants that
 * allows "user.manage", covers the unit, and is of a role allowed to grant that role
 * (sysadmin anything; province staff the commune roles and province staff, within their subtree).
 */
export function canGrantRole(actor: Actor, role: Role, path: string): boolean {
  const grantors = ROLE_GRANTABLE_BY[role] as readonly Role[];
  return actor.grants.some(
    (g) => grantors.includes(g.role) && roleAllows(g.role, "user.manage") && covers(g.path, path),
  );
}

export interface ManagedUser {
  id: number;
  unitPath: string;
  totpEnabled: boolean;
  /** the grants not revoked and not yet expired */
  liveGrants: { role: Role; unitPath: string }[];
}

/**
 * The actor manages the account: "user.manage" over the user's unit, and every live role the user
 * holds is one the actor could grant (province staff cannot take over an auditor or administrator).
 */
export function canManageUser(actor: Actor, user: ManagedUser): boolean {
  return (
    actorCan(actor, "user.manage", user.unitPath) &&
    user.liveGrants.every((g) => canGrantRole(actor, g.role, g.unitPath))
  );
}

export function userAbilities(actor: Actor, user: ManagedUser) {
  const manage = canManageUser(actor, user);
  // one's own account changes through the profile and password pages, never by self-granting
  const other = manage && actor.userId !== user.id;
  return {
    update: manage,
    disable: other,
    grant: other,
    resetPassword: other,
    resetSecondFactor: other && user.totpEnabled,
  };
}

export function grantAbilities(actor: Actor, user: ManagedUser, grant: { role: Role; unitPath: string }) {
  return {
    revoke:
      actor.userId !== user.id &&
      canManageUser(actor, user) &&
      canGrantRole(actor, grant.role, grant.unitPath),
  };
}

/** The actor holds "user.manage" somewhere (otherwise account writes are simply forbidden). */
export const managesAnyone = (actor: Actor) => actor.grants.some((g) => roleAllows(g.role, "user.manage"));
