import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fastifyCookie from "@fastify/cookie";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { sql } from "kysely";
import type { Config } from "./config.ts";
import type { Database, Db } from "./db/client.ts";
import { registerAccounts } from "./modules/accounts/index.ts";
import { registerAuditRoutes } from "./modules/audit-log/index.ts";
import { registerFigures } from "./modules/figures/index.ts";
import { registerMovement } from "./modules/movement/index.ts";
import { registerOrgUnits } from "./modules/org-units/index.ts";
import { registerReports } from "./modules/reports/index.ts";
import { registerSubmissions } from "./modules/submissions/index.ts";
import { registerAuthHooks } from "./platform/auth/plugin.ts";
import { registerAuthRoutes } from "./platform/auth/routes.ts";
import type { Throttle } from "./platform/auth/throttle.ts";
import { registerErrorHandler } from "./platform/http/errors.ts";
import { startRollupFolding } from "./platform/indicators/rollup.ts";
import { registerIndicatorRoutes } from "./platform/indicators/routes.ts";
import type { Vault } from "./platform/vault/vault.ts";

export interface AppDeps {
  config: Config;
  database: Database;
  db: Db;
  vault: Vault;
  throttle: Throttle;
  /** Milliseconds between sweeps of periodic jobs (reminders, purges); 0 disables them (tests). */
  jobsIntervalMs?: number;
}

export type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

const webDist = fileURLToPath(new URL("../../web/dist/", import.meta.url));

export async function buildApp(
  deps: AppDeps,
  options: { logger?: boolean; logStream?: NodeJS.WritableStream } = {},
): Promise<ZodApp> {
  const app = Fastify({
    logger: options.logger
      ? {
          level: deps.config.logLevel,
          ...(options.logStream ? { stream: options.logStream } : {}),
          // Logs carry method, route and status only: no addresses, bodies, cookies or query strings.
          serializers: {
            req: (req) => ({ method: req.method, url: req.url.split("?")[0] }),
            res: (res) => ({ statusCode: res.statusCode }),
          },
        }
      : false,
    bodyLimit: 1024 * 1024,
    trustProxy: true,
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app, existsSync(webDist));

  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.0.3",
      info: {
        title: "danvan API",
        version: "1",
        description: "Community-engagement platform for Vietnam's police",
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs" });

  app.addHook("onSend", async (_request, reply) => {
    reply.header("x-content-type-options", "nosniff");
    reply.header("referrer-policy", "no-referrer");
    reply.header("x-frame-options", "DENY");
  });

  registerAuthHooks(app, deps.db);

  app.get("/healthz", { config: { public: true }, schema: { hide: true } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(deps.db);
      return { status: "ok", database: "reachable", kind: deps.database.kind };
    } catch {
      return reply
        .status(503)
        .send({ status: "degraded", database: "unreachable", kind: deps.database.kind });
    }
  });
  app.get("/api/openapi.json", { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  registerAuthRoutes(app, deps);
  registerOrgUnits(app, deps);
  registerAccounts(app, deps);
  registerAuditRoutes(app, deps);
  registerIndicatorRoutes(app, deps);
  const stopFolding = startRollupFolding(deps);
  app.addHook("onClose", async () => stopFolding());
  registerFigures(app, deps);
  registerMovement(app, deps);
  registerReports(app, deps);
  registerSubmissions(app, deps);

  if (existsSync(webDist)) {
    // files are looked up per request, so a rebuilt web app is served without a restart
    await app.register(fastifyStatic, { root: webDist, index: ["index.html"], cacheControl: false });
  }
  return app;
}
