import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<string, string | undefined, string>;

export interface OrgUnitParentsTable {
  unit_id: number;
  parent_id: number | null;
  valid_from: string;
  valid_to: string | null;
}

export interface ImportJobError {
  row: number;
  column: string | null;
  value: string | null;
  messages: { vi: string; en: string };
}

export interface ImportJobsTable {
  id: Generated<number>;
  kind: Generated<string>;
  created_by: number;
  file_name: string | null;
  status: Generated<"validating" | "importing" | "done" | "failed">;
  total: Generated<number>;
  processed: Generated<number>;
  created: Generated<number>;
  errors: ColumnType<ImportJobError[], string | undefined, string>;
  created_at: Timestamp;
  updated_at: Timestamp;
  finished_at: string | null;
}

export interface OrgUnitTables {
  org_unit_parents: OrgUnitParentsTable;
  import_jobs: ImportJobsTable;
}
