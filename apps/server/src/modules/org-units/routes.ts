import {
  asOfQuery,
  asOfResult,
  childrenQuery,
  closeBody,
  createUnitBody,
  currentResult,
  IMPORT_MAX_BYTES,
  idParams,
  importJob,
  importJobParams,
  importStarted,
  lineageResult,
  mergeBody,
  moveBody,
  patchUnitBody,
  renameBody,
  rootsQuery,
  searchQuery,
  searchResult,
  splitBody,
  unitDetail,
  unitList,
  unitSummary,
} from "@danvan/shared/schemas/org-units";
import fastifyMultipart from "@fastify/multipart";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { AppDeps, ZodApp } from "../../app.ts";
import { actorOf } from "../../platform/auth/plugin.ts";
import { badRequest, forbidden, notFound } from "../../platform/http/errors.ts";
import { csvTemplate, liveProgress, startImportJob, xlsxTemplate } from "./import.ts";
import { presentImportJob } from "./present.ts";
import { findImportJob } from "./repo.ts";
import { grantedScope, makeOrgUnitsService } from "./service.ts";

const tags = ["org-units"];
const STALE_JOB_MS = 15 * 60_000;
const INTERRUPTED = {
  row: 0,
  column: null,
  value: null,
  messages: {
    vi: "Lượt nhập bị gián đoạn; không có dữ liệu nào được lưu. Hãy nhập lại tệp.",
    en: "The import was interrupted; nothing was stored. Upload the file again.",
  },
};
const P = "/api/v1/org-units";

/** The org-units routes, in their own plugin scope (multipart uploads are parsed only here). */
export function orgUnitRoutes(deps: AppDeps) {
  const service = makeOrgUnitsService({ db: deps.db });

  return async (instance: ZodApp) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    if (!app.hasContentTypeParser("multipart/form-data"))
      await app.register(fastifyMultipart, {
        limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 10, parts: 11, fieldSize: 10_000 },
      });

    app.get(
      `${P}/roots`,
      {
        schema: {
          tags,
          summary: "The top units of the caller's scope",
          querystring: rootsQuery,
          response: { 200: unitList },
        },
      },
      async (request) => service.roots(actorOf(request), request.query.includeClosed),
    );

    app.get(
      `${P}/search`,
      {
        schema: {
          tags,
          summary: 'Diacritic-free search over unit names ("dak nia" finds "Đắk Nia")',
          querystring: searchQuery,
          response: { 200: searchResult },
        },
      },
      async (request) => service.search(actorOf(request), request.query),
    );

    // ------------------------------------------------------------ import
    app.get(
      `${P}/import/template.xlsx`,
      { schema: { tags, summary: "Import template (Excel)" } },
      async (_request, reply) =>
        reply
          .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
          .header("content-disposition", 'attachment; filename="mau-nhap-don-vi.xlsx"')
          .send(await xlsxTemplate()),
    );
    app.get(
      `${P}/import/template.csv`,
      { schema: { tags, summary: "Import template (CSV)" } },
      async (_request, reply) =>
        reply
          .type("text/csv; charset=utf-8")
          .header("content-disposition", 'attachment; filename="mau-nhap-don-vi.csv"')
          .send(csvTemplate()),
    );

    app.post(
      `${P}/import`,
      {
        schema: {
          tags,
          summary: 'Start an import of units and residential areas (multipart field "file", .csv or .xlsx)',
          response: { 202: importStarted },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const scope = grantedScope(actor, "orgUnit.import");
        if (scope.roots.length === 0) throw forbidden();
        if (!request.isMultipart())
          throw badRequest("file_required", {
            vi: 'Hãy gửi tệp trong trường "file" (multipart/form-data).',
            en: 'Send the file in the multipart field "file".',
          });
        const part = await request.file();
        if (part?.fieldname !== "file")
          throw badRequest("file_required", {
            vi: 'Hãy gửi tệp trong trường "file".',
            en: 'Send the file in the field "file".',
          });
        const buffer = await part.toBuffer();
        const name = part.filename || "upload";
        const lower = name.toLowerCase();
        const isZip = buffer.subarray(0, 2).toString("latin1") === "PK";
        const format =
          lower.endsWith(".xlsx") && isZip ? "xlsx" : lower.endsWith(".csv") && !isZip ? "csv" : null;
        if (!format)
          throw badRequest("unsupported_file", {
            vi: "Chỉ nhận tệp .csv hoặc .xlsx.",
            en: "Only .csv and .xlsx files are accepted.",
          });
        const jobId = await startImportJob(deps, actor, { name, buffer, format });
        return reply.status(202).send({ jobId });
      },
    );

    app.get(
      `${P}/import/:jobId`,
      {
        schema: {
          tags,
          summary: "Progress and report of an import",
          params: importJobParams,
          response: { 200: importJob },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const job = await findImportJob(deps.db, request.params.jobId, actor.userId);
        if (!job) throw notFound({ vi: "lượt nhập dữ liệu", en: "import" });
        const out = presentImportJob(job);
        const l = liveProgress(out.id);
        const running = out.status === "validating" || out.status === "importing";
        if (l && running)
          return { ...out, status: l.status, processed: Math.max(out.processed, l.processed) };
        // a job no server has touched for a long while was interrupted (its transaction never committed)
        if (running && Date.now() - Date.parse(job.updated_at) > STALE_JOB_MS)
          return { ...out, status: "failed" as const, errors: [INTERRUPTED] };
        return out;
      },
    );

    // ------------------------------------------------------------ lineage operations without a unit id
    app.post(
      `${P}/merge`,
      {
        schema: {
          tags,
          summary: "Merge units into an existing or a new unit",
          body: mergeBody,
          response: { 200: lineageResult },
        },
      },
      async (request) => service.merge(actorOf(request), request.body),
    );

    app.post(
      P,
      {
        schema: {
          tags,
          summary: "Create a unit (department, residential area, ...)",
          body: createUnitBody,
          response: { 201: unitSummary },
        },
      },
      async (request, reply) => reply.status(201).send(await service.create(actorOf(request), request.body)),
    );

    // ------------------------------------------------------------ one unit
    app.get(
      `${P}/:id`,
      {
        schema: { tags, summary: "A unit with its history", params: idParams, response: { 200: unitDetail } },
      },
      async (request) => service.detail(actorOf(request), request.params.id),
    );

    app.get(
      `${P}/:id/children`,
      {
        schema: {
          tags,
          summary: "Children of a unit in Vietnamese order, today or as of a date",
          params: idParams,
          querystring: childrenQuery,
          response: { 200: unitList },
        },
      },
      async (request) => service.children(actorOf(request), request.params.id, request.query),
    );

    app.get(
      `${P}/:id/as-of`,
      {
        schema: {
          tags,
          summary: "The unit's name and parent chain as they stood on a date",
          params: idParams,
          querystring: asOfQuery,
          response: { 200: asOfResult },
        },
      },
      async (request) => service.asOf(actorOf(request), request.params.id, request.query.date),
    );

    app.get(
      `${P}/:id/current`,
      {
        schema: {
          tags,
          summary: "Today's unit(s) for a historical unit, through its lineage",
          params: idParams,
          response: { 200: currentResult },
        },
      },
      async (request) => service.current(actorOf(request), request.params.id),
    );

    app.patch(
      `${P}/:id`,
      {
        schema: {
          tags,
          summary: "Change a unit's flags or code",
          params: idParams,
          body: patchUnitBody,
          response: { 200: unitSummary },
        },
      },
      async (request) => service.update(actorOf(request), request.params.id, request.body),
    );

    app.post(
      `${P}/:id/rename`,
      {
        schema: {
          tags,
          summary: "Rename a unit from a date",
          params: idParams,
          body: renameBody,
          response: { 200: unitSummary },
        },
      },
      async (request) => service.rename(actorOf(request), request.params.id, request.body),
    );

    app.post(
      `${P}/:id/close`,
      {
        schema: {
          tags,
          summary: "Close a unit from a date",
          params: idParams,
          body: closeBody,
          response: { 200: unitSummary },
        },
      },
      async (request) => service.close(actorOf(request), request.params.id, request.body),
    );

    app.post(
      `${P}/:id/move`,
      {
        schema: {
          tags,
          summary: "Move a unit with its subtree under another parent",
          params: idParams,
          body: moveBody,
          response: { 200: unitSummary },
        },
      },
      async (request) => service.move(actorOf(request), request.params.id, request.body),
    );

    app.post(
      `${P}/:id/split`,
      {
        schema: {
          tags,
          summary: "Split a unit into new units",
          params: idParams,
          body: splitBody,
          response: { 200: lineageResult },
        },
      },
      async (request) => service.split(actorOf(request), request.params.id, request.body),
    );
  };
}
