import { z } from "zod";

/* The figures API contract: definitions, rules, the data-entry grid, approvals. */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD");
export const FIGURE_PERIOD_TYPES = ["month", "quarter", "half_year", "year"] as const;
export type FigurePeriodType = (typeof FIGURE_PERIOD_TYPES)[number];
export const FIGURE_PERIOD_LABELS: Record<FigurePeriodType, { vi: string; en: string }> = {
  month: { vi: "Tháng", en: "Month" },
  quarter: { vi: "Quý", en: "Quarter" },
  half_year: { vi: "6 tháng", en: "Half year" },
  year: { vi: "Năm", en: "Year" },
};

const text = (max: number) => z.string().trim().min(1).max(max);

export const definitionCreate = z.strictObject({
  code: z.string().regex(/^[a-z][a-z0-9_]{1,60}$/, "lower-case letters, digits and _"),
  name: text(200),
  nameEn: text(200),
  unitLabel: text(50),
  unitLabelEn: text(50),
  description: z.string().max(2000).nullish(),
  periodType: z.enum(FIGURE_PERIOD_TYPES),
  nature: z.enum(["flow", "stock"]).default("flow"),
  groupName: z.string().max(200).nullish(),
  minValue: z.number().default(0),
  maxValue: z.number().nullish(),
  integerOnly: z.boolean().default(true),
  outlierFactor: z.number().positive().max(100).default(3),
  sort: z.number().int().min(0).max(100000).default(0),
});
export const definitionUpdate = definitionCreate.omit({ code: true, periodType: true }).partial().extend({
  active: z.boolean().optional(),
});

export const ruleCreate = z.strictObject({
  leftId: z.number().int().positive(),
  op: z.enum([">=", "<=", "=", ">", "<"]),
  rightId: z.number().int().positive(),
  applies: z.enum(["always", "left_positive", "right_positive"]).default("always"),
  message: text(500),
  messageEn: text(500),
});

export const entryQuery = z.strictObject({
  unitId: z.coerce.number().int().positive(),
  periodType: z.enum(FIGURE_PERIOD_TYPES),
  periodStart: isoDate,
});

export const entrySave = z.strictObject({
  unitId: z.number().int().positive(),
  periodType: z.enum(FIGURE_PERIOD_TYPES),
  periodStart: isoDate,
  values: z
    .array(z.strictObject({ definitionId: z.number().int().positive(), value: z.number().nullable() }))
    .max(500),
  /** definitions whose unusual value the user confirms */
  confirmOutliers: z.array(z.number().int().positive()).max(500).default([]),
});

export const approvalBody = z.strictObject({
  unitId: z.number().int().positive(),
  periodType: z.enum(FIGURE_PERIOD_TYPES),
  periodStart: isoDate,
});
export const unlockBody = approvalBody.extend({ reason: text(1000) });

export const approvalsQuery = z.strictObject({
  parentId: z.coerce.number().int().positive(),
  periodType: z.enum(FIGURE_PERIOD_TYPES),
  periodStart: isoDate,
});
