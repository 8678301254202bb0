import type { SubmissionKind, SubmissionStatus } from "@danvan/shared/schemas/submissions";
import { AppError } from "../../platform/http/errors.ts";

/*
 * The state machine of an item. Statuses are what the citizen sees (in plainer words); sub-statuses are
 * internal. Complaints and denunciations are first accepted (thụ lý), which starts the decision clock.
 */
export type Transition = "start" | "accept" | "suspend" | "resume" | "close" | "reopen" | "merge";

const TABLE: Record<Transition, { from: readonly SubmissionStatus[]; to: SubmissionStatus }> = {
  start: { from: ["received", "accepted"], to: "in_progress" },
  accept: { from: ["received", "in_progress"], to: "accepted" },
  suspend: { from: ["received", "accepted", "in_progress"], to: "suspended" },
  resume: { from: ["suspended"], to: "in_progress" },
  close: { from: ["received", "accepted", "in_progress", "suspended"], to: "closed" },
  reopen: { from: ["closed"], to: "in_progress" },
  merge: { from: ["received", "accepted", "in_progress", "suspended"], to: "merged" },
};

/** Kinds with a separate acceptance step (thụ lý) before the decision clock. */
export const HAS_ACCEPTANCE: readonly SubmissionKind[] = ["complaint", "denunciation"];

export function canTransition(kind: SubmissionKind, status: SubmissionStatus, t: Transition): boolean {
  if (t === "accept" && !HAS_ACCEPTANCE.includes(kind)) return false;
  return TABLE[t].from.includes(status);
}

export function transition(kind: SubmissionKind, status: SubmissionStatus, t: Transition): SubmissionStatus {
  if (!canTransition(kind, status, t))
    throw new AppError(409, "invalid_transition", {
      vi: "Không thể thực hiện thao tác này ở trạng thái hiện tại của vụ việc.",
      en: "This action is not possible in the item's current status.",
    });
  return TABLE[t].to;
}

export const isOpen = (status: SubmissionStatus) => status !== "closed" && status !== "merged";

/** The rule running for an item: acceptance first where the kind has one, then the decision. */
export function ruleCodeFor(kind: SubmissionKind, phase: "start" | "accepted"): string {
  if (kind === "crime_report") return "crime_report.decision";
  if (kind === "security_feedback") return "security_feedback.response";
  if (kind === "conduct_feedback") return "conduct_feedback.response";
  return phase === "start" ? `${kind}.acceptance` : `${kind}.decision`;
}
