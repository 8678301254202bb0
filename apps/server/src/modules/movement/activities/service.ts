import type { activityBody, activityBulkBody, activityListQuery } from "@danvan/shared/schemas/movement";
import type { Insertable } from "kysely";
import { sql } from "kysely";
import type { z } from "zod";
import type { Db, Executor } from "../../../db/client.ts";
import { recordAudit } from "../../../platform/audit/audit.ts";
import type { Actor } from "../../../platform/authz/actor.ts";
import { type Scope, unitInScope } from "../../../platform/authz/scope.ts";
import { badRequest, type FieldProblem, forbidden, notFound } from "../../../platform/http/errors.ts";
import { decodeCursor, toPage } from "../../../platform/http/pagination.ts";
import { listAttachments } from "../attachments.ts";
import { getActivityKind } from "../catalog/repo.ts";
import { validateResults } from "../catalog/results.ts";
import {
  areaOf,
  type MovementScopes,
  movementScopes,
  recordingUnit,
  type UnitRef,
  unitInScopeOr404,
} from "../common.ts";
import { getModel } from "../models/repo.ts";
import { canRecord } from "../policy.ts";
import type { MovementActivitiesTable } from "../tables.ts";
import { presentActivity } from "./present.ts";
import * as repo from "./repo.ts";

type Body = z.infer<typeof activityBody>;
type Bulk = z.infer<typeof activityBulkBody>;

const activityNotFound = () => notFound({ vi: "hoạt động", en: "activity" });

export async function activeKind(ex: Executor, code: string, path = "body.kind") {
  const kind = await getActivityKind(ex, { code });
  if (!kind?.active)
    throw badRequest(
      "invalid_activity_kind",
      { vi: "Loại hoạt động không tồn tại hoặc đã ngừng dùng.", en: "Unknown or inactive activity kind." },
      { errors: [{ path, message: "unknown kind" }] },
    );
  return kind;
}

export function resultsOrThrow(
  kind: { result_fields: Parameters<typeof validateResults>[0] },
  input: Record<string, unknown>,
  path = "body.results",
) {
  const v = validateResults(kind.result_fields, input);
  if (v.problems.length) {
    const errors: FieldProblem[] = v.problems.map((p) => ({
      path: `${path}.${p.key}`,
      message: p.messages.vi,
    }));
    throw badRequest(
      "invalid_results",
      {
        vi: `Kết quả hoạt động không hợp lệ: ${v.problems.map((p) => p.messages.vi).join(" ")}`,
        en: `Invalid activity results: ${v.problems.map((p) => p.messages.en).join(" ")}`,
      },
      { errors },
    );
  }
  return v;
}

/** Officers taking part: users whose unit the recorder can see. */
export async function officersInScope(ex: Executor, scope: Scope, ids: number[] | undefined) {
  const unique = [...new Set(ids ?? [])];
  if (!unique.length) return [];
  const found = await ex
    .selectFrom("users")
    .select("id")
    .where("id", "in", unique)
    .where(unitInScope(sql.ref("users.unit_id"), scope))
    .execute();
  if (found.length !== unique.length)
    throw badRequest(
      "invalid_officers",
      {
        vi: "Có cán bộ tham gia không tồn tại hoặc ngoài phạm vi đơn vị.",
        en: "Unknown officer or outside your scope.",
      },
      { errors: [{ path: "body.officerIds", message: "unknown officer" }] },
    );
  return unique;
}

export async function linkedModel(ex: Executor, scopes: MovementScopes, id: number | null | undefined) {
  if (id == null) return null;
  const m = await getModel(ex, scopes.read, id);
  if (!m)
    throw badRequest(
      "invalid_model",
      { vi: "Không tìm thấy mô hình được liên kết.", en: "The linked model was not found." },
      { errors: [{ path: "body.modelId", message: "unknown model" }] },
    );
  return m.id;
}

async function withOfficers(ex: Executor, rows: repo.ActivityRow[]) {
  const ids = [...new Set(rows.flatMap((r) => (r.officer_ids ?? []).map(Number)))];
  const names = await repo.officerNames(ex, ids);
  return new Map(names.map((n) => [n.id, n.rank ? `${n.rank} ${n.full_name}` : n.full_name]));
}

export function makeActivitiesService(db: Db) {
  async function toRow(
    trx: Executor,
    actor: Actor,
    scopes: MovementScopes,
    b: Body,
    unit?: UnitRef,
  ): Promise<Insertable<MovementActivitiesTable>> {
    const u = unit ?? (await recordingUnit(trx, scopes.record, b.unitId));
    const area = await areaOf(trx, u, b.areaId);
    const kind = await activeKind(trx, b.kind);
    const { results, participants } = resultsOrThrow(kind, b.results ?? {});
    return {
      unit_id: u.id,
      province_id: u.provinceId,
      area_id: area?.id ?? null,
      kind_id: kind.id,
      kind: kind.code,
      occurred_on: b.occurredOn,
      starts_at: b.startsAt ?? null,
      ends_at: b.endsAt ?? null,
      title: b.title,
      organiser: b.organiser ?? null,
      partners: JSON.stringify(b.partners ?? []),
      officer_ids: await officersInScope(trx, scopes.read, b.officerIds),
      model_id: await linkedModel(trx, scopes, b.modelId),
      programme: b.programme ?? null,
      narrative: b.narrative ?? null,
      participants,
      results: JSON.stringify(results),
      created_by: actor.userId,
    };
  }

  async function writable(trx: Executor, actor: Actor, id: number) {
    const scopes = await movementScopes(trx, actor);
    const row = await repo.getActivity(trx, scopes.read, id);
    if (!row) throw activityNotFound();
    if (!canRecord(scopes, row.unit_path)) throw forbidden();
    return { scopes, row };
  }

  const service = {
    async list(actor: Actor, q: z.infer<typeof activityListQuery>) {
      const scopes = await movementScopes(db, actor);
      const unit = await unitInScopeOr404(db, scopes.read, q.unitId ?? actor.actingUnitId);
      const provinceIds = unit.kind === "province" ? await repo.provinceIdsUnder(db, unit.path) : undefined;
      const c = decodeCursor(q.cursor);
      const after =
        c && typeof c[0] === "string" && typeof c[1] === "number"
          ? { occurredOn: c[0], id: c[1] }
          : undefined;
      const rows = await repo.listActivities(db, scopes.read, {
        unitPath: unit.path,
        provinceIds,
        kind: q.kind,
        from: q.from,
        to: q.to,
        modelId: q.modelId,
        q: q.q,
        after,
        limit: q.limit,
      });
      const page = toPage(rows, q.limit, (r) => [r.occurred_on, r.id]);
      const officers = await withOfficers(db, page.items);
      return {
        items: page.items.map((r) => presentActivity(r, scopes, officers)),
        nextCursor: page.nextCursor,
      };
    },

    async calendar(actor: Actor, unitId: number | undefined, from: string, to: string) {
      const scopes = await movementScopes(db, actor);
      const unit = await unitInScopeOr404(db, scopes.read, unitId ?? actor.actingUnitId);
      const rows = await repo.calendar(db, scopes.read, unit.path, from, to);
      const days = new Map<string, { date: string; total: number; kinds: Record<string, number> }>();
      for (const r of rows) {
        const d = days.get(r.day) ?? { date: r.day, total: 0, kinds: {} };
        d.kinds[r.kind] = r.n;
        d.total += r.n;
        days.set(r.day, d);
      }
      return { unit: { id: unit.id, name: unit.name }, from, to, days: [...days.values()] };
    },

    async get(actor: Actor, id: number) {
      const scopes = await movementScopes(db, actor);
      const row = await repo.getActivity(db, scopes.read, id);
      if (!row) throw activityNotFound();
      return {
        ...presentActivity(row, scopes, await withOfficers(db, [row])),
        attachments: await listAttachments(db, "activity", id),
      };
    },

    async create(actor: Actor, b: Body) {
      const id = await db.transaction().execute(async (trx) => {
        const scopes = await movementScopes(trx, actor);
        const row = await toRow(trx, actor, scopes, b);
        const [id] = await repo.insertActivities(trx, [row]);
        await recordAudit(trx, actor, {
          action: "movement.activity.created",
          targetType: "movement_activity",
          targetId: id,
          unitId: row.unit_id,
          after: b,
        });
        return id;
      });
      return service.get(actor, id);
    },

    /** A week (or month) of patrols in one go: every line is checked, all or nothing is stored. */
    async createBulk(actor: Actor, b: Bulk) {
      const ids = await db.transaction().execute(async (trx) => {
        const scopes = await movementScopes(trx, actor);
        const unit = await recordingUnit(trx, scopes.record, b.unitId);
        const rows: Insertable<MovementActivitiesTable>[] = [];
        for (const [i, e] of b.entries.entries()) {
          try {
            rows.push(
              await toRow(
                trx,
                actor,
                scopes,
                { ...b, ...e, unitId: unit.id, results: e.results ?? {} },
                unit,
              ),
            );
          } catch (err) {
            if (err instanceof Error && "details" in err) {
              const appErr = err as unknown as { details?: { errors?: FieldProblem[] } };
              for (const p of appErr.details?.errors ?? [])
                p.path = p.path.replace(/^body\./, `body.entries.${i}.`);
            }
            throw err;
          }
        }
        const ids = await repo.insertActivities(trx, rows);
        await recordAudit(trx, actor, {
          action: "movement.activity.bulk_created",
          targetType: "movement_activity",
          targetId: ids.join(","),
          unitId: unit.id,
          after: { kind: b.kind, count: ids.length, dates: b.entries.map((e) => e.occurredOn) },
        });
        return ids;
      });
      return { created: ids.length, ids };
    },

    async update(actor: Actor, id: number, b: Body) {
      await db.transaction().execute(async (trx) => {
        const { scopes, row } = await writable(trx, actor, id);
        const next = await toRow(trx, actor, scopes, b);
        const { created_by: _c, ...set } = next;
        await trx
          .updateTable("movement_activities")
          .set({ ...set, updated_at: new Date().toISOString() })
          .where("id", "=", id)
          .execute();
        await recordAudit(trx, actor, {
          action: "movement.activity.updated",
          targetType: "movement_activity",
          targetId: id,
          unitId: next.unit_id,
          before: { ...row, unit_path: undefined },
          after: b,
        });
      });
      return service.get(actor, id);
    },

    async copy(actor: Actor, id: number, occurredOn: string) {
      const newId = await db.transaction().execute(async (trx) => {
        const { row } = await writable(trx, actor, id);
        const [newId] = await repo.insertActivities(trx, [
          {
            unit_id: row.unit_id,
            province_id: row.province_id,
            area_id: row.area_id,
            kind_id: row.kind_id,
            kind: row.kind,
            occurred_on: occurredOn,
            starts_at: row.starts_at,
            ends_at: row.ends_at,
            title: row.title,
            organiser: row.organiser,
            partners: JSON.stringify(row.partners ?? []),
            officer_ids: (row.officer_ids ?? []).map(Number),
            model_id: row.model_id,
            programme: row.programme,
            narrative: row.narrative,
            participants: row.participants,
            results: JSON.stringify(row.results ?? {}),
            created_by: actor.userId,
          },
        ]);
        await recordAudit(trx, actor, {
          action: "movement.activity.copied",
          targetType: "movement_activity",
          targetId: newId,
          unitId: row.unit_id,
          after: { copiedFrom: id, occurredOn },
        });
        return newId;
      });
      return service.get(actor, newId);
    },

    async remove(actor: Actor, id: number) {
      await db.transaction().execute(async (trx) => {
        const { row } = await writable(trx, actor, id);
        await trx
          .updateTable("movement_weapon_surrenders")
          .set({ activity_id: null })
          .where("activity_id", "=", id)
          .execute();
        await trx
          .deleteFrom("movement_attachments")
          .where("owner_type", "=", "activity")
          .where("owner_id", "=", id)
          .execute();
        await trx.deleteFrom("movement_activities").where("id", "=", id).execute();
        await recordAudit(trx, actor, {
          action: "movement.activity.deleted",
          targetType: "movement_activity",
          targetId: id,
          unitId: row.unit_id,
          before: { kind: row.kind, occurredOn: row.occurred_on, title: row.title, results: row.results },
        });
      });
    },
  };
  return service;
}
