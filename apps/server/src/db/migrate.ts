import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from "kysely";

const migrationsDir = fileURLToPath(new URL("./migrations/", import.meta.url));

/** Plain .sql files, applied in name order by Kysely's Migrator, which runs all pending files in one transaction: a failing file leaves the schema as it was. */
class SqlFileProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const migrations: Record<string, Migration> = {};
    for (const file of readdirSync(migrationsDir)
      .filter((f) => f.endsWith(".sql"))
      .sort()) {
      const text = readFileSync(migrationsDir + file, "utf8");
      migrations[file.replace(/\.sql$/, "")] = { up: async (db) => void (await sql.raw(text).execute(db)) };
    }
    return migrations;
  }
}

export async function migrate(db: Kysely<unknown>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new SqlFileProvider(), allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error");
    throw new Error(`migration ${failed?.migrationName ?? "?"} failed: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/** Drops everything the application created (used by db:reset and never at start). */
export async function dropAll(db: Kysely<unknown>): Promise<void> {
  await sql`drop schema public cascade; create schema public;`.execute(db);
}
