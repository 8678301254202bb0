import { ROLE_ACTIONS, ROLE_LABELS, ROLES } from "@danvan/shared";
import { ROLE_GRANTABLE_BY, ROLE_UNIT_KINDS } from "@danvan/shared/permissions/platform";
import {
  grantBody,
  initialPasswordSchema,
  rolesResponseSchema,
  userCreateBody,
  userCreatedSchema,
  userListQuery,
  userPageSchema,
  userSchema,
  userUpdateBody,
} from "@danvan/shared/schemas/accounts";
import { z } from "zod";
import type { ZodApp } from "../../app.ts";
import { actorOf } from "../../platform/auth/plugin.ts";
import type { AccountsService } from "./service.ts";

const idParams = z.strictObject({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 53),
});
const tags = ["accounts"];

export function accountsRoutes(app: ZodApp, service: AccountsService) {
  app.get(
    "/api/v1/users",
    {
      schema: {
        tags,
        summary: "Accounts in the caller's scope (q: diacritic-free over name and username)",
        querystring: userListQuery,
        response: { 200: userPageSchema },
      },
    },
    async (request) => service.listUsers(actorOf(request), request.query),
  );

  app.get(
    "/api/v1/users/:id",
    { schema: { tags, params: idParams, response: { 200: userSchema } } },
    async (request) => service.getUser(actorOf(request), request.params.id),
  );

  app.post(
    "/api/v1/users",
    {
      schema: {
        tags,
        summary: "Create an account with one role; the generated initial password is shown once",
        body: userCreateBody,
        response: { 200: userCreatedSchema },
      },
    },
    async (request) => service.createUser(actorOf(request), request.body),
  );

  app.patch(
    "/api/v1/users/:id",
    { schema: { tags, params: idParams, body: userUpdateBody, response: { 200: userSchema } } },
    async (request) => service.updateUser(actorOf(request), request.params.id, request.body),
  );

  app.post(
    "/api/v1/users/:id/reset-password",
    {
      schema: {
        tags,
        summary: "Generate a new initial password (shown once; must be changed at next sign-in)",
        params: idParams,
        response: { 200: initialPasswordSchema },
      },
    },
    async (request) => service.resetPassword(actorOf(request), request.params.id),
  );

  app.post(
    "/api/v1/users/:id/second-factor/reset",
    { schema: { tags, params: idParams, response: { 200: userSchema } } },
    async (request) => service.resetSecondFactor(actorOf(request), request.params.id),
  );

  app.post(
    "/api/v1/users/:id/grants",
    { schema: { tags, params: idParams, body: grantBody, response: { 200: userSchema } } },
    async (request) => service.addGrant(actorOf(request), request.params.id, request.body),
  );

  app.delete(
    "/api/v1/users/:id/grants/:grantId",
    {
      schema: {
        tags,
        params: z.strictObject({
          id: z.coerce
            .number()
            .int()
            .positive()
            .max(2 ** 53),
          grantId: z.coerce
            .number()
            .int()
            .positive()
            .max(2 ** 53),
        }),
        response: { 200: userSchema },
      },
    },
    async (request) => service.revokeGrant(actorOf(request), request.params.id, request.params.grantId),
  );

  app.get(
    "/api/v1/roles",
    {
      schema: {
        tags,
        summary: "Roles with their labels, actions, who may grant them and on which kinds of unit",
        response: { 200: rolesResponseSchema },
      },
    },
    async () => ({
      items: ROLES.map((role) => ({
        role,
        label: ROLE_LABELS[role],
        actions: [...ROLE_ACTIONS[role]].sort(),
        grantableBy: [...ROLE_GRANTABLE_BY[role]],
        unitKinds: [...ROLE_UNIT_KINDS[role]],
      })),
    }),
  );
}
