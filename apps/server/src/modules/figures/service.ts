import type {
  approvalBody,
  definitionCreate,
  definitionUpdate,
  entrySave,
  ruleCreate,
  unlockBody,
} from "@danvan/shared/schemas/figures";
import type { z } from "zod";
import type { Db, Executor } from "../../db/client.ts";
import { recordAudit } from "../../platform/audit/audit.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import { actorCan, pathCovered, scopeFor } from "../../platform/authz/scope.ts";
import { AppError, badRequest, conflict, forbidden, notFound } from "../../platform/http/errors.ts";
import { indicatorCode, syncFigureIndicators } from "./indicators.ts";
import { isPeriodStart, periodEnd, periodLabel, shiftPeriod } from "./periods.ts";
import * as repo from "./repo.ts";
import type { FigurePeriodType } from "./tables.ts";
import { checkBounds, checkRules, isOutlier } from "./validation.ts";

const UNIT = { vi: "đơn vị", en: "unit" };
const HISTORY_PERIODS = 12;

async function requireAction(ex: Executor, actor: Actor, action: string) {
  const scope = await scopeFor(ex, actor, action);
  if (scope.roots.length === 0) throw forbidden();
  return scope;
}

function checkPeriod(type: FigurePeriodType, start: string) {
  if (!isPeriodStart(type, start))
    throw badRequest("invalid_period", {
      vi: "Ngày bắt đầu không phải là đầu kỳ báo cáo.",
      en: "The date is not the first day of a reporting period.",
    });
}

/** The unit when it lies in the actor's scope for `action`; 404 otherwise. */
async function scopedUnit(ex: Executor, actor: Actor, unitId: number, action: string) {
  const scope = await scopeFor(ex, actor, action);
  const unit = await repo.unitRow(ex, unitId);
  if (!unit || !pathCovered(unit.path, scope)) throw notFound(UNIT);
  return unit;
}

/** Approving is for the level above: a grant covering the unit's parent. */
async function canApprove(ex: Executor, actor: Actor, unit: { parent_id: number | null }) {
  if (unit.parent_id == null) return false;
  const parent = await repo.unitRow(ex, unit.parent_id);
  return parent != null && actorCan(actor, "figure.approve", parent.path);
}

export const presentDefinition = (d: repo.DefinitionRow) => ({
  id: d.id,
  code: d.code,
  indicator: indicatorCode(d.code),
  name: d.name,
  nameEn: d.name_en,
  unitLabel: d.unit_label,
  unitLabelEn: d.unit_label_en,
  description: d.description,
  periodType: d.period_type,
  nature: d.nature,
  groupName: d.group_name,
  minValue: d.min_value,
  maxValue: d.max_value,
  integerOnly: d.integer_only,
  outlierFactor: d.outlier_factor,
  sort: d.sort,
  active: d.active,
});

export function makeFiguresService(db: Db) {
  async function listDefinitions(actor: Actor, periodType?: FigurePeriodType) {
    await requireAction(db, actor, "figure.read");
    const defs = await repo.listDefinitions(db, { periodType });
    const rules = await repo.listRules(db);
    const canDefine = (await scopeFor(db, actor, "figure.define")).roots.length > 0;
    return {
      items: defs.map((d) => ({ ...presentDefinition(d), abilities: { update: canDefine } })),
      rules: rules.map((r) => ({
        id: r.id,
        leftId: r.left_id,
        op: r.op,
        rightId: r.right_id,
        applies: r.applies,
        message: r.message,
        messageEn: r.message_en,
        abilities: { delete: canDefine },
      })),
      abilities: { create: canDefine },
    };
  }

  async function createDefinition(actor: Actor, body: z.infer<typeof definitionCreate>) {
    await requireAction(db, actor, "figure.define");
    const created = await db.transaction().execute(async (trx) => {
      const exists = await trx
        .selectFrom("figure_definitions")
        .select("id")
        .where("code", "=", body.code)
        .executeTakeFirst();
      if (exists)
        throw conflict("code_taken", { vi: "Mã chỉ tiêu đã được dùng.", en: "The code is already used." });
      const row = await trx
        .insertInto("figure_definitions")
        .values({
          code: body.code,
          name: body.name,
          name_en: body.nameEn,
          unit_label: body.unitLabel,
          unit_label_en: body.unitLabelEn,
          description: body.description ?? null,
          period_type: body.periodType,
          nature: body.nature,
          group_name: body.groupName ?? null,
          min_value: body.minValue,
          max_value: body.maxValue ?? null,
          integer_only: body.integerOnly,
          outlier_factor: body.outlierFactor,
          sort: body.sort,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, {
        action: "figure.definition_created",
        targetType: "figure_definition",
        targetId: row.id,
        after: body,
      });
      return row;
    });
    await syncFigureIndicators(db);
    const def = (await repo.listDefinitions(db)).find((d) => d.id === created.id)!;
    return presentDefinition(def);
  }

  async function updateDefinition(actor: Actor, id: number, body: z.infer<typeof definitionUpdate>) {
    await requireAction(db, actor, "figure.define");
    await db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom("figure_definitions")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirst();
      if (!before) throw notFound({ vi: "chỉ tiêu", en: "indicator" });
      const set = {
        ...(body.name !== undefined && { name: body.name }),
        ...(body.nameEn !== undefined && { name_en: body.nameEn }),
        ...(body.unitLabel !== undefined && { unit_label: body.unitLabel }),
        ...(body.unitLabelEn !== undefined && { unit_label_en: body.unitLabelEn }),
        ...(body.description !== undefined && { description: body.description ?? null }),
        ...(body.nature !== undefined && { nature: body.nature }),
        ...(body.groupName !== undefined && { group_name: body.groupName ?? null }),
        ...(body.minValue !== undefined && { min_value: body.minValue }),
        ...(body.maxValue !== undefined && { max_value: body.maxValue ?? null }),
        ...(body.integerOnly !== undefined && { integer_only: body.integerOnly }),
        ...(body.outlierFactor !== undefined && { outlier_factor: body.outlierFactor }),
        ...(body.sort !== undefined && { sort: body.sort }),
        ...(body.active !== undefined && { active: body.active }),
        updated_at: new Date().toISOString(),
      };
      await trx.updateTable("figure_definitions").set(set).where("id", "=", id).execute();
      await recordAudit(trx, actor, {
        action: "figure.definition_updated",
        targetType: "figure_definition",
        targetId: id,
        before,
        after: body,
      });
    });
    await syncFigureIndicators(db);
    return presentDefinition((await repo.listDefinitions(db)).find((d) => d.id === id)!);
  }

  async function createRule(actor: Actor, body: z.infer<typeof ruleCreate>) {
    await requireAction(db, actor, "figure.define");
    return db.transaction().execute(async (trx) => {
      const defs = await trx
        .selectFrom("figure_definitions")
        .select(["id", "period_type"])
        .where("id", "in", [body.leftId, body.rightId])
        .execute();
      if (defs.length !== 2 || defs[0].period_type !== defs[1].period_type)
        throw badRequest("invalid_rule", {
          vi: "Quy tắc phải so sánh hai chỉ tiêu khác nhau có cùng kỳ báo cáo.",
          en: "A rule compares two different figures reported over the same period.",
        });
      const row = await trx
        .insertInto("figure_rules")
        .values({
          left_id: body.leftId,
          op: body.op,
          right_id: body.rightId,
          applies: body.applies,
          message: body.message,
          message_en: body.messageEn,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, {
        action: "figure.rule_created",
        targetType: "figure_rule",
        targetId: row.id,
        after: body,
      });
      return { id: row.id, ...body };
    });
  }

  async function deleteRule(actor: Actor, id: number) {
    await requireAction(db, actor, "figure.define");
    await db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom("figure_rules")
        .selectAll()
        .where("id", "=", id)
        .where("active", "=", true)
        .executeTakeFirst();
      if (!before) throw notFound({ vi: "quy tắc", en: "rule" });
      await trx.updateTable("figure_rules").set({ active: false }).where("id", "=", id).execute();
      await recordAudit(trx, actor, {
        action: "figure.rule_deleted",
        targetType: "figure_rule",
        targetId: id,
        before,
      });
    });
  }

  /** The data-entry grid of a unit and period: the definitions of that period type with their values. */
  async function grid(
    ex: Executor,
    actor: Actor,
    unitId: number,
    periodType: FigurePeriodType,
    periodStart: string,
  ) {
    checkPeriod(periodType, periodStart);
    const unit = await scopedUnit(ex, actor, unitId, "figure.read");
    const defs = await repo.listDefinitions(ex, { periodType, activeOnly: true });
    const ids = defs.map((d) => d.id);
    const values = new Map(
      (await repo.periodValues(ex, unitId, periodStart, ids)).map((v) => [v.definition_id, v]),
    );
    const past = await repo.history(
      ex,
      unitId,
      ids,
      periodStart,
      shiftPeriod(periodType, periodStart, HISTORY_PERIODS),
    );
    const approval = await repo.approvalOf(ex, unitId, periodType, periodStart);
    const enterScope = await scopeFor(ex, actor, "figure.enter");
    const mayEnter = pathCovered(unit.path, enterScope);
    const mayApprove = await canApprove(ex, actor, unit);
    return {
      unit: { id: unit.id, name: unit.name },
      period: {
        type: periodType,
        start: periodStart,
        end: periodEnd(periodType, periodStart),
        label: periodLabel(periodType, periodStart),
      },
      locked: approval != null,
      approval: approval ? { at: approval.approved_at, by: approval.approved_by_name } : null,
      events: (await repo.approvalEvents(ex, unitId, periodType, periodStart)).map((e) => ({
        id: e.id,
        action: e.action,
        reason: e.reason,
        at: e.at,
        by: e.actor_name,
      })),
      rows: defs.map((d) => {
        const v = values.get(d.id);
        const h = past.get(d.id) ?? [];
        return {
          definition: presentDefinition(d),
          value: v ? Number(v.value) : null,
          confirmedOutlier: v?.confirmed_outlier ?? false,
          enteredAt: v?.entered_at ?? null,
          enteredBy: v?.entered_by_name ?? null,
          history: {
            count: h.length,
            mean: h.length ? Math.round((h.reduce((a, b) => a + b, 0) / h.length) * 10) / 10 : null,
          },
        };
      }),
      rules: (await repo.listRules(ex, ids)).map((r) => ({
        id: r.id,
        leftId: r.left_id,
        op: r.op,
        rightId: r.right_id,
        applies: r.applies,
        message: r.message,
      })),
      abilities: {
        enter: mayEnter && approval == null,
        approve: mayApprove && approval == null,
        unlock: mayApprove && approval != null,
      },
    };
  }

  async function save(actor: Actor, body: z.infer<typeof entrySave>) {
    const { unitId, periodType, periodStart } = body;
    checkPeriod(periodType, periodStart);
    await db.transaction().execute(async (trx) => {
      const unit = await scopedUnit(trx, actor, unitId, "figure.enter");
      if (await repo.approvalOf(trx, unitId, periodType, periodStart))
        throw conflict("period_locked", {
          vi: "Kỳ này đã được cấp trên duyệt và khóa; cần mở khóa trước khi sửa số liệu.",
          en: "This period was approved and is locked; it must be unlocked before any change.",
        });
      const defs = await repo.listDefinitions(trx, { periodType, activeOnly: true });
      const byId = new Map(defs.map((d) => [d.id, d]));
      for (const v of body.values)
        if (!byId.has(v.definitionId))
          throw badRequest("unknown_definition", {
            vi: "Có chỉ tiêu không thuộc kỳ báo cáo này.",
            en: "A figure does not belong to this reporting period.",
          });
      const ids = defs.map((d) => d.id);
      const existing = new Map(
        (await repo.periodValues(trx, unitId, periodStart, ids)).map((v) => [
          v.definition_id,
          Number(v.value),
        ]),
      );
      const merged = new Map(existing);
      const changed = new Map<number, number | null>();
      for (const v of body.values) {
        if (v.value == null) {
          if (merged.has(v.definitionId)) changed.set(v.definitionId, null);
          merged.delete(v.definitionId);
        } else {
          if (existing.get(v.definitionId) !== v.value) changed.set(v.definitionId, v.value);
          merged.set(v.definitionId, v.value);
        }
      }
      const problems = [...checkBounds(byId, merged), ...checkRules(await repo.listRules(trx, ids), merged)];
      if (problems.length > 0)
        throw new AppError(
          422,
          "figures_invalid",
          {
            vi: "Số liệu chưa hợp lệ, vui lòng kiểm tra các chỉ tiêu được đánh dấu.",
            en: "Some figures are invalid; check the marked rows.",
          },
          {
            errors: problems.map((p) => ({ path: `values.${p.definitionId}`, message: p.message.vi })),
            problems,
          },
        );
      const past = await repo.history(
        trx,
        unitId,
        ids,
        periodStart,
        shiftPeriod(periodType, periodStart, HISTORY_PERIODS),
      );
      const confirm = new Set(body.confirmOutliers);
      const unusual = [...changed]
        .filter(([id, v]) => v != null && isOutlier(v, past.get(id) ?? [], byId.get(id)!.outlier_factor))
        .map(([id, v]) => {
          const h = past.get(id)!;
          return {
            definitionId: id,
            value: v as number,
            mean: Math.round((h.reduce((a, b) => a + b, 0) / h.length) * 10) / 10,
          };
        });
      const unconfirmed = unusual.filter((u) => !confirm.has(u.definitionId));
      if (unconfirmed.length > 0)
        throw new AppError(
          422,
          "confirmation_required",
          {
            vi: "Một số giá trị khác xa số liệu các kỳ trước của đơn vị; vui lòng kiểm tra và xác nhận.",
            en: "Some values are far from the unit's earlier periods; check and confirm them.",
          },
          {
            errors: unconfirmed.map((u) => ({
              path: `values.${u.definitionId}`,
              message: `${byId.get(u.definitionId)!.name}: ${u.value} (trung bình các kỳ trước ${u.mean})`,
            })),
            outliers: unconfirmed,
          },
        );
      const end = periodEnd(periodType, periodStart);
      const outlierIds = new Set(unusual.map((u) => u.definitionId));
      for (const [id, v] of changed) {
        if (v == null) {
          await trx
            .deleteFrom("figure_values")
            .where("definition_id", "=", id)
            .where("unit_id", "=", unitId)
            .where("period_start", "=", periodStart)
            .execute();
          continue;
        }
        const row = {
          definition_id: id,
          unit_id: unitId,
          province_id: unit.province_id,
          period_start: periodStart,
          period_end: end,
          value: v,
          confirmed_outlier: outlierIds.has(id),
          entered_by: actor.userId,
          entered_at: new Date().toISOString(),
        };
        await trx
          .insertInto("figure_values")
          .values(row)
          .onConflict((oc) =>
            oc.columns(["definition_id", "unit_id", "period_start"]).doUpdateSet({
              value: row.value,
              confirmed_outlier: row.confirmed_outlier,
              entered_by: row.entered_by,
              entered_at: row.entered_at,
            }),
          )
          .execute();
      }
      if (changed.size > 0) {
        const code = (id: number) => byId.get(id)!.code;
        await recordAudit(trx, actor, {
          action: "figure.values_saved",
          targetType: "figure_period",
          targetId: `${unitId}:${periodType}:${periodStart}`,
          unitId,
          before: Object.fromEntries([...changed.keys()].map((id) => [code(id), existing.get(id) ?? null])),
          after: Object.fromEntries([...changed].map(([id, v]) => [code(id), v])),
          reason: unusual.length
            ? `confirmed unusual: ${unusual.map((u) => code(u.definitionId)).join(", ")}`
            : undefined,
        });
      }
    });
    return grid(db, actor, unitId, periodType, periodStart);
  }

  async function approve(actor: Actor, body: z.infer<typeof approvalBody>) {
    checkPeriod(body.periodType, body.periodStart);
    await db.transaction().execute(async (trx) => {
      const unit = await scopedUnit(trx, actor, body.unitId, "figure.read");
      if (!(await canApprove(trx, actor, unit)))
        throw forbidden({
          vi: "Chỉ cấp trên trực tiếp mới duyệt được số liệu của đơn vị.",
          en: "Only the level above may approve a unit's figures.",
        });
      if (await repo.approvalOf(trx, body.unitId, body.periodType, body.periodStart))
        throw conflict("already_approved", {
          vi: "Kỳ này đã được duyệt.",
          en: "This period is already approved.",
        });
      await trx
        .insertInto("figure_approvals")
        .values({
          unit_id: body.unitId,
          period_type: body.periodType,
          period_start: body.periodStart,
          approved_by: actor.userId,
        })
        .execute();
      await trx
        .insertInto("figure_approval_events")
        .values({
          unit_id: body.unitId,
          period_type: body.periodType,
          period_start: body.periodStart,
          action: "approved",
          actor_id: actor.userId,
        })
        .execute();
      await recordAudit(trx, actor, {
        action: "figure.period_approved",
        targetType: "figure_period",
        targetId: `${body.unitId}:${body.periodType}:${body.periodStart}`,
        unitId: body.unitId,
      });
    });
    return grid(db, actor, body.unitId, body.periodType, body.periodStart);
  }

  async function unlock(actor: Actor, body: z.infer<typeof unlockBody>) {
    checkPeriod(body.periodType, body.periodStart);
    await db.transaction().execute(async (trx) => {
      const unit = await scopedUnit(trx, actor, body.unitId, "figure.read");
      if (!(await canApprove(trx, actor, unit)))
        throw forbidden({
          vi: "Chỉ cấp trên trực tiếp mới mở khóa được kỳ này.",
          en: "Only the level above may unlock this period.",
        });
      const deleted = await trx
        .deleteFrom("figure_approvals")
        .where("unit_id", "=", body.unitId)
        .where("period_type", "=", body.periodType)
        .where("period_start", "=", body.periodStart)
        .executeTakeFirst();
      if (Number(deleted.numDeletedRows) === 0)
        throw conflict("not_approved", { vi: "Kỳ này chưa được duyệt.", en: "This period is not approved." });
      await trx
        .insertInto("figure_approval_events")
        .values({
          unit_id: body.unitId,
          period_type: body.periodType,
          period_start: body.periodStart,
          action: "unlocked",
          reason: body.reason,
          actor_id: actor.userId,
        })
        .execute();
      await recordAudit(trx, actor, {
        action: "figure.period_unlocked",
        targetType: "figure_period",
        targetId: `${body.unitId}:${body.periodType}:${body.periodStart}`,
        unitId: body.unitId,
        reason: body.reason,
      });
    });
    return grid(db, actor, body.unitId, body.periodType, body.periodStart);
  }

  /** The approval board: the parent's children with what they entered and whether it is approved. */
  async function approvals(
    actor: Actor,
    parentId: number,
    periodType: FigurePeriodType,
    periodStart: string,
  ) {
    checkPeriod(periodType, periodStart);
    const parent = await scopedUnit(db, actor, parentId, "figure.read");
    const mayApprove = actorCan(actor, "figure.approve", parent.path);
    const defs = await repo.listDefinitions(db, { periodType, activeOnly: true });
    const rows = await repo.childrenStatus(
      db,
      parentId,
      periodType,
      periodStart,
      periodEnd(periodType, periodStart),
    );
    return {
      parent: { id: parent.id, name: parent.name },
      period: {
        type: periodType,
        start: periodStart,
        end: periodEnd(periodType, periodStart),
        label: periodLabel(periodType, periodStart),
      },
      definitions: defs.length,
      items: rows.map((r) => ({
        unit: { id: r.id, name: r.name },
        entered: r.entered,
        approved: r.approved_at != null,
        approvedAt: r.approved_at,
        approvedBy: r.approved_by_name,
        abilities: {
          approve: mayApprove && r.approved_at == null,
          unlock: mayApprove && r.approved_at != null,
        },
      })),
    };
  }

  return {
    listDefinitions,
    createDefinition,
    updateDefinition,
    createRule,
    deleteRule,
    grid: (actor: Actor, u: number, t: FigurePeriodType, s: string) => grid(db, actor, u, t, s),
    save,
    approve,
    unlock,
    approvals,
  };
}
