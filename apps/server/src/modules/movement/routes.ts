import { IMPORT_KINDS } from "@danvan/shared/schemas/movement";
import fastifyMultipart from "@fastify/multipart";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps, ZodApp } from "../../app.ts";
import { actorOf } from "../../platform/auth/plugin.ts";
import { badRequest, notFound } from "../../platform/http/errors.ts";
import { evaluateWithLastYear, listIndicators } from "../../platform/indicators/registry.ts";
import { registerActivityRoutes } from "./activities/routes.ts";
import { MAX_ATTACHMENT_BYTES, makeAttachmentsService, type OwnerType } from "./attachments.ts";
import { registerCatalogRoutes } from "./catalog/routes.ts";
import { movementScopes, unitInScopeOr404 } from "./common.ts";
import { registerForumRoutes } from "./forums/routes.ts";
import { findJob, IMPORT_MAX_BYTES, liveProgress, startImport, xlsxTemplate } from "./import.ts";
import { registerModelRoutes } from "./models/routes.ts";
import { registerPledgeRoutes } from "./pledges/routes.ts";
import { canRecord } from "./policy.ts";
import { registerWeaponRoutes } from "./weapons/routes.ts";

const tags = ["movement"];
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const OWNERS: Record<string, OwnerType> = {
  models: "model",
  activities: "activity",
  forums: "forum",
  weapons: "weapon_surrender",
};

/** The figures a unit's movement overview shows (evaluated by the indicator registry, with last year's). */
export const OVERVIEW_CODES = [
  "movement.models.count",
  "movement.models.new",
  "movement.models.members",
  "movement.activities.count",
  "movement.activities.participants",
  "movement.activities.pledge_drive.count",
  "movement.results.households_signed",
  "movement.pledges.households_signed",
  "movement.pledges.rate",
  "movement.activities.patrol.count",
  "movement.forums.count",
  "movement.forums.opinions",
  "movement.weapons.guns",
  "movement.results.charity_value_vnd",
];

/** The movement routes, in their own plugin scope (multipart uploads are parsed only here). */
export function movementRoutes(deps: AppDeps) {
  return async (instance: ZodApp) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    if (!app.hasContentTypeParser("multipart/form-data"))
      await app.register(fastifyMultipart, {
        limits: {
          fileSize: Math.max(IMPORT_MAX_BYTES, MAX_ATTACHMENT_BYTES),
          files: 1,
          fields: 10,
          parts: 11,
          fieldSize: 10_000,
        },
      });
    registerCatalogRoutes(app, deps);
    registerModelRoutes(app, deps);
    registerActivityRoutes(app, deps);
    registerForumRoutes(app, deps);
    registerPledgeRoutes(app, deps);
    registerWeaponRoutes(app, deps);

    const attachments = makeAttachmentsService(deps.db);
    app.post(
      "/api/v1/movement/:owner/:id/attachments",
      {
        schema: {
          tags,
          summary: 'Attach a photo, minutes or decision (multipart field "file")',
          params: z.strictObject({
            owner: z.enum(["models", "activities", "forums", "weapons"]),
            id: z.coerce.number().int().positive(),
          }),
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        if (!req.isMultipart())
          throw badRequest("file_required", {
            vi: 'Hãy gửi tệp trong trường "file".',
            en: 'Send the file in the field "file".',
          });
        const part = await req.file({ limits: { fileSize: MAX_ATTACHMENT_BYTES } });
        if (part?.fieldname !== "file")
          throw badRequest("file_required", {
            vi: 'Hãy gửi tệp trong trường "file".',
            en: 'Send the file in the field "file".',
          });
        const content = await part.toBuffer();
        const saved = await attachments.upload(actor, OWNERS[req.params.owner], req.params.id, {
          fileName: part.filename || "tep-dinh-kem",
          mimeType: part.mimetype,
          content,
        });
        return reply.status(201).send(saved);
      },
    );
    app.get(
      "/api/v1/movement/attachments/:id",
      {
        schema: {
          tags,
          summary: "Download an attachment",
          params: z.strictObject({ id: z.coerce.number().int().positive() }),
        },
      },
      async (req, reply) => {
        const a = await attachments.download(actorOf(req), req.params.id);
        return reply
          .header("content-type", a.mime_type)
          .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(a.file_name)}`)
          .send(a.content);
      },
    );
    app.delete(
      "/api/v1/movement/attachments/:id",
      {
        schema: {
          tags,
          summary: "Delete an attachment",
          params: z.strictObject({ id: z.coerce.number().int().positive() }),
        },
      },
      async (req, reply) => {
        await attachments.remove(actorOf(req), req.params.id);
        return reply.status(204).send();
      },
    );

    // ------------------------------------------------------------ import
    const kindParams = z.strictObject({ kind: z.enum(IMPORT_KINDS) });
    app.get(
      "/api/v1/movement/import/:kind/template.xlsx",
      { schema: { tags, summary: "The XLSX template of a record type", params: kindParams } },
      async (req, reply) =>
        reply
          .header("content-type", XLSX)
          .header("content-disposition", `attachment; filename="mau-nhap-${req.params.kind}.xlsx"`)
          .send(await xlsxTemplate(deps.db, req.params.kind)),
    );
    app.post(
      "/api/v1/movement/import/:kind",
      {
        schema: {
          tags,
          summary: 'Start an import (multipart field "file", .xlsx or .csv); all rows or none',
          params: kindParams,
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const scopes = await movementScopes(deps.db, actor);
        if (scopes.record.roots.length === 0) throw notFound({ vi: "chức năng", en: "feature" });
        if (!req.isMultipart())
          throw badRequest("file_required", {
            vi: 'Hãy gửi tệp trong trường "file".',
            en: 'Send the file in the field "file".',
          });
        const part = await req.file({ limits: { fileSize: IMPORT_MAX_BYTES } });
        if (part?.fieldname !== "file")
          throw badRequest("file_required", {
            vi: 'Hãy gửi tệp trong trường "file".',
            en: 'Send the file in the field "file".',
          });
        const buffer = await part.toBuffer();
        const name = part.filename || "import.xlsx";
        const format = /\.csv$/i.test(name) ? "csv" : /\.xlsx$/i.test(name) ? "xlsx" : null;
        if (!format)
          throw badRequest("unsupported_file_type", {
            vi: "Chỉ nhận tệp .xlsx hoặc .csv.",
            en: "Only .xlsx or .csv files.",
          });
        const jobId = await startImport(deps.db, actor, req.params.kind, { name, buffer, format });
        return reply.status(202).send({ jobId });
      },
    );
    app.get(
      "/api/v1/movement/import/jobs/:jobId",
      {
        schema: {
          tags,
          summary: "Progress and row-by-row report of an import",
          params: z.strictObject({ jobId: z.coerce.number().int().positive() }),
        },
      },
      async (req) => {
        const actor = actorOf(req);
        const job = await findJob(deps.db, req.params.jobId, actor.userId);
        if (!job) throw notFound({ vi: "lượt nhập", en: "import job" });
        const live = liveProgress(Number(job.id));
        return {
          id: Number(job.id),
          kind: job.kind.replace(/^movement\./, ""),
          status: live?.status ?? job.status,
          fileName: job.file_name,
          total: live?.total || Number(job.total),
          processed: live?.processed ?? Number(job.processed),
          created: Number(job.created),
          errors: job.errors,
          finishedAt: job.finished_at,
        };
      },
    );

    // ------------------------------------------------------------ overview
    app.get(
      "/api/v1/movement/overview",
      {
        schema: {
          tags,
          summary: "A unit's movement figures for a year (indicator registry), with last year's",
          querystring: z.strictObject({
            unitId: z.coerce.number().int().positive(),
            year: z.coerce.number().int().min(1990).max(2100).optional(),
            lineage: z.enum(["current", "historical"]).default("current"),
          }),
        },
      },
      async (req) => {
        const actor = actorOf(req);
        const scopes = await movementScopes(deps.db, actor);
        const unit = await unitInScopeOr404(deps.db, scopes.read, req.query.unitId);
        const year = req.query.year ?? new Date().getFullYear();
        const values = await evaluateWithLastYear(deps.db, {
          codes: OVERVIEW_CODES,
          groups: [{ key: String(unit.id), root: unit.path }],
          from: `${year}-01-01`,
          to: `${year + 1}-01-01`,
          lineage: req.query.lineage,
        });

        const labels = new Map(listIndicators().map((d) => [d.code, d]));
        return {
          unit: { id: unit.id, name: unit.name },
          year,
          canRecord: canRecord(scopes, unit.path),
          figures: values.map((v) => ({
            code: v.code,
            label: labels.get(v.code)?.label ?? { vi: v.code, en: v.code },
            unit: labels.get(v.code)?.unit ?? { vi: "", en: "" },
            value: v.value,
            lastYear: v.lastYear,
            diff: v.diff,
            percent: v.percent,
          })),
        };
      },
    );
  };
}
