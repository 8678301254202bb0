import type { RoleActions } from "./types.ts";

/** Actions of the foundation: units, accounts, audit, indicators. */
export const platformActions = {
  commune_officer: ["orgUnit.read", "user.read", "indicator.read"],
  commune_chief: ["orgUnit.read", "orgUnit.manageAreas", "user.read", "indicator.read"],
  province_staff: [
    "orgUnit.read",
    "orgUnit.manageAreas",
    "orgUnit.manage",
    "orgUnit.import",
    "user.read",
    "user.manage",
    "indicator.read",
  ],
  leadership: ["orgUnit.read", "user.read", "indicator.read"],
  auditor: ["orgUnit.read", "user.read", "audit.read", "indicator.read"],
  sysadmin: [
    "orgUnit.read",
    "orgUnit.manage",
    "orgUnit.manageAreas",
    "orgUnit.import",
    "user.read",
    "user.manage",
    "indicator.read",
    "settings.manage",
  ],
} satisfies RoleActions;

/**
 * Who may grant each role (accounts policy). A grantor also needs "user.manage" on the unit, so
 * province staff grant only within their province; leadership, auditor and sysadmin only by sysadmin.
 */
export const ROLE_GRANTABLE_BY = {
  commune_officer: ["province_staff", "sysadmin"],
  commune_chief: ["province_staff", "sysadmin"],
  province_staff: ["province_staff", "sysadmin"],
  leadership: ["sysadmin"],
  auditor: ["sysadmin"],
  sysadmin: ["sysadmin"],
} as const satisfies RoleActions;

/** The kinds of unit each role can be granted on (a commune role on a commune, ...). */
export const ROLE_UNIT_KINDS = {
  commune_officer: ["commune"],
  commune_chief: ["commune"],
  province_staff: ["province", "department"],
  leadership: ["ministry", "province", "department"],
  auditor: ["ministry", "province", "department"],
  sysadmin: ["ministry", "province"],
} as const satisfies RoleActions;
