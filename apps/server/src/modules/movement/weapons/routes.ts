import { weaponListQuery, weaponSurrenderBody } from "@danvan/shared/schemas/movement";
import { z } from "zod";
import type { AppDeps, ZodApp } from "../../../app.ts";
import { actorOf } from "../../../platform/auth/plugin.ts";
import { DOCX } from "../forums/routes.ts";
import { makeWeaponsService } from "./service.ts";

const idParams = z.strictObject({ id: z.coerce.number().int().positive() });
const tags = ["movement"];
const P = "/api/v1/movement/weapons";

export function registerWeaponRoutes(app: ZodApp, deps: AppDeps) {
  const service = makeWeaponsService(deps.db);
  app.get(
    P,
    {
      schema: {
        tags,
        summary: "Weapon surrenders register, with totals by category",
        querystring: weaponListQuery,
      },
    },
    async (req) => service.list(actorOf(req), req.query),
  );
  app.get(`${P}/:id`, { schema: { tags, summary: "A weapon surrender", params: idParams } }, async (req) =>
    service.get(actorOf(req), req.params.id),
  );
  app.post(
    P,
    { schema: { tags, summary: "Record a weapon surrender", body: weaponSurrenderBody } },
    async (req, reply) => reply.status(201).send(await service.create(actorOf(req), req.body)),
  );
  app.put(
    `${P}/:id`,
    { schema: { tags, summary: "Change a weapon surrender", params: idParams, body: weaponSurrenderBody } },
    async (req) => service.update(actorOf(req), req.params.id, req.body),
  );
  app.delete(
    `${P}/:id`,
    { schema: { tags, summary: "Delete a weapon surrender", params: idParams } },
    async (req, reply) => {
      await service.remove(actorOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
  app.get(
    `${P}/:id/receipt.docx`,
    { schema: { tags, summary: "The receipt (DOCX)", params: idParams } },
    async (req, reply) => {
      const { buffer, fileName } = await service.receiptDocx(actorOf(req), req.params.id);
      return reply
        .header("content-type", DOCX)
        .header("content-disposition", `attachment; filename="${fileName}"`)
        .send(buffer);
    },
  );
}
