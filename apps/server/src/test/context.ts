import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { type AppDeps, buildApp, type ZodApp } from "../app.ts";
import { readConfig } from "../config.ts";
import { connect, type Database } from "../db/client.ts";
import { makeThrottle } from "../platform/auth/throttle.ts";
import { makeVault } from "../platform/vault/vault.ts";

export interface TestContext {
  app: ZodApp;
  deps: AppDeps;
  database: Database;
  db: Database["db"];
  close(): Promise<void>;
}

/** A real app on the run's database (PGlite or PostgreSQL), driven through app.inject(). */
export async function testContext(): Promise<TestContext> {
  const kind = inject("databaseKind");
  const database = await connect(inject("databaseUrl"), kind, kind === "embedded" ? 1 : 4);
  const config = {
    ...readConfig({}),
    databaseUrl: kind === "postgres" ? inject("databaseUrl") : undefined,
    dataDir: "/nonexistent",
  };
  const deps: AppDeps = {
    config,
    database,
    db: database.db,
    vault: makeVault(randomBytes(32)),
    throttle: makeThrottle(randomBytes(32)),
    jobsIntervalMs: 0,
  };
  const app = await buildApp(deps);
  await app.ready();
  return {
    app,
    deps,
    database,
    db: database.db,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
