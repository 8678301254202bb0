import { z } from "zod";

/*
 * The API contract of movement work: catalogues (model types, activity kinds with their result forms),
 * models, activities, listening forums, household pledges and weapon surrenders.
 * Requests are strict (unknown fields rejected) and bounded.
 */

const isoDate = z.iso.date();
const id = z.number().int().positive();
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional();
const name = (max: number) => z.string().trim().min(1).max(max);
const time = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:mm")
  .nullable()
  .optional();
const phone = z
  .string()
  .trim()
  .max(30)
  .regex(/^[0-9 +().-]*$/, "digits, spaces and + ( ) . -")
  .transform((v) => (v === "" ? null : v))
  .nullable()
  .optional();
const bilingual = z.strictObject({ vi: name(200), en: name(200) });
const code = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,48}$/, "a-z, 0-9, _ (2-49 characters, starting with a letter)");

// ---------------------------------------------------------------- labels shared by server and web

export const MODEL_STATUSES = ["active", "suspended", "ended"] as const;
export const MODEL_STATUS_LABELS: Record<(typeof MODEL_STATUSES)[number], { vi: string; en: string }> = {
  active: { vi: "Đang hoạt động", en: "Active" },
  suspended: { vi: "Tạm dừng", en: "Suspended" },
  ended: { vi: "Đã kết thúc", en: "Ended" },
};
export const REVIEW_KINDS = ["interim", "final"] as const;
export const REVIEW_KIND_LABELS = {
  interim: { vi: "Sơ kết", en: "Interim review" },
  final: { vi: "Tổng kết", en: "Final review" },
} as const;
export const REVIEW_RATINGS = ["effective", "ineffective"] as const;
export const REVIEW_RATING_LABELS = {
  effective: { vi: "Hiệu quả", en: "Effective" },
  ineffective: { vi: "Chưa hiệu quả", en: "Not effective" },
} as const;
export const RECOGNITION_KINDS = ["dan_van_kheo", "typical"] as const;
export const RECOGNITION_KIND_LABELS = {
  dan_van_kheo: { vi: "Mô hình “Dân vận khéo”", en: "“Dân vận khéo” model" },
  typical: { vi: "Điển hình tiên tiến", en: "Typical example" },
} as const;
export const RECOGNITION_LEVELS = ["commune", "district", "province", "ministry", "national"] as const;
export const RECOGNITION_LEVEL_LABELS = {
  commune: { vi: "Cấp xã", en: "Commune" },
  district: { vi: "Cấp huyện", en: "District" },
  province: { vi: "Cấp tỉnh", en: "Province" },
  ministry: { vi: "Cấp Bộ", en: "Ministry" },
  national: { vi: "Toàn quốc", en: "National" },
} as const;
export const FORUM_STATUSES = ["planned", "held", "cancelled"] as const;
export const FORUM_STATUS_LABELS = {
  planned: { vi: "Dự kiến", en: "Planned" },
  held: { vi: "Đã tổ chức", en: "Held" },
  cancelled: { vi: "Đã hủy", en: "Cancelled" },
} as const;
export const OPINION_KINDS = [
  "security_feedback",
  "conduct_feedback",
  "crime_report",
  "complaint",
  "denunciation",
] as const;
export const OPINION_KIND_LABELS = {
  security_feedback: { vi: "Phản ánh về an ninh, trật tự", en: "Security feedback" },
  conduct_feedback: { vi: "Phản ánh về thái độ, tác phong cán bộ", en: "Officer-conduct feedback" },
  crime_report: { vi: "Tố giác, tin báo về tội phạm", en: "Crime report" },
  complaint: { vi: "Khiếu nại", en: "Complaint" },
  denunciation: { vi: "Tố cáo", en: "Denunciation" },
} as const;
export const WEAPON_CATEGORIES = [
  "military_gun",
  "hunting_gun",
  "homemade_gun",
  "detonator_gun",
  "ammunition",
  "explosive",
  "crude_weapon",
  "support_tool",
] as const;
export const WEAPON_CATEGORY_LABELS = {
  military_gun: { vi: "Súng quân dụng", en: "Military guns", unit: "khẩu" },
  hunting_gun: { vi: "Súng săn", en: "Hunting guns", unit: "khẩu" },
  homemade_gun: { vi: "Súng tự chế", en: "Home-made guns", unit: "khẩu" },
  detonator_gun: { vi: "Súng kíp", en: "Detonator guns", unit: "khẩu" },
  ammunition: { vi: "Đạn các loại", en: "Ammunition", unit: "viên" },
  explosive: { vi: "Vật liệu nổ", en: "Explosives", unit: "quả, kg" },
  crude_weapon: { vi: "Vũ khí thô sơ", en: "Crude weapons", unit: "cái" },
  support_tool: { vi: "Công cụ hỗ trợ", en: "Support tools", unit: "cái" },
} as const;
export const GUN_CATEGORIES = ["military_gun", "hunting_gun", "homemade_gun", "detonator_gun"] as const;

// ---------------------------------------------------------------- catalogues

export const RESULT_FIELD_TYPES = ["int", "number", "text", "bool"] as const;
export const resultFieldSchema = z
  .strictObject({
    key: z.string().regex(/^[a-z][a-zA-Z0-9]{1,40}$/, "camelCase, 2-41 characters"),
    label: bilingual,
    type: z.enum(RESULT_FIELD_TYPES),
    unit: bilingual.nullable().optional(),
    min: z.number().finite().nullable().optional(),
    max: z.number().finite().nullable().optional(),
    required: z.boolean().optional(),
    indicator: z.boolean().optional(),
  })
  .refine((f) => f.min == null || f.max == null || f.min <= f.max, { message: "min > max", path: ["max"] });
export type ResultFieldInput = z.infer<typeof resultFieldSchema>;

export const modelTypeCreateBody = z.strictObject({
  code,
  name: name(200),
  nameEn: name(200),
  description: text(2000),
  countsCameraPoints: z.boolean().optional(),
  spansUnits: z.boolean().optional(),
  active: z.boolean().optional(),
  sort: z.number().int().min(0).max(10000).optional(),
});
export const modelTypePatchBody = modelTypeCreateBody.omit({ code: true }).partial();

const resultFields = z
  .array(resultFieldSchema)
  .max(30)
  .refine((fs) => new Set(fs.map((f) => f.key)).size === fs.length, "duplicate field key");
export const activityKindCreateBody = z.strictObject({
  code,
  name: name(200),
  nameEn: name(200),
  resultFields,
  active: z.boolean().optional(),
  sort: z.number().int().min(0).max(10000).optional(),
});
export const activityKindPatchBody = activityKindCreateBody.omit({ code: true }).partial();

// ---------------------------------------------------------------- models

const partners = z.array(name(200)).max(30);
export const modelCreateBody = z
  .strictObject({
    unitId: id,
    typeId: id,
    name: name(300),
    description: text(5000),
    status: z.enum(MODEL_STATUSES).optional(),
    launchedOn: isoDate,
    endedOn: isoDate.nullable().optional(),
    foundingDecision: text(300),
    partners: partners.optional(),
    /** units and residential areas covered besides the owner unit */
    coverUnitIds: z.array(id).max(200).optional(),
    replicatedFromId: id.nullable().optional(),
    coordinatorName: text(200),
    coordinatorPhone: phone,
    cameraPoints: z.number().int().min(0).max(100000).nullable().optional(),
    reviewEveryMonths: z.number().int().min(1).max(60).optional(),
  })
  .refine((b) => !b.endedOn || b.endedOn >= b.launchedOn, {
    message: "endedOn before launchedOn",
    path: ["endedOn"],
  });
export const modelPatchBody = z.strictObject({
  typeId: id.optional(),
  name: name(300).optional(),
  description: text(5000),
  status: z.enum(MODEL_STATUSES).optional(),
  launchedOn: isoDate.optional(),
  endedOn: isoDate.nullable().optional(),
  foundingDecision: text(300),
  partners: partners.optional(),
  coverUnitIds: z.array(id).max(200).optional(),
  replicatedFromId: id.nullable().optional(),
  coordinatorName: text(200),
  coordinatorPhone: phone,
  cameraPoints: z.number().int().min(0).max(100000).nullable().optional(),
  reviewEveryMonths: z.number().int().min(1).max(60).optional(),
});
export const modelListQuery = z.strictObject({
  unitId: z.coerce.number().int().positive().optional(),
  typeId: z.coerce.number().int().positive().optional(),
  status: z.enum(MODEL_STATUSES).optional(),
  q: z.string().trim().max(100).optional(),
  dueForReview: z.enum(["true", "false"]).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const memberBody = z.strictObject({
  fullName: name(200),
  role: text(200),
  phone,
  address: text(500),
  joinedOn: isoDate.nullable().optional(),
  leftOn: isoDate.nullable().optional(),
});
export const reviewBody = z.strictObject({
  kind: z.enum(REVIEW_KINDS),
  reviewedOn: isoDate,
  rating: z.enum(REVIEW_RATINGS),
  findings: text(10000),
});
export const recognitionBody = z.strictObject({
  kind: z.enum(RECOGNITION_KINDS),
  level: z.enum(RECOGNITION_LEVELS),
  decisionRef: name(300),
  recognisedOn: isoDate,
});
export const consentBody = z.strictObject({
  ownerName: name(200),
  address: text(500),
  phone,
  cameras: z.number().int().min(0).max(1000),
  confirmedOn: isoDate,
  withdrawnOn: isoDate.nullable().optional(),
});

// ---------------------------------------------------------------- activities

export const resultsSchema = z
  .record(z.string().max(50), z.union([z.number().finite(), z.string().max(2000), z.boolean(), z.null()]))
  .refine((r) => Object.keys(r).length <= 40, "too many result fields");
export const activityBody = z
  .strictObject({
    unitId: id,
    areaId: id.nullable().optional(),
    kind: code,
    occurredOn: isoDate,
    startsAt: time,
    endsAt: time,
    title: name(300),
    organiser: text(300),
    partners: partners.optional(),
    officerIds: z.array(id).max(50).optional(),
    modelId: id.nullable().optional(),
    programme: text(300),
    narrative: text(20000),
    results: resultsSchema.default({}),
  })
  .refine((b) => !b.startsAt || !b.endsAt || b.endsAt >= b.startsAt, {
    message: "endsAt before startsAt",
    path: ["endsAt"],
  });
export const activityListQuery = z.strictObject({
  unitId: z.coerce.number().int().positive().optional(),
  kind: code.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  modelId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(100).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const activityCopyBody = z.strictObject({ occurredOn: isoDate });
/** A week (or month) of patrols at once: shared fields plus one line per patrol. */
export const activityBulkBody = z.strictObject({
  unitId: id,
  areaId: id.nullable().optional(),
  kind: code.default("patrol"),
  title: name(300),
  organiser: text(300),
  partners: partners.optional(),
  officerIds: z.array(id).max(50).optional(),
  modelId: id.nullable().optional(),
  programme: text(300),
  entries: z
    .array(
      z.strictObject({
        occurredOn: isoDate,
        startsAt: time,
        endsAt: time,
        narrative: text(5000),
        results: resultsSchema.default({}),
      }),
    )
    .min(1)
    .max(62),
});

// ---------------------------------------------------------------- forums

export const forumBody = z.strictObject({
  unitId: id,
  areaId: id.nullable().optional(),
  title: name(300),
  heldOn: isoDate,
  startsAt: time,
  place: name(300),
  invitees: text(5000),
  chair: text(200),
  status: z.enum(FORUM_STATUSES).optional(),
  attendance: z.number().int().min(0).max(1000000).nullable().optional(),
  narrative: text(20000),
});
export const forumPatchBody = forumBody.omit({ unitId: true }).partial();
export const forumListQuery = z.strictObject({
  unitId: z.coerce.number().int().positive().optional(),
  status: z.enum(FORUM_STATUSES).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const opinionBody = z.strictObject({
  kind: z.enum(OPINION_KINDS),
  content: name(10000),
  citizenName: text(200),
  concernedOfficerId: id.nullable().optional(),
});

// ---------------------------------------------------------------- pledges

export const pledgeBody = z
  .strictObject({
    unitId: id,
    year: z.number().int().min(1990).max(2100),
    households: z.number().int().min(0).max(1000000),
    householdsSigned: z.number().int().min(0).max(1000000),
    note: text(2000),
  })
  .refine((b) => b.householdsSigned <= b.households, {
    message: "householdsSigned > households",
    path: ["householdsSigned"],
  });
export const pledgeListQuery = z.strictObject({
  unitId: z.coerce.number().int().positive().optional(),
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

// ---------------------------------------------------------------- weapon surrenders

export const weaponItemSchema = z.strictObject({
  category: z.enum(WEAPON_CATEGORIES),
  description: text(300),
  quantity: z.number().int().min(1).max(100000),
});
export const weaponSurrenderBody = z
  .strictObject({
    unitId: id,
    areaId: id.nullable().optional(),
    surrenderedOn: isoDate,
    place: text(300),
    anonymous: z.boolean().default(false),
    surrenderedBy: text(200),
    surrenderedByAddress: text(500),
    receivingOfficerId: id.nullable().optional(),
    receivingOfficerName: text(200),
    storageRef: text(200),
    activityId: id.nullable().optional(),
    note: text(5000),
    items: z.array(weaponItemSchema).min(1).max(50),
  })
  .refine((b) => b.anonymous || !!b.surrenderedBy, {
    message: "surrenderedBy is required unless anonymous",
    path: ["surrenderedBy"],
  });
export const weaponListQuery = z.strictObject({
  unitId: z.coerce.number().int().positive().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const IMPORT_KINDS = ["activities", "pledges", "weapons", "models"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
