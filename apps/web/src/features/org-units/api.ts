import type { ImportJob, UnitDetail, UnitKind, UnitSummary } from "@danvan/shared/schemas/org-units";
import { api } from "../../lib/api.ts";

export type { ImportJob, UnitDetail, UnitKind, UnitSummary } from "@danvan/shared/schemas/org-units";

export type UnitSearchHit = UnitSummary & { ancestors: Array<{ id: number; name: string }> };
export type UnitEvent = UnitDetail["events"][number];

export interface ChildrenQuery {
  asOf?: string | null;
  includeClosed?: boolean;
  kind?: string;
}

const base = "/api/v1/org-units";

export const unitsApi = {
  roots: (includeClosed?: boolean) =>
    api.get<{ items: UnitSummary[] }>(`${base}/roots`, { includeClosed: includeClosed ? "true" : undefined }),
  children: (id: number, q: ChildrenQuery = {}) =>
    api.get<{ items: UnitSummary[] }>(`${base}/${id}/children`, {
      asOf: q.asOf ?? undefined,
      includeClosed: q.includeClosed ? "true" : undefined,
      kind: q.kind,
    }),
  search: (
    q: string,
    options: { limit?: number; includeClosed?: boolean; kind?: string } = {},
    signal?: AbortSignal,
  ) =>
    api.get<{ items: UnitSearchHit[] }>(
      `${base}/search`,
      {
        q,
        limit: options.limit ?? 20,
        includeClosed: options.includeClosed ? "true" : undefined,
        kind: options.kind,
      },
      signal,
    ),
  get: (id: number) => api.get<UnitDetail>(`${base}/${id}`),
  current: (id: number) =>
    api.get<{ items: Array<{ id: number; name: string; share: number | null }> }>(`${base}/${id}/current`),
  create: (body: {
    parentId: number;
    kind: string;
    adminType: string;
    name: string;
    placeName: string;
    code?: string;
    validFrom: string;
    isRemote?: boolean;
    isHotspot?: boolean;
  }) => api.post<UnitSummary>(base, body),
  patch: (id: number, body: { isRemote?: boolean; isHotspot?: boolean; code?: string | null }) =>
    api.patch<UnitSummary>(`${base}/${id}`, body),
  rename: (
    id: number,
    body: { name: string; placeName: string; effectiveOn: string; decisionRef?: string; note?: string },
  ) => api.post<unknown>(`${base}/${id}/rename`, body),
  close: (id: number, body: { effectiveOn: string; decisionRef?: string; note?: string }) =>
    api.post<unknown>(`${base}/${id}/close`, body),
  move: (id: number, body: { newParentId: number; effectiveOn: string; decisionRef?: string }) =>
    api.post<unknown>(`${base}/${id}/move`, body),
  merge: (body: {
    fromIds: number[];
    into:
      | { existingId: number }
      | { newUnit: { name: string; placeName: string; adminType: string; code?: string; parentId?: number } };
    effectiveOn: string;
    decisionRef?: string;
  }) => api.post<unknown>(`${base}/merge`, body),
  split: (
    id: number,
    body: {
      into: Array<{ name: string; placeName: string; adminType: string; code?: string; share?: number }>;
      effectiveOn: string;
      decisionRef?: string;
    },
  ) => api.post<unknown>(`${base}/${id}/split`, body),
  importJob: (jobId: string | number) => api.get<ImportJob>(`${base}/import/${jobId}`),
};

export const unitKeys = {
  all: ["org-units"] as const,
  children: (id: number, q: ChildrenQuery) => ["org-units", "children", id, q] as const,
  detail: (id: number) => ["org-units", "detail", id] as const,
  roots: ["org-units", "roots"] as const,
};

/** Which kinds may hang under which parent kind (as CHILD_KINDS in @danvan/shared, kept here without zod). */
export const CHILD_KINDS: Record<UnitKind, UnitKind[]> = {
  ministry: ["province", "department"],
  province: ["department", "district", "commune"],
  department: ["department"],
  district: ["commune", "department"],
  commune: ["area"],
  area: [],
};

/** Administrative types allowed for each kind (as ADMIN_TYPES_BY_KIND in @danvan/shared). */
export const ADMIN_TYPES: Record<UnitKind, string[]> = {
  ministry: ["ministry"],
  province: ["province", "city"],
  department: ["department"],
  district: ["district", "urban_district", "town", "district_city"],
  commune: ["commune", "ward", "special_zone", "township"],
  area: [
    "village",
    "hamlet",
    "bon",
    "buon",
    "ban",
    "lang",
    "xom",
    "khom",
    "quarter",
    "residential_group",
    "residential_area",
  ],
};
