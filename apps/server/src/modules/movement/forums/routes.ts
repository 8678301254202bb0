import { forumBody, forumListQuery, forumPatchBody, opinionBody } from "@danvan/shared/schemas/movement";
import { z } from "zod";
import type { AppDeps, ZodApp } from "../../../app.ts";
import { actorOf } from "../../../platform/auth/plugin.ts";
import { makeForumsService } from "./service.ts";

const idParams = z.strictObject({ id: z.coerce.number().int().positive() });
const tags = ["movement"];
const P = "/api/v1/movement/forums";
export const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

export function registerForumRoutes(app: ZodApp, deps: AppDeps) {
  const service = makeForumsService(deps.db);
  app.get(
    P,
    { schema: { tags, summary: "Listening forums of a unit's subtree", querystring: forumListQuery } },
    async (req) => service.list(actorOf(req), req.query),
  );
  app.get(
    `${P}/:id`,
    { schema: { tags, summary: "A forum with its opinions and how each was handled", params: idParams } },
    async (req) => service.get(actorOf(req), req.params.id),
  );
  app.post(P, { schema: { tags, summary: "Plan or record a forum", body: forumBody } }, async (req, reply) =>
    reply.status(201).send(await service.create(actorOf(req), req.body)),
  );
  app.patch(
    `${P}/:id`,
    {
      schema: {
        tags,
        summary: "Change a forum (held, attendance...)",
        params: idParams,
        body: forumPatchBody,
      },
    },
    async (req) => service.update(actorOf(req), req.params.id, req.body),
  );
  app.delete(
    `${P}/:id`,
    { schema: { tags, summary: "Delete a forum without opinions", params: idParams } },
    async (req, reply) => {
      await service.remove(actorOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
  app.post(
    `${P}/:id/opinions`,
    {
      schema: {
        tags,
        summary: "Record an opinion raised (it becomes a citizen-channel item)",
        params: idParams,
        body: opinionBody,
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.addOpinion(actorOf(req), req.params.id, req.body)),
  );
  app.post(
    `${P}/:id/opinions/link`,
    {
      schema: {
        tags,
        summary: "Pass opinions recorded before the citizen channel existed into it",
        params: idParams,
      },
    },
    async (req) => service.linkPendingOpinions(actorOf(req), req.params.id),
  );
  app.get(
    `${P}/:id/report.docx`,
    { schema: { tags, summary: "The forum report (DOCX)", params: idParams } },
    async (req, reply) => {
      const { buffer, fileName } = await service.reportDocx(actorOf(req), req.params.id);
      return reply
        .header("content-type", DOCX)
        .header("content-disposition", `attachment; filename="${fileName}"`)
        .send(buffer);
    },
  );
}
