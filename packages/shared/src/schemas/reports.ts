import { z } from "zod";

/*
 * The reports API contract: analysis (indicators × subtree × period × breakdown), exports, drill-down,
 * templates and generated report versions.
 */

/**
 * A period, written compactly so it fits a URL:
 *   "2024"          the year                "2024-Q1"  a quarter (Q1..Q4)
 *   "2024-M03"      a month                 "2024-H1"  a half year (H1, H2)
 *   "2024-9M"       the first nine months   "2024-01-01..2024-03-31"  a custom range (inclusive)
 *   "this_month", "last_month", "this_quarter", "last_quarter", "this_year", "last_year", "year_to_date"
 */
export const periodSpec = z
  .string()
  .max(30)
  .regex(
    /^(\d{4}(-(Q[1-4]|M(0[1-9]|1[0-2])|H[12]|9M))?|\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2}|this_month|last_month|this_quarter|last_quarter|this_year|last_year|year_to_date)$/,
    "period",
  );

export const BREAKDOWNS = ["none", "children", "period", "kind"] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

const codeList = z
  .string()
  .max(4000)
  .transform((s) =>
    s
      .split(",")
      .map((c) => c.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().min(1).max(100)).min(1).max(100));

/** Query string of GET /api/v1/reports/analysis (and its exports). */
export const analysisQuery = z.strictObject({
  codes: codeList,
  unitId: z.coerce.number().int().positive(),
  period: periodSpec,
  breakdown: z.enum(BREAKDOWNS).default("none"),
  /** 'current': group by today's units through lineage; 'historical': by the units of that time */
  lineage: z.enum(["current", "historical"]).default("current"),
});
export type AnalysisQuery = z.infer<typeof analysisQuery>;

export const exportQuery = analysisQuery.extend({ format: z.enum(["xlsx", "csv"]) });

export interface Cell {
  value: number | null;
  lastYear: number | null;
  diff: number | null;
  percent: number | null;
}

export interface AnalysisColumn {
  key: string;
  label: string;
  /** for child-unit columns: the unit */
  unitId?: number;
  from?: string;
  to?: string;
}

export interface AnalysisRow {
  code: string;
  label: { vi: string; en: string };
  unit: { vi: string; en: string };
  nature: "flow" | "stock" | "ratio";
  /** the figure for the whole subtree and period */
  total: Cell;
  cells: Record<string, Cell>;
  drillable: boolean;
}

export interface AnalysisResult {
  unit: { id: number; name: string; validTo: string | null };
  period: { spec: string; from: string; to: string; label: string; lastYearLabel: string };
  breakdown: Breakdown;
  lineage: "current" | "historical";
  columns: AnalysisColumn[];
  rows: AnalysisRow[];
}

export const drilldownQuery = z.strictObject({
  code: z.string().min(1).max(100),
  unitId: z.coerce.number().int().positive(),
  period: periodSpec,
  lineage: z.enum(["current", "historical"]).default("current"),
  lastYear: z.enum(["true", "false"]).default("false"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const templateSection = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.enum(["heading", "paragraph", "bullet"]), text: z.string().min(1).max(5000) }),
  z.strictObject({
    kind: z.literal("table"),
    caption: z.string().max(300),
    codes: z.array(z.string().min(1).max(100)).max(30),
  }),
  z.strictObject({ kind: z.literal("contained_reports") }),
]);

export const templateBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  unitKind: z.enum(["any", "commune", "province", "ministry"]).default("any"),
  docType: z.string().trim().min(1).max(50).default("Báo cáo"),
  title: z.string().trim().min(1).max(500),
  symbol: z.string().trim().min(1).max(30),
  sections: z.array(templateSection).max(200),
  recipients: z.array(z.string().trim().min(1).max(200)).max(30),
  active: z.boolean().default(true),
});

export const generateBody = z.strictObject({
  templateId: z.number().int().positive(),
  unitId: z.number().int().positive(),
  period: periodSpec,
  lineage: z.enum(["current", "historical"]).default("current"),
  number: z.string().max(20).nullish(),
  signerName: z.string().max(200).nullish(),
  signerPosition: z.string().max(200).nullish(),
});
