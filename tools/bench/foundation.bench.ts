/**
 * Foundation figures: time from `npm start` to a healthy /healthz (fresh and loaded data), resident
 * memory, and unit-tree search latency over the full reference tree through HTTP, each beside a
 * baseline of the same run (a raw `select 1`, the repo's search SQL on a direct connection, /healthz).
 */
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { ApiClient } from "./api-client.ts";
import type { BenchContext, BenchRow } from "./run.ts";
import { type RunningServer, residentBytes, startServer, tempDir } from "./server.ts";

const ADMIN_PASSWORD = "Quantri-bench-2025";
const QUERIES = [
  "dak nia",
  "hoa thuan",
  "phuong 5",
  "gia nghia",
  "ba dinh",
  "tan an",
  "quang tri",
  "vinh long",
  "long",
  "an",
];
const ROUNDS = 30; // 10 queries × 30 rounds = 300 timed requests per measure
const MB = 1024 * 1024;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

async function timeEach(n: number, fn: (i: number) => Promise<unknown>) {
  for (let i = 0; i < Math.min(20, n); i++) await fn(i); // warm-up
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: percentile(times, 50), p95: percentile(times, 95) };
}

type SearchUnits = (
  ex: unknown,
  scope: { action: string; roots: string[] },
  q: { text: string; limit: number; includeClosed: boolean },
) => Promise<unknown[]>;

/**
 * The org-units repo's own search function, for the baseline: the same SQL on a direct connection,
 * without HTTP, session, scope computation and presentation. (A computed path keeps the tools
 * project from compiling the server's sources.)
 */
async function loadSearchUnits(repoRoot: string): Promise<SearchUnits> {
  const file = pathToFileURL(join(repoRoot, "apps/server/src/modules/org-units/repo.ts")).href;
  return ((await import(file)) as { searchUnits: SearchUnits }).searchUnits;
}

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const dir = tempDir("danvan-bench-");
  let databaseUrl: string | undefined;
  let dropDatabase = async () => {};
  if (ctx.pg && ctx.databaseUrl) {
    // a database of its own, so "fresh" is really empty and the test database is left alone
    const name = `danvan_bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: ctx.databaseUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(ctx.databaseUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = async () => {
      const c = new pg.Client({ connectionString: ctx.databaseUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  const env = { DANVAN_DEMO: "true", DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" };
  let server: RunningServer | undefined;
  try {
    // the web build is not part of start-up time: bring it up to date first, as a second start finds it
    ctx.log("checking the web build");
    const build = spawnSync(process.execPath, [join(ctx.repoRoot, "tools/start.mjs"), "--build-only"], {
      cwd: ctx.repoRoot,
      stdio: "inherit",
    });
    if (build.status !== 0) throw new Error("the web build failed");

    const dataDir = join(dir, "data");
    ctx.log("start on a fresh data directory");
    server = await startServer({ via: "start", dataDir, adminPassword: ADMIN_PASSWORD, env });
    const fresh = server.readyMs;
    await server.stop();
    ctx.log("start on the loaded data directory");
    server = await startServer({ via: "start", dataDir, adminPassword: ADMIN_PASSWORD, env });
    const loaded = server.readyMs;
    rows.push(
      {
        name: "npm start → healthy /healthz, fresh data (migrations, 13k reference units, demo)",
        value: fresh / 1000,
        unit: "s",
        note: "target < 10 s",
      },
      {
        name: "npm start → healthy /healthz, loaded data",
        value: loaded / 1000,
        unit: "s",
        baseline: fresh / 1000,
        note: "baseline: fresh start",
      },
    );

    await new Promise((r) => setTimeout(r, 2000)); // let start-up garbage settle
    const serverRss = residentBytes(server.serverPid());
    const embeddedRss = ctx.pg ? undefined : residentBytes(server.embeddedPid());
    if (serverRss)
      rows.push({ name: "resident memory, server process, after start", value: serverRss / MB, unit: "MB" });
    if (embeddedRss)
      rows.push({
        name: "resident memory, embedded database child, after start",
        value: embeddedRss / MB,
        unit: "MB",
      });

    // a raw connection to the same database the server uses (the embedded server accepts several)
    const rawUrl =
      databaseUrl ??
      `postgres://postgres@127.0.0.1:${(JSON.parse(readFileSync(join(dataDir, "embedded.json"), "utf8")) as { port: number }).port}/postgres?sslmode=disable`;
    const raw = new pg.Client({ connectionString: rawUrl });
    await raw.connect();
    const direct = new Kysely<unknown>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: rawUrl, max: 1 }) }),
    });
    const searchUnits = await loadSearchUnits(ctx.repoRoot);
    try {
      const ministry = await raw.query<{ path: string }>(
        "select path::text as path from org_units where kind = 'ministry' order by id limit 1",
      );
      const wholeCountry = { action: "orgUnit.read", roots: [ministry.rows[0].path] };
      const units = await raw.query<{ n: number }>("select count(*)::int as n from org_units");
      const api = new ApiClient(server.url);
      await api.signIn("admin", ADMIN_PASSWORD);
      ctx.log(`searching ${units.rows[0].n} units as the administrator (scope: the whole country)`);

      const select1 = await timeEach(300, () => raw.query("select 1"));
      const healthz = await timeEach(300, () => api.get("/healthz"));
      rows.push(
        { name: "raw SQL `select 1` round trip (median)", value: select1.median, unit: "ms" },
        {
          name: "GET /healthz (select 1 through the app; median)",
          value: healthz.median,
          unit: "ms",
          baseline: select1.median,
          note: "baseline: raw select 1",
        },
      );
      for (const includeClosed of [false, true]) {
        const label = includeClosed ? "all units incl. pre-2025 history" : "open units (3,321 communes)";
        const q = (i: number) => QUERIES[i % QUERIES.length];
        const sqlSearch = await timeEach(QUERIES.length * ROUNDS, (i) =>
          searchUnits(direct, wholeCountry, { text: q(i), limit: 20, includeClosed }),
        );
        const httpSearch = await timeEach(QUERIES.length * ROUNDS, (i) =>
          api.get(
            `/api/v1/org-units/search?q=${encodeURIComponent(q(i))}&limit=20&includeClosed=${includeClosed}`,
          ),
        );
        rows.push(
          {
            name: `tree search over HTTP, ${label} (median)`,
            value: httpSearch.median,
            unit: "ms",
            baseline: sqlSearch.median,
            note: "baseline: the repo's search SQL on a direct connection; target < 20 ms",
          },
          {
            name: `tree search over HTTP, ${label} (p95)`,
            value: httpSearch.p95,
            unit: "ms",
            baseline: sqlSearch.p95,
            note: "baseline: the repo's search SQL, p95",
          },
          {
            name: `tree search over HTTP, ${label}, vs select 1 (median)`,
            value: httpSearch.median,
            unit: "ms",
            baseline: select1.median,
            note: "baseline: raw select 1",
          },
        );
      }
    } finally {
      await raw.end();
      await direct.destroy();
    }
    const serverAfter = residentBytes(server.serverPid());
    const embeddedAfter = ctx.pg ? undefined : residentBytes(server.embeddedPid());
    if (serverAfter)
      rows.push({
        name: "resident memory, server process, after the searches",
        value: serverAfter / MB,
        unit: "MB",
      });
    if (embeddedAfter)
      rows.push({
        name: "resident memory, embedded database child, after the searches",
        value: embeddedAfter / MB,
        unit: "MB",
      });
    rows.push({
      name: "queries per measure",
      value: QUERIES.length * ROUNDS,
      unit: "requests",
      note: QUERIES.join(", "),
    });
  } finally {
    await server?.stop();
    await dropDatabase().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
