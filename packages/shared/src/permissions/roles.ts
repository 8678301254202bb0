/** Roles are granted on a unit and cover its subtree (DESIGN.md, rule 1). */
export const ROLES = [
  "commune_officer",
  "commune_chief",
  "province_staff",
  "leadership",
  "auditor",
  "sysadmin",
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { vi: string; en: string }> = {
  commune_officer: { vi: "Cán bộ Công an xã", en: "Commune officer" },
  commune_chief: { vi: "Trưởng Công an xã", en: "Commune police chief" },
  province_staff: { vi: "Cán bộ phòng xây dựng phong trào", en: "Provincial movement staff" },
  leadership: { vi: "Lãnh đạo (chỉ xem)", en: "Leadership (read-only)" },
  auditor: { vi: "Thanh tra, kiểm tra", en: "Auditor" },
  sysadmin: { vi: "Quản trị hệ thống", en: "System administrator" },
};

/** Roles whose holders must use a second factor. */
export const ROLES_REQUIRING_2FA: readonly Role[] = ["sysadmin", "auditor"];
