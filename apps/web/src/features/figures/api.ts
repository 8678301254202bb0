import { api } from "../../lib/api.ts";
import type { FigurePeriodType } from "../reports/period.ts";

export interface Definition {
  id: number;
  code: string;
  indicator: string;
  name: string;
  nameEn: string;
  unitLabel: string;
  unitLabelEn: string;
  description: string | null;
  periodType: FigurePeriodType;
  nature: "flow" | "stock";
  groupName: string | null;
  minValue: number;
  maxValue: number | null;
  integerOnly: boolean;
  outlierFactor: number;
  sort: number;
  active: boolean;
  abilities?: { update: boolean };
}

export interface Rule {
  id: number;
  leftId: number;
  op: ">=" | "<=" | "=" | ">" | "<";
  rightId: number;
  applies: "always" | "left_positive" | "right_positive";
  message: string;
  messageEn?: string;
  abilities?: { delete: boolean };
}

export interface GridRow {
  definition: Definition;
  value: number | null;
  confirmedOutlier: boolean;
  enteredAt: string | null;
  enteredBy: string | null;
  history: { count: number; mean: number | null };
}

export interface Grid {
  unit: { id: number; name: string };
  period: { type: FigurePeriodType; start: string; end: string; label: string };
  locked: boolean;
  approval: { at: string; by: string | null } | null;
  events: Array<{
    id: number;
    action: "approved" | "unlocked";
    reason: string | null;
    at: string;
    by: string | null;
  }>;
  rows: GridRow[];
  rules: Rule[];
  abilities: { enter: boolean; approve: boolean; unlock: boolean };
}

export interface ApprovalBoard {
  parent: { id: number; name: string };
  period: { type: FigurePeriodType; start: string; end: string; label: string };
  definitions: number;
  items: Array<{
    unit: { id: number; name: string };
    entered: number;
    approved: boolean;
    approvedAt: string | null;
    approvedBy: string | null;
    abilities: { approve: boolean; unlock: boolean };
  }>;
}

export interface Problem {
  definitionId: number;
  code: string;
  message: { vi: string; en: string };
  ruleId?: number;
}

export interface Outlier {
  definitionId: number;
  value: number;
  mean: number;
}

export type DefinitionInput = Omit<Definition, "id" | "indicator" | "active" | "abilities">;
export type RuleInput = Omit<Rule, "id" | "abilities"> & { messageEn: string };

export interface PeriodKey {
  unitId: number;
  periodType: FigurePeriodType;
  periodStart: string;
}

export const figureKeys = {
  definitions: ["figures", "definitions"] as const,
  grid: (k: PeriodKey) => ["figures", "grid", k] as const,
  approvals: (parentId: number, periodType: string, periodStart: string) =>
    ["figures", "approvals", parentId, periodType, periodStart] as const,
};

export const figuresApi = {
  definitions: () =>
    api.get<{ items: Definition[]; rules: Rule[]; abilities: { create: boolean } }>(
      "/api/v1/figures/definitions",
    ),
  createDefinition: (body: DefinitionInput) => api.post<Definition>("/api/v1/figures/definitions", body),
  updateDefinition: (id: number, body: Partial<DefinitionInput> & { active?: boolean }) =>
    api.patch<Definition>(`/api/v1/figures/definitions/${id}`, body),
  createRule: (body: RuleInput) => api.post<Rule>("/api/v1/figures/rules", body),
  deleteRule: (id: number) => api.delete<void>(`/api/v1/figures/rules/${id}`),
  grid: (k: PeriodKey) => api.get<Grid>("/api/v1/figures/entry", { ...k }),
  save: (
    k: PeriodKey,
    values: Array<{ definitionId: number; value: number | null }>,
    confirmOutliers: number[] = [],
  ) => api.put<Grid>("/api/v1/figures/entry", { ...k, values, confirmOutliers }),
  approvals: (parentId: number, periodType: string, periodStart: string) =>
    api.get<ApprovalBoard>("/api/v1/figures/approvals", { parentId, periodType, periodStart }),
  approve: (k: PeriodKey) => api.post<Grid>("/api/v1/figures/approvals", k),
  unlock: (k: PeriodKey, reason: string) =>
    api.post<Grid>("/api/v1/figures/approvals/unlock", { ...k, reason }),
};
