import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { bootstrap } from "../bootstrap.ts";
import { connect } from "../db/client.ts";
import { startEmbeddedDatabase } from "../db/embedded.ts";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    databaseKind: "embedded" | "postgres";
  }
}

export const TEST_ADMIN_PASSWORD = "Quantri-2025-test";

/**
 * One database for the whole run: the PostgreSQL server named by DATABASE_URL, or a fresh embedded
 * PGlite. Migrations, reference units and the demo are loaded once; tests isolate themselves by
 * building their own province subtree with the factories.
 */
export default async function setup(project: TestProject) {
  let url = process.env.DATABASE_URL;
  let stop = async () => {};
  let dir: string | undefined;
  if (!url) {
    dir = mkdtempSync(join(tmpdir(), "danvan-test-"));
    const embedded = await startEmbeddedDatabase(dir, { fromTemplate: true });
    url = embedded.url;
    stop = embedded.stop;
  }
  const database = await connect(url, process.env.DATABASE_URL ? "postgres" : "embedded", 1);
  try {
    await bootstrap(database.db, { adminPassword: TEST_ADMIN_PASSWORD, loadDemo: true });
  } finally {
    await database.close();
  }
  project.provide("databaseUrl", url);
  project.provide("databaseKind", process.env.DATABASE_URL ? "postgres" : "embedded");
  return async () => {
    await stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
}
