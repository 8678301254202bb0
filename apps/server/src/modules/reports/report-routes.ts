import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateBody, templateBody } from "@danvan/shared/schemas/reports";
import { sql } from "kysely";
import { z } from "zod";
import type { AppDeps, ZodApp } from "../../app.ts";
import { recordAudit } from "../../platform/audit/audit.ts";
import { actorOf } from "../../platform/auth/plugin.ts";
import { pathCovered, scopeFor, unitInScope } from "../../platform/authz/scope.ts";
import { pdfAvailable, renderDocxToPdf } from "../../platform/documents/pdf.ts";
import { AppError, forbidden, notFound } from "../../platform/http/errors.ts";
import { contentDisposition } from "./export.ts";
import { generateReport } from "./generate.ts";

const idParams = z.strictObject({ id: z.coerce.number().int().positive() });
const fileParams = idParams.extend({ format: z.enum(["docx", "xlsx", "pdf"]) });
const TEMPLATE = { vi: "mẫu báo cáo", en: "report template" };

const presentTemplate = (
  t: {
    id: number;
    name: string;
    unit_kind: string;
    doc_type: string;
    title: string;
    symbol: string;
    sections: unknown;
    recipients: unknown;
    active: boolean;
    updated_at: string;
  },
  canManage: boolean,
) => ({
  id: t.id,
  name: t.name,
  unitKind: t.unit_kind,
  docType: t.doc_type,
  title: t.title,
  symbol: t.symbol,
  sections: t.sections,
  recipients: t.recipients,
  active: t.active,
  updatedAt: t.updated_at,
  abilities: { update: canManage },
});

export function registerReportRoutes(app: ZodApp, deps: AppDeps) {
  const tags = ["reports"];
  const canManage = async (actor: ReturnType<typeof actorOf>) =>
    (await scopeFor(deps.db, actor, "report.template.manage")).roots.length > 0;

  app.get("/api/v1/reports/templates", { schema: { tags, summary: "Report templates" } }, async (request) => {
    const actor = actorOf(request);
    if ((await scopeFor(deps.db, actor, "report.read")).roots.length === 0) throw forbidden();
    const manage = await canManage(actor);
    const rows = await deps.db.selectFrom("report_templates").selectAll().orderBy("id").execute();
    return {
      items: rows.filter((r) => manage || r.active).map((r) => presentTemplate(r, manage)),
      abilities: { create: manage },
    };
  });

  app.post(
    "/api/v1/reports/templates",
    { schema: { tags, summary: "Create a report template", body: templateBody } },
    async (request, reply) => {
      const actor = actorOf(request);
      if (!(await canManage(actor))) throw forbidden();
      const b = request.body;
      const row = await deps.db.transaction().execute(async (trx) => {
        const r = await trx
          .insertInto("report_templates")
          .values({
            name: b.name,
            unit_kind: b.unitKind,
            doc_type: b.docType,
            title: b.title,
            symbol: b.symbol,
            sections: JSON.stringify(b.sections),
            recipients: JSON.stringify(b.recipients),
            active: b.active,
            created_by: actor.userId,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actor, {
          action: "report.template_created",
          targetType: "report_template",
          targetId: r.id,
          after: b,
        });
        return r;
      });
      return reply.status(201).send(presentTemplate(row, true));
    },
  );

  app.put(
    "/api/v1/reports/templates/:id",
    { schema: { tags, summary: "Replace a report template", params: idParams, body: templateBody } },
    async (request) => {
      const actor = actorOf(request);
      if (!(await canManage(actor))) throw forbidden();
      const b = request.body;
      const row = await deps.db.transaction().execute(async (trx) => {
        const before = await trx
          .selectFrom("report_templates")
          .selectAll()
          .where("id", "=", request.params.id)
          .executeTakeFirst();
        if (!before) throw notFound(TEMPLATE);
        const r = await trx
          .updateTable("report_templates")
          .set({
            name: b.name,
            unit_kind: b.unitKind,
            doc_type: b.docType,
            title: b.title,
            symbol: b.symbol,
            sections: JSON.stringify(b.sections),
            recipients: JSON.stringify(b.recipients),
            active: b.active,
            updated_at: new Date().toISOString(),
          })
          .where("id", "=", request.params.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actor, {
          action: "report.template_updated",
          targetType: "report_template",
          targetId: r.id,
          before,
          after: b,
        });
        return r;
      });
      return presentTemplate(row, true);
    },
  );

  app.post(
    "/api/v1/reports/generate",
    {
      schema: { tags, summary: "Generate a report (DOCX, XLSX) as a new saved version", body: generateBody },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await generateReport(deps.db, actorOf(request), { ...request.body, lineage: request.body.lineage }),
        ),
  );

  app.get(
    "/api/v1/reports/versions",
    {
      schema: {
        tags,
        summary: "Saved report versions of a unit's subtree",
        querystring: z.strictObject({
          unitId: z.coerce.number().int().positive(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const scope = await scopeFor(deps.db, actor, "report.read");
      const unit = await deps.db
        .selectFrom("org_units")
        .select(["id", sql<string>`path::text`.as("path")])
        .where("id", "=", request.query.unitId)
        .executeTakeFirst();
      if (!unit || !pathCovered(unit.path, scope)) throw notFound({ vi: "đơn vị", en: "unit" });
      const rows = await deps.db
        .selectFrom("report_versions as v")
        .innerJoin("org_units as u", "u.id", "v.unit_id")
        .leftJoin("users as g", "g.id", "v.generated_by")
        .select([
          "v.id",
          "v.unit_id",
          "u.name as unit_name",
          "v.template_id",
          "v.period_spec",
          "v.period_from",
          "v.period_to",
          "v.version",
          "v.number",
          "v.title",
          "v.contained",
          "v.generated_at",
          "g.full_name as generated_by",
          sql<boolean>`v.xlsx is not null`.as("has_xlsx"),
        ])
        .where(sql<boolean>`u.path <@ ${unit.path}::ltree`)
        .where(unitInScope(sql.ref("v.unit_id"), scope))
        .orderBy("v.generated_at", "desc")
        .limit(request.query.limit)
        .execute();
      return {
        items: rows.map((r) => ({
          id: r.id,
          unit: { id: r.unit_id, name: r.unit_name },
          templateId: r.template_id,
          period: { spec: r.period_spec, from: r.period_from, to: r.period_to },
          version: r.version,
          number: r.number,
          title: r.title,
          contained: r.contained,
          generatedAt: r.generated_at,
          generatedBy: r.generated_by,
          files: { docx: true, xlsx: r.has_xlsx, pdf: pdfAvailable() },
        })),
      };
    },
  );

  app.get(
    "/api/v1/reports/versions/:id/file/:format",
    { schema: { tags, summary: "Download a saved report as DOCX, XLSX or PDF", params: fileParams } },
    async (request, reply) => {
      const actor = actorOf(request);
      const scope = await scopeFor(deps.db, actor, "report.read");
      const v = await deps.db
        .selectFrom("report_versions as v")
        .innerJoin("org_units as u", "u.id", "v.unit_id")
        .select([
          "v.id",
          "v.docx",
          "v.xlsx",
          "v.version",
          "v.period_spec",
          "u.name",
          sql<string>`u.path::text`.as("path"),
        ])
        .where("v.id", "=", request.params.id)
        .executeTakeFirst();
      if (!v || !pathCovered(v.path, scope)) throw notFound({ vi: "báo cáo", en: "report" });
      const base = `bao-cao-${v.name}-${v.period_spec}-ban-${v.version}`;
      const { format } = request.params;
      if (format === "xlsx") {
        if (!v.xlsx) throw notFound({ vi: "bảng số liệu", en: "spreadsheet" });
        return reply
          .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
          .header("content-disposition", contentDisposition(`${base}.xlsx`))
          .send(v.xlsx);
      }
      if (format === "pdf") {
        if (!pdfAvailable())
          throw new AppError(501, "pdf_unavailable", {
            vi: "Máy chủ chưa cài LibreOffice để xuất PDF.",
            en: "LibreOffice is not installed on the server.",
          });
        const dir = mkdtempSync(join(tmpdir(), "danvan-report-"));
        try {
          const path = join(dir, "report.docx");
          writeFileSync(path, v.docx);
          const pdf = await renderDocxToPdf(path);
          return reply
            .header("content-type", "application/pdf")
            .header("content-disposition", contentDisposition(`${base}.pdf`))
            .send(readFileSync(pdf!));
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }
      return reply
        .header("content-type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        .header("content-disposition", contentDisposition(`${base}.docx`))
        .send(v.docx);
    },
  );
}
