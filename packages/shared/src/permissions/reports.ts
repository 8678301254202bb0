import type { RoleActions } from "./types.ts";

/** Figures analysis, exports, report templates and generated reports. */
export const reportsActions = {
  commune_officer: ["report.read", "report.export"],
  commune_chief: ["report.read", "report.export", "report.generate"],
  province_staff: ["report.read", "report.export", "report.generate"],
  leadership: ["report.read", "report.export", "report.generate"],
  auditor: ["report.read"],
  sysadmin: ["report.read", "report.export", "report.generate", "report.template.manage"],
} satisfies RoleActions;
