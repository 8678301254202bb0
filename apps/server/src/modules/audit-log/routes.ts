import {
  auditActionsSchema,
  auditPageSchema,
  auditQuery,
  auditVerifySchema,
} from "@danvan/shared/schemas/accounts";
import type { AppDeps, ZodApp } from "../../app.ts";
import { verifyAuditChain } from "../../platform/audit/audit.ts";
import { actorOf } from "../../platform/auth/plugin.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import { scopeFor } from "../../platform/authz/scope.ts";
import { badRequest, forbidden } from "../../platform/http/errors.ts";
import { decodeCursor, toPage } from "../../platform/http/pagination.ts";
import { type AuditRow, distinctActions, searchAudit } from "./repo.ts";

const tags = ["audit"];

const notAuditor = () =>
  forbidden({
    vi: "Chỉ cán bộ thanh tra, kiểm tra được xem nhật ký hệ thống.",
    en: "Only auditors may read the audit log.",
  });

/** The auditor's scope; refuses anyone who may read the log nowhere. */
async function auditScope(deps: AppDeps, actor: Actor) {
  const scope = await scopeFor(deps.db, actor, "audit.read");
  if (scope.roots.length === 0) throw notAuditor();
  // entries that name no unit (system-wide events) belong to the Ministry root
  const atRoot = scope.roots.some((r) => !r.includes("."));
  return { scope, atRoot };
}

function present(row: AuditRow) {
  const kind = row.actor_id != null ? "user" : row.actor_name === "public" ? "public" : "system";
  return {
    id: row.id,
    at: row.at,
    actor:
      row.actor_id != null
        ? { id: row.actor_id, name: row.actor_full_name ?? row.actor_name ?? "", username: row.actor_name }
        : null,
    actorKind: kind as "user" | "public" | "system",
    actingUnit:
      row.acting_unit_id != null ? { id: row.acting_unit_id, name: row.acting_unit_name ?? "" } : null,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    unit: row.unit_id != null ? { id: row.unit_id, name: row.unit_name ?? "" } : null,
    ip: row.ip,
    before: row.before,
    after: row.after,
    reason: row.reason,
  };
}

/** Reading the log is not itself audited; revealing sealed fields (other modules) is. */
export function auditRoutes(app: ZodApp, deps: AppDeps) {
  app.get(
    "/api/v1/audit",
    {
      schema: {
        tags,
        summary: "Search the audit trail (auditors; scoped by the entry's unit; newest first)",
        querystring: auditQuery,
        response: { 200: auditPageSchema },
      },
    },
    async (request) => {
      const { scope, atRoot } = await auditScope(deps, actorOf(request));
      const { cursor, limit, ...filters } = request.query;
      const decoded = decodeCursor(cursor);
      if (decoded && (typeof decoded[0] !== "number" || !Number.isInteger(decoded[0])))
        throw badRequest("invalid_cursor", {
          vi: "Con trỏ phân trang không hợp lệ.",
          en: "Invalid pagination cursor.",
        });
      const rows = await searchAudit(
        deps.db,
        scope,
        atRoot,
        filters,
        limit,
        decoded?.[0] as number | undefined,
      );
      const page = toPage(rows, limit, (r) => [r.id]);
      return { items: page.items.map(present), nextCursor: page.nextCursor };
    },
  );

  app.get(
    "/api/v1/audit/actions",
    {
      schema: {
        tags,
        summary: "The actions found in the audit trail",
        response: { 200: auditActionsSchema },
      },
    },
    async (request) => {
      await auditScope(deps, actorOf(request));
      return { items: await distinctActions(deps.db) };
    },
  );

  app.get(
    "/api/v1/audit/verify",
    {
      schema: {
        tags,
        summary: "Walk the hash chains and report the first broken link",
        response: { 200: auditVerifySchema },
      },
    },
    async (request) => {
      await auditScope(deps, actorOf(request));
      return verifyAuditChain(deps.db);
    },
  );
}
