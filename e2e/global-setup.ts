import { rmSync } from "node:fs";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { startServer, tempDir } from "../tools/bench/server.ts";
import { assertChromium, buildWebIfNeeded, E2E_ADMIN_PASSWORD, type E2eEnvironment } from "./harness.ts";

declare module "vitest" {
  export interface ProvidedContext {
    e2e: E2eEnvironment;
  }
}

/**
 * One server for the whole browser run: the real entry point (apps/server/src/main.ts) on the
 * embedded database in a fresh temporary data directory, with a known admin password. Each test
 * file opens its own Chromium profile and builds the data it needs.
 */
export default async function setup(project: TestProject) {
  assertChromium();
  await buildWebIfNeeded();
  const stateDir = tempDir("danvan-e2e-");
  const server = await startServer({
    dataDir: join(stateDir, "data"),
    adminPassword: E2E_ADMIN_PASSWORD,
    env: { DANVAN_DEMO: "true" },
  });
  console.log(`e2e: server ready at ${server.url} in ${(server.readyMs / 1000).toFixed(1)} s`);
  project.provide("e2e", { baseUrl: server.url, adminPassword: E2E_ADMIN_PASSWORD, stateDir });
  return async () => {
    await server.stop();
    if (process.env.DANVAN_E2E_KEEP) console.log(`e2e: kept ${stateDir}`);
    else rmSync(stateDir, { recursive: true, force: true });
  };
}
