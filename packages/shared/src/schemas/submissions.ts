import { z } from "zod";

/*
 * The citizen channel's API contract (server validation and OpenAPI, web types): public submission and
 * follow-up by receipt code, the officer inbox and the handling actions. Requests are strict and bounded.
 */

export interface Bilingual {
  vi: string;
  en: string;
}

export const SUBMISSION_KINDS = [
  "crime_report",
  "security_feedback",
  "conduct_feedback",
  "complaint",
  "denunciation",
] as const;
export type SubmissionKind = (typeof SUBMISSION_KINDS)[number];

export const KIND_LABELS: Record<SubmissionKind, Bilingual> = {
  crime_report: { vi: "Tố giác, tin báo về tội phạm", en: "Crime report or tip" },
  security_feedback: { vi: "Phản ánh, kiến nghị về an ninh, trật tự", en: "Security and order feedback" },
  conduct_feedback: {
    vi: "Góp ý về thái độ, tác phong của cán bộ, chiến sĩ",
    en: "Feedback on an officer's conduct",
  },
  complaint: { vi: "Khiếu nại", en: "Complaint" },
  denunciation: { vi: "Tố cáo", en: "Denunciation" },
};

export const KIND_PREFIX: Record<SubmissionKind, string> = {
  crime_report: "TG",
  security_feedback: "PA",
  conduct_feedback: "GY",
  complaint: "KN",
  denunciation: "TC",
};

export const CHANNELS = ["web", "walk_in", "phone", "letter", "forum", "other"] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Record<Channel, Bilingual> = {
  web: { vi: "Trang công khai", en: "Public web page" },
  walk_in: { vi: "Trực tiếp", en: "In person" },
  phone: { vi: "Điện thoại", en: "Phone" },
  letter: { vi: "Thư, đơn", en: "Letter" },
  forum: { vi: "Diễn đàn lắng nghe ý kiến Nhân dân", en: "Listening forum" },
  other: { vi: "Khác", en: "Other" },
};

export const STATUSES = ["received", "accepted", "in_progress", "suspended", "closed", "merged"] as const;
export type SubmissionStatus = (typeof STATUSES)[number];
export const STATUS_LABELS: Record<SubmissionStatus, Bilingual> = {
  received: { vi: "Mới tiếp nhận", en: "Received" },
  accepted: { vi: "Đã thụ lý", en: "Accepted" },
  in_progress: { vi: "Đang xử lý", en: "In progress" },
  suspended: { vi: "Tạm đình chỉ", en: "Suspended" },
  closed: { vi: "Đã giải quyết", en: "Closed" },
  merged: { vi: "Đã gộp vào vụ việc khác", en: "Merged into another item" },
};
/** What the citizen sees: fewer, plainer states. */
export const PUBLIC_STATUS_LABELS: Record<SubmissionStatus, Bilingual> = {
  received: { vi: "Đã tiếp nhận, đang chờ xử lý", en: "Received, awaiting handling" },
  accepted: { vi: "Đã thụ lý, đang giải quyết", en: "Accepted, being handled" },
  in_progress: { vi: "Đang xác minh, xử lý", en: "Being verified and handled" },
  suspended: { vi: "Tạm dừng giải quyết", en: "Handling suspended" },
  closed: { vi: "Đã giải quyết xong", en: "Handled and closed" },
  merged: { vi: "Đã gộp với phản ánh cùng nội dung", en: "Merged with a report on the same matter" },
};

export const SUB_STATUSES = [
  "verifying",
  "awaiting_citizen",
  "awaiting_other_unit",
  "awaiting_procuracy",
  "drafting_decision",
  "proposed_close",
] as const;
export type SubStatus = (typeof SUB_STATUSES)[number];
export const SUB_STATUS_LABELS: Record<SubStatus, Bilingual> = {
  verifying: { vi: "Đang kiểm tra, xác minh", en: "Verifying" },
  awaiting_citizen: { vi: "Chờ người gửi bổ sung", en: "Awaiting the citizen" },
  awaiting_other_unit: { vi: "Chờ đơn vị khác", en: "Awaiting another unit" },
  awaiting_procuracy: { vi: "Chờ Viện kiểm sát", en: "Awaiting the procuracy" },
  drafting_decision: { vi: "Đang dự thảo kết luận", en: "Drafting the decision" },
  proposed_close: { vi: "Đề xuất kết thúc", en: "Proposed for closure" },
};

export const OUTCOMES = [
  "valuable_tip",
  "led_to_case",
  "resolved",
  "not_confirmed",
  "not_in_competence",
  "transferred_out",
  "withdrawn",
  "duplicate",
  "upheld",
  "rejected",
] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABELS: Record<Outcome, Bilingual> = {
  valuable_tip: { vi: "Tin có giá trị", en: "Valuable tip" },
  led_to_case: { vi: "Đã khởi tố, xử lý vụ việc", en: "Led to a case" },
  resolved: { vi: "Đã giải quyết", en: "Resolved" },
  not_confirmed: { vi: "Không xác thực", en: "Not confirmed" },
  not_in_competence: { vi: "Không thuộc thẩm quyền", en: "Not in our competence" },
  transferred_out: { vi: "Đã chuyển cơ quan có thẩm quyền", en: "Transferred to the competent body" },
  withdrawn: { vi: "Người gửi rút lại", en: "Withdrawn" },
  duplicate: { vi: "Trùng lặp", en: "Duplicate" },
  upheld: { vi: "Khiếu nại, tố cáo đúng", en: "Upheld" },
  rejected: { vi: "Khiếu nại, tố cáo không đúng", en: "Not upheld" },
};
/** Outcomes counted as "tin có giá trị". */
export const VALUABLE_OUTCOMES: readonly Outcome[] = ["valuable_tip", "led_to_case", "upheld"];

const isValidDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD")
  .refine(isValidDate, "invalid date");
const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const text = (min: number, max: number) => z.string().trim().min(min).max(max);
const optText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional();

/** A file as base64 (photos: JPEG, PNG, WebP; PDF); 5 MB decoded at most, checked again on the server. */
export const attachmentSchema = z.strictObject({
  name: z.string().max(200).optional(),
  data: z
    .string()
    .max(7_000_000)
    .regex(/^[A-Za-z0-9+/=\s]*$/, "base64"),
});
export const MAX_ATTACHMENTS = 5;

export const identitySchema = z.strictObject({
  name: text(1, 200),
  phone: optText(30).refine((v) => v == null || /^[0-9 +().-]{6,30}$/.test(v), "phone number"),
  idNumber: optText(20).refine((v) => v == null || /^[0-9A-Za-z]{6,20}$/.test(v), "ID number"),
  address: optText(300),
});
export type Identity = z.infer<typeof identitySchema>;

export const challengeSchema = z.strictObject({
  token: z.string().min(10).max(200),
  solution: z.string().min(1).max(20),
});

export const publicSubmissionSchema = z
  .strictObject({
    kind: z.enum(SUBMISSION_KINDS),
    provinceId: id,
    communeId: id,
    areaId: id.nullable().optional(),
    address: optText(300),
    occurredOn: isoDate.nullable().optional(),
    occurredTime: optText(20),
    title: optText(200),
    content: text(10, 10_000),
    anonymous: z.boolean(),
    identity: identitySchema.nullable().optional(),
    wantsProtection: z.boolean().optional(),
    concernedOfficer: optText(200),
    language: z.enum(["vi", "en"]).optional(),
    attachments: z.array(attachmentSchema).max(MAX_ATTACHMENTS).optional(),
    idempotencyKey: z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,100}$/, "16-100 characters A-Z a-z 0-9 _ -")
      .optional(),
    challenge: challengeSchema.optional(),
  })
  .refine((v) => v.anonymous || v.identity != null, {
    path: ["identity"],
    message: "a name is required unless the submission is anonymous",
  });
export type PublicSubmission = z.infer<typeof publicSubmissionSchema>;

export const receiptMessageSchema = z.strictObject({
  body: text(1, 5000),
  attachments: z.array(attachmentSchema).max(MAX_ATTACHMENTS).optional(),
});
export const ratingSchema = z.strictObject({
  rating: z.number().int().min(1).max(5),
  comment: optText(1000),
});

const bool = z
  .union([z.boolean(), z.enum(["true", "false"])])
  .transform((v) => v === true || v === "true")
  .optional();

export const inboxFilterSchema = z.strictObject({
  kind: z.enum(SUBMISSION_KINDS).optional(),
  status: z.enum([...STATUSES, "open"]).optional(),
  unitId: id.optional(),
  assigneeId: z.union([id, z.literal("me"), z.literal("none")]).optional(),
  copiedToMe: bool,
  dueSoon: bool,
  overdue: bool,
  from: isoDate.optional(),
  to: isoDate.optional(),
  q: z.string().trim().max(100).optional(),
});
export type InboxFilter = z.infer<typeof inboxFilterSchema>;
export const inboxQuerySchema = inboxFilterSchema.extend({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const intakeSchema = z
  .strictObject({
    kind: z.enum(SUBMISSION_KINDS),
    channel: z.enum(["walk_in", "phone", "letter", "forum", "other"]),
    unitId: id,
    placeUnitId: id.nullable().optional(),
    areaId: id.nullable().optional(),
    address: optText(300),
    occurredOn: isoDate.nullable().optional(),
    occurredTime: optText(20),
    receivedOn: isoDate.optional(),
    title: optText(200),
    content: text(10, 10_000),
    anonymous: z.boolean(),
    identity: identitySchema.nullable().optional(),
    wantsProtection: z.boolean().optional(),
    concernedOfficerId: id.nullable().optional(),
    concernedOfficerText: optText(200),
    documents: optText(1000),
    attachments: z.array(attachmentSchema).max(MAX_ATTACHMENTS).optional(),
  })
  .refine((v) => v.anonymous || v.identity != null, {
    path: ["identity"],
    message: "a name is required unless the submission is anonymous",
  });

export const transferSchema = z.strictObject({ toUnitId: id, reason: text(3, 1000) });
export const assignSchema = z.strictObject({
  assigneeId: id.nullable(),
  copyUserIds: z.array(id).max(20).optional(),
});
export const subStatusSchema = z.strictObject({
  status: z.enum(["in_progress"]).optional(),
  subStatus: z.enum(SUB_STATUSES).nullable(),
});
export const replySchema = z.strictObject({
  body: text(1, 5000),
  kind: z.enum(["message", "question"]).default("message"),
});
export const noteSchema = z.strictObject({ body: text(1, 5000) });
export const decisionSchema = z.strictObject({
  kind: z.enum(["extension", "suspension", "resumption", "complexity", "acceptance"]),
  decidedOn: isoDate,
  decisionRef: optText(100),
  decidedBy: optText(200),
  amount: z.number().int().min(1).max(366).nullable().optional(),
  amountUnit: z.enum(["days", "months"]).nullable().optional(),
  complex: z.boolean().optional(),
  reason: text(3, 1000),
});
export const closeSchema = z.strictObject({
  outcome: z.enum(OUTCOMES),
  note: optText(2000),
  publicReply: optText(5000),
});
export const reasonSchema = z.strictObject({ reason: text(3, 1000) });
export const linkSchema = z.strictObject({ otherId: id, kind: z.enum(["related", "duplicate"]) });
export const mergeSchema = z.strictObject({ intoId: id, reason: optText(1000) });
export const revealSchema = z.strictObject({ reason: text(10, 1000) });
export const concernedSchema = z.strictObject({
  concernedOfficerId: id.nullable(),
  concernedOfficerText: optText(200),
});
export const savedFilterSchema = z.strictObject({ name: text(1, 100), filters: inboxFilterSchema });
export const templateSchema = z.strictObject({
  unitId: id.nullable().optional(),
  kind: z.enum(SUBMISSION_KINDS).nullable().optional(),
  title: text(1, 200),
  body: text(1, 5000),
});

export const warningSchema = z.strictObject({
  unitId: id,
  title: text(3, 200),
  body: text(10, 5000),
  publishedOn: isoDate.optional(),
  expiresOn: isoDate.nullable().optional(),
});
export const warningPatchSchema = z.strictObject({
  title: text(3, 200).optional(),
  body: text(10, 5000).optional(),
  status: z.enum(["draft", "published", "withdrawn"]).optional(),
  expiresOn: isoDate.nullable().optional(),
});

export const holidaySchema = z.strictObject({
  day: isoDate,
  kind: z.enum(["holiday", "working_day"]),
  nameVi: text(1, 200),
  nameEn: text(1, 200),
  verified: z.boolean().default(false),
  note: optText(500),
});

export const ruleUpdateSchema = z.strictObject({
  dayBasis: z.enum(["calendar", "working"]).optional(),
  periodUnit: z.enum(["days", "months"]).optional(),
  normalAmount: z.number().int().min(1).max(366).optional(),
  complexAmount: z.number().int().min(1).max(366).nullable().optional(),
  complexUnit: z.enum(["days", "months"]).nullable().optional(),
  remoteAmount: z.number().int().min(1).max(366).nullable().optional(),
  remoteComplexAmount: z.number().int().min(1).max(366).nullable().optional(),
  maxExtensions: z.number().int().min(0).max(5).optional(),
  extensionAmount: z.number().int().min(1).max(366).nullable().optional(),
  extensionUnit: z.enum(["days", "months"]).nullable().optional(),
  rollToWorkingDay: z.boolean().optional(),
  onResume: z.enum(["continue", "restart"]).optional(),
  legalSource: text(3, 500).optional(),
  sourceText: text(3, 5000).optional(),
  verification: z.enum(["V", "P", "U"]).optional(),
});

/** The clock of an open item, as shown beside it. */
export interface ClockView {
  ruleCode: string;
  phase: "acceptance" | "decision" | "response";
  label: Bilingual;
  dueOn: string;
  daysLeft: number;
  paused: boolean;
  overdue: boolean;
  extensionsUsed: number;
  extensionsLeft: number;
  legalSource: string;
}
