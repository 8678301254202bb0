import type {
  activityKindCreateBody,
  activityKindPatchBody,
  modelTypeCreateBody,
  modelTypePatchBody,
} from "@danvan/shared/schemas/movement";
import type { z } from "zod";
import type { Db } from "../../../db/client.ts";
import { recordAudit } from "../../../platform/audit/audit.ts";
import type { Actor } from "../../../platform/authz/actor.ts";
import { conflict, forbidden, notFound } from "../../../platform/http/errors.ts";
import { syncMovementIndicators } from "../indicators.ts";
import { canManageCatalog } from "../policy.ts";
import type { ResultField } from "../tables.ts";
import * as repo from "./repo.ts";

type ModelTypeCreate = z.infer<typeof modelTypeCreateBody>;
type ModelTypePatch = z.infer<typeof modelTypePatchBody>;
type KindCreate = z.infer<typeof activityKindCreateBody>;
type KindPatch = z.infer<typeof activityKindPatchBody>;

export const presentModelType = (r: repo.ModelTypeRow, actor: Actor) => ({
  id: r.id,
  code: r.code,
  name: r.name,
  nameEn: r.name_en,
  description: r.description,
  countsCameraPoints: r.counts_camera_points,
  spansUnits: r.spans_units,
  active: r.active,
  sort: r.sort,
  builtin: r.builtin,
  abilities: { update: canManageCatalog(actor) },
});

export const presentActivityKind = (r: repo.ActivityKindRow, actor: Actor) => ({
  id: r.id,
  code: r.code,
  name: r.name,
  nameEn: r.name_en,
  resultFields: r.result_fields,
  active: r.active,
  sort: r.sort,
  builtin: r.builtin,
  abilities: { update: canManageCatalog(actor) },
});

const duplicate = () =>
  conflict("duplicate_code", { vi: "Mã này đã được dùng.", en: "This code is already in use." });

function cleanFields(fields: KindCreate["resultFields"]): ResultField[] {
  return fields.map((f) => ({
    key: f.key,
    label: f.label,
    type: f.type,
    unit: f.unit ?? null,
    min: f.min ?? (f.type === "int" || f.type === "number" ? 0 : null),
    max: f.max ?? null,
    required: f.required ?? false,
    indicator: (f.indicator ?? true) && (f.type === "int" || f.type === "number"),
  }));
}

export function makeCatalogService(db: Db) {
  const guard = (actor: Actor) => {
    if (!canManageCatalog(actor)) throw forbidden();
  };
  return {
    async createModelType(actor: Actor, b: ModelTypeCreate) {
      guard(actor);
      const row = await db.transaction().execute(async (trx) => {
        const exists = await trx
          .selectFrom("movement_model_types")
          .select("id")
          .where("code", "=", b.code)
          .executeTakeFirst();
        if (exists) throw duplicate();
        const row = await repo.insertModelType(trx, {
          code: b.code,
          name: b.name,
          name_en: b.nameEn,
          description: b.description ?? null,
          counts_camera_points: b.countsCameraPoints ?? false,
          spans_units: b.spansUnits ?? false,
          active: b.active ?? true,
          sort: b.sort ?? 500,
        });
        await recordAudit(trx, actor, {
          action: "movement.model_type.created",
          targetType: "movement_model_type",
          targetId: row.id,
          after: row,
        });
        return row;
      });
      await syncMovementIndicators(db);
      return presentModelType(row, actor);
    },
    async updateModelType(actor: Actor, id: number, b: ModelTypePatch) {
      guard(actor);
      const row = await db.transaction().execute(async (trx) => {
        const before = await repo.getModelType(trx, id);
        if (!before) throw notFound({ vi: "loại mô hình", en: "model type" });
        const row = await repo.updateModelType(trx, id, {
          ...(b.name !== undefined && { name: b.name }),
          ...(b.nameEn !== undefined && { name_en: b.nameEn }),
          ...(b.description !== undefined && { description: b.description }),
          ...(b.countsCameraPoints !== undefined && { counts_camera_points: b.countsCameraPoints }),
          ...(b.spansUnits !== undefined && { spans_units: b.spansUnits }),
          ...(b.active !== undefined && { active: b.active }),
          ...(b.sort !== undefined && { sort: b.sort }),
        });
        await recordAudit(trx, actor, {
          action: "movement.model_type.updated",
          targetType: "movement_model_type",
          targetId: id,
          before,
          after: row,
        });
        return row!;
      });
      await syncMovementIndicators(db);
      return presentModelType(row, actor);
    },
    async createActivityKind(actor: Actor, b: KindCreate) {
      guard(actor);
      const row = await db.transaction().execute(async (trx) => {
        if (await repo.getActivityKind(trx, { code: b.code })) throw duplicate();
        const row = await repo.insertActivityKind(trx, {
          code: b.code,
          name: b.name,
          name_en: b.nameEn,
          result_fields: cleanFields(b.resultFields),
          active: b.active ?? true,
          sort: b.sort ?? 500,
        });
        await recordAudit(trx, actor, {
          action: "movement.activity_kind.created",
          targetType: "movement_activity_kind",
          targetId: row.id,
          after: row,
        });
        return row;
      });
      await syncMovementIndicators(db);
      return presentActivityKind(row, actor);
    },
    async updateActivityKind(actor: Actor, id: number, b: KindPatch) {
      guard(actor);
      const row = await db.transaction().execute(async (trx) => {
        const before = await repo.getActivityKind(trx, { id });
        if (!before) throw notFound({ vi: "loại hoạt động", en: "activity kind" });
        const row = await repo.updateActivityKind(trx, id, {
          ...(b.name !== undefined && { name: b.name }),
          ...(b.nameEn !== undefined && { name_en: b.nameEn }),
          ...(b.resultFields !== undefined && { result_fields: cleanFields(b.resultFields) }),
          ...(b.active !== undefined && { active: b.active }),
          ...(b.sort !== undefined && { sort: b.sort }),
        });
        await recordAudit(trx, actor, {
          action: "movement.activity_kind.updated",
          targetType: "movement_activity_kind",
          targetId: id,
          before,
          after: row,
        });
        return row!;
      });
      await syncMovementIndicators(db);
      return presentActivityKind(row, actor);
    },
  };
}
