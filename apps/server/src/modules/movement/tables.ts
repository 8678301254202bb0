import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<string, string | undefined, string>;
type Json<T> = ColumnType<T, string | undefined, string>;
type Id = Generated<number>;

export interface ResultField {
  key: string;
  label: { vi: string; en: string };
  type: "int" | "number" | "text" | "bool";
  unit?: { vi: string; en: string } | null;
  min?: number | null;
  max?: number | null;
  required?: boolean;
  /** numeric fields summed by the indicator registry as movement.results.<snake_key> */
  indicator?: boolean;
}

export interface MovementModelTypesTable {
  id: Id;
  code: string;
  name: string;
  name_en: string;
  description: string | null;
  counts_camera_points: Generated<boolean>;
  spans_units: Generated<boolean>;
  active: Generated<boolean>;
  sort: Generated<number>;
  builtin: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MovementActivityKindsTable {
  id: Id;
  code: string;
  name: string;
  name_en: string;
  result_fields: Json<ResultField[]>;
  active: Generated<boolean>;
  sort: Generated<number>;
  builtin: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MovementModelsTable {
  id: Id;
  unit_id: number;
  province_id: number | null;
  type_id: number;
  name: string;
  description: string | null;
  status: Generated<"active" | "suspended" | "ended">;
  launched_on: string;
  ended_on: string | null;
  founding_decision: string | null;
  partners: Json<string[]>;
  replicated_from_id: number | null;
  coordinator_name: string | null;
  coordinator_phone: string | null;
  camera_points: number | null;
  review_every_months: Generated<number>;
  is_demo: Generated<boolean>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MovementModelUnitsTable {
  model_id: number;
  unit_id: number;
}

export interface MovementModelMembersTable {
  id: Id;
  model_id: number;
  full_name: string;
  role: string | null;
  phone: string | null;
  address: string | null;
  joined_on: string | null;
  left_on: string | null;
  created_at: Timestamp;
}

export interface MovementModelReviewsTable {
  id: Id;
  model_id: number;
  kind: "interim" | "final";
  reviewed_on: string;
  rating: "effective" | "ineffective";
  findings: string | null;
  created_by: number | null;
  created_at: Timestamp;
}

export interface MovementModelRecognitionsTable {
  id: Id;
  model_id: number;
  kind: "dan_van_kheo" | "typical";
  level: "commune" | "district" | "province" | "ministry" | "national";
  decision_ref: string;
  recognised_on: string;
  created_by: number | null;
  created_at: Timestamp;
}

export interface MovementCameraConsentsTable {
  id: Id;
  model_id: number;
  owner_name: string;
  address: string | null;
  phone: string | null;
  cameras: Generated<number>;
  confirmed_on: string;
  withdrawn_on: string | null;
  created_at: Timestamp;
}

export interface MovementActivitiesTable {
  id: Id;
  unit_id: number;
  province_id: number | null;
  area_id: number | null;
  kind_id: number;
  kind: string;
  occurred_on: string;
  starts_at: string | null;
  ends_at: string | null;
  title: string;
  organiser: string | null;
  partners: Json<string[]>;
  officer_ids: ColumnType<number[], number[] | undefined, number[]>;
  model_id: number | null;
  programme: string | null;
  narrative: string | null;
  participants: number | null;
  results: Json<Record<string, unknown>>;
  is_demo: Generated<boolean>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MovementForumsTable {
  id: Id;
  unit_id: number;
  province_id: number | null;
  area_id: number | null;
  title: string;
  held_on: string;
  starts_at: string | null;
  place: string;
  invitees: string | null;
  chair: string | null;
  status: Generated<"planned" | "held" | "cancelled">;
  attendance: number | null;
  narrative: string | null;
  is_demo: Generated<boolean>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type OpinionKind =
  | "security_feedback"
  | "conduct_feedback"
  | "crime_report"
  | "complaint"
  | "denunciation";

export interface MovementForumOpinionsTable {
  id: Id;
  forum_id: number;
  seq: number;
  kind: OpinionKind;
  content: string;
  citizen_name: string | null;
  concerned_officer_id: number | null;
  submission_id: number | null;
  submission_code: string | null;
  created_at: Timestamp;
}

export interface MovementPledgesTable {
  id: Id;
  unit_id: number;
  province_id: number | null;
  year: number;
  households: number;
  households_signed: number;
  note: string | null;
  is_demo: Generated<boolean>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type WeaponCategory =
  | "military_gun"
  | "hunting_gun"
  | "homemade_gun"
  | "detonator_gun"
  | "ammunition"
  | "explosive"
  | "crude_weapon"
  | "support_tool";

export interface MovementWeaponSurrendersTable {
  id: Id;
  unit_id: number;
  province_id: number | null;
  area_id: number | null;
  surrendered_on: string;
  place: string | null;
  surrendered_by: string | null;
  surrendered_by_address: string | null;
  receiving_officer_id: number | null;
  receiving_officer_name: string | null;
  storage_ref: string | null;
  activity_id: number | null;
  note: string | null;
  receipt_no: string | null;
  is_demo: Generated<boolean>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MovementWeaponItemsTable {
  id: Id;
  surrender_id: number;
  category: WeaponCategory;
  description: string | null;
  quantity: number;
}

export interface MovementAttachmentsTable {
  id: Id;
  owner_type: "model" | "activity" | "forum" | "weapon_surrender";
  owner_id: number;
  unit_id: number;
  file_name: string;
  mime_type: string;
  size_bytes: number;
  content: Buffer;
  uploaded_by: number | null;
  created_at: Timestamp;
}

export interface MovementTables {
  movement_model_types: MovementModelTypesTable;
  movement_activity_kinds: MovementActivityKindsTable;
  movement_models: MovementModelsTable;
  movement_model_units: MovementModelUnitsTable;
  movement_model_members: MovementModelMembersTable;
  movement_model_reviews: MovementModelReviewsTable;
  movement_model_recognitions: MovementModelRecognitionsTable;
  movement_camera_consents: MovementCameraConsentsTable;
  movement_activities: MovementActivitiesTable;
  movement_forums: MovementForumsTable;
  movement_forum_opinions: MovementForumOpinionsTable;
  movement_pledges: MovementPledgesTable;
  movement_weapon_surrenders: MovementWeaponSurrendersTable;
  movement_weapon_items: MovementWeaponItemsTable;
  movement_attachments: MovementAttachmentsTable;
}
