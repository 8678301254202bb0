import { analysisQuery, drilldownQuery, exportQuery } from "@danvan/shared/schemas/reports";
import type { AppDeps, ZodApp } from "../../app.ts";
import { actorOf } from "../../platform/auth/plugin.ts";
import { scopeFor } from "../../platform/authz/scope.ts";
import { notFound } from "../../platform/http/errors.ts";
import { analyse, drilldown } from "./analysis.ts";
import { contentDisposition, toCsv, toXlsx } from "./export.ts";

export function registerAnalysisRoutes(app: ZodApp, deps: AppDeps) {
  app.get(
    "/api/v1/reports/analysis",
    {
      schema: {
        tags: ["reports"],
        summary: "Indicators for a unit's subtree and a period, with last year, broken down",
        querystring: analysisQuery,
      },
    },
    async (request) => analyse(deps.db, actorOf(request), request.query),
  );

  app.get(
    "/api/v1/reports/analysis/export",
    {
      schema: {
        tags: ["reports"],
        summary: "The same analysis as XLSX or CSV, with its filters written at the top",
        querystring: exportQuery,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { format, ...q } = request.query;
      // exporting is its own permission; without it the unit is out of reach (404, never 403)
      const exportScope = await scopeFor(deps.db, actor, "report.export");
      if (exportScope.roots.length === 0) throw notFound({ vi: "đơn vị", en: "unit" });
      const result = await analyse(deps.db, actor, q);
      const by = `${actor.fullName} (${actor.username})`;
      const base = `so-lieu-${result.unit.name}-${result.period.spec}`;
      if (format === "csv")
        return reply
          .header("content-type", "text/csv; charset=utf-8")
          .header("content-disposition", contentDisposition(`${base}.csv`))
          .send(toCsv(result, by));
      return reply
        .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("content-disposition", contentDisposition(`${base}.xlsx`))
        .send(await toXlsx(result, by));
    },
  );

  app.get(
    "/api/v1/reports/drilldown",
    {
      schema: {
        tags: ["reports"],
        summary: "The records behind a figure, within scope",
        querystring: drilldownQuery,
      },
    },
    async (request) => {
      const q = request.query;
      return drilldown(deps.db, actorOf(request), { ...q, lastYear: q.lastYear === "true" });
    },
  );
}
