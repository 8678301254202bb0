import type { RoleActions } from "./types.ts";

/** Actions of the foundation: units, accounts, audit, indicators. */
export const platformActions = {
  commune_officer: ["orgUnit.read", "user.read", "indicator.read"],
  commune_chief: ["orgUnit.read", "orgUnit.manageAreas", "user.read", "indicator.read"],
  province_staff: [
    "orgUnit.read",
    "orgUnit.manageAreas",
    "orgUnit.manage",
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
