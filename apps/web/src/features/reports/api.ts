import type { AnalysisResult, Breakdown, Cell } from "@danvan/shared/schemas/reports";
import { api, queryString } from "../../lib/api.ts";

export type {
  AnalysisColumn,
  AnalysisResult,
  AnalysisRow,
  Breakdown,
  Cell,
} from "@danvan/shared/schemas/reports";

export interface Bilingual {
  vi: string;
  en: string;
}

export interface Indicator {
  code: string;
  module: string;
  label: Bilingual;
  unit: Bilingual;
  nature: "flow" | "stock" | "ratio";
  description: Bilingual | null;
}

export type Lineage = "current" | "historical";

export interface AnalysisParams {
  codes: string[];
  unitId: number;
  period: string;
  breakdown: Breakdown;
  lineage: Lineage;
}

export interface DrilldownItem {
  id: string;
  on: string | null;
  title: string;
  value: number | null;
  unit: { id: number; name: string };
  path: string | null;
}

export interface DrilldownResult {
  indicator: { code: string; label: Bilingual; unit: Bilingual };
  unit: { id: number; name: string };
  from: string;
  to: string;
  items: DrilldownItem[];
  hasMore: boolean;
}

export type TemplateSection =
  | { kind: "heading" | "paragraph" | "bullet"; text: string }
  | { kind: "table"; caption: string; codes: string[] }
  | { kind: "contained_reports" };

export interface TemplateInput {
  name: string;
  unitKind: "any" | "commune" | "province" | "ministry";
  docType: string;
  title: string;
  symbol: string;
  sections: TemplateSection[];
  recipients: string[];
  active: boolean;
}

export interface Template extends TemplateInput {
  id: number;
  updatedAt: string;
  abilities: { update: boolean };
}

export interface ReportVersion {
  id: number;
  unit: { id: number; name: string };
  templateId: number;
  period: { spec: string; from: string; to: string };
  version: number;
  number: string | null;
  title: string;
  contained: Array<{ id: number; unitId: number; unitName: string; version: number; title: string }>;
  generatedAt: string;
  generatedBy: string | null;
  files: { docx: boolean; xlsx: boolean; pdf: boolean };
}

export interface GenerateInput {
  templateId: number;
  unitId: number;
  period: string;
  lineage: Lineage;
  number?: string | null;
  signerName?: string | null;
  signerPosition?: string | null;
}

export interface Generated {
  id: number;
  version: number;
  title: string;
  generatedAt: string;
  contained: number;
  hasXlsx: boolean;
}

const analysisQuery = (p: AnalysisParams) => ({
  codes: p.codes.join(","),
  unitId: p.unitId,
  period: p.period,
  breakdown: p.breakdown,
  lineage: p.lineage,
});

export const reportKeys = {
  indicators: ["indicators"] as const,
  analysis: (p: AnalysisParams) => ["reports", "analysis", p] as const,
  drilldown: (q: object) => ["reports", "drilldown", q] as const,
  templates: ["reports", "templates"] as const,
  versions: (unitId: number) => ["reports", "versions", unitId] as const,
};

export const reportsApi = {
  indicators: () => api.get<{ items: Indicator[] }>("/api/v1/indicators"),
  analysis: (p: AnalysisParams, signal?: AbortSignal) =>
    api.get<AnalysisResult>("/api/v1/reports/analysis", analysisQuery(p), signal),
  /** The export's address (the browser downloads it with the session cookie). */
  exportUrl: (p: AnalysisParams, format: "xlsx" | "csv") =>
    `/api/v1/reports/analysis/export${queryString({ ...analysisQuery(p), format })}`,
  drilldown: (q: {
    code: string;
    unitId: number;
    period: string;
    lineage: Lineage;
    lastYear: boolean;
    offset: number;
  }) =>
    api.get<DrilldownResult>("/api/v1/reports/drilldown", {
      ...q,
      lastYear: q.lastYear ? "true" : "false",
      limit: 50,
    }),
  templates: () =>
    api.get<{ items: Template[]; abilities: { create: boolean } }>("/api/v1/reports/templates"),
  createTemplate: (body: TemplateInput) => api.post<Template>("/api/v1/reports/templates", body),
  updateTemplate: (id: number, body: TemplateInput) =>
    api.put<Template>(`/api/v1/reports/templates/${id}`, body),
  generate: (body: GenerateInput) => api.post<Generated>("/api/v1/reports/generate", body),
  versions: (unitId: number) =>
    api.get<{ items: ReportVersion[] }>("/api/v1/reports/versions", { unitId, limit: 100 }),
  fileUrl: (id: number, format: "docx" | "xlsx" | "pdf") => `/api/v1/reports/versions/${id}/file/${format}`,
};

/** An empty cell (no value, nothing to compare). */
export const emptyCell: Cell = { value: null, lastYear: null, diff: null, percent: null };
