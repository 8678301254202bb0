import type { ColumnType, Generated } from "kysely";
import type { FiguresTables } from "../modules/figures/tables.ts";
import type { MovementTables } from "../modules/movement/tables.ts";
import type { OrgUnitTables } from "../modules/org-units/tables.ts";
import type { ReportsTables } from "../modules/reports/tables.ts";
import type { SubmissionsTables } from "../modules/submissions/tables.ts";

/*
 * Table types for Kysely. Platform tables are here; each module declares its own in
 * modules/<name>/tables.ts and is added to DB below.
 */
type Timestamp = ColumnType<string, string | undefined, string>;
type Json = ColumnType<unknown, string | undefined, string>;
type Id = Generated<number>;

export interface OrgUnitsTable {
  id: Id;
  parent_id: number | null;
  path: string;
  kind: "ministry" | "province" | "department" | "district" | "commune" | "area";
  admin_type: string | null;
  code: string | null;
  name: string;
  place_name: string;
  sort_key: string;
  province_id: number | null;
  is_remote: Generated<boolean>;
  is_hotspot: Generated<boolean>;
  valid_from: Generated<string>;
  valid_to: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OrgUnitNamesTable {
  unit_id: number;
  name: string;
  place_name: string;
  valid_from: string;
  valid_to: string | null;
}

export interface OrgUnitEventsTable {
  id: Id;
  kind: "created" | "renamed" | "merged_into" | "split_from" | "moved" | "closed" | "continued";
  effective_on: string;
  from_unit_id: number;
  to_unit_id: number | null;
  share: number | null;
  decision_ref: string | null;
  note: string | null;
  created_at: Timestamp;
}

export interface OrgUnitSuccessorsTable {
  unit_id: number;
  current_unit_id: number;
  share: Generated<number>;
}

export interface UsersTable {
  id: Id;
  username: string;
  full_name: string;
  rank: string | null;
  position: string | null;
  unit_id: number;
  email: string | null;
  phone: string | null;
  password_hash: string;
  must_change_password: Generated<boolean>;
  totp_secret_sealed: string | null;
  totp_enabled: Generated<boolean>;
  /** time step of the last accepted second-factor code (migration 0150): each code works once */
  totp_last_counter: number | null;
  status: Generated<"active" | "disabled">;
  failed_sign_ins: Generated<number>;
  locked_until: string | null;
  locale: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RoleGrantsTable {
  id: Id;
  user_id: number;
  role: string;
  unit_id: number;
  valid_from: Generated<string>;
  valid_to: string | null;
  granted_by: number | null;
  created_at: Timestamp;
  revoked_at: string | null;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  csrf_token: string;
  acting_unit_id: number | null;
  second_factor_ok: Generated<boolean>;
  user_agent: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: string;
  revoked_at: string | null;
}

export interface ThrottleHitsTable {
  bucket: string;
  key: string;
  at: Timestamp;
}

export interface AuditLogTable {
  id: Id;
  chain: number;
  chain_seq: ColumnType<number, never, never>;
  at: ColumnType<string, never, never>;
  actor_id: number | null;
  actor_name: string | null;
  acting_unit_id: number | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  unit_id: number | null;
  ip: string | null;
  before: Json | null;
  after: Json | null;
  reason: string | null;
  prev_hash: ColumnType<string | null, never, never>;
  hash: ColumnType<string, never, never>;
}

export interface AppSettingsTable {
  key: string;
  value: Json;
  updated_at: Timestamp;
}

export interface PlatformTables {
  org_units: OrgUnitsTable;
  org_unit_names: OrgUnitNamesTable;
  org_unit_events: OrgUnitEventsTable;
  org_unit_successors: OrgUnitSuccessorsTable;
  users: UsersTable;
  role_grants: RoleGrantsTable;
  sessions: SessionsTable;
  throttle_hits: ThrottleHitsTable;
  audit_log: AuditLogTable;
  app_settings: AppSettingsTable;
}

/** Add each module's tables here: `export interface DB extends PlatformTables, TipsTables {}`. */
export interface DB
  extends PlatformTables,
    OrgUnitTables,
    MovementTables,
    SubmissionsTables,
    FiguresTables,
    ReportsTables {}
