import {
  approvalBody,
  approvalsQuery,
  definitionCreate,
  definitionUpdate,
  entryQuery,
  entrySave,
  FIGURE_PERIOD_TYPES,
  ruleCreate,
  unlockBody,
} from "@danvan/shared/schemas/figures";
import { z } from "zod";
import type { AppDeps, ZodApp } from "../../app.ts";
import { actorOf } from "../../platform/auth/plugin.ts";
import { makeFiguresService } from "./service.ts";

const idParams = z.strictObject({ id: z.coerce.number().int().positive() });

export function registerFigureRoutes(app: ZodApp, deps: AppDeps) {
  const svc = makeFiguresService(deps.db);
  const tags = ["figures"];
  app.get(
    "/api/v1/figures/definitions",
    {
      schema: {
        tags,
        summary: "Figures entered by units, and their validation rules",
        querystring: z.strictObject({ periodType: z.enum(FIGURE_PERIOD_TYPES).optional() }),
      },
    },
    async (request) => svc.listDefinitions(actorOf(request), request.query.periodType),
  );
  app.post(
    "/api/v1/figures/definitions",
    { schema: { tags, summary: "Define a figure (administrator)", body: definitionCreate } },
    async (request, reply) =>
      reply.status(201).send(await svc.createDefinition(actorOf(request), request.body)),
  );
  app.patch(
    "/api/v1/figures/definitions/:id",
    {
      schema: {
        tags,
        summary: "Change a figure's definition (administrator)",
        params: idParams,
        body: definitionUpdate,
      },
    },
    async (request) => svc.updateDefinition(actorOf(request), request.params.id, request.body),
  );
  app.post(
    "/api/v1/figures/rules",
    { schema: { tags, summary: "Add a validation rule between two figures", body: ruleCreate } },
    async (request, reply) => reply.status(201).send(await svc.createRule(actorOf(request), request.body)),
  );
  app.delete(
    "/api/v1/figures/rules/:id",
    { schema: { tags, summary: "Retire a validation rule", params: idParams } },
    async (request, reply) => {
      await svc.deleteRule(actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );
  app.get(
    "/api/v1/figures/entry",
    { schema: { tags, summary: "The data-entry grid of a unit and period", querystring: entryQuery } },
    async (request) =>
      svc.grid(actorOf(request), request.query.unitId, request.query.periodType, request.query.periodStart),
  );
  app.put(
    "/api/v1/figures/entry",
    {
      schema: {
        tags,
        summary: "Save a unit's figures for a period (validated; unusual values need confirmation)",
        body: entrySave,
      },
    },
    async (request) => svc.save(actorOf(request), request.body),
  );
  app.get(
    "/api/v1/figures/approvals",
    {
      schema: {
        tags,
        summary: "The children of a unit with their entry and approval status",
        querystring: approvalsQuery,
      },
    },
    async (request) =>
      svc.approvals(
        actorOf(request),
        request.query.parentId,
        request.query.periodType,
        request.query.periodStart,
      ),
  );
  app.post(
    "/api/v1/figures/approvals",
    { schema: { tags, summary: "Approve a unit's period (the level above); locks it", body: approvalBody } },
    async (request) => svc.approve(actorOf(request), request.body),
  );
  app.post(
    "/api/v1/figures/approvals/unlock",
    { schema: { tags, summary: "Unlock an approved period, with a reason", body: unlockBody } },
    async (request) => svc.unlock(actorOf(request), request.body),
  );
}
