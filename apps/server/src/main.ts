import { createHmac } from "node:crypto";
import { readConfig } from "./config.ts";
import { openDatabase } from "./db/client.ts";

const started = Date.now();
const config = readConfig();
// The database starts in its own process while this one loads the application code: on a first
// start both take seconds, and they need not wait for each other.
const [database, { buildApp }, { bootstrap }, { makeThrottle }, { loadVaultKey, makeVault }] =
  await Promise.all([
    openDatabase(config),
    import("./app.ts"),
    import("./bootstrap.ts"),
    import("./platform/auth/throttle.ts"),
    import("./platform/vault/vault.ts"),
  ]);
const result = await bootstrap(database.db, {
  adminPassword: config.adminPassword,
  loadDemo: config.loadDemo,
});
const vaultKey = loadVaultKey(config.vaultKey, config.dataDir);
const vault = makeVault(vaultKey);
// throttle keys derive from the vault key: stable across restarts and shared by every app server
const throttleKey = createHmac("sha256", vaultKey).update("danvan throttle keys").digest();
const app = await buildApp(
  {
    config,
    database,
    db: database.db,
    vault,
    throttle: makeThrottle(throttleKey),
    jobsIntervalMs: 60_000,
  },
  { logger: true },
);
await app.listen({ port: config.port, host: config.host });

const shown = config.host === "0.0.0.0" || config.host === "::" ? "localhost" : config.host;
const lines = [
  "",
  `danvan is running at http://${shown}:${config.port}  (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
  `  database: ${database.kind === "embedded" ? `embedded PostgreSQL (PGlite) in ${config.dataDir}` : "PostgreSQL server (DATABASE_URL)"}`,
  `  API documentation: http://${shown}:${config.port}/api/docs`,
];
if (result.generatedAdminPassword) {
  lines.push(
    "",
    "  First administrator created. Sign in with:",
    "    username: admin",
    `    password: ${result.generatedAdminPassword}`,
    "  This password is shown only once; you must change it at first sign-in.",
  );
} else {
  lines.push("  Sign in as 'admin' with your password (DANVAN_ADMIN_PASSWORD or the one you set).");
}
if (result.demoLoaded || config.loadDemo)
  lines.push("  Demo accounts (password 'demo12345'): see README, section 'Demo'.");
console.log(lines.join("\n"));

let closing = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    if (closing) return;
    closing = true;
    await app.close();
    await database.close();
    process.exit(0);
  });
}
