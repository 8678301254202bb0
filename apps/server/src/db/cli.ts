/**
 * Database maintenance from the command line (the configured database: DATABASE_URL, else the
 * embedded one in DANVAN_DATA_DIR):
 *   npm run db:migrate            apply the migrations not yet applied
 *   npm run db:reset -- --yes     drop everything, then migrations, reference units, admin and demo
 * `reset` refuses without --yes, except under CI (CI=true) where nobody can answer.
 */
import { bootstrap } from "../bootstrap.ts";
import { readConfig } from "../config.ts";
import { openDatabase } from "./client.ts";
import { dropAll, migrate } from "./migrate.ts";

const [command, ...flags] = process.argv.slice(2);
const usage = "usage: tsx apps/server/src/db/cli.ts migrate | reset [--yes]";

if (command !== "migrate" && command !== "reset") {
  console.error(usage);
  process.exit(2);
}

const config = readConfig();
const where = config.databaseUrl
  ? `the PostgreSQL database ${redactUrl(config.databaseUrl)}`
  : `the embedded database in ${config.dataDir}`;
const ci = process.env.CI === "true" || process.env.CI === "1";
if (command === "reset" && !flags.includes("--yes") && !ci) {
  console.error(`db:reset deletes every table and record of ${where}.`);
  console.error("Run it again with --yes to confirm: npm run db:reset -- --yes");
  process.exit(1);
}

const database = await openDatabase(config);
try {
  if (command === "migrate") {
    const applied = await migrate(database.db as never);
    console.log(
      applied.length
        ? `Applied ${applied.length} migration(s) to ${where}: ${applied.join(", ")}`
        : `${where[0].toUpperCase()}${where.slice(1)} is up to date.`,
    );
  } else {
    await dropAll(database.db as never);
    console.log(`Dropped the public schema of ${where}.`);
    const result = await bootstrap(database.db, {
      adminPassword: config.adminPassword,
      loadDemo: config.loadDemo,
    });
    console.log(
      `Applied ${result.migrations.length} migration(s); reference units ${result.referenceLoaded ? "loaded" : "already present"}; demo ${result.demoLoaded ? "loaded" : "not loaded"}.`,
    );
    if (result.generatedAdminPassword)
      console.log(
        `Administrator 'admin' created with the one-time password ${result.generatedAdminPassword} (change it at first sign-in).`,
      );
    else if (result.adminCreated) console.log("Administrator 'admin' created with DANVAN_ADMIN_PASSWORD.");
  }
} catch (error) {
  console.error(`db:${command} failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await database.close();
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "****";
    return u.toString();
  } catch {
    return "(DATABASE_URL)";
  }
}
