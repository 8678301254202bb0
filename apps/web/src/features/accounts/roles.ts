import { ROLE_LABELS, type Role } from "@danvan/shared/permissions/roles";
import { useQuery } from "@tanstack/react-query";
import { useCallback } from "react";
import { api } from "../../lib/api.ts";
import { useT } from "../../lib/i18n/index.tsx";

export interface RoleInfo {
  role: string;
  label: { vi: string; en: string };
  actions: string[];
  grantableBy: string[];
}

export function useRoles() {
  return useQuery({
    queryKey: ["roles"],
    queryFn: () => api.get<{ items: RoleInfo[] }>("/api/v1/roles"),
    staleTime: 10 * 60_000,
  });
}

/** A role's name in the current language (from the shared table; the server's list when it has one). */
export function useRoleLabel(): (role: string) => string {
  const t = useT();
  return useCallback(
    (role: string) => {
      const label = ROLE_LABELS[role as Role];
      return label ? t(label) : role;
    },
    [t],
  );
}

/** Role options for a select: the roles the server says the user may grant when it says so. */
export function useRoleOptions(): Array<{ value: string; label: string }> {
  const roles = useRoles();
  const label = useRoleLabel();
  const t = useT();
  if (roles.data) return roles.data.items.map((r) => ({ value: r.role, label: t(r.label) }));
  return Object.keys(ROLE_LABELS).map((r) => ({ value: r, label: label(r) }));
}
