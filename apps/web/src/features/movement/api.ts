import { api, type Bilingual, type Query } from "../../lib/api.ts";
import type { Abilities } from "../../lib/auth.ts";

const M = "/api/v1/movement";

export interface ResultField {
  key: string;
  label: Bilingual;
  type: "int" | "number" | "text" | "bool";
  unit?: Bilingual | null;
  min?: number | null;
  max?: number | null;
  required?: boolean;
  indicator?: boolean;
}
export interface ActivityKind {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  resultFields: ResultField[];
  active: boolean;
}
export interface ModelType {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  countsCameraPoints: boolean;
  spansUnits: boolean;
  active: boolean;
}
export interface Activity {
  id: number;
  kind: { id: number; code: string; name: string };
  unit: { id: number; name: string };
  area: { id: number; name: string } | null;
  occurredOn: string;
  startsAt: string | null;
  endsAt: string | null;
  title: string;
  organiser: string | null;
  partners: string[];
  officers: { id: number; name: string }[];
  model: { id: number; name: string } | null;
  programme: string | null;
  narrative: string | null;
  participants: number | null;
  results: Record<string, number | string | boolean>;
  isDemo: boolean;
  abilities: Abilities;
}
export interface Model {
  id: number;
  name: string;
  description: string | null;
  status: "active" | "suspended" | "ended";
  statusLabel: Bilingual;
  type: { id: number; code: string; name: string; countsCameraPoints: boolean };
  unit: { id: number; name: string };
  launchedOn: string;
  endedOn: string | null;
  foundingDecision: string | null;
  partners: string[];
  replicatedFromId: number | null;
  coordinator: { name: string | null; phone: string | null };
  cameraPoints: number | null;
  lastReviewOn: string | null;
  nextReviewOn: string;
  dueForReview: boolean;
  memberCount: number;
  isDemo: boolean;
  abilities: Abilities;
}
export interface ModelDetail extends Model {
  units: { id: number; name: string; owner: boolean }[];
  members: {
    id: number;
    fullName: string;
    role: string | null;
    phone: string | null;
    address: string | null;
  }[];
  reviews: {
    id: number;
    kind: "interim" | "final";
    reviewedOn: string;
    rating: string;
    findings: string | null;
  }[];
  recognitions: { id: number; kind: string; level: string; decisionRef: string; recognisedOn: string }[];
  cameraConsents: {
    id: number;
    ownerName: string;
    cameras: number;
    confirmedOn: string;
    validUntil: string;
    valid: boolean;
  }[];
  replication: {
    children: { id: number; name: string; unit_name: string }[];
    ancestors: { id: number; name: string }[];
  };
}
export interface Forum {
  id: number;
  unit: { id: number; name: string };
  title: string;
  heldOn: string;
  startsAt: string | null;
  place: string;
  invitees: string | null;
  chair: string | null;
  status: "planned" | "held" | "cancelled";
  statusLabel: Bilingual;
  attendance: number | null;
  narrative: string | null;
  opinionCount: number;
  isDemo: boolean;
  abilities: Abilities;
}
export interface Opinion {
  id: number;
  seq: number;
  kind: string;
  kindLabel: Bilingual;
  content: string;
  citizenName: string | null;
  submission: {
    id: number;
    code: string | null;
    statusLabel?: Bilingual;
    dueOn?: string | null;
    overdue?: boolean;
    closedAt?: string | null;
    outcome?: string | null;
  } | null;
}
export interface Pledge {
  id: number;
  unit: { id: number; name: string };
  year: number;
  households: number;
  householdsSigned: number;
  rate: number | null;
  note: string | null;
  isDemo: boolean;
  abilities: Abilities;
}
export interface Surrender {
  id: number;
  unit: { id: number; name: string };
  surrenderedOn: string;
  place: string | null;
  anonymous: boolean;
  surrenderedBy: string | null;
  receivingOfficer: { id: number | null; name: string | null };
  storageRef: string | null;
  receiptNo: string | null;
  items: {
    category: string;
    quantity: number;
    description: string | null;
    label: Bilingual & { unit: string };
  }[];
  totalItems: number;
  isDemo: boolean;
  abilities: Abilities;
}
export interface Figure {
  code: string;
  label: Bilingual;
  unit: Bilingual;
  value: number | null;
  lastYear: number | null;
  diff: number | null;
  percent: number | null;
}
export interface Overview {
  unit: { id: number; name: string };
  year: number;
  canRecord: boolean;
  figures: Figure[];
}
export interface RegisterNode {
  id: number;
  name: string;
  unitName: string;
  children: RegisterNode[];
}
export interface Register {
  unit: { id: number; name: string };
  totals: {
    models: number;
    active: number;
    suspended: number;
    ended: number;
    members: number;
    dueForReview: number;
  };
  byType: {
    typeId: number;
    code: string;
    name: string;
    total: number;
    members: number;
    byStatus: Record<string, number>;
  }[];
  dueForReview: Model[];
  replicationTree: RegisterNode[];
}
export interface ImportJob {
  id: number;
  kind: string;
  status: "validating" | "importing" | "done" | "failed";
  fileName: string | null;
  total: number;
  processed: number;
  created: number;
  errors: { row: number; column: string | null; value: string | null; messages: Bilingual }[];
}
export interface Attachment {
  id: number;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  createdAt: string;
  url: string;
}
/** The owners the attachment route accepts (`/api/v1/movement/:owner/:id/attachments`). */
export type AttachmentOwner = "models" | "activities" | "forums" | "weapons";
export interface SurrenderDetail extends Surrender {
  area: { id: number; name: string } | null;
  surrenderedByAddress: string | null;
  activityId: number | null;
  note: string | null;
  attachments: Attachment[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const movementApi = {
  activityKinds: () => api.get<{ items: ActivityKind[] }>(`${M}/activity-kinds`),
  modelTypes: () => api.get<{ items: ModelType[] }>(`${M}/model-types`),
  overview: (unitId: number, year: number) => api.get<Overview>(`${M}/overview`, { unitId, year }),
  register: (unitId: number) => api.get<Register>(`${M}/register`, { unitId }),
  activities: (q: Query) => api.get<Page<Activity>>(`${M}/activities`, q),
  calendar: (q: Query) =>
    api.get<{ days: { date: string; total: number; kinds: Record<string, number> }[] }>(
      `${M}/activities/calendar`,
      q,
    ),
  createActivity: (body: unknown) => api.post<Activity>(`${M}/activities`, body),
  activity: (id: number) => api.get<Activity & { attachments: Attachment[] }>(`${M}/activities/${id}`),
  updateActivity: (id: number, body: unknown) => api.put<Activity>(`${M}/activities/${id}`, body),
  bulkActivities: (body: unknown) => api.post<{ created: number }>(`${M}/activities/bulk`, body),
  copyActivity: (id: number, occurredOn: string) =>
    api.post<Activity>(`${M}/activities/${id}/copy`, { occurredOn }),
  deleteActivity: (id: number) => api.delete<void>(`${M}/activities/${id}`),
  models: (q: Query) => api.get<Page<Model>>(`${M}/models`, q),
  model: (id: number) => api.get<ModelDetail & { attachments: Attachment[] }>(`${M}/models/${id}`),
  createModel: (body: unknown) => api.post<ModelDetail>(`${M}/models`, body),
  addMember: (id: number, body: unknown) => api.post(`${M}/models/${id}/members`, body),
  addReview: (id: number, body: unknown) => api.post(`${M}/models/${id}/reviews`, body),
  addRecognition: (id: number, body: unknown) => api.post(`${M}/models/${id}/recognitions`, body),
  forums: (q: Query) => api.get<Page<Forum>>(`${M}/forums`, q),
  forum: (id: number) => api.get<Forum & { opinions: Opinion[] }>(`${M}/forums/${id}`),
  createForum: (body: unknown) => api.post<Forum>(`${M}/forums`, body),
  updateForum: (id: number, body: unknown) => api.patch<Forum>(`${M}/forums/${id}`, body),
  addOpinion: (id: number, body: unknown) => api.post<Opinion>(`${M}/forums/${id}/opinions`, body),
  pledges: (q: Query) =>
    api.get<
      Page<Pledge> & {
        totals: {
          year: number;
          areas: number;
          households: number;
          householdsSigned: number;
          rate: number | null;
        }[];
      }
    >(`${M}/pledges`, q),
  savePledge: (body: unknown) => api.put<Pledge>(`${M}/pledges`, body),
  deletePledge: (id: number) => api.delete<void>(`${M}/pledges/${id}`),
  weapons: (q: Query) =>
    api.get<Page<Surrender> & { totals: { category: string; label: Bilingual; quantity: number }[] }>(
      `${M}/weapons`,
      q,
    ),
  createSurrender: (body: unknown) => api.post<Surrender>(`${M}/weapons`, body),
  deleteSurrender: (id: number) => api.delete<void>(`${M}/weapons/${id}`),
  surrender: (id: number) => api.get<SurrenderDetail>(`${M}/weapons/${id}`),
  updateSurrender: (id: number, body: unknown) => api.put<Surrender>(`${M}/weapons/${id}`, body),
  deleteAttachment: (id: number) => api.delete<void>(`${M}/attachments/${id}`),
  importJob: (id: number) => api.get<ImportJob>(`${M}/import/jobs/${id}`),
};

export const forumReportUrl = (id: number) => `${M}/forums/${id}/report.docx`;
export const receiptUrl = (id: number) => `${M}/weapons/${id}/receipt.docx`;
export const attachmentsUrl = (owner: AttachmentOwner, id: number) => `${M}/${owner}/${id}/attachments`;
export const templateUrl = (kind: string) => `${M}/import/${kind}/template.xlsx`;
export const importUrl = (kind: string) => `${M}/import/${kind}`;
