import type { User } from "@danvan/shared/schemas/accounts";
import type { Actor } from "../../platform/authz/actor.ts";
import { grantAbilities, type ManagedUser, userAbilities } from "./policy.ts";
import type { GrantRow, UserRow } from "./repo.ts";

/** The policy's view of a user: their unit and the grants still in force or to come. */
export function managed(row: UserRow, grants: GrantRow[]): ManagedUser {
  return {
    id: row.id,
    unitPath: row.unit_path,
    totpEnabled: row.totp_enabled,
    liveGrants: grants
      .filter((g) => g.user_id === row.id && !g.expired)
      .map((g) => ({ role: g.role, unitPath: g.unit_path })),
  };
}

/** Row → User. Password hashes and second-factor secrets are never selected, so never shown. */
export function presentUser(actor: Actor, row: UserRow, grants: GrantRow[]): User {
  const m = managed(row, grants);
  return {
    id: row.id,
    username: row.username,
    fullName: row.full_name,
    rank: row.rank,
    position: row.position,
    unit: { id: row.unit_id, name: row.unit_name },
    email: row.email,
    phone: row.phone,
    status: row.status,
    totpEnabled: row.totp_enabled,
    mustChangePassword: row.must_change_password,
    lockedUntil: row.locked_until,
    lastSeenAt: row.last_seen_at,
    grants: grants
      .filter((g) => g.user_id === row.id)
      .map((g) => ({
        id: g.id,
        role: g.role,
        unitId: g.unit_id,
        unitName: g.unit_name,
        validFrom: g.valid_from,
        validTo: g.valid_to,
        abilities: grantAbilities(actor, m, { role: g.role, unitPath: g.unit_path }),
      })),
    abilities: userAbilities(actor, m),
  };
}

/** The fields of an account that audit entries record (no secrets by construction). */
export function auditView(
  row: Pick<
    UserRow,
    "username" | "full_name" | "rank" | "position" | "unit_id" | "email" | "phone" | "status"
  >,
) {
  return {
    username: row.username,
    fullName: row.full_name,
    rank: row.rank,
    position: row.position,
    unitId: row.unit_id,
    email: row.email,
    phone: row.phone,
    status: row.status,
  };
}
