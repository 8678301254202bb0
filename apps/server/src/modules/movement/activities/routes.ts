import {
  activityBody,
  activityBulkBody,
  activityCopyBody,
  activityListQuery,
} from "@danvan/shared/schemas/movement";
import { z } from "zod";
import type { AppDeps, ZodApp } from "../../../app.ts";
import { actorOf } from "../../../platform/auth/plugin.ts";
import { badRequest } from "../../../platform/http/errors.ts";
import { makeActivitiesService } from "./service.ts";

const idParams = z.strictObject({ id: z.coerce.number().int().positive() });
const tags = ["movement"];
const P = "/api/v1/movement/activities";

export function registerActivityRoutes(app: ZodApp, deps: AppDeps) {
  const service = makeActivitiesService(deps.db);
  app.get(
    P,
    {
      schema: {
        tags,
        summary: "Activities of a unit's subtree, newest first (cursor pages)",
        querystring: activityListQuery,
      },
    },
    async (req) => service.list(actorOf(req), req.query),
  );
  app.get(
    `${P}/calendar`,
    {
      schema: {
        tags,
        summary: "Activities per day and kind (calendar)",
        querystring: z.strictObject({
          unitId: z.coerce.number().int().positive().optional(),
          from: z.iso.date(),
          to: z.iso.date(),
        }),
      },
    },
    async (req) => {
      const { from, to } = req.query;
      const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
      if (days < 0 || days > 62)
        throw badRequest("invalid_period", {
          vi: "Khoảng ngày của lịch tối đa 62 ngày.",
          en: "The calendar spans at most 62 days.",
        });
      return service.calendar(actorOf(req), req.query.unitId, from, to);
    },
  );
  app.get(`${P}/:id`, { schema: { tags, summary: "An activity", params: idParams } }, async (req) =>
    service.get(actorOf(req), req.params.id),
  );
  app.post(
    P,
    { schema: { tags, summary: "Record an activity with its results", body: activityBody } },
    async (req, reply) => reply.status(201).send(await service.create(actorOf(req), req.body)),
  );
  app.post(
    `${P}/bulk`,
    {
      schema: {
        tags,
        summary: "Record several activities at once (a week of patrols)",
        body: activityBulkBody,
      },
    },
    async (req, reply) => reply.status(201).send(await service.createBulk(actorOf(req), req.body)),
  );
  app.put(
    `${P}/:id`,
    { schema: { tags, summary: "Change an activity", params: idParams, body: activityBody } },
    async (req) => service.update(actorOf(req), req.params.id, req.body),
  );
  app.post(
    `${P}/:id/copy`,
    {
      schema: { tags, summary: "Copy an activity to another date", params: idParams, body: activityCopyBody },
    },
    async (req, reply) =>
      reply.status(201).send(await service.copy(actorOf(req), req.params.id, req.body.occurredOn)),
  );
  app.delete(
    `${P}/:id`,
    { schema: { tags, summary: "Delete an activity", params: idParams } },
    async (req, reply) => {
      await service.remove(actorOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
}
