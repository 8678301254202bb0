import { STATUS_LABELS, type SubmissionStatus } from "@danvan/shared/schemas/submissions";
import { sql } from "kysely";
import type { Executor, Trx } from "../../db/client.ts";
import { recordAudit } from "../../platform/audit/audit.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import { actorCan, type Scope, unitInScope } from "../../platform/authz/scope.ts";
import { badRequest, forbidden, notFound } from "../../platform/http/errors.ts";
import { isDate, todayInVietnam } from "./clock.ts";
import { refOf } from "./present.ts";
import { unitInfo } from "./repo.ts";
import { insertItem, routeFor } from "./service.ts";
import { moduleState } from "./state.ts";

/*
 * The interface other modules use (the listening forum of the movement-work module). Everything runs in
 * the caller's transaction; nothing here touches the root database handle.
 */

/** Records an opinion raised at a listening forum as a citizen-channel item with its own clock. */
export async function intakeFromForum(
  trx: Trx,
  actor: Actor,
  input: {
    unitId: number;
    kind: "security_feedback" | "conduct_feedback" | "crime_report" | "complaint" | "denunciation";
    content: string;
    receivedOn: string;
    forumId: number;
    citizenName?: string | null;
    concernedOfficerId?: number | null;
  },
): Promise<{ id: number; code: string }> {
  const unit = await unitInfo(trx, input.unitId);
  if (!unit) throw notFound({ vi: "đơn vị", en: "unit" });
  if (!actorCan(actor, "submission.intake", unit.path)) throw forbidden();
  const content = input.content.trim();
  if (content.length < 1 || content.length > 10_000)
    throw badRequest("invalid_content", { vi: "Nội dung ý kiến không hợp lệ.", en: "Invalid opinion text." });
  if (!isDate(input.receivedOn) || input.receivedOn > todayInVietnam())
    throw badRequest("invalid_received_on", { vi: "Ngày diễn đàn không hợp lệ.", en: "Invalid forum date." });
  const name = input.citizenName?.trim() || null;
  const route = await routeFor(
    trx,
    input.kind,
    unit.id,
    input.kind === "conduct_feedback" ? input.concernedOfficerId : null,
  );
  const { id } = await insertItem(trx, moduleState(), {
    kind: input.kind,
    channel: "forum",
    route,
    content,
    receivedOn: input.receivedOn,
    anonymous: !name,
    identity: name ? { name: name.slice(0, 200), phone: null, idNumber: null, address: null } : null,
    concernedOfficerId: input.kind === "conduct_feedback" ? (input.concernedOfficerId ?? null) : null,
    forumId: input.forumId,
    createdBy: actor.userId,
  });
  await recordAudit(trx, actor, {
    action: "submission.received",
    targetType: "submission",
    targetId: id,
    unitId: route.unitId,
    after: { kind: input.kind, channel: "forum", forumId: input.forumId, anonymous: !name },
  });
  return { id, code: refOf({ kind: input.kind, id, received_on: input.receivedOn }) };
}

/** Status of items for display on a forum page, within scope. */
export async function submissionStatuses(
  ex: Executor,
  scope: Scope,
  ids: number[],
): Promise<
  Array<{
    id: number;
    status: string;
    statusLabel: { vi: string; en: string };
    dueOn: string | null;
    overdue: boolean;
    closedAt: string | null;
    outcome: string | null;
  }>
> {
  if (ids.length === 0) return [];
  const today = todayInVietnam();
  const rows = await ex
    .selectFrom("submissions as s")
    .select(["s.id", "s.status", "s.due_on", "s.paused", "s.closed_at", "s.outcome"])
    .where("s.id", "in", ids.slice(0, 1000))
    .where(unitInScope(sql.ref("s.unit_id"), scope))
    .execute();
  return rows.map((r) => {
    const open = r.status !== "closed" && r.status !== "merged";
    return {
      id: r.id,
      status: r.status,
      statusLabel: STATUS_LABELS[r.status as SubmissionStatus],
      dueOn: open ? r.due_on : null,
      overdue: open && !r.paused && r.due_on != null && r.due_on < today,
      closedAt: r.closed_at,
      outcome: r.outcome,
    };
  });
}
