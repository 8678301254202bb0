import type { RoleActions } from "./types.ts";

/**
 * Actions of the citizen channel (tips, feedback, complaints, denunciations; crime-method warnings).
 * Revealing an informant's identity is a separate, audited action; so is listing who revealed one.
 */
export const submissionActions = {
  commune_officer: ["submission.read", "submission.intake", "submission.handle", "warning.manage"],
  commune_chief: [
    "submission.read",
    "submission.intake",
    "submission.handle",
    "submission.assign",
    "submission.transfer",
    "submission.close",
    "submission.decide",
    "submission.merge",
    "submission.export",
    "submission.revealIdentity",
    "submission.listReveals",
    "warning.manage",
  ],
  province_staff: [
    "submission.read",
    "submission.intake",
    "submission.handle",
    "submission.assign",
    "submission.transfer",
    "submission.close",
    "submission.decide",
    "submission.merge",
    "submission.export",
    "submission.revealIdentity",
    "submission.listReveals",
    "warning.manage",
  ],
  leadership: ["submission.read", "submission.export", "submission.listReveals"],
  auditor: ["submission.listReveals"],
  sysadmin: ["submission.manageRules"],
} satisfies RoleActions;
