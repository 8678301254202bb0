import {
  activityKindCreateBody,
  activityKindPatchBody,
  modelTypeCreateBody,
  modelTypePatchBody,
} from "@danvan/shared/schemas/movement";
import { z } from "zod";
import type { AppDeps, ZodApp } from "../../../app.ts";
import { actorOf } from "../../../platform/auth/plugin.ts";
import * as repo from "./repo.ts";
import { makeCatalogService, presentActivityKind, presentModelType } from "./service.ts";

const idParams = z.strictObject({ id: z.coerce.number().int().positive() });
const tags = ["movement"];

export function registerCatalogRoutes(app: ZodApp, deps: AppDeps) {
  const service = makeCatalogService(deps.db);
  app.get(
    "/api/v1/movement/model-types",
    { schema: { tags, summary: "Model types (catalogue)" } },
    async (req) => {
      const actor = actorOf(req);
      return { items: (await repo.listModelTypes(deps.db)).map((r) => presentModelType(r, actor)) };
    },
  );
  app.post(
    "/api/v1/movement/model-types",
    { schema: { tags, summary: "Add a model type", body: modelTypeCreateBody } },
    async (req, reply) => reply.status(201).send(await service.createModelType(actorOf(req), req.body)),
  );
  app.patch(
    "/api/v1/movement/model-types/:id",
    { schema: { tags, summary: "Change a model type", params: idParams, body: modelTypePatchBody } },
    async (req) => service.updateModelType(actorOf(req), req.params.id, req.body),
  );
  app.get(
    "/api/v1/movement/activity-kinds",
    { schema: { tags, summary: "Activity kinds with their result forms (catalogue)" } },
    async (req) => {
      const actor = actorOf(req);
      return { items: (await repo.listActivityKinds(deps.db)).map((r) => presentActivityKind(r, actor)) };
    },
  );
  app.post(
    "/api/v1/movement/activity-kinds",
    { schema: { tags, summary: "Add an activity kind and its result form", body: activityKindCreateBody } },
    async (req, reply) => reply.status(201).send(await service.createActivityKind(actorOf(req), req.body)),
  );
  app.patch(
    "/api/v1/movement/activity-kinds/:id",
    { schema: { tags, summary: "Change an activity kind", params: idParams, body: activityKindPatchBody } },
    async (req) => service.updateActivityKind(actorOf(req), req.params.id, req.body),
  );
}
