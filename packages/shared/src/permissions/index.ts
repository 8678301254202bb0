import { figuresActions } from "./figures.ts";
import { movementActions } from "./movement.ts";
import { platformActions } from "./platform.ts";
import { reportsActions } from "./reports.ts";
import { ROLES, type Role } from "./roles.ts";
import { submissionActions } from "./submissions.ts";
import type { RoleActions } from "./types.ts";

export * from "./roles.ts";
export type { RoleActions };

/**
 * The one table of role → actions. Each module contributes its own file here; this merges them.
 * Add a module's table to the list below.
 */
const tables: RoleActions[] = [
  platformActions,
  figuresActions,
  reportsActions,
  submissionActions,
  movementActions,
];

export const ROLE_ACTIONS: Record<Role, ReadonlySet<string>> = Object.fromEntries(
  ROLES.map((role) => [role, new Set(tables.flatMap((t) => t[role] ?? []))]),
) as unknown as Record<Role, ReadonlySet<string>>;

export function roleAllows(role: Role, action: string): boolean {
  return ROLE_ACTIONS[role]?.has(action) ?? false;
}

export function rolesAllowing(action: string): Role[] {
  return ROLES.filter((r) => ROLE_ACTIONS[r].has(action));
}
