import type { RoleActions } from "./types.ts";

/**
 * Manually entered figures: administrators define the indicators, units enter values for a period,
 * the level above approves (which locks the period) and may unlock with a reason.
 */
export const figuresActions = {
  commune_officer: ["figure.read", "figure.enter"],
  commune_chief: ["figure.read", "figure.enter"],
  province_staff: ["figure.read", "figure.enter", "figure.approve"],
  leadership: ["figure.read", "figure.approve"],
  auditor: ["figure.read"],
  sysadmin: ["figure.read", "figure.define", "figure.enter", "figure.approve"],
} satisfies RoleActions;
