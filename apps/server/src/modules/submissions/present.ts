import {
  CHANNEL_LABELS,
  type Channel,
  KIND_LABELS,
  KIND_PREFIX,
  OUTCOME_LABELS,
  type Outcome,
  PUBLIC_STATUS_LABELS,
  STATUS_LABELS,
  SUB_STATUS_LABELS,
  type SubmissionKind,
  type SubmissionStatus,
  type SubStatus,
} from "@danvan/shared/schemas/submissions";
import type { Actor } from "../../platform/authz/actor.ts";
import { daysBetween } from "./clock.ts";
import { abilities } from "./policy.ts";
import type { ItemRow } from "./repo.ts";

/*
 * Row → response. This is the only place that decides what leaves the server: the sealed identity never
 * does (only `hasIdentity`); the officer concerned by conduct feedback never gets here (repo filters).
 */

export const refOf = (row: { kind: string; id: number; received_on: string }) =>
  `${KIND_PREFIX[row.kind as SubmissionKind] ?? "XX"}-${row.received_on.slice(0, 4)}-${String(row.id).padStart(6, "0")}`;

export const excerpt = (s: string, n = 160) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function listItem(actor: Actor, row: ItemRow, today: string) {
  const open = row.status !== "closed" && row.status !== "merged";
  const due = open ? row.due_on : null;
  return {
    id: row.id,
    ref: refOf(row),
    kind: row.kind,
    kindLabel: KIND_LABELS[row.kind as SubmissionKind],
    channel: row.channel,
    channelLabel: CHANNEL_LABELS[row.channel as Channel],
    status: row.status,
    statusLabel: STATUS_LABELS[row.status as SubmissionStatus],
    subStatus: row.sub_status,
    subStatusLabel: row.sub_status ? (SUB_STATUS_LABELS[row.sub_status as SubStatus] ?? null) : null,
    unit: { id: row.unit_id, name: row.unit_name },
    placeUnit: row.place_unit_id ? { id: row.place_unit_id, name: row.place_unit_name } : null,
    summary: row.title ?? excerpt(row.content),
    receivedAt: row.received_at,
    receivedOn: row.received_on,
    assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name } : null,
    dueOn: due,
    daysLeft: due && !row.paused ? daysBetween(today, due) : null,
    paused: open && row.paused,
    overdue: open && !row.paused && due != null && today > due,
    closedOn: row.closed_on,
    closedOnTime: row.closed_on_time,
    outcome: row.outcome,
    outcomeLabel: row.outcome ? OUTCOME_LABELS[row.outcome as Outcome] : null,
    anonymous: row.anonymous,
    hasIdentity: row.has_identity,
    wantsProtection: row.wants_protection,
    abilities: abilities(actor, row),
  };
}

export function publicStatus(status: string) {
  return PUBLIC_STATUS_LABELS[status as SubmissionStatus] ?? { vi: status, en: status };
}

/** What a citizen or an officer told of the event, as the columns of a new item hold it. */
export function storyOf(input: {
  areaId?: number | null;
  address?: string | null;
  occurredOn?: string | null;
  occurredTime?: string | null;
  title?: string | null;
  content: string;
}) {
  return {
    areaId: input.areaId ?? null,
    placeText: input.address ?? null,
    occurredOn: input.occurredOn ?? null,
    occurredTime: input.occurredTime ?? null,
    title: input.title ?? null,
    content: input.content,
  };
}
