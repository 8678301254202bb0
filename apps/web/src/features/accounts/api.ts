import type { User } from "@danvan/shared/schemas/accounts";
import { api } from "../../lib/api.ts";

export type { User };

export interface UserFilters {
  q?: string;
  unitId?: number | null;
  role?: string | null;
  status?: "active" | "disabled" | null;
}

const base = "/api/v1/users";

export const usersApi = {
  list: (f: UserFilters, cursor?: string | null) =>
    api.get<{ items: User[]; nextCursor: string | null }>(base, {
      q: f.q,
      unitId: f.unitId,
      role: f.role,
      status: f.status,
      cursor,
      limit: 50,
    }),
  get: (id: number) => api.get<User>(`${base}/${id}`),
  create: (body: Record<string, unknown>) => api.post<{ user: User; initialPassword: string }>(base, body),
  update: (id: number, body: Record<string, unknown>) => api.patch<User>(`${base}/${id}`, body),
  resetPassword: (id: number) => api.post<{ initialPassword: string }>(`${base}/${id}/reset-password`),
  resetSecondFactor: (id: number) => api.post<User>(`${base}/${id}/second-factor/reset`),
  addGrant: (
    id: number,
    body: { role: string; unitId: number; validFrom?: string; validTo?: string | null },
  ) => api.post<User>(`${base}/${id}/grants`, body),
  removeGrant: (id: number, grantId: number) => api.delete<User>(`${base}/${id}/grants/${grantId}`),
};

export const userKeys = {
  list: (f: UserFilters) => ["users", "list", f] as const,
  detail: (id: number) => ["users", "detail", id] as const,
};
