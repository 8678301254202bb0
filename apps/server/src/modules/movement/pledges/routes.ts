import { pledgeBody, pledgeListQuery } from "@danvan/shared/schemas/movement";
import { z } from "zod";
import type { AppDeps, ZodApp } from "../../../app.ts";
import { actorOf } from "../../../platform/auth/plugin.ts";
import { makePledgesService } from "./service.ts";

const tags = ["movement"];
const P = "/api/v1/movement/pledges";

export function registerPledgeRoutes(app: ZodApp, deps: AppDeps) {
  const service = makePledgesService(deps.db);
  app.get(
    P,
    {
      schema: {
        tags,
        summary: "Household pledges per area and year, with totals and rates",
        querystring: pledgeListQuery,
      },
    },
    async (req) => service.list(actorOf(req), req.query),
  );
  app.put(
    P,
    { schema: { tags, summary: "Record (or replace) an area's pledge figure for a year", body: pledgeBody } },
    async (req) => service.save(actorOf(req), req.body),
  );
  app.delete(
    `${P}/:id`,
    {
      schema: {
        tags,
        summary: "Delete a pledge figure",
        params: z.strictObject({ id: z.coerce.number().int().positive() }),
      },
    },
    async (req, reply) => {
      await service.remove(actorOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
}
