import { Kysely, PostgresDialect, type Transaction } from "kysely";
import pg from "pg";
import type { Config } from "../config.ts";
import { startEmbeddedDatabase } from "./embedded.ts";
import type { DB } from "./schema.ts";

export type Db = Kysely<DB>;
export type Trx = Transaction<DB>;
/** Either the root handle or an open transaction: repos accept both. */
export type Executor = Kysely<DB> | Transaction<DB>;

/*
 * One decoding for both databases: dates stay 'YYYY-MM-DD' strings (no time-zone drift),
 * timestamps become ISO strings, counts become numbers.
 */
pg.types.setTypeParser(1082, (v) => v); // date
pg.types.setTypeParser(1114, (v) => new Date(`${v}Z`).toISOString()); // timestamp
pg.types.setTypeParser(1184, (v) => new Date(v).toISOString()); // timestamptz
pg.types.setTypeParser(20, (v) => Number(v)); // int8
pg.types.setTypeParser(1700, (v) => Number(v)); // numeric

export interface Database {
  db: Db;
  pool: pg.Pool;
  /** 'embedded' (PGlite in a child process) or 'postgres' (a server). */
  kind: "embedded" | "postgres";
  close(): Promise<void>;
}

/** Opens the configured database: a PostgreSQL server when DATABASE_URL is set, else embedded PGlite. */
export async function openDatabase(
  config: Pick<Config, "databaseUrl" | "dataDir" | "loadDemo">,
): Promise<Database> {
  if (config.databaseUrl) return connect(config.databaseUrl, "postgres", 10);
  const embedded = await startEmbeddedDatabase(config.dataDir, { fromTemplate: config.loadDemo });
  // All connections to PGlite share one backend: one pooled connection keeps sessions from mixing.
  const database = await connect(embedded.url, "embedded", 1);
  const close = database.close;
  database.close = async () => {
    await close();
    await embedded.stop();
  };
  return database;
}

export async function connect(url: string, kind: Database["kind"], max: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: 0 });
  pool.on("error", () => {}); // a dropped idle connection is replaced on next use
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, pool, kind, close: () => db.destroy() };
}
