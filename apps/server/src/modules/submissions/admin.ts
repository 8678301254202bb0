import type { InboxFilter } from "@danvan/shared/schemas/submissions";
import { sql } from "kysely";
import { recordAudit } from "../../platform/audit/audit.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import { actorCan, scopeFor, unitInScope } from "../../platform/authz/scope.ts";
import { forbidden, notFound } from "../../platform/http/errors.ts";
import { unitInfo } from "./repo.ts";
import { invalidateCaches, type ModuleState } from "./state.ts";

/*
 * The smaller rooms of the module: deadline rules and the holiday calendar (administrator), reply
 * templates, saved filters and notifications (each officer), crime-method warnings (a unit publishes).
 */
export function makeAdminService(state: ModuleState) {
  const { db } = state.deps;
  const canManageRules = (actor: Actor) =>
    actor.grants.some((g) => actorCan(actor, "submission.manageRules", g.path));

  async function listRules() {
    const rows = await db.selectFrom("deadline_rules").selectAll().orderBy("code").execute();
    const transfer = await db
      .selectFrom("app_settings")
      .select("value")
      .where("key", "=", "submissions.transfer_clock")
      .executeTakeFirst();
    return {
      items: rows.map((r) => ({
        code: r.code,
        kind: r.kind,
        phase: r.phase,
        label: { vi: r.label_vi, en: r.label_en },
        dayBasis: r.day_basis,
        periodUnit: r.period_unit,
        normalAmount: r.normal_amount,
        complexAmount: r.complex_amount,
        complexUnit: r.complex_unit,
        remoteAmount: r.remote_amount,
        remoteComplexAmount: r.remote_complex_amount,
        maxExtensions: r.max_extensions,
        extensionAmount: r.extension_amount,
        extensionUnit: r.extension_unit,
        rollToWorkingDay: r.roll_to_working_day,
        onResume: r.on_resume,
        legalSource: r.legal_source,
        sourceText: r.source_text,
        verification: r.verification,
        updatedAt: r.updated_at,
      })),
      transferClock: transfer?.value ?? null,
    };
  }

  const RULE_COLUMNS: Record<string, string> = {
    dayBasis: "day_basis",
    periodUnit: "period_unit",
    normalAmount: "normal_amount",
    complexAmount: "complex_amount",
    complexUnit: "complex_unit",
    remoteAmount: "remote_amount",
    remoteComplexAmount: "remote_complex_amount",
    maxExtensions: "max_extensions",
    extensionAmount: "extension_amount",
    extensionUnit: "extension_unit",
    rollToWorkingDay: "roll_to_working_day",
    onResume: "on_resume",
    legalSource: "legal_source",
    sourceText: "source_text",
    verification: "verification",
  };

  async function updateRule(actor: Actor, code: string, patch: Record<string, unknown>) {
    if (!canManageRules(actor)) throw forbidden();
    const set: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(patch))
      if (v !== undefined && RULE_COLUMNS[k]) set[RULE_COLUMNS[k]] = v;
    await db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom("deadline_rules")
        .selectAll()
        .where("code", "=", code)
        .executeTakeFirst();
      if (!before) throw notFound({ vi: "quy định thời hạn", en: "deadline rule" });
      await trx
        .updateTable("deadline_rules")
        .set({ ...set, updated_at: sql<string>`now()`, updated_by: actor.userId })
        .where("code", "=", code)
        .execute();
      await recordAudit(trx, actor, {
        action: "deadline_rule.updated",
        targetType: "deadline_rule",
        targetId: code,
        before,
        after: set,
      });
    });
    invalidateCaches();
    return (await listRules()).items.find((r) => r.code === code);
  }

  async function listHolidays(year?: number) {
    let q = db.selectFrom("holidays").selectAll().orderBy("day");
    if (year) q = q.where("day", ">=", `${year}-01-01`).where("day", "<=", `${year}-12-31`);
    const rows = await q.execute();
    return {
      items: rows.map((r) => ({
        day: r.day,
        kind: r.kind,
        nameVi: r.name_vi,
        nameEn: r.name_en,
        verified: r.verified,
        note: r.note,
      })),
    };
  }

  async function putHoliday(
    actor: Actor,
    h: {
      day: string;
      kind: "holiday" | "working_day";
      nameVi: string;
      nameEn: string;
      verified: boolean;
      note?: string | null;
    },
  ) {
    if (!canManageRules(actor)) throw forbidden();
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto("holidays")
        .values({
          day: h.day,
          kind: h.kind,
          name_vi: h.nameVi,
          name_en: h.nameEn,
          verified: h.verified,
          note: h.note ?? null,
        })
        .onConflict((oc) =>
          oc.column("day").doUpdateSet({
            kind: h.kind,
            name_vi: h.nameVi,
            name_en: h.nameEn,
            verified: h.verified,
            note: h.note ?? null,
            updated_at: sql<string>`now()`,
          }),
        )
        .execute();
      await recordAudit(trx, actor, {
        action: "holiday.saved",
        targetType: "holiday",
        targetId: h.day,
        after: h,
      });
    });
    invalidateCaches();
    return h;
  }

  async function deleteHoliday(actor: Actor, day: string) {
    if (!canManageRules(actor)) throw forbidden();
    await db.transaction().execute(async (trx) => {
      const r = await trx.deleteFrom("holidays").where("day", "=", day).executeTakeFirst();
      if (!r.numDeletedRows) throw notFound({ vi: "ngày nghỉ", en: "holiday" });
      await recordAudit(trx, actor, { action: "holiday.deleted", targetType: "holiday", targetId: day });
    });
    invalidateCaches();
  }

  async function templates(actor: Actor) {
    const scope = await scopeFor(db, actor, "submission.read");
    const rows = await db
      .selectFrom("submission_reply_templates as t")
      .select(["t.id", "t.unit_id", "t.kind", "t.title", "t.body"])
      .where((eb) => eb.or([eb("t.unit_id", "is", null), unitInScope(sql.ref("t.unit_id"), scope)]))
      .orderBy("t.id")
      .execute();
    return {
      items: rows.map((r) => ({ id: r.id, unitId: r.unit_id, kind: r.kind, title: r.title, body: r.body })),
    };
  }

  async function createTemplate(
    actor: Actor,
    t: { unitId?: number | null; kind?: string | null; title: string; body: string },
  ) {
    const unitId = t.unitId ?? actor.actingUnitId;
    const unit = await unitInfo(db, unitId);
    if (!unit || !actorCan(actor, "submission.assign", unit.path)) throw forbidden();
    return db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto("submission_reply_templates")
        .values({
          unit_id: unitId,
          kind: t.kind ?? null,
          title: t.title,
          body: t.body,
          created_by: actor.userId,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, {
        action: "submission_template.created",
        targetType: "submission_template",
        targetId: row.id,
        unitId,
        after: { title: t.title },
      });
      return { id: row.id };
    });
  }

  async function savedFilters(actor: Actor) {
    const rows = await db
      .selectFrom("submission_saved_filters")
      .select(["id", "name", "filters"])
      .where("user_id", "=", actor.userId)
      .orderBy("id")
      .execute();
    return { items: rows.map((r) => ({ id: r.id, name: r.name, filters: r.filters as InboxFilter })) };
  }

  async function saveFilter(actor: Actor, f: { name: string; filters: InboxFilter }) {
    return db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto("submission_saved_filters")
        .values({ user_id: actor.userId, name: f.name, filters: JSON.stringify(f.filters) })
        .returning("id")
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, {
        action: "submission_filter.saved",
        targetType: "submission_filter",
        targetId: row.id,
        unitId: actor.actingUnitId,
        after: f,
      });
      return { id: row.id, name: f.name, filters: f.filters };
    });
  }

  async function deleteFilter(actor: Actor, id: number) {
    await db.transaction().execute(async (trx) => {
      const r = await trx
        .deleteFrom("submission_saved_filters")
        .where("id", "=", id)
        .where("user_id", "=", actor.userId)
        .executeTakeFirst();
      if (!r.numDeletedRows) throw notFound({ vi: "bộ lọc", en: "filter" });
      await recordAudit(trx, actor, {
        action: "submission_filter.deleted",
        targetType: "submission_filter",
        targetId: id,
        unitId: actor.actingUnitId,
      });
    });
  }

  async function notifications(actor: Actor) {
    const rows = await db
      .selectFrom("submission_notifications")
      .select(["id", "submission_id", "kind", "title_vi", "title_en", "created_at", "read_at"])
      .where("user_id", "=", actor.userId)
      .orderBy("id", "desc")
      .limit(100)
      .execute();
    return {
      items: rows.map((r) => ({
        id: r.id,
        submissionId: r.submission_id,
        kind: r.kind,
        title: { vi: r.title_vi, en: r.title_en },
        createdAt: r.created_at,
        readAt: r.read_at,
      })),
      unread: rows.filter((r) => !r.read_at).length,
    };
  }

  async function markRead(actor: Actor, id: number | "all") {
    let q = db
      .updateTable("submission_notifications")
      .set({ read_at: sql<string>`now()` })
      .where("user_id", "=", actor.userId)
      .where("read_at", "is", null);
    if (id !== "all") q = q.where("id", "=", id);
    await q.execute();
  }

  /* ---------------------------------------------------------------- crime-method warnings */
  async function listWarnings(actor: Actor) {
    const scope = await scopeFor(db, actor, "submission.read");
    const rows = await db
      .selectFrom("crime_warnings as w")
      .innerJoin("org_units as u", "u.id", "w.unit_id")
      .select([
        "w.id",
        "w.unit_id",
        "u.name as unit_name",
        sql<string>`u.path::text`.as("path"),
        "w.title",
        "w.body",
        "w.status",
        "w.published_on",
        "w.expires_on",
      ])
      .where(unitInScope(sql.ref("w.unit_id"), scope))
      .orderBy("w.published_on", "desc")
      .orderBy("w.id", "desc")
      .limit(200)
      .execute();
    return {
      items: rows.map((r) => ({
        id: r.id,
        unit: { id: r.unit_id, name: r.unit_name },
        title: r.title,
        body: r.body,
        status: r.status,
        publishedOn: r.published_on,
        expiresOn: r.expires_on,
        abilities: { update: actorCan(actor, "warning.manage", r.path) },
      })),
    };
  }

  async function createWarning(
    actor: Actor,
    w: { unitId: number; title: string; body: string; publishedOn?: string; expiresOn?: string | null },
  ) {
    const unit = await unitInfo(db, w.unitId);
    if (!unit || !actorCan(actor, "warning.manage", unit.path)) throw notFound({ vi: "đơn vị", en: "unit" });
    return db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto("crime_warnings")
        .values({
          unit_id: unit.id,
          province_id: unit.kind === "province" ? unit.id : unit.province_id,
          title: w.title,
          body: w.body,
          published_on: w.publishedOn,
          expires_on: w.expiresOn ?? null,
          created_by: actor.userId,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, {
        action: "crime_warning.published",
        targetType: "crime_warning",
        targetId: row.id,
        unitId: unit.id,
        after: { title: w.title },
      });
      return { id: row.id };
    });
  }

  async function updateWarning(
    actor: Actor,
    id: number,
    patch: {
      title?: string;
      body?: string;
      status?: "draft" | "published" | "withdrawn";
      expiresOn?: string | null;
    },
  ) {
    const scope = await scopeFor(db, actor, "warning.manage");
    return db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom("crime_warnings as w")
        .selectAll()
        .where("w.id", "=", id)
        .where(unitInScope(sql.ref("w.unit_id"), scope))
        .executeTakeFirst();
      if (!row) throw notFound({ vi: "cảnh báo", en: "warning" });
      const set = {
        ...(patch.title !== undefined ? { title: patch.title } : {}),
        ...(patch.body !== undefined ? { body: patch.body } : {}),
        ...(patch.status !== undefined ? { status: patch.status } : {}),
        ...(patch.expiresOn !== undefined ? { expires_on: patch.expiresOn } : {}),
      };
      await trx
        .updateTable("crime_warnings")
        .set({ ...set, updated_at: sql<string>`now()` })
        .where("id", "=", id)
        .execute();
      await recordAudit(trx, actor, {
        action: "crime_warning.updated",
        targetType: "crime_warning",
        targetId: id,
        unitId: row.unit_id,
        before: { status: row.status, title: row.title },
        after: set,
      });
      return { id };
    });
  }

  return {
    listRules,
    updateRule,
    listHolidays,
    putHoliday,
    deleteHoliday,
    templates,
    createTemplate,
    savedFilters,
    saveFilter,
    deleteFilter,
    notifications,
    markRead,
    listWarnings,
    createWarning,
    updateWarning,
  };
}
