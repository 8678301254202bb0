import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<string, string | undefined, string>;
type Json = ColumnType<unknown, string | undefined, string>;
type Id = Generated<number>;

export interface DeadlineRulesTable {
  code: string;
  kind: string;
  phase: "acceptance" | "decision" | "response";
  label_vi: string;
  label_en: string;
  day_basis: "calendar" | "working";
  period_unit: "days" | "months";
  normal_amount: number;
  complex_amount: number | null;
  complex_unit: "days" | "months" | null;
  remote_amount: number | null;
  remote_complex_amount: number | null;
  max_extensions: Generated<number>;
  extension_amount: number | null;
  extension_unit: "days" | "months" | null;
  roll_to_working_day: Generated<boolean>;
  on_resume: Generated<"continue" | "restart">;
  legal_source: string;
  source_text: string;
  verification: Generated<"V" | "P" | "U">;
  updated_at: Timestamp;
  updated_by: number | null;
}

export interface HolidaysTable {
  day: string;
  kind: Generated<"holiday" | "working_day">;
  name_vi: string;
  name_en: string;
  verified: Generated<boolean>;
  note: string | null;
  updated_at: Timestamp;
}

export interface SubmissionsTable {
  id: Id;
  kind: string;
  channel: string;
  status: Generated<string>;
  sub_status: string | null;
  unit_id: number;
  province_id: number | null;
  place_unit_id: number | null;
  area_id: number | null;
  place_text: string | null;
  occurred_on: string | null;
  occurred_time: string | null;
  title: string | null;
  content: string;
  received_at: Timestamp;
  received_on: ColumnType<string, string | undefined, string>;
  code_hash: string | null;
  idem_hash: string | null;
  idem_box: string | null;
  anonymous: Generated<boolean>;
  identity_sealed: string | null;
  wants_protection: Generated<boolean>;
  concerned_officer_id: number | null;
  concerned_officer_text: string | null;
  concerned_unit_id: number | null;
  assignee_id: number | null;
  forum_id: number | null;
  merged_into_id: number | null;
  rule_code: string | null;
  clock_started_on: string | null;
  is_complex: Generated<boolean>;
  is_remote: Generated<boolean>;
  due_on: string | null;
  paused: Generated<boolean>;
  closed_at: string | null;
  closed_on: string | null;
  closed_on_time: boolean | null;
  outcome: string | null;
  outcome_note: string | null;
  rating: number | null;
  rating_comment: string | null;
  rated_at: string | null;
  transferred_at: string | null;
  language: Generated<string>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SubmissionWatchersTable {
  submission_id: number;
  user_id: number;
  added_by: number | null;
  added_at: Timestamp;
}

export interface SubmissionLinksTable {
  a_id: number;
  b_id: number;
  kind: Generated<"related" | "duplicate">;
  created_by: number | null;
  created_at: Timestamp;
}

export interface SubmissionMessagesTable {
  id: Id;
  submission_id: number;
  author: "citizen" | "officer";
  visibility: "public" | "internal";
  kind: Generated<"message" | "question" | "answer" | "note" | "info">;
  body: string;
  author_id: number | null;
  created_at: Timestamp;
}

export interface SubmissionAttachmentsTable {
  id: Id;
  submission_id: number;
  message_id: number | null;
  author: "citizen" | "officer";
  visibility: Generated<"public" | "internal">;
  file_name: string;
  mime: string;
  size: number;
  sha256: string;
  data: Buffer;
  created_at: Timestamp;
}

export interface SubmissionEventsTable {
  id: Id;
  submission_id: number;
  at: Timestamp;
  actor_id: number | null;
  kind: string;
  from_unit_id: number | null;
  to_unit_id: number | null;
  data: Json | null;
  reason: string | null;
}

export interface SubmissionDecisionsTable {
  id: Id;
  submission_id: number;
  kind: "extension" | "suspension" | "resumption" | "complexity" | "acceptance";
  decided_on: string;
  decision_ref: string | null;
  decided_by: string | null;
  amount: number | null;
  amount_unit: "days" | "months" | null;
  reason: string | null;
  created_by: number | null;
  created_at: Timestamp;
}

export interface SubmissionReplyTemplatesTable {
  id: Id;
  unit_id: number | null;
  kind: string | null;
  title: string;
  body: string;
  created_by: number | null;
  created_at: Timestamp;
}

export interface SubmissionSavedFiltersTable {
  id: Id;
  user_id: number;
  name: string;
  filters: Json;
  created_at: Timestamp;
}

export interface SubmissionNotificationsTable {
  id: Id;
  user_id: number;
  submission_id: number | null;
  kind: string;
  title_vi: string;
  title_en: string;
  created_at: Timestamp;
  day: ColumnType<string, string | undefined, string>;
  read_at: string | null;
  emailed_at: string | null;
}

export interface CrimeWarningsTable {
  id: Id;
  unit_id: number;
  province_id: number | null;
  title: string;
  body: string;
  status: Generated<"draft" | "published" | "withdrawn">;
  published_on: ColumnType<string, string | undefined, string>;
  expires_on: string | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SubmissionsTables {
  deadline_rules: DeadlineRulesTable;
  holidays: HolidaysTable;
  submissions: SubmissionsTable;
  submission_watchers: SubmissionWatchersTable;
  submission_links: SubmissionLinksTable;
  submission_messages: SubmissionMessagesTable;
  submission_attachments: SubmissionAttachmentsTable;
  submission_events: SubmissionEventsTable;
  submission_decisions: SubmissionDecisionsTable;
  submission_reply_templates: SubmissionReplyTemplatesTable;
  submission_saved_filters: SubmissionSavedFiltersTable;
  submission_notifications: SubmissionNotificationsTable;
  crime_warnings: CrimeWarningsTable;
}
