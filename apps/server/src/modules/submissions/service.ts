import { rolesAllowing } from "@danvan/shared";
import {
  type Identity,
  type InboxFilter,
  KIND_LABELS,
  OUTCOME_LABELS,
  type Outcome,
  type SubmissionKind,
  type SubmissionStatus,
} from "@danvan/shared/schemas/submissions";
import { type SqlBool, sql } from "kysely";
import type { Executor, Trx } from "../../db/client.ts";
import { recordAudit } from "../../platform/audit/audit.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import { actorCan, scopeFor } from "../../platform/authz/scope.ts";
import { AppError, badRequest, conflict, forbidden, notFound } from "../../platform/http/errors.ts";
import { decodeCursor, encodeCursor } from "../../platform/http/pagination.ts";
import { computeClock, daysBetween, maxExtensionIn, todayInVietnam, transferDueAt } from "./clock.ts";
import type { CleanFile } from "./files.ts";
import { abilities } from "./policy.ts";
import { listItem, refOf, storyOf } from "./present.ts";
import {
  addEvent,
  clockDecisions,
  countByStatus,
  findItem,
  type ItemRow,
  listItems,
  lockItem,
  notify,
  officerUnit,
  unitInfo,
  usersWithRoleOn,
} from "./repo.ts";
import { newReceiptCode } from "./secrets.ts";
import { calendar, initialDue, type ModuleState, refreshClock, ruleFor, secretsOf } from "./state.ts";
import { ruleCodeFor, transition } from "./workflow.ts";

export const itemNotFound = () => notFound({ vi: "vụ việc", en: "item" });

/* ------------------------------------------------------------------ routing and creation */

export interface Route {
  unitId: number;
  provinceId: number | null;
  placeUnitId: number | null;
  isRemote: boolean;
  concernedUnitId: number | null;
}

const unitClosed = () =>
  badRequest("unit_not_open", {
    vi: "Đơn vị hoặc địa bàn đã chọn không còn hoạt động.",
    en: "The chosen unit or place is no longer open.",
  });

/**
 * Where an item goes: the commune of its place; feedback on an officer's conduct goes to the level
 * above the officer's unit (above the place's commune when the officer is not named).
 */
export async function routeFor(
  ex: Executor,
  kind: SubmissionKind,
  placeUnitId: number,
  concernedOfficerId?: number | null,
): Promise<Route> {
  const place = await unitInfo(ex, placeUnitId);
  if (!place || place.valid_to) throw unitClosed();
  let target = place;
  let concernedUnitId: number | null = null;
  if (kind === "conduct_feedback") {
    let officerUnitId = place.id;
    let parentId = place.parent_id;
    if (concernedOfficerId) {
      const officer = await officerUnit(ex, concernedOfficerId);
      if (!officer)
        throw badRequest("unknown_officer", { vi: "Không tìm thấy cán bộ.", en: "Unknown officer." });
      officerUnitId = officer.unit_id;
      parentId = officer.parent_id;
    }
    concernedUnitId = officerUnitId;
    if (parentId) {
      const parent = await unitInfo(ex, parentId);
      if (parent) target = parent;
    }
  }
  return {
    unitId: target.id,
    provinceId: target.kind === "province" ? target.id : target.province_id,
    placeUnitId: place.kind === "area" ? null : place.id,
    isRemote: place.is_remote,
    concernedUnitId,
  };
}

export interface NewItem {
  kind: SubmissionKind;
  channel: string;
  route: Route;
  areaId?: number | null;
  placeText?: string | null;
  occurredOn?: string | null;
  occurredTime?: string | null;
  title?: string | null;
  content: string;
  receivedOn: string;
  anonymous: boolean;
  identity?: Identity | null;
  wantsProtection?: boolean;
  concernedOfficerId?: number | null;
  concernedOfficerText?: string | null;
  forumId?: number | null;
  codeHash?: string | null;
  idemHash?: string | null;
  idemBox?: string | null;
  createdBy?: number | null;
  language?: string;
}

/** Inserts an item with its clock and first timeline entry (one statement), then its attachments. */
export async function insertItem(
  trx: Trx,
  state: ModuleState,
  item: NewItem,
  files: CleanFile[] = [],
): Promise<{ id: number; receivedAt: string }> {
  const ruleCode = ruleCodeFor(item.kind, "start");
  const dueOn = await initialDue(trx, ruleCode, item.receivedOn, item.route.isRemote);
  const identity =
    !item.anonymous && item.identity ? state.deps.vault.seal(JSON.stringify(item.identity)) : null;
  const { rows } = await sql<{ id: number; received_at: string }>`
    with s as (
      insert into submissions (kind, channel, unit_id, province_id, place_unit_id, area_id, place_text,
        occurred_on, occurred_time, title, content, received_on, anonymous, identity_sealed, wants_protection,
        concerned_officer_id, concerned_officer_text, concerned_unit_id, forum_id, code_hash, idem_hash, idem_box,
        rule_code, clock_started_on, is_remote, due_on, created_by, language)
      values (${item.kind}, ${item.channel}, ${item.route.unitId}, ${item.route.provinceId}, ${item.route.placeUnitId},
        ${item.areaId ?? null}, ${item.placeText ?? null}, ${item.occurredOn ?? null}, ${item.occurredTime ?? null},
        ${item.title ?? null}, ${item.content}, ${item.receivedOn}, ${item.anonymous || !identity}, ${identity},
        ${item.wantsProtection ?? false}, ${item.concernedOfficerId ?? null}, ${item.concernedOfficerText ?? null},
        ${item.route.concernedUnitId}, ${item.forumId ?? null}, ${item.codeHash ?? null}, ${item.idemHash ?? null},
        ${item.idemBox ?? null}, ${ruleCode}, ${item.receivedOn}, ${item.route.isRemote}, ${dueOn},
        ${item.createdBy ?? null}, ${item.language ?? "vi"})
      returning id, received_at, unit_id
    ), e as (
      insert into submission_events (submission_id, actor_id, kind, to_unit_id, data)
      select id, ${item.createdBy ?? null}, 'received', unit_id, ${JSON.stringify({ channel: item.channel })}::jsonb from s
    )
    select id, received_at from s`.execute(trx);
  const id = Number(rows[0].id);
  if (files.length) await insertFiles(trx, id, null, "citizen", files);
  return { id, receivedAt: new Date(rows[0].received_at).toISOString() };
}

export async function insertFiles(
  trx: Trx,
  submissionId: number,
  messageId: number | null,
  author: "citizen" | "officer",
  files: CleanFile[],
) {
  if (!files.length) return;
  await trx
    .insertInto("submission_attachments")
    .values(
      files.map((f) => ({
        submission_id: submissionId,
        message_id: messageId,
        author,
        file_name: f.fileName,
        mime: f.mime,
        size: f.size,
        sha256: f.sha256,
        data: f.data,
      })),
    )
    .execute();
}

/* ------------------------------------------------------------------ officer side */

export function makeOfficerService(state: ModuleState) {
  const { db } = state.deps;

  async function withItem<T>(
    actor: Actor,
    id: number,
    action: string | null,
    fn: (trx: Trx, row: ItemRow) => Promise<T>,
  ): Promise<T> {
    const scope = await scopeFor(db, actor, "submission.read");
    return db.transaction().execute(async (trx) => {
      await lockItem(trx, id);
      const row = await findItem(trx, scope, actor, id);
      if (!row) throw itemNotFound();
      if (action && !actorCan(actor, action, row.unit_path)) throw forbidden();
      return fn(trx, row);
    });
  }

  const audit = (
    trx: Trx,
    actor: Actor,
    row: ItemRow,
    action: string,
    extra: { after?: unknown; before?: unknown; reason?: string } = {},
  ) =>
    recordAudit(trx, actor, {
      action,
      targetType: "submission",
      targetId: row.id,
      unitId: row.unit_id,
      ...extra,
    });

  /** Users who may handle items of the unit at `path` (a grant on it or above). */
  async function canHandle(ex: Executor, userId: number, path: string): Promise<boolean> {
    const roles = rolesAllowing("submission.handle");
    const row = await sql<{ ok: boolean }>`
      select exists (select 1 from role_grants g join org_units gu on gu.id = g.unit_id join users u on u.id = g.user_id
        where g.user_id = ${userId} and g.revoked_at is null and u.status = 'active'
          and g.valid_from <= current_date and (g.valid_to is null or g.valid_to >= current_date)
          and g.role = any(${roles}::text[]) and ${path}::ltree <@ gu.path) as ok`.execute(ex);
    return row.rows[0]?.ok === true;
  }

  async function list(actor: Actor, filter: InboxFilter, cursor: string | undefined, limit: number) {
    const scope = await scopeFor(db, actor, "submission.read");
    const today = todayInVietnam();
    const after = decodeCursor(cursor) as [string, number] | undefined;
    const rows = await listItems(db, scope, actor, filter, today, { limit, after });
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return {
      items: items.map((r) => listItem(actor, r, today)),
      nextCursor: rows.length > limit && last ? encodeCursor([last.received_at, last.id]) : null,
    };
  }

  async function counts(actor: Actor, filter: InboxFilter) {
    const scope = await scopeFor(db, actor, "submission.read");
    return countByStatus(db, scope, actor, filter, todayInVietnam());
  }

  async function detail(actor: Actor, id: number) {
    const scope = await scopeFor(db, actor, "submission.read");
    const row = await findItem(db, scope, actor, id);
    if (!row) throw itemNotFound();
    return present(db, actor, row);
  }

  async function present(ex: Executor, actor: Actor, row: ItemRow) {
    const today = todayInVietnam();
    const [messages, files, events, decisions, links, watchers, concerned, mergedInto] = await Promise.all([
      ex
        .selectFrom("submission_messages as m")
        .leftJoin("users as u", "u.id", "m.author_id")
        .select([
          "m.id",
          "m.author",
          "m.visibility",
          "m.kind",
          "m.body",
          "m.created_at",
          "u.full_name as author_name",
        ])
        .where("m.submission_id", "=", row.id)
        .orderBy("m.id")
        .execute(),
      ex
        .selectFrom("submission_attachments")
        .select(["id", "message_id", "author", "visibility", "file_name", "mime", "size", "created_at"])
        .where("submission_id", "=", row.id)
        .orderBy("id")
        .execute(),
      ex
        .selectFrom("submission_events as e")
        .leftJoin("users as u", "u.id", "e.actor_id")
        .leftJoin("org_units as fu", "fu.id", "e.from_unit_id")
        .leftJoin("org_units as tu", "tu.id", "e.to_unit_id")
        .select([
          "e.id",
          "e.at",
          "e.kind",
          "e.data",
          "e.reason",
          "u.full_name as actor_name",
          "fu.name as from_name",
          "tu.name as to_name",
        ])
        .where("e.submission_id", "=", row.id)
        .orderBy("e.id")
        .execute(),
      clockDecisions(ex, row.id),
      ex
        .selectFrom("submission_links as l")
        .innerJoin("submissions as o", (j) =>
          j.on(sql<SqlBool>`o.id = case when l.a_id = ${row.id} then l.b_id else l.a_id end`),
        )
        .select(["o.id", "o.kind", "o.received_on", "o.status", "l.kind as link_kind"])
        .where((eb) => eb.or([eb("l.a_id", "=", row.id), eb("l.b_id", "=", row.id)]))
        .where(sql<boolean>`(o.concerned_officer_id is null or o.concerned_officer_id <> ${actor.userId})`)
        .execute(),
      ex
        .selectFrom("submission_watchers as w")
        .innerJoin("users as u", "u.id", "w.user_id")
        .select(["u.id", "u.full_name"])
        .where("w.submission_id", "=", row.id)
        .execute(),
      row.concerned_officer_id
        ? ex
            .selectFrom("users")
            .select(["id", "full_name"])
            .where("id", "=", row.concerned_officer_id)
            .executeTakeFirst()
        : undefined,
      row.merged_into_id
        ? ex
            .selectFrom("submissions")
            .select(["id", "kind", "received_on"])
            .where("id", "=", row.merged_into_id)
            .executeTakeFirst()
        : undefined,
    ]);
    let clock = null;
    if (row.rule_code && row.clock_started_on && row.status !== "closed" && row.status !== "merged") {
      const rule = await ruleFor(ex, row.rule_code);
      const since = decisions.filter((d) => d.kind === "acceptance").at(-1)?.id ?? 0;
      const st = computeClock(
        rule,
        {
          startedOn: row.clock_started_on,
          complex: row.is_complex,
          remote: row.is_remote,
          decisions: decisions
            .filter((d) => d.id > since && ["extension", "suspension", "resumption"].includes(d.kind))
            .map((d) => ({
              kind: d.kind as "extension",
              decidedOn: d.decided_on,
              amount: d.amount,
              amountUnit: d.amount_unit,
            })),
          today,
        },
        await calendar(ex),
      );
      clock = {
        ruleCode: rule.code,
        phase: rule.raw.phase,
        label: { vi: String(rule.raw.label_vi), en: String(rule.raw.label_en) },
        legalSource: String(rule.raw.legal_source),
        dayBasis: rule.dayBasis,
        ...st,
      };
    }
    const transferHours = row.is_remote ? 48 : 24;
    const transferClock =
      row.kind === "crime_report" &&
      row.unit_kind === "commune" &&
      row.status !== "closed" &&
      row.status !== "merged"
        ? {
            hours: transferHours,
            dueAt: transferDueAt(row.received_at, transferHours),
            transferredAt: row.transferred_at,
            // once the unit has taken the report up as its own, there is nothing left to transfer
            kept: !row.transferred_at && row.status !== "received",
            overdue:
              !row.transferred_at &&
              row.status === "received" &&
              Date.now() > Date.parse(transferDueAt(row.received_at, transferHours)),
          }
        : null;
    return {
      ...listItem(actor, row, today),
      title: row.title,
      content: row.content,
      placeText: row.place_text,
      area: row.area_id ? { id: row.area_id, name: row.area_name } : null,
      occurredOn: row.occurred_on,
      occurredTime: row.occurred_time,
      forumId: row.forum_id,
      isComplex: row.is_complex,
      isRemote: row.is_remote,
      concernedOfficer:
        row.kind === "conduct_feedback"
          ? {
              id: concerned?.id ?? null,
              name: concerned?.full_name ?? null,
              text: row.concerned_officer_text,
            }
          : null,
      outcomeNote: row.outcome_note,
      rating: row.rating,
      ratingComment: row.rating_comment,
      mergedInto: mergedInto ? { id: mergedInto.id, ref: refOf(mergedInto) } : null,
      clock,
      transferClock,
      messages: messages.map((m) => ({
        id: m.id,
        author: m.author,
        visibility: m.visibility,
        kind: m.kind,
        body: m.body,
        createdAt: m.created_at,
        authorName: m.author === "officer" ? m.author_name : null,
      })),
      attachments: files.map((f) => ({
        id: f.id,
        messageId: f.message_id,
        author: f.author,
        visibility: f.visibility,
        fileName: f.file_name,
        mime: f.mime,
        size: f.size,
        createdAt: f.created_at,
      })),
      events: events.map((e) => ({
        id: e.id,
        at: e.at,
        kind: e.kind,
        actorName: e.actor_name,
        from: e.from_name,
        to: e.to_name,
        data: e.data,
        reason: e.reason,
      })),
      decisions: decisions.map((d) => ({
        id: d.id,
        kind: d.kind,
        decidedOn: d.decided_on,
        decisionRef: d.decision_ref,
        decidedBy: d.decided_by,
        amount: d.amount,
        amountUnit: d.amount_unit,
        reason: d.reason,
      })),
      links: links.map((l) => ({ id: l.id, ref: refOf(l), kind: l.link_kind, status: l.status })),
      watchers: watchers.map((w) => ({ id: w.id, name: w.full_name })),
    };
  }

  async function transfer(actor: Actor, id: number, input: { toUnitId: number; reason: string }) {
    return withItem(actor, id, "submission.transfer", async (trx, row) => {
      if (input.toUnitId === row.unit_id)
        throw badRequest("same_unit", {
          vi: "Vụ việc đã ở đơn vị này.",
          en: "The item is already at this unit.",
        });
      const to = await unitInfo(trx, input.toUnitId);
      if (!to || to.valid_to || to.kind === "area") throw unitClosed();
      await trx
        .updateTable("submissions")
        .set({
          unit_id: to.id,
          province_id: to.kind === "province" ? to.id : to.province_id,
          assignee_id: null,
          sub_status: null,
          transferred_at: row.transferred_at ?? sql<string>`now()`,
          updated_at: sql<string>`now()`,
        })
        .where("id", "=", id)
        .execute();
      await addEvent(trx, {
        submissionId: id,
        actorId: actor.userId,
        kind: "transferred",
        fromUnitId: row.unit_id,
        toUnitId: to.id,
        reason: input.reason,
      });
      await audit(trx, actor, row, "submission.transferred", {
        before: { unitId: row.unit_id },
        after: { unitId: to.id },
        reason: input.reason,
      });
      const chiefs = await usersWithRoleOn(trx, to.id, ["commune_chief", "province_staff"]);
      await notify(trx, chiefs, {
        submissionId: id,
        kind: "transferred_in",
        titleVi: `Vụ việc ${refOf(row)} được chuyển đến đơn vị`,
        titleEn: `Item ${refOf(row)} was transferred to your unit`,
      });
      return { id, unitId: to.id };
    });
  }

  async function assign(
    actor: Actor,
    id: number,
    input: { assigneeId: number | null; copyUserIds?: number[] },
  ) {
    return withItem(actor, id, "submission.assign", async (trx, row) => {
      const people = [...(input.assigneeId ? [input.assigneeId] : []), ...(input.copyUserIds ?? [])];
      for (const userId of people) {
        if (row.concerned_officer_id === userId || !(await canHandle(trx, userId, row.unit_path)))
          throw badRequest("assignee_not_allowed", {
            vi: "Người được giao hoặc nhận bản sao không có quyền xử lý vụ việc này.",
            en: "The assignee or copy recipient may not handle this item.",
          });
      }
      const status = row.status === "received" ? "in_progress" : row.status;
      await trx
        .updateTable("submissions")
        .set({ assignee_id: input.assigneeId, status, updated_at: sql<string>`now()` })
        .where("id", "=", id)
        .execute();
      if (input.copyUserIds?.length)
        await trx
          .insertInto("submission_watchers")
          .values(input.copyUserIds.map((u) => ({ submission_id: id, user_id: u, added_by: actor.userId })))
          .onConflict((oc) => oc.doNothing())
          .execute();
      await addEvent(trx, {
        submissionId: id,
        actorId: actor.userId,
        kind: "assigned",
        data: { assigneeId: input.assigneeId, copyUserIds: input.copyUserIds ?? [] },
      });
      await audit(trx, actor, row, "submission.assigned", {
        before: { assigneeId: row.assignee_id },
        after: { assigneeId: input.assigneeId, copyUserIds: input.copyUserIds ?? [] },
      });
      if (input.assigneeId)
        await notify(trx, [input.assigneeId], {
          submissionId: id,
          kind: "assigned",
          titleVi: `Bạn được giao xử lý vụ việc ${refOf(row)}`,
          titleEn: `You were assigned item ${refOf(row)}`,
        });
      await notify(trx, input.copyUserIds ?? [], {
        submissionId: id,
        kind: "copied",
        titleVi: `Bạn nhận bản sao để biết vụ việc ${refOf(row)}`,
        titleEn: `You were copied on item ${refOf(row)}`,
      });
      return { id };
    });
  }

  async function setSubStatus(
    actor: Actor,
    id: number,
    input: { status?: "in_progress"; subStatus: string | null },
  ) {
    return withItem(actor, id, "submission.handle", async (trx, row) => {
      const status = input.status
        ? transition(row.kind as SubmissionKind, row.status as SubmissionStatus, "start")
        : row.status;
      await trx
        .updateTable("submissions")
        .set({ status, sub_status: input.subStatus, updated_at: sql<string>`now()` })
        .where("id", "=", id)
        .execute();
      await addEvent(trx, {
        submissionId: id,
        actorId: actor.userId,
        kind: "status",
        data: { status, subStatus: input.subStatus },
      });
      await audit(trx, actor, row, "submission.status_changed", {
        before: { status: row.status, subStatus: row.sub_status },
        after: { status, subStatus: input.subStatus },
      });
      return { id };
    });
  }

  async function reply(actor: Actor, id: number, input: { body: string; kind: "message" | "question" }) {
    return withItem(actor, id, "submission.handle", async (trx, row) => {
      if (row.status === "merged") throw itemNotOpen();
      const msg = await trx
        .insertInto("submission_messages")
        .values({
          submission_id: id,
          author: "officer",
          visibility: "public",
          kind: input.kind,
          body: input.body,
          author_id: actor.userId,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      if (input.kind === "question" && row.status !== "closed")
        await trx
          .updateTable("submissions")
          .set({ sub_status: "awaiting_citizen", updated_at: sql<string>`now()` })
          .where("id", "=", id)
          .execute();
      await audit(trx, actor, row, "submission.replied", { after: { messageId: msg.id, kind: input.kind } });
      return { id: msg.id };
    });
  }

  async function note(actor: Actor, id: number, input: { body: string }) {
    return withItem(actor, id, "submission.handle", async (trx, row) => {
      const msg = await trx
        .insertInto("submission_messages")
        .values({
          submission_id: id,
          author: "officer",
          visibility: "internal",
          kind: "note",
          body: input.body,
          author_id: actor.userId,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await audit(trx, actor, row, "submission.noted", { after: { messageId: msg.id } });
      return { id: msg.id };
    });
  }

  async function decide(
    actor: Actor,
    id: number,
    input: {
      kind: "extension" | "suspension" | "resumption" | "complexity" | "acceptance";
      decidedOn: string;
      decisionRef?: string | null;
      decidedBy?: string | null;
      amount?: number | null;
      amountUnit?: "days" | "months" | null;
      complex?: boolean;
      reason: string;
    },
  ) {
    return withItem(actor, id, "submission.decide", async (trx, row) => {
      const kind = row.kind as SubmissionKind;
      const status = row.status as SubmissionStatus;
      if (status === "closed" || status === "merged") throw itemNotOpen();
      if (input.decidedOn > todayInVietnam())
        throw badRequest("date_in_future", {
          vi: "Ngày quyết định không được sau hôm nay.",
          en: "The decision date cannot be in the future.",
        });
      let next: SubmissionStatus = status;
      const patch: Record<string, unknown> = {};
      if (input.kind === "acceptance") {
        next = transition(kind, status, "accept");
        patch.rule_code = ruleCodeFor(kind, "accepted");
        patch.clock_started_on = input.decidedOn;
      } else if (input.kind === "suspension") next = transition(kind, status, "suspend");
      else if (input.kind === "resumption") next = transition(kind, status, "resume");
      else if (input.kind === "complexity") patch.is_complex = input.complex ?? true;
      else if (input.kind === "extension") {
        const rule = await ruleFor(trx, row.rule_code!);
        const decisions = await clockDecisions(trx, id);
        const since = decisions.filter((d) => d.kind === "acceptance").at(-1)?.id ?? 0;
        const used = decisions.filter((d) => d.id > since && d.kind === "extension").length;
        if (used >= rule.maxExtensions)
          throw conflict("no_extension_left", {
            vi: "Đã hết số lần gia hạn theo quy định cho loại vụ việc này.",
            en: "No extension is left for this kind of item.",
          });
        const unit = input.amountUnit ?? rule.extensionUnit ?? "days";
        const amount = input.amount ?? rule.extensionAmount ?? 0;
        if (amount > maxExtensionIn(rule, unit))
          throw badRequest("extension_too_long", {
            vi: `Mỗi lần gia hạn không quá ${rule.extensionAmount} ${rule.extensionUnit === "months" ? "tháng" : "ngày"}.`,
            en: `An extension may not exceed ${rule.extensionAmount} ${rule.extensionUnit}.`,
          });
        input = { ...input, amount, amountUnit: unit };
      }
      await trx
        .insertInto("submission_decisions")
        .values({
          submission_id: id,
          kind: input.kind,
          decided_on: input.decidedOn,
          decision_ref: input.decisionRef ?? null,
          decided_by: input.decidedBy ?? null,
          amount: input.amount ?? null,
          amount_unit: input.amountUnit ?? null,
          reason: input.reason,
          created_by: actor.userId,
        })
        .execute();
      await trx
        .updateTable("submissions")
        .set({ ...patch, status: next, updated_at: sql<string>`now()` })
        .where("id", "=", id)
        .execute();
      const refreshed = await trx
        .selectFrom("submissions")
        .select(["id", "rule_code", "clock_started_on", "is_complex", "is_remote"])
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      const clock = await refreshClock(trx, refreshed);
      await addEvent(trx, {
        submissionId: id,
        actorId: actor.userId,
        kind: `decision.${input.kind}`,
        data: {
          decidedOn: input.decidedOn,
          amount: input.amount ?? null,
          amountUnit: input.amountUnit ?? null,
          decisionRef: input.decisionRef ?? null,
        },
        reason: input.reason,
      });
      await audit(trx, actor, row, "submission.decision_recorded", {
        before: { status: row.status, dueOn: row.due_on },
        after: { kind: input.kind, status: next, dueOn: clock?.state.dueOn ?? null },
        reason: input.reason,
      });
      return { id, status: next, dueOn: clock?.state.dueOn ?? null, paused: clock?.state.paused ?? false };
    });
  }

  async function close(
    actor: Actor,
    id: number,
    input: { outcome: Outcome; note?: string | null; publicReply?: string | null },
  ) {
    return withItem(actor, id, "submission.close", async (trx, row) => {
      const next = transition(row.kind as SubmissionKind, row.status as SubmissionStatus, "close");
      const today = todayInVietnam();
      const onTime = row.paused || row.due_on == null || today <= row.due_on;
      await trx
        .updateTable("submissions")
        .set({
          status: next,
          sub_status: null,
          outcome: input.outcome,
          outcome_note: input.note ?? null,
          closed_at: sql<string>`now()`,
          closed_on: today,
          closed_on_time: onTime,
          paused: false,
          updated_at: sql<string>`now()`,
        })
        .where("id", "=", id)
        .execute();
      if (input.publicReply)
        await trx
          .insertInto("submission_messages")
          .values({
            submission_id: id,
            author: "officer",
            visibility: "public",
            kind: "message",
            body: input.publicReply,
            author_id: actor.userId,
          })
          .execute();
      await addEvent(trx, {
        submissionId: id,
        actorId: actor.userId,
        kind: "closed",
        data: { outcome: input.outcome, onTime },
      });
      await audit(trx, actor, row, "submission.closed", {
        before: { status: row.status },
        after: { status: next, outcome: input.outcome, onTime },
      });
      return { id, status: next, closedOnTime: onTime, outcomeLabel: OUTCOME_LABELS[input.outcome] };
    });
  }

  async function reopen(actor: Actor, id: number, input: { reason: string }) {
    return withItem(actor, id, "submission.close", async (trx, row) => {
      const next = transition(row.kind as SubmissionKind, row.status as SubmissionStatus, "reopen");
      await trx
        .updateTable("submissions")
        .set({
          status: next,
          closed_at: null,
          closed_on: null,
          closed_on_time: null,
          outcome: null,
          outcome_note: null,
          rating: null,
          rating_comment: null,
          rated_at: null,
          updated_at: sql<string>`now()`,
        })
        .where("id", "=", id)
        .execute();
      await refreshClock(trx, row);
      await addEvent(trx, {
        submissionId: id,
        actorId: actor.userId,
        kind: "reopened",
        reason: input.reason,
      });
      await audit(trx, actor, row, "submission.reopened", {
        before: { status: row.status, outcome: row.outcome },
        after: { status: next },
        reason: input.reason,
      });
      return { id, status: next };
    });
  }

  async function link(actor: Actor, id: number, input: { otherId: number; kind: "related" | "duplicate" }) {
    const scope = await scopeFor(db, actor, "submission.read");
    return withItem(actor, id, "submission.handle", async (trx, row) => {
      if (input.otherId === id)
        throw badRequest("same_item", {
          vi: "Không thể liên kết với chính nó.",
          en: "An item cannot be linked to itself.",
        });
      const other = await findItem(trx, scope, actor, input.otherId);
      if (!other) throw itemNotFound();
      const [a, b] = id < other.id ? [id, other.id] : [other.id, id];
      await trx
        .insertInto("submission_links")
        .values({ a_id: a, b_id: b, kind: input.kind, created_by: actor.userId })
        .onConflict((oc) => oc.columns(["a_id", "b_id"]).doUpdateSet({ kind: input.kind }))
        .execute();
      await addEvent(trx, {
        submissionId: id,
        actorId: actor.userId,
        kind: "linked",
        data: { otherId: other.id, kind: input.kind },
      });
      await audit(trx, actor, row, "submission.linked", { after: { otherId: other.id, kind: input.kind } });
      return { id };
    });
  }

  async function merge(actor: Actor, id: number, input: { intoId: number; reason?: string | null }) {
    const scope = await scopeFor(db, actor, "submission.read");
    return withItem(actor, id, "submission.merge", async (trx, row) => {
      if (input.intoId === id)
        throw badRequest("same_item", {
          vi: "Không thể gộp vào chính nó.",
          en: "An item cannot be merged into itself.",
        });
      const into = await findItem(trx, scope, actor, input.intoId);
      if (!into) throw itemNotFound();
      if (into.status === "merged") throw itemNotOpen();
      const next = transition(row.kind as SubmissionKind, row.status as SubmissionStatus, "merge");
      await trx
        .updateTable("submissions")
        .set({ status: next, merged_into_id: into.id, sub_status: null, updated_at: sql<string>`now()` })
        .where("id", "=", id)
        .execute();
      const [a, b] = id < into.id ? [id, into.id] : [into.id, id];
      await trx
        .insertInto("submission_links")
        .values({ a_id: a, b_id: b, kind: "duplicate", created_by: actor.userId })
        .onConflict((oc) => oc.columns(["a_id", "b_id"]).doUpdateSet({ kind: "duplicate" }))
        .execute();
      await addEvent(trx, {
        submissionId: id,
        actorId: actor.userId,
        kind: "merged",
        data: { intoId: into.id },
        reason: input.reason ?? null,
      });
      await addEvent(trx, {
        submissionId: into.id,
        actorId: actor.userId,
        kind: "merged_from",
        data: { fromId: id },
      });
      await audit(trx, actor, row, "submission.merged", {
        before: { status: row.status },
        after: { status: next, intoId: into.id },
        reason: input.reason ?? undefined,
      });
      return { id, status: next, mergedInto: { id: into.id, ref: refOf(into) } };
    });
  }

  async function setConcerned(
    actor: Actor,
    id: number,
    input: { concernedOfficerId: number | null; concernedOfficerText?: string | null },
  ) {
    return withItem(actor, id, "submission.handle", async (trx, row) => {
      if (row.kind !== "conduct_feedback")
        throw badRequest("not_conduct_feedback", {
          vi: "Chỉ áp dụng cho góp ý về cán bộ.",
          en: "Only for conduct feedback.",
        });
      const patch: Record<string, unknown> = {
        concerned_officer_id: input.concernedOfficerId,
        concerned_officer_text: input.concernedOfficerText ?? row.concerned_officer_text,
        updated_at: sql<string>`now()`,
      };
      let movedTo: number | null = null;
      if (input.concernedOfficerId) {
        const officer = await officerUnit(trx, input.concernedOfficerId);
        if (!officer)
          throw badRequest("unknown_officer", { vi: "Không tìm thấy cán bộ.", en: "Unknown officer." });
        patch.concerned_unit_id = officer.unit_id;
        if (row.assignee_id === input.concernedOfficerId) patch.assignee_id = null;
        // the item must sit above the officer's unit
        const itemAtOrBelow = row.unit_path === officer.path || row.unit_path.startsWith(`${officer.path}.`);
        if (itemAtOrBelow && officer.parent_id) {
          const parent = await unitInfo(trx, officer.parent_id);
          if (parent) {
            movedTo = parent.id;
            patch.unit_id = parent.id;
            patch.province_id = parent.kind === "province" ? parent.id : parent.province_id;
          }
        }
        await trx
          .deleteFrom("submission_watchers")
          .where("submission_id", "=", id)
          .where("user_id", "=", input.concernedOfficerId)
          .execute();
      }
      await trx.updateTable("submissions").set(patch).where("id", "=", id).execute();
      await addEvent(trx, {
        submissionId: id,
        actorId: actor.userId,
        kind: "concerned_officer",
        toUnitId: movedTo,
        data: { concernedOfficerId: input.concernedOfficerId },
      });
      await audit(trx, actor, row, "submission.concerned_officer_set", {
        after: { concernedOfficerId: input.concernedOfficerId, movedTo },
      });
      return { id, unitId: movedTo ?? row.unit_id };
    });
  }

  async function reveal(actor: Actor, id: number, reason: string) {
    return withItem(actor, id, "submission.revealIdentity", async (trx, row) => {
      const sealed = await trx
        .selectFrom("submissions")
        .select("identity_sealed")
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      if (!sealed.identity_sealed) throw notFound({ vi: "thông tin người gửi", en: "identity" });
      const identity = JSON.parse(state.deps.vault.unseal(sealed.identity_sealed)) as Identity;
      await audit(trx, actor, row, "submission.identity_revealed", { reason });
      return { identity };
    });
  }

  async function listReveals(actor: Actor, cursor: string | undefined, limit: number) {
    const scope = await scopeFor(db, actor, "submission.listReveals");
    const after = decodeCursor(cursor) as [number] | undefined;
    const { unitInScope } = await import("../../platform/authz/scope.ts");
    let q = db
      .selectFrom("audit_log as a")
      .leftJoin("org_units as u", "u.id", "a.unit_id")
      .select([
        "a.id",
        "a.at",
        "a.actor_id",
        "a.actor_name",
        "a.target_id",
        "a.unit_id",
        "u.name as unit_name",
        "a.reason",
      ])
      .where("a.action", "=", "submission.identity_revealed")
      .where(unitInScope(sql.ref("a.unit_id"), scope));
    if (after) q = q.where("a.id", "<", Number(after[0]));
    const rows = await q
      .orderBy("a.id", "desc")
      .limit(limit + 1)
      .execute();
    const items = rows.slice(0, limit);
    const names = items.length
      ? await db
          .selectFrom("users")
          .select(["id", "full_name"])
          .where(
            "id",
            "in",
            items.map((r) => r.actor_id ?? 0),
          )
          .execute()
      : [];
    const nameOf = new Map(names.map((n) => [n.id, n.full_name]));
    return {
      items: items.map((r) => ({
        id: r.id,
        at: r.at,
        actor: r.actor_id ? { id: r.actor_id, name: nameOf.get(r.actor_id) ?? r.actor_name } : null,
        submissionId: Number(r.target_id),
        unit: r.unit_id ? { id: r.unit_id, name: r.unit_name } : null,
        reason: r.reason,
      })),
      nextCursor: rows.length > limit ? encodeCursor([items.at(-1)!.id]) : null,
    };
  }

  async function attachment(actor: Actor, id: number, attachmentId: number) {
    const scope = await scopeFor(db, actor, "submission.read");
    const row = await findItem(db, scope, actor, id);
    if (!row) throw itemNotFound();
    const file = await db
      .selectFrom("submission_attachments")
      .select(["file_name", "mime", "data"])
      .where("id", "=", attachmentId)
      .where("submission_id", "=", id)
      .executeTakeFirst();
    if (!file) throw notFound({ vi: "tệp đính kèm", en: "attachment" });
    return file;
  }

  /** Officer intake (walk-in, phone, letter, forum): the item, its receipt code (shown once) and clock. */
  async function intake(
    actor: Actor,
    input: {
      kind: SubmissionKind;
      channel: string;
      unitId: number;
      placeUnitId?: number | null;
      areaId?: number | null;
      address?: string | null;
      occurredOn?: string | null;
      occurredTime?: string | null;
      receivedOn?: string;
      title?: string | null;
      content: string;
      anonymous: boolean;
      identity?: Identity | null;
      wantsProtection?: boolean;
      concernedOfficerId?: number | null;
      concernedOfficerText?: string | null;
      documents?: string | null;
    },
    files: CleanFile[],
  ) {
    const receiving = await unitInfo(db, input.unitId);
    if (!receiving || !actorCan(actor, "submission.intake", receiving.path))
      throw notFound({ vi: "đơn vị", en: "unit" });
    const today = todayInVietnam();
    const receivedOn = input.receivedOn ?? today;
    if (receivedOn > today || daysBetween(receivedOn, today) > 366)
      throw badRequest("invalid_received_on", {
        vi: "Ngày tiếp nhận không hợp lệ.",
        en: "Invalid date of receipt.",
      });
    const secrets = secretsOf(state);
    const code = newReceiptCode();
    return db.transaction().execute(async (trx) => {
      const route = await routeFor(
        trx,
        input.kind,
        input.placeUnitId ?? input.unitId,
        input.concernedOfficerId,
      );
      const { id, receivedAt } = await insertItem(
        trx,
        state,
        {
          kind: input.kind,
          channel: input.channel,
          route,
          ...storyOf(input),
          receivedOn,
          anonymous: input.anonymous,
          identity: input.identity ?? null,
          wantsProtection: input.wantsProtection ?? false,
          concernedOfficerId: input.concernedOfficerId ?? null,
          concernedOfficerText: input.concernedOfficerText ?? null,
          codeHash: secrets.codeHash(code.replace(/-/g, "")),
          createdBy: actor.userId,
        },
        files,
      );
      if (input.documents)
        await trx
          .insertInto("submission_messages")
          .values({
            submission_id: id,
            author: "officer",
            visibility: "internal",
            kind: "note",
            body: `Tài liệu, đồ vật giao nộp: ${input.documents}`,
            author_id: actor.userId,
          })
          .execute();
      await recordAudit(trx, actor, {
        action: "submission.received",
        targetType: "submission",
        targetId: id,
        unitId: route.unitId,
        after: { kind: input.kind, channel: input.channel, anonymous: input.anonymous || !input.identity },
      });
      const ref = refOf({ kind: input.kind, id, received_on: receivedOn });
      return { id, ref, receiptCode: code, receivedAt, unitId: route.unitId };
    });
  }

  async function exportRows(actor: Actor, filter: InboxFilter) {
    const scope = await scopeFor(db, actor, "submission.export");
    const today = todayInVietnam();
    const rows = await listItems(db, scope, actor, filter, today, { limit: 10_000 });
    return rows.slice(0, 10_000).map((r) => listItem(actor, r, today));
  }

  return {
    list,
    counts,
    detail,
    transfer,
    assign,
    setSubStatus,
    reply,
    note,
    decide,
    close,
    reopen,
    link,
    merge,
    setConcerned,
    reveal,
    listReveals,
    attachment,
    intake,
    exportRows,
    abilities,
  };
}

export const itemNotOpen = () =>
  new AppError(409, "item_not_open", {
    vi: "Vụ việc đã kết thúc hoặc đã được gộp.",
    en: "The item is closed or merged.",
  });

export const kindLabel = (k: string) => KIND_LABELS[k as SubmissionKind];
