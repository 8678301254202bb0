import {
  FORUM_STATUS_LABELS,
  type forumBody,
  type forumListQuery,
  type forumPatchBody,
  OPINION_KIND_LABELS,
  type opinionBody,
} from "@danvan/shared/schemas/movement";
import type { z } from "zod";
import type { Db, Executor } from "../../../db/client.ts";
import { recordAudit } from "../../../platform/audit/audit.ts";
import type { Actor } from "../../../platform/authz/actor.ts";
import { buildOfficialDocx } from "../../../platform/documents/index.ts";
import { AppError, badRequest, forbidden, notFound } from "../../../platform/http/errors.ts";
import { decodeCursor, toPage } from "../../../platform/http/pagination.ts";
import { intakeFromForum, submissionStatuses } from "../../submissions/intake.ts";
import { listAttachments } from "../attachments.ts";
import {
  areaOf,
  type MovementScopes,
  movementScopes,
  recordingUnit,
  today,
  unitInScopeOr404,
} from "../common.ts";
import { canRecord, canSeePersonal, recordAbilities } from "../policy.ts";
import * as repo from "./repo.ts";

type Body = z.infer<typeof forumBody>;
type Patch = z.infer<typeof forumPatchBody>;

/** The citizen channel's intake (modules/submissions/intake.ts): each opinion becomes one of its items. */
const citizenChannel = { intakeFromForum, submissionStatuses };
export async function loadIntake(): Promise<typeof citizenChannel | null> {
  return citizenChannel;
}

const forumNotFound = () => notFound({ vi: "diễn đàn", en: "forum" });

function presentForum(r: repo.ForumRow, scopes: MovementScopes) {
  return {
    id: r.id,
    unit: { id: r.unit_id, name: r.unit_name },
    provinceId: r.province_id,
    area: r.area_id ? { id: r.area_id, name: r.area_name ?? "" } : null,
    title: r.title,
    heldOn: r.held_on,
    startsAt: r.starts_at,
    place: r.place,
    invitees: r.invitees,
    chair: r.chair,
    status: r.status,
    statusLabel: FORUM_STATUS_LABELS[r.status],
    attendance: r.attendance,
    narrative: r.narrative,
    opinionCount: r.opinion_count,
    isDemo: r.is_demo,
    abilities: {
      ...recordAbilities(scopes, r.unit_path),
      addOpinion: canRecord(scopes, r.unit_path) && r.status === "held",
    },
  };
}

export function makeForumsService(db: Db) {
  async function writable(trx: Executor, actor: Actor, id: number) {
    const scopes = await movementScopes(trx, actor);
    const row = await repo.getForum(trx, scopes.read, id);
    if (!row) throw forumNotFound();
    if (!canRecord(scopes, row.unit_path)) throw forbidden();
    return { scopes, row };
  }

  /** Opinions with how each was handled in the citizen channel. */
  async function opinions(ex: Executor, scopes: MovementScopes, row: repo.ForumRow) {
    const list = await repo.forumOpinions(ex, row.id);
    const personal = canSeePersonal(scopes, row.unit_path);
    const ids = list.map((o) => o.submission_id).filter((v): v is number => v != null);
    const module = ids.length ? await loadIntake() : null;
    const statuses = module ? await module.submissionStatuses(ex, scopes.read, ids.map(Number)) : [];
    const byId = new Map(statuses.map((s) => [Number(s.id), s]));
    return list.map((o) => ({
      id: o.id,
      seq: o.seq,
      kind: o.kind,
      kindLabel: OPINION_KIND_LABELS[o.kind],
      content: o.content,
      citizenName: personal ? o.citizen_name : null,
      concernedOfficer: o.concerned_officer_id
        ? { id: o.concerned_officer_id, name: o.concerned_officer_name ?? "" }
        : null,
      submission: o.submission_id
        ? {
            id: Number(o.submission_id),
            code: o.submission_code,
            ...(byId.get(Number(o.submission_id)) ?? {}),
          }
        : null,
    }));
  }

  const service = {
    async list(actor: Actor, q: z.infer<typeof forumListQuery>) {
      const scopes = await movementScopes(db, actor);
      const unit = await unitInScopeOr404(db, scopes.read, q.unitId ?? actor.actingUnitId);
      const c = decodeCursor(q.cursor);
      const after =
        c && typeof c[0] === "string" && typeof c[1] === "number" ? { heldOn: c[0], id: c[1] } : undefined;
      const rows = await repo.listForums(db, scopes.read, {
        unitPath: unit.path,
        status: q.status,
        from: q.from,
        to: q.to,
        after,
        limit: q.limit,
      });
      const page = toPage(rows, q.limit, (r) => [r.held_on, r.id]);
      return { items: page.items.map((r) => presentForum(r, scopes)), nextCursor: page.nextCursor };
    },

    async get(actor: Actor, id: number) {
      const scopes = await movementScopes(db, actor);
      const row = await repo.getForum(db, scopes.read, id);
      if (!row) throw forumNotFound();
      return {
        ...presentForum(row, scopes),
        opinions: await opinions(db, scopes, row),
        attachments: await listAttachments(db, "forum", id),
        citizenChannelConnected: (await loadIntake()) !== null,
      };
    },

    async create(actor: Actor, b: Body) {
      const id = await db.transaction().execute(async (trx) => {
        const scopes = await movementScopes(trx, actor);
        const unit = await recordingUnit(trx, scopes.record, b.unitId);
        const area = await areaOf(trx, unit, b.areaId);
        const status = b.status ?? (b.heldOn <= today() ? "held" : "planned");
        if (status === "held" && b.heldOn > today())
          throw badRequest(
            "forum_in_future",
            {
              vi: "Diễn đàn chưa diễn ra không thể ghi nhận là đã tổ chức.",
              en: "A future forum cannot be marked as held.",
            },
            { errors: [{ path: "body.status", message: "future forum" }] },
          );
        const row = await trx
          .insertInto("movement_forums")
          .values({
            unit_id: unit.id,
            province_id: unit.provinceId,
            area_id: area?.id ?? null,
            title: b.title,
            held_on: b.heldOn,
            starts_at: b.startsAt ?? null,
            place: b.place,
            invitees: b.invitees ?? null,
            chair: b.chair ?? null,
            status,
            attendance: b.attendance ?? null,
            narrative: b.narrative ?? null,
            created_by: actor.userId,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actor, {
          action: "movement.forum.created",
          targetType: "movement_forum",
          targetId: row.id,
          unitId: unit.id,
          after: b,
        });
        return row.id;
      });
      return service.get(actor, id);
    },

    async update(actor: Actor, id: number, b: Patch) {
      await db.transaction().execute(async (trx) => {
        const { row } = await writable(trx, actor, id);
        const heldOn = b.heldOn ?? row.held_on;
        const status = b.status ?? row.status;
        if (status === "held" && heldOn > today())
          throw badRequest(
            "forum_in_future",
            {
              vi: "Diễn đàn chưa diễn ra không thể ghi nhận là đã tổ chức.",
              en: "A future forum cannot be marked as held.",
            },
            { errors: [{ path: "body.status", message: "future forum" }] },
          );
        if (status !== "held" && row.opinion_count > 0)
          throw badRequest("forum_has_opinions", {
            vi: "Diễn đàn đã có ý kiến ghi nhận, không thể chuyển về dự kiến hoặc hủy.",
            en: "The forum has recorded opinions; it cannot go back to planned or cancelled.",
          });
        const unit = { id: row.unit_id, path: row.unit_path } as Parameters<typeof areaOf>[1];
        const area = b.areaId === undefined ? undefined : await areaOf(trx, unit, b.areaId);
        await trx
          .updateTable("movement_forums")
          .set({
            ...(b.title !== undefined && { title: b.title }),
            held_on: heldOn,
            ...(b.startsAt !== undefined && { starts_at: b.startsAt }),
            ...(b.place !== undefined && { place: b.place }),
            ...(b.invitees !== undefined && { invitees: b.invitees }),
            ...(b.chair !== undefined && { chair: b.chair }),
            status,
            ...(b.attendance !== undefined && { attendance: b.attendance }),
            ...(b.narrative !== undefined && { narrative: b.narrative }),
            ...(area !== undefined && { area_id: area?.id ?? null }),
            updated_at: new Date().toISOString(),
          })
          .where("id", "=", id)
          .execute();
        await recordAudit(trx, actor, {
          action: "movement.forum.updated",
          targetType: "movement_forum",
          targetId: id,
          unitId: row.unit_id,
          before: { ...row, unit_path: undefined },
          after: b,
        });
      });
      return service.get(actor, id);
    },

    async remove(actor: Actor, id: number) {
      await db.transaction().execute(async (trx) => {
        const { row } = await writable(trx, actor, id);
        if (row.opinion_count > 0)
          throw badRequest("forum_has_opinions", {
            vi: "Diễn đàn đã có ý kiến chuyển vào kênh tiếp nhận, không thể xóa.",
            en: "The forum's opinions are in the citizen channel; it cannot be deleted.",
          });
        await trx
          .deleteFrom("movement_attachments")
          .where("owner_type", "=", "forum")
          .where("owner_id", "=", id)
          .execute();
        await trx.deleteFrom("movement_forums").where("id", "=", id).execute();
        await recordAudit(trx, actor, {
          action: "movement.forum.deleted",
          targetType: "movement_forum",
          targetId: id,
          unitId: row.unit_id,
          before: { title: row.title, heldOn: row.held_on },
        });
      });
    },

    /** Records an opinion raised at a held forum; it becomes one item of the citizen channel, with its clock. */
    async addOpinion(actor: Actor, id: number, b: z.infer<typeof opinionBody>) {
      const module = await loadIntake();
      const opinionId = await db.transaction().execute(async (trx) => {
        const { row } = await writable(trx, actor, id);
        if (row.status !== "held")
          throw badRequest("forum_not_held", {
            vi: "Chỉ ghi nhận ý kiến khi diễn đàn đã được tổ chức.",
            en: "Opinions are recorded once the forum has been held.",
          });
        const last = await trx
          .selectFrom("movement_forum_opinions")
          .select((eb) => eb.fn.max("seq").as("seq"))
          .where("forum_id", "=", id)
          .executeTakeFirst();
        let submission: { id: number; code: string } | null = null;
        if (module) {
          submission = await module.intakeFromForum(trx, actor, {
            unitId: row.unit_id,
            kind: b.kind,
            content: b.content,
            receivedOn: row.held_on,
            forumId: id,
            citizenName: b.citizenName ?? null,
            concernedOfficerId: b.concernedOfficerId ?? null,
          });
        }
        const o = await trx
          .insertInto("movement_forum_opinions")
          .values({
            forum_id: id,
            seq: Number(last?.seq ?? 0) + 1,
            kind: b.kind,
            content: b.content,
            citizen_name: b.citizenName ?? null,
            concerned_officer_id: b.concernedOfficerId ?? null,
            submission_id: submission?.id ?? null,
            submission_code: submission?.code ?? null,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actor, {
          action: "movement.forum.opinion_recorded",
          targetType: "movement_forum",
          targetId: id,
          unitId: row.unit_id,
          after: { opinionId: o.id, kind: b.kind, submissionId: submission?.id ?? null },
        });
        return o.id;
      });
      const forum = await service.get(actor, id);
      return forum.opinions.find((o) => o.id === opinionId)!;
    },

    /** Passes opinions recorded before the citizen channel was connected into it. */
    async linkPendingOpinions(actor: Actor, id: number) {
      const module = await loadIntake();
      if (!module)
        throw new AppError(503, "citizen_channel_unavailable", {
          vi: "Kênh tiếp nhận ý kiến chưa sẵn sàng.",
          en: "The citizen channel is not available.",
        });
      const linked = await db.transaction().execute(async (trx) => {
        const { row } = await writable(trx, actor, id);
        const pending = await trx
          .selectFrom("movement_forum_opinions")
          .selectAll()
          .where("forum_id", "=", id)
          .where("submission_id", "is", null)
          .orderBy("seq")
          .execute();
        for (const o of pending) {
          const s = await module.intakeFromForum(trx, actor, {
            unitId: row.unit_id,
            kind: o.kind,
            content: o.content,
            receivedOn: row.held_on,
            forumId: id,
            citizenName: o.citizen_name,
            concernedOfficerId: o.concerned_officer_id,
          });
          await trx
            .updateTable("movement_forum_opinions")
            .set({ submission_id: s.id, submission_code: s.code })
            .where("id", "=", o.id)
            .execute();
        }
        if (pending.length)
          await recordAudit(trx, actor, {
            action: "movement.forum.opinions_linked",
            targetType: "movement_forum",
            targetId: id,
            unitId: row.unit_id,
            after: { count: pending.length },
          });
        return pending.length;
      });
      return { linked };
    },

    /** The forum report (DOCX, Nghị định 30/2020 layout). Citizens' names are left out. */
    async reportDocx(actor: Actor, id: number) {
      const scopes = await movementScopes(db, actor);
      const row = await repo.getForum(db, scopes.read, id);
      if (!row) throw forumNotFound();
      const ops = await opinions(db, { ...scopes, personal: { action: "none", roots: [] } }, row);
      const parent = await db
        .selectFrom("org_units as u")
        .innerJoin("org_units as p", "p.id", "u.parent_id")
        .select("p.name")
        .where("u.id", "=", row.unit_id)
        .where("p.kind", "<>", "ministry")
        .executeTakeFirst();
      const date = row.held_on.split("-").reverse().join("/");
      const buffer = await buildOfficialDocx({
        issuerParent: parent?.name.toUpperCase(),
        issuer: row.unit_name.toUpperCase(),
        number: null,
        symbol: "BC-CA",
        place: row.place_name,
        date: today(),
        docType: "BÁO CÁO",
        title: `Kết quả tổ chức Diễn đàn “Công an lắng nghe ý kiến Nhân dân”${row.is_demo ? " [Demo]" : ""}`,
        body: [
          { kind: "heading", text: "I. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN" },
          {
            kind: "paragraph",
            text: `Thời gian: ${row.starts_at ? `${row.starts_at} ` : ""}ngày ${date}. Địa điểm: ${row.place}.`,
          },
          { kind: "paragraph", text: `Chủ trì: ${row.chair ?? "…"}.` },
          { kind: "paragraph", text: `Thành phần mời: ${row.invitees ?? "…"}.` },
          {
            kind: "paragraph",
            text: `Số lượt người tham dự: ${row.attendance == null ? "…" : row.attendance.toLocaleString("vi-VN")}. Trạng thái: ${FORUM_STATUS_LABELS[row.status].vi}.`,
          },
          ...(row.narrative ? [{ kind: "paragraph" as const, text: row.narrative }] : []),
          { kind: "heading", text: "II. Ý KIẾN CỦA NHÂN DÂN VÀ KẾT QUẢ XỬ LÝ" },
          ops.length
            ? {
                kind: "table",
                columns: [
                  { title: "STT", width: 1, align: "center" },
                  { title: "Nội dung ý kiến", width: 6 },
                  { title: "Loại", width: 3 },
                  { title: "Mã tiếp nhận", width: 2, align: "center" },
                  { title: "Tình trạng xử lý", width: 3 },
                ],
                rows: ops.map((o) => [
                  o.seq,
                  o.content,
                  o.kindLabel.vi,
                  o.submission?.code ?? "",
                  o.submission && "statusLabel" in o.submission && o.submission.statusLabel
                    ? `${o.submission.statusLabel.vi}${o.submission.overdue ? " (quá hạn)" : ""}`
                    : "Chưa chuyển kênh tiếp nhận",
                ]),
              }
            : { kind: "paragraph", text: "Không có ý kiến được ghi nhận." },
          { kind: "heading", text: "III. ĐỀ XUẤT, KIẾN NGHỊ" },
          { kind: "paragraph", text: "…" },
        ],
        recipients: ["Lãnh đạo Công an cấp trên (để báo cáo)", "Lưu: VT"],
        signer: { position: `TRƯỞNG ${row.unit_name.toUpperCase()}`, name: "" },
      });
      return { buffer, fileName: `bao-cao-dien-dan-${row.id}.docx` };
    },
  };
  return service;
}
