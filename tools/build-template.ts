/**
 * Builds the embedded-database template (apps/server/src/db/template.ts explains why): a PGlite
 * cluster with the schema, the reference units and the demo, packed into node_modules/.cache/danvan.
 * Run by `npm install` (postinstall); never fails the install: without a template the first start
 * simply takes longer.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { createPgConfig } from "@electric-sql/pglite/node-postgres";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { migrate } from "../apps/server/src/db/migrate.ts";
import { PGLITE_EXTENSIONS } from "../apps/server/src/db/pglite-extensions.ts";
import type { DB } from "../apps/server/src/db/schema.ts";
import { templateFile } from "../apps/server/src/db/template.ts";
import { loadDemo } from "../apps/server/src/demo.ts";
import { loadReferenceUnits } from "../apps/server/src/modules/org-units/reference.ts";

const started = Date.now();
try {
  const file = templateFile();
  const lite = await PGlite.create("memory://", { extensions: PGLITE_EXTENSIONS });
  const pool = new pg.Pool(createPgConfig(lite));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  await migrate(db as never);
  await loadReferenceUnits(db);
  await loadDemo(db);
  await db.destroy();
  const dump = await lite.dumpDataDir("gzip");
  await lite.close();
  mkdirSync(dirname(file), { recursive: true });
  // older templates are of no use once the code has moved on
  for (const old of readdirSync(dirname(file)))
    if (old.startsWith("pglite-")) rmSync(`${dirname(file)}/${old}`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  console.log(`danvan: embedded database template ready (${((Date.now() - started) / 1000).toFixed(1)} s)`);
} catch (error) {
  console.warn(
    `danvan: no embedded database template (${(error as Error).message}); the first start will create the database`,
  );
}
