import type {
  consentBody,
  memberBody,
  modelCreateBody,
  modelListQuery,
  modelPatchBody,
  recognitionBody,
  reviewBody,
} from "@danvan/shared/schemas/movement";
import type { z } from "zod";
import type { Db, Executor, Trx } from "../../../db/client.ts";
import { recordAudit } from "../../../platform/audit/audit.ts";
import type { Actor } from "../../../platform/authz/actor.ts";
import { pathCovered } from "../../../platform/authz/scope.ts";
import { badRequest, forbidden, notFound } from "../../../platform/http/errors.ts";
import { decodeCursor, toPage } from "../../../platform/http/pagination.ts";
import { listAttachments } from "../attachments.ts";
import {
  loadUnit,
  type MovementScopes,
  movementScopes,
  recordingUnit,
  today,
  type UnitRef,
  unitInScopeOr404,
  unitNotFound,
} from "../common.ts";
import { canRecognise, canRecord, canSeePersonal } from "../policy.ts";
import { presentConsent, presentMember, presentModel, presentRecognition, presentReview } from "./present.ts";
import * as repo from "./repo.ts";

type Create = z.infer<typeof modelCreateBody>;
export interface ReplicationNode {
  id: number;
  name: string;
  unitName: string;
  children: ReplicationNode[];
}
type Patch = z.infer<typeof modelPatchBody>;

const modelNotFound = () => notFound({ vi: "mô hình", en: "model" });

const invalid = (code: string, vi: string, en: string, path: string) =>
  badRequest(code, { vi, en }, { errors: [{ path: `body.${path}`, message: en }] });

async function modelType(ex: Executor, id: number) {
  const t = await ex
    .selectFrom("movement_model_types")
    .select(["id", "active", "counts_camera_points", "spans_units"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!t?.active)
    throw invalid(
      "invalid_model_type",
      "Loại mô hình không tồn tại hoặc đã ngừng dùng.",
      "Unknown or inactive model type.",
      "typeId",
    );
  return t;
}

/**
 * Units a model covers besides its owner. Within the recorder's scope always; outside it only for types
 * that span units (a border cluster with a district of another province).
 */
async function coverUnits(
  ex: Executor,
  scopes: MovementScopes,
  ids: number[],
  spans: boolean,
): Promise<UnitRef[]> {
  const out: UnitRef[] = [];
  for (const id of [...new Set(ids)]) {
    const u = await loadUnit(ex, id);
    if (!u || (!spans && !pathCovered(u.path, scopes.record))) throw unitNotFound();
    if (u.kind === "ministry")
      throw invalid(
        "invalid_unit",
        "Không thể chọn Bộ Công an làm địa bàn mô hình.",
        "The Ministry cannot be covered.",
        "coverUnitIds",
      );
    out.push(u);
  }
  return out;
}

async function replicatedFrom(
  ex: Executor,
  scopes: MovementScopes,
  id: number | null | undefined,
  self?: number,
) {
  if (id == null) return null;
  if (id === self)
    throw invalid(
      "invalid_replication",
      "Mô hình không thể nhân rộng từ chính nó.",
      "A model cannot replicate itself.",
      "replicatedFromId",
    );
  const m = await repo.getModel(ex, scopes.read, id);
  if (!m)
    throw invalid(
      "invalid_replication",
      "Không tìm thấy mô hình gốc được nhân rộng.",
      "The source model was not found.",
      "replicatedFromId",
    );
  return m.id;
}

async function setUnits(trx: Trx, modelId: number, ownerId: number, covers: UnitRef[]) {
  await trx.deleteFrom("movement_model_units").where("model_id", "=", modelId).execute();
  const ids = [...new Set([ownerId, ...covers.map((c) => c.id)])];
  await trx
    .insertInto("movement_model_units")
    .values(ids.map((unit_id) => ({ model_id: modelId, unit_id })))
    .execute();
}

export function makeModelsService(db: Db) {
  /** The model for a write: visible (else 404) and owned by a unit in the recording scope (else 403). */
  async function writable(trx: Executor, actor: Actor, id: number, check = canRecord) {
    const scopes = await movementScopes(trx, actor);
    const row = await repo.getModel(trx, scopes.read, id);
    if (!row) throw modelNotFound();
    if (!check(scopes, row.unit_path)) throw forbidden();
    return { scopes, row };
  }

  async function detail(ex: Executor, scopes: MovementScopes, id: number) {
    const row = await repo.getModel(ex, scopes.read, id);
    if (!row) throw modelNotFound();
    const personal = canSeePersonal(scopes, row.unit_path);
    const [units, members, reviews, recognitions, consents, replication, attachments] = await Promise.all([
      repo.modelUnits(ex, id),
      repo.modelMembers(ex, id),
      repo.modelReviews(ex, id),
      repo.modelRecognitions(ex, id),
      repo.modelConsents(ex, id),
      repo.replicationOf(ex, scopes.read, id),
      listAttachments(ex, "model", id),
    ]);
    return {
      ...presentModel(row, scopes),
      units: units.map((u) => ({
        id: u.id,
        name: u.name,
        kind: u.kind,
        provinceId: u.kind === "province" ? u.id : u.province_id,
        owner: u.id === row.unit_id,
      })),
      members: members.map((m) => presentMember(m, personal)),
      reviews: reviews.map(presentReview),
      recognitions: recognitions.map(presentRecognition),
      cameraConsents: row.counts_camera_points ? consents.map((c) => presentConsent(c, personal)) : [],
      replication,
      attachments,
    };
  }

  const service = {
    async list(actor: Actor, q: z.infer<typeof modelListQuery>) {
      const scopes = await movementScopes(db, actor);
      const unitPath = q.unitId ? (await unitInScopeOr404(db, scopes.read, q.unitId)).path : undefined;
      const cursor = decodeCursor(q.cursor)?.[0];
      const rows = await repo.listModels(db, scopes.read, {
        unitPath,
        typeId: q.typeId,
        status: q.status,
        q: q.q,
        dueForReview: q.dueForReview === "true",
        cursor: typeof cursor === "number" ? cursor : undefined,
        limit: q.limit,
      });
      const page = toPage(rows, q.limit, (r) => [r.id]);
      return { items: page.items.map((r) => presentModel(r, scopes)), nextCursor: page.nextCursor };
    },

    async get(actor: Actor, id: number) {
      return detail(db, await movementScopes(db, actor), id);
    },

    async create(actor: Actor, b: Create, opts: { isDemo?: boolean } = {}) {
      const id = await db.transaction().execute(async (trx) => {
        const scopes = await movementScopes(trx, actor);
        const owner = await recordingUnit(trx, scopes.record, b.unitId);
        const type = await modelType(trx, b.typeId);
        const covers = await coverUnits(trx, scopes, b.coverUnitIds ?? [], type.spans_units);
        const from = await replicatedFrom(trx, scopes, b.replicatedFromId);
        const status = b.status ?? "active";
        const row = await trx
          .insertInto("movement_models")
          .values({
            unit_id: owner.id,
            province_id: owner.provinceId,
            type_id: type.id,
            name: b.name,
            description: b.description ?? null,
            status,
            launched_on: b.launchedOn,
            ended_on: status === "ended" ? (b.endedOn ?? today()) : (b.endedOn ?? null),
            founding_decision: b.foundingDecision ?? null,
            partners: JSON.stringify(b.partners ?? []),
            replicated_from_id: from,
            coordinator_name: b.coordinatorName ?? null,
            coordinator_phone: b.coordinatorPhone ?? null,
            camera_points: type.counts_camera_points ? (b.cameraPoints ?? null) : null,
            review_every_months: b.reviewEveryMonths ?? 12,
            is_demo: opts.isDemo ?? false,
            created_by: actor.userId,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await setUnits(trx, row.id, owner.id, covers);
        await recordAudit(trx, actor, {
          action: "movement.model.created",
          targetType: "movement_model",
          targetId: row.id,
          unitId: owner.id,
          after: { ...b, coordinatorPhone: undefined },
        });
        return row.id;
      });
      return service.get(actor, id);
    },

    async update(actor: Actor, id: number, b: Patch) {
      await db.transaction().execute(async (trx) => {
        const { scopes, row } = await writable(trx, actor, id);
        const type = b.typeId ? await modelType(trx, b.typeId) : undefined;
        const spans = type?.spans_units ?? (await modelType(trx, row.type_id)).spans_units;
        const status = b.status ?? row.status;
        const launchedOn = b.launchedOn ?? row.launched_on;
        let endedOn = b.endedOn === undefined ? row.ended_on : b.endedOn;
        if (status === "ended" && !endedOn) endedOn = today();
        if (status !== "ended" && b.status) endedOn = b.endedOn ?? null;
        if (endedOn && endedOn < launchedOn)
          throw invalid(
            "invalid_dates",
            "Ngày kết thúc phải sau ngày ra mắt.",
            "The end date precedes the launch.",
            "endedOn",
          );
        const from =
          b.replicatedFromId === undefined
            ? row.replicated_from_id
            : await replicatedFrom(trx, scopes, b.replicatedFromId, id);
        const countsCamera = type ? type.counts_camera_points : row.counts_camera_points;
        await trx
          .updateTable("movement_models")
          .set({
            ...(type && { type_id: type.id }),
            ...(b.name !== undefined && { name: b.name }),
            ...(b.description !== undefined && { description: b.description }),
            status,
            launched_on: launchedOn,
            ended_on: endedOn,
            ...(b.foundingDecision !== undefined && { founding_decision: b.foundingDecision }),
            ...(b.partners !== undefined && { partners: JSON.stringify(b.partners) }),
            replicated_from_id: from,
            ...(b.coordinatorName !== undefined && { coordinator_name: b.coordinatorName }),
            ...(b.coordinatorPhone !== undefined && { coordinator_phone: b.coordinatorPhone }),
            camera_points: countsCamera
              ? b.cameraPoints === undefined
                ? row.camera_points
                : b.cameraPoints
              : null,
            ...(b.reviewEveryMonths !== undefined && { review_every_months: b.reviewEveryMonths }),
            updated_at: new Date().toISOString(),
          })
          .where("id", "=", id)
          .execute();
        if (b.coverUnitIds) {
          const current = await repo.modelUnits(trx, id);
          const kept = new Set(current.map((u) => u.id));
          // units already covered stay even when outside the editor's scope; new ones are checked
          const added = await coverUnits(
            trx,
            scopes,
            b.coverUnitIds.filter((u) => !kept.has(u)),
            spans,
          );
          const keep = current.filter((u) => b.coverUnitIds!.includes(u.id)) as unknown as UnitRef[];
          await setUnits(trx, id, row.unit_id, [...keep, ...added]);
        }
        await recordAudit(trx, actor, {
          action: "movement.model.updated",
          targetType: "movement_model",
          targetId: id,
          unitId: row.unit_id,
          before: { ...row, coordinator_phone: undefined },
          after: { ...b, coordinatorPhone: undefined },
        });
      });
      return service.get(actor, id);
    },

    async remove(actor: Actor, id: number) {
      await db.transaction().execute(async (trx) => {
        const { row } = await writable(trx, actor, id);
        await trx
          .updateTable("movement_models")
          .set({ replicated_from_id: row.replicated_from_id })
          .where("replicated_from_id", "=", id)
          .execute();
        await trx
          .updateTable("movement_activities")
          .set({ model_id: null })
          .where("model_id", "=", id)
          .execute();
        await trx
          .deleteFrom("movement_attachments")
          .where("owner_type", "=", "model")
          .where("owner_id", "=", id)
          .execute();
        await trx.deleteFrom("movement_models").where("id", "=", id).execute();
        await recordAudit(trx, actor, {
          action: "movement.model.deleted",
          targetType: "movement_model",
          targetId: id,
          unitId: row.unit_id,
          before: { name: row.name, type: row.type_code, launchedOn: row.launched_on },
        });
      });
    },

    async addMember(actor: Actor, id: number, b: z.infer<typeof memberBody>) {
      return db.transaction().execute(async (trx) => {
        const { row, scopes } = await writable(trx, actor, id);
        const m = await trx
          .insertInto("movement_model_members")
          .values({
            model_id: id,
            full_name: b.fullName,
            role: b.role ?? null,
            phone: b.phone ?? null,
            address: b.address ?? null,
            joined_on: b.joinedOn ?? null,
            left_on: b.leftOn ?? null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actor, {
          action: "movement.model.member_added",
          targetType: "movement_model",
          targetId: id,
          unitId: row.unit_id,
          after: { memberId: m.id, role: m.role },
        });
        return presentMember(m, canSeePersonal(scopes, row.unit_path));
      });
    },

    async removeMember(actor: Actor, id: number, memberId: number) {
      await db.transaction().execute(async (trx) => {
        const { row } = await writable(trx, actor, id);
        const del = await trx
          .deleteFrom("movement_model_members")
          .where("id", "=", memberId)
          .where("model_id", "=", id)
          .executeTakeFirst();
        if (!del.numDeletedRows) throw notFound({ vi: "thành viên", en: "member" });
        await recordAudit(trx, actor, {
          action: "movement.model.member_removed",
          targetType: "movement_model",
          targetId: id,
          unitId: row.unit_id,
          before: { memberId },
        });
      });
    },

    async addReview(actor: Actor, id: number, b: z.infer<typeof reviewBody>) {
      return db.transaction().execute(async (trx) => {
        const { row } = await writable(trx, actor, id);
        if (b.reviewedOn < row.launched_on)
          throw invalid(
            "invalid_dates",
            "Ngày sơ kết, tổng kết phải sau ngày ra mắt.",
            "The review precedes the launch.",
            "reviewedOn",
          );
        const r = await trx
          .insertInto("movement_model_reviews")
          .values({
            model_id: id,
            kind: b.kind,
            reviewed_on: b.reviewedOn,
            rating: b.rating,
            findings: b.findings ?? null,
            created_by: actor.userId,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actor, {
          action: "movement.model.reviewed",
          targetType: "movement_model",
          targetId: id,
          unitId: row.unit_id,
          after: b,
        });
        return presentReview(r);
      });
    },

    async addRecognition(actor: Actor, id: number, b: z.infer<typeof recognitionBody>) {
      return db.transaction().execute(async (trx) => {
        const { row } = await writable(trx, actor, id, canRecognise);
        const r = await trx
          .insertInto("movement_model_recognitions")
          .values({
            model_id: id,
            kind: b.kind,
            level: b.level,
            decision_ref: b.decisionRef,
            recognised_on: b.recognisedOn,
            created_by: actor.userId,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actor, {
          action: "movement.model.recognised",
          targetType: "movement_model",
          targetId: id,
          unitId: row.unit_id,
          after: b,
        });
        return presentRecognition(r);
      });
    },

    async addConsent(actor: Actor, id: number, b: z.infer<typeof consentBody>) {
      return db.transaction().execute(async (trx) => {
        const { row, scopes } = await writable(trx, actor, id);
        if (!row.counts_camera_points)
          throw badRequest("not_a_camera_model", {
            vi: "Chỉ mô hình camera an ninh mới ghi nhận chủ camera đồng ý chia sẻ hình ảnh.",
            en: "Only camera models record consenting camera owners.",
          });
        const c = await trx
          .insertInto("movement_camera_consents")
          .values({
            model_id: id,
            owner_name: b.ownerName,
            address: b.address ?? null,
            phone: b.phone ?? null,
            cameras: b.cameras,
            confirmed_on: b.confirmedOn,
            withdrawn_on: b.withdrawnOn ?? null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actor, {
          action: "movement.model.consent_recorded",
          targetType: "movement_model",
          targetId: id,
          unitId: row.unit_id,
          after: { consentId: c.id, cameras: c.cameras, confirmedOn: c.confirmed_on },
        });
        return presentConsent(c, canSeePersonal(scopes, row.unit_path));
      });
    },

    /** Re-confirms a camera owner's consent for another year (or records its withdrawal). */
    async confirmConsent(
      actor: Actor,
      id: number,
      consentId: number,
      b: { confirmedOn?: string; withdrawnOn?: string | null },
    ) {
      return db.transaction().execute(async (trx) => {
        const { row, scopes } = await writable(trx, actor, id);
        const c = await trx
          .updateTable("movement_camera_consents")
          .set({
            ...(b.confirmedOn && { confirmed_on: b.confirmedOn }),
            ...(b.withdrawnOn !== undefined && { withdrawn_on: b.withdrawnOn }),
          })
          .where("id", "=", consentId)
          .where("model_id", "=", id)
          .returningAll()
          .executeTakeFirst();
        if (!c) throw notFound({ vi: "xác nhận của chủ camera", en: "camera consent" });
        await recordAudit(trx, actor, {
          action: "movement.model.consent_confirmed",
          targetType: "movement_model",
          targetId: id,
          unitId: row.unit_id,
          after: { consentId, ...b },
        });
        return presentConsent(c, canSeePersonal(scopes, row.unit_path));
      });
    },

    /** The register page of a unit: counts by type and status, members, models due for review, replication tree. */
    async register(actor: Actor, unitId: number) {
      const scopes = await movementScopes(db, actor);
      const unit = await unitInScopeOr404(db, scopes.read, unitId);
      const [counts, due, edges] = await Promise.all([
        repo.registerCounts(db, scopes.read, unit.path),
        repo.listModels(db, scopes.read, { unitPath: unit.path, dueForReview: true, limit: 50 }),
        repo.replicationEdges(db, scopes.read, unit.path),
      ]);
      const byType = new Map<
        number,
        {
          typeId: number;
          code: string;
          name: string;
          total: number;
          members: number;
          byStatus: Record<string, number>;
        }
      >();
      for (const c of counts) {
        const t = byType.get(c.type_id) ?? {
          typeId: c.type_id,
          code: c.type_code,
          name: c.type_name,
          total: 0,
          members: 0,
          byStatus: { active: 0, suspended: 0, ended: 0 },
        };
        t.total += c.n;
        t.members += c.members;
        t.byStatus[c.status] = c.n;
        byType.set(c.type_id, t);
      }
      const types = [...byType.values()];
      const ids = new Set(edges.map((e) => e.id));
      const nodes = new Map<number, ReplicationNode>(
        edges.map((e) => [e.id, { id: e.id, name: e.name, unitName: e.unit_name, children: [] }]),
      );
      const roots: ReplicationNode[] = [];
      for (const e of edges) {
        const node = nodes.get(e.id)!;
        if (e.parent_id != null && ids.has(e.parent_id)) nodes.get(e.parent_id)!.children.push(node);
        else roots.push(node);
      }
      return {
        unit: { id: unit.id, name: unit.name },
        totals: {
          models: types.reduce((s, t) => s + t.total, 0),
          active: types.reduce((s, t) => s + t.byStatus.active, 0),
          suspended: types.reduce((s, t) => s + t.byStatus.suspended, 0),
          ended: types.reduce((s, t) => s + t.byStatus.ended, 0),
          members: types.reduce((s, t) => s + t.members, 0),
          dueForReview: due.length,
        },
        byType: types,
        dueForReview: due.slice(0, 50).map((r) => presentModel(r, scopes)),
        replicationTree: roots,
      };
    },
  };
  return service;
}

export type ModelsService = ReturnType<typeof makeModelsService>;
