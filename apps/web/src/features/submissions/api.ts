import type { Bilingual } from "../../lib/api.ts";

/** Shapes the server sends (apps/server/src/modules/submissions/present.ts and service.ts). */
export interface Item {
  id: number;
  ref: string;
  kind: string;
  kindLabel: Bilingual;
  channel: string;
  channelLabel: Bilingual;
  status: string;
  statusLabel: Bilingual;
  subStatus: string | null;
  subStatusLabel: Bilingual | null;
  unit: { id: number; name: string };
  placeUnit: { id: number; name: string | null } | null;
  summary: string;
  receivedAt: string;
  receivedOn: string;
  assignee: { id: number; name: string | null } | null;
  dueOn: string | null;
  daysLeft: number | null;
  paused: boolean;
  overdue: boolean;
  closedOn: string | null;
  closedOnTime: boolean | null;
  outcome: string | null;
  outcomeLabel: Bilingual | null;
  anonymous: boolean;
  hasIdentity: boolean;
  wantsProtection: boolean;
  abilities: Record<string, boolean>;
}

export interface Detail extends Item {
  title: string | null;
  content: string;
  placeText: string | null;
  area: { id: number; name: string | null } | null;
  occurredOn: string | null;
  occurredTime: string | null;
  forumId: number | null;
  concernedOfficer: { id: number | null; name: string | null; text: string | null } | null;
  outcomeNote: string | null;
  rating: number | null;
  ratingComment: string | null;
  mergedInto: { id: number; ref: string } | null;
  clock: {
    label: Bilingual;
    legalSource: string;
    dueOn: string;
    daysLeft: number;
    paused: boolean;
    overdue: boolean;
    extensionsUsed: number;
    extensionsLeft: number;
  } | null;
  transferClock: {
    hours: number;
    dueAt: string;
    transferredAt: string | null;
    kept: boolean;
    overdue: boolean;
  } | null;
  messages: Array<{
    id: number;
    author: "citizen" | "officer";
    visibility: "public" | "internal";
    kind: string;
    body: string;
    createdAt: string;
    authorName: string | null;
  }>;
  attachments: Array<{ id: number; fileName: string; mime: string; size: number; author: string }>;
  events: Array<{
    id: number;
    at: string;
    kind: string;
    actorName: string | null;
    from: string | null;
    to: string | null;
    reason: string | null;
  }>;
  decisions: Array<{
    id: number;
    kind: string;
    decidedOn: string;
    decisionRef: string | null;
    decidedBy: string | null;
    amount: number | null;
    amountUnit: string | null;
    reason: string | null;
  }>;
  links: Array<{ id: number; ref: string; kind: string; status: string }>;
  watchers: Array<{ id: number; name: string }>;
}

export const OUTCOMES: Array<{ value: string; label: Bilingual }> = [
  { value: "valuable_tip", label: { vi: "Tin có giá trị", en: "Valuable tip" } },
  { value: "led_to_case", label: { vi: "Đã khởi tố, xử lý vụ việc", en: "Led to a case" } },
  { value: "resolved", label: { vi: "Đã giải quyết", en: "Resolved" } },
  { value: "not_confirmed", label: { vi: "Không xác thực", en: "Not confirmed" } },
  { value: "not_in_competence", label: { vi: "Không thuộc thẩm quyền", en: "Not in our competence" } },
  {
    value: "transferred_out",
    label: { vi: "Đã chuyển cơ quan có thẩm quyền", en: "Transferred to the competent body" },
  },
  { value: "withdrawn", label: { vi: "Người gửi rút lại", en: "Withdrawn" } },
  { value: "duplicate", label: { vi: "Trùng lặp", en: "Duplicate" } },
  { value: "upheld", label: { vi: "Khiếu nại, tố cáo đúng", en: "Upheld" } },
  { value: "rejected", label: { vi: "Khiếu nại, tố cáo không đúng", en: "Not upheld" } },
];

export const KINDS: Array<{ value: string; label: Bilingual }> = [
  { value: "crime_report", label: { vi: "Tố giác, tin báo về tội phạm", en: "Crime report or tip" } },
  {
    value: "security_feedback",
    label: { vi: "Phản ánh, kiến nghị về ANTT", en: "Security and order feedback" },
  },
  { value: "conduct_feedback", label: { vi: "Góp ý về cán bộ, chiến sĩ", en: "Feedback on an officer" } },
  { value: "complaint", label: { vi: "Khiếu nại", en: "Complaint" } },
  { value: "denunciation", label: { vi: "Tố cáo", en: "Denunciation" } },
];

export const STATUSES: Array<{ value: string; label: Bilingual }> = [
  { value: "received", label: { vi: "Mới tiếp nhận", en: "Received" } },
  { value: "accepted", label: { vi: "Đã thụ lý", en: "Accepted" } },
  { value: "in_progress", label: { vi: "Đang xử lý", en: "In progress" } },
  { value: "suspended", label: { vi: "Tạm đình chỉ", en: "Suspended" } },
  { value: "closed", label: { vi: "Đã giải quyết", en: "Closed" } },
  { value: "merged", label: { vi: "Đã gộp", en: "Merged" } },
];

export const SUB_STATUSES: Array<{ value: string; label: Bilingual }> = [
  { value: "verifying", label: { vi: "Đang kiểm tra, xác minh", en: "Verifying" } },
  { value: "awaiting_citizen", label: { vi: "Chờ người gửi bổ sung", en: "Awaiting the citizen" } },
  { value: "awaiting_other_unit", label: { vi: "Chờ đơn vị khác", en: "Awaiting another unit" } },
  { value: "awaiting_procuracy", label: { vi: "Chờ Viện kiểm sát", en: "Awaiting the procuracy" } },
  { value: "drafting_decision", label: { vi: "Đang dự thảo kết luận", en: "Drafting the decision" } },
  { value: "proposed_close", label: { vi: "Đề xuất kết thúc", en: "Proposed for closure" } },
];
