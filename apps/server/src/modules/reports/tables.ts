import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<string, string | undefined, string>;
type Json<T> = ColumnType<T, string | undefined, string>;
type Id = Generated<number>;

/** A section of a report template (see templates.ts). */
export type TemplateSection =
  | { kind: "heading"; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "bullet"; text: string }
  | { kind: "table"; caption: string; codes: string[] }
  | { kind: "contained_reports" };

export interface ReportTemplatesTable {
  id: Id;
  name: string;
  /** which units it is meant for: 'commune', 'province', 'any' */
  unit_kind: Generated<string>;
  doc_type: Generated<string>;
  /** the summary line, with placeholders ("Kết quả ... {period.label}") */
  title: string;
  symbol: string;
  sections: Json<TemplateSection[]>;
  recipients: Json<string[]>;
  active: Generated<boolean>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ReportVersionsTable {
  id: Id;
  unit_id: number;
  province_id: number | null;
  template_id: number;
  period_spec: string;
  period_from: string;
  period_to: string;
  version: number;
  number: string | null;
  title: string;
  /** the figures as generated: code → { value, lastYear, diff, percent } per group */
  figures: Json<unknown>;
  /** the document's blocks as generated (the DOCX can be rebuilt from them byte for byte in content) */
  content: Json<unknown>;
  /** reports of units below contained in this one: [{ id, unitId, unitName, version, title }] */
  contained: Json<unknown>;
  docx: Buffer;
  xlsx: Buffer | null;
  generated_by: number | null;
  generated_at: Timestamp;
}

export interface ReportsTables {
  report_templates: ReportTemplatesTable;
  report_versions: ReportVersionsTable;
}
