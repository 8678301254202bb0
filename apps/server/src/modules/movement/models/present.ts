import { MODEL_STATUS_LABELS } from "@danvan/shared/schemas/movement";
import type { Selectable } from "kysely";
import type { MovementScopes } from "../common.ts";
import { today } from "../common.ts";
import { canRecognise, canSeePersonal, recordAbilities } from "../policy.ts";
import type {
  MovementCameraConsentsTable,
  MovementModelMembersTable,
  MovementModelRecognitionsTable,
  MovementModelReviewsTable,
} from "../tables.ts";
import type { ModelRow } from "./repo.ts";

type Sel<T> = Selectable<T>;

/** Model → response. Contact data (coordinator's phone) only within the personal-data scope. */
export function presentModel(r: ModelRow, scopes: MovementScopes) {
  const personal = canSeePersonal(scopes, r.unit_path);
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    status: r.status,
    statusLabel: MODEL_STATUS_LABELS[r.status],
    type: { id: r.type_id, code: r.type_code, name: r.type_name, countsCameraPoints: r.counts_camera_points },
    unit: { id: r.unit_id, name: r.unit_name },
    provinceId: r.province_id,
    launchedOn: r.launched_on,
    endedOn: r.ended_on,
    foundingDecision: r.founding_decision,
    partners: r.partners ?? [],
    replicatedFromId: r.replicated_from_id,
    coordinator: { name: r.coordinator_name, phone: personal ? r.coordinator_phone : null },
    cameraPoints: r.camera_points,
    reviewEveryMonths: r.review_every_months,
    lastReviewOn: r.last_review_on,
    nextReviewOn: r.next_review_on,
    dueForReview: r.status === "active" && r.next_review_on <= today(),
    memberCount: r.member_count,
    isDemo: r.is_demo,
    personalDataShown: personal,
    abilities: {
      ...recordAbilities(scopes, r.unit_path),
      recognise: canRecognise(scopes, r.unit_path),
    },
  };
}

export function presentMember(m: Sel<MovementModelMembersTable>, personal: boolean) {
  return {
    id: m.id,
    fullName: m.full_name,
    role: m.role,
    phone: personal ? m.phone : null,
    address: personal ? m.address : null,
    joinedOn: m.joined_on,
    leftOn: m.left_on,
  };
}

export const presentReview = (r: Sel<MovementModelReviewsTable>) => ({
  id: r.id,
  kind: r.kind,
  reviewedOn: r.reviewed_on,
  rating: r.rating,
  findings: r.findings,
});

export const presentRecognition = (r: Sel<MovementModelRecognitionsTable>) => ({
  id: r.id,
  kind: r.kind,
  level: r.level,
  decisionRef: r.decision_ref,
  recognisedOn: r.recognised_on,
});

/** A consent is valid for a year after its confirmation, unless withdrawn. */
export function presentConsent(c: Sel<MovementCameraConsentsTable>, personal: boolean) {
  const validUntil = new Date(Date.parse(`${c.confirmed_on}T00:00:00Z`));
  validUntil.setUTCFullYear(validUntil.getUTCFullYear() + 1);
  const until = validUntil.toISOString().slice(0, 10);
  return {
    id: c.id,
    ownerName: c.owner_name,
    address: personal ? c.address : null,
    phone: personal ? c.phone : null,
    cameras: c.cameras,
    confirmedOn: c.confirmed_on,
    withdrawnOn: c.withdrawn_on,
    validUntil: until,
    valid: !c.withdrawn_on && until > today(),
  };
}
