import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<string, string | undefined, string>;
type Id = Generated<number>;
export type FigurePeriodType = "month" | "quarter" | "half_year" | "year";

export interface FigureDefinitionsTable {
  id: Id;
  code: string;
  name: string;
  name_en: string;
  unit_label: string;
  unit_label_en: string;
  description: string | null;
  period_type: FigurePeriodType;
  nature: Generated<"flow" | "stock">;
  group_name: string | null;
  min_value: Generated<number>;
  max_value: number | null;
  integer_only: Generated<boolean>;
  outlier_factor: Generated<number>;
  sort: Generated<number>;
  active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FigureRulesTable {
  id: Id;
  left_id: number;
  op: ">=" | "<=" | "=" | ">" | "<";
  right_id: number;
  applies: Generated<"always" | "left_positive" | "right_positive">;
  message: string;
  message_en: string;
  active: Generated<boolean>;
  created_at: Timestamp;
}

export interface FigureValuesTable {
  definition_id: number;
  unit_id: number;
  province_id: number | null;
  period_start: string;
  period_end: string;
  value: number;
  confirmed_outlier: Generated<boolean>;
  entered_by: number | null;
  entered_at: Timestamp;
}

export interface FigureApprovalsTable {
  unit_id: number;
  period_type: FigurePeriodType;
  period_start: string;
  approved_by: number;
  approved_at: Timestamp;
}

export interface FigureApprovalEventsTable {
  id: Id;
  unit_id: number;
  period_type: FigurePeriodType;
  period_start: string;
  action: "approved" | "unlocked";
  reason: string | null;
  actor_id: number | null;
  at: Timestamp;
}

export interface FiguresTables {
  figure_definitions: FigureDefinitionsTable;
  figure_rules: FigureRulesTable;
  figure_values: FigureValuesTable;
  figure_approvals: FigureApprovalsTable;
  figure_approval_events: FigureApprovalEventsTable;
}
