import {
  consentBody,
  memberBody,
  modelCreateBody,
  modelListQuery,
  modelPatchBody,
  recognitionBody,
  reviewBody,
} from "@danvan/shared/schemas/movement";
import { z } from "zod";
import type { AppDeps, ZodApp } from "../../../app.ts";
import { actorOf } from "../../../platform/auth/plugin.ts";
import { makeModelsService } from "./service.ts";

const idParams = z.strictObject({ id: z.coerce.number().int().positive() });
const subParams = z.strictObject({
  id: z.coerce.number().int().positive(),
  subId: z.coerce.number().int().positive(),
});
const tags = ["movement"];
const P = "/api/v1/movement/models";

export function registerModelRoutes(app: ZodApp, deps: AppDeps) {
  const service = makeModelsService(deps.db);
  app.get(
    P,
    { schema: { tags, summary: "Models in scope (filters, cursor pages)", querystring: modelListQuery } },
    async (req) => service.list(actorOf(req), req.query),
  );
  app.get(
    "/api/v1/movement/register",
    {
      schema: {
        tags,
        summary:
          "A unit's model register: counts by type and status, members, due for review, replication tree",
        querystring: z.strictObject({ unitId: z.coerce.number().int().positive() }),
      },
    },
    async (req) => service.register(actorOf(req), req.query.unitId),
  );
  app.get(
    `${P}/:id`,
    { schema: { tags, summary: "A model with units, members, reviews, recognitions", params: idParams } },
    async (req) => service.get(actorOf(req), req.params.id),
  );
  app.post(P, { schema: { tags, summary: "Record a model", body: modelCreateBody } }, async (req, reply) =>
    reply.status(201).send(await service.create(actorOf(req), req.body)),
  );
  app.patch(
    `${P}/:id`,
    { schema: { tags, summary: "Change a model", params: idParams, body: modelPatchBody } },
    async (req) => service.update(actorOf(req), req.params.id, req.body),
  );
  app.delete(
    `${P}/:id`,
    { schema: { tags, summary: "Delete a model", params: idParams } },
    async (req, reply) => {
      await service.remove(actorOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
  app.post(
    `${P}/:id/members`,
    { schema: { tags, summary: "Add a member", params: idParams, body: memberBody } },
    async (req, reply) =>
      reply.status(201).send(await service.addMember(actorOf(req), req.params.id, req.body)),
  );
  app.delete(
    `${P}/:id/members/:subId`,
    { schema: { tags, summary: "Remove a member", params: subParams } },
    async (req, reply) => {
      await service.removeMember(actorOf(req), req.params.id, req.params.subId);
      return reply.status(204).send();
    },
  );
  app.post(
    `${P}/:id/reviews`,
    { schema: { tags, summary: "Record an interim or final review", params: idParams, body: reviewBody } },
    async (req, reply) =>
      reply.status(201).send(await service.addReview(actorOf(req), req.params.id, req.body)),
  );
  app.post(
    `${P}/:id/recognitions`,
    {
      schema: {
        tags,
        summary: "Record a recognition (Dân vận khéo, typical example)",
        params: idParams,
        body: recognitionBody,
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.addRecognition(actorOf(req), req.params.id, req.body)),
  );
  app.post(
    `${P}/:id/camera-consents`,
    {
      schema: {
        tags,
        summary: "Record a camera owner's consent to share footage",
        params: idParams,
        body: consentBody,
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.addConsent(actorOf(req), req.params.id, req.body)),
  );
  app.patch(
    `${P}/:id/camera-consents/:subId`,
    {
      schema: {
        tags,
        summary: "Re-confirm (yearly) or withdraw a camera owner's consent",
        params: subParams,
        body: z.strictObject({
          confirmedOn: z.iso.date().optional(),
          withdrawnOn: z.iso.date().nullable().optional(),
        }),
      },
    },
    async (req) => service.confirmConsent(actorOf(req), req.params.id, req.params.subId, req.body),
  );
}
