/**
 * `npm run synth -- --scale 1 --seed 42 [--provinces N] [--database-url URL | --data-dir DIR]`
 *
 * Loads the synthetic national data set into a database: the PostgreSQL server of --database-url (or
 * DATABASE_URL), created and bootstrapped (migrations, reference units, administrator; no demo) when it
 * does not exist yet; else the embedded database in --data-dir (or DANVAN_DATA_DIR). COPY on the server,
 * multi-row INSERT on the embedded database. Provinces already loaded with the same seed and scale are
 * skipped, so the command can be repeated (or resumed after an interruption).
 */
import pg from "pg";
import { bootstrap } from "../../apps/server/src/bootstrap.ts";
import { connect } from "../../apps/server/src/db/client.ts";
import { startEmbeddedDatabase } from "../../apps/server/src/db/embedded.ts";
import { generate, type SynthSummary } from "./generate.ts";
import { makeSink } from "./writer.ts";

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

export interface LoadOptions {
  seed: number;
  scale: number;
  provinces?: number;
  databaseUrl?: string;
  dataDir?: string;
  log?: (m: string) => void;
}

/** Creates the server database when missing (CREATE DATABASE through the maintenance database). */
async function ensureServerDatabase(url: string, log: (m: string) => void) {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rows } = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (rows.length === 0) {
      log(`creating database ${name}`);
      await client.query(`create database "${name.replace(/"/g, '""')}"`);
    }
  } finally {
    await client.end();
  }
}

/** Loads (or completes) the data set; returns what was written. */
export async function load(o: LoadOptions): Promise<SynthSummary & { database: string; seconds: number }> {
  const log = o.log ?? ((m: string) => console.error(m));
  const started = performance.now();
  let url: string;
  let stop = async () => {};
  const server = Boolean(o.databaseUrl);
  if (o.databaseUrl) {
    await ensureServerDatabase(o.databaseUrl, log);
    url = o.databaseUrl;
  } else {
    const embedded = await startEmbeddedDatabase(o.dataDir ?? "./data");
    url = embedded.url;
    stop = embedded.stop;
  }
  try {
    const database = await connect(url, server ? "postgres" : "embedded", 1);
    try {
      await bootstrap(database.db, { adminPassword: process.env.DANVAN_ADMIN_PASSWORD, loadDemo: false });
    } finally {
      await database.close();
    }
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      if (server) {
        // a bulk load: commit without waiting for the disk flush of each transaction
        await client.query("set synchronous_commit = off");
        await client.query("set maintenance_work_mem = '256MB'");
      }
      const summary = await generate(makeSink(client, server ? "copy" : "insert"), {
        seed: o.seed,
        scale: o.scale,
        provinces: o.provinces,
        log,
      });
      if (summary.provinces.some((p) => !p.skipped)) {
        // the triggers left the load's contributions as deltas: fold them once into the roll-up
        log("folding the indicator roll-up");
        await client.query("select fold_indicator_deltas()");
        log("vacuum analyze (visibility map for index-only scans, planner statistics)");
        for (const t of [
          "org_units",
          "org_unit_successors",
          "movement_activities",
          "movement_models",
          "movement_model_units",
          "movement_model_members",
          "movement_forums",
          "movement_forum_opinions",
          "movement_pledges",
          "movement_weapon_surrenders",
          "movement_weapon_items",
          "submissions",
          "figure_values",
          "indicator_rollup",
          "indicator_deltas",
        ])
          await client.query(`vacuum analyze ${t}`);
      }
      return {
        ...summary,
        database: server ? "postgres" : "embedded",
        seconds: (performance.now() - started) / 1000,
      };
    } finally {
      await client.end();
    }
  } finally {
    await stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const seed = Number(option("--seed") ?? 42);
  const scale = Number(option("--scale") ?? 1);
  const provinces = option("--provinces") ? Number(option("--provinces")) : undefined;
  const databaseUrl = option("--database-url") ?? process.env.DATABASE_URL ?? undefined;
  const dataDir = option("--data-dir") ?? process.env.DANVAN_DATA_DIR ?? "./data";
  if (
    !Number.isInteger(seed) ||
    !(scale > 0 && scale <= 10) ||
    (provinces !== undefined && !(provinces >= 1))
  ) {
    console.error(
      "usage: npm run synth -- --scale 1 --seed 42 [--provinces N] [--database-url URL | --data-dir DIR]",
    );
    process.exit(2);
  }
  const result = await load({ seed, scale, provinces, databaseUrl, dataDir });
  const loaded = result.provinces.filter((p) => !p.skipped).length;
  console.log(
    `${result.database}: ${loaded} province(s) loaded, ${result.provinces.length - loaded} already present, in ${result.seconds.toFixed(0)} s`,
  );
  for (const [table, n] of Object.entries(result.rows).sort())
    console.log(`  ${table}: ${n.toLocaleString("en")}`);
}
