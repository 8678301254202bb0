/**
 * `npm run bench [-- --only <name>] [-- --pg]`: runs every tools/bench/<name>.bench.ts, prints the
 * machine and the figures, and keeps the latest figures of each benchmark in docs/benchmarks.md
 * (one section per benchmark, so `--only` refreshes one section and leaves the others).
 *
 * A benchmark exports `async function run(ctx: BenchContext): Promise<BenchRow[]>`. Compare against
 * a baseline measured in the same run (a raw SQL query, a plain endpoint) and give the ratio: this
 * machine is shared and absolute times drift.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { repoRoot } from "./server.ts";

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  /** the same measure of a baseline taken in the same run */
  baseline?: number;
  /** value / baseline, when a baseline exists */
  ratio?: number;
  note?: string;
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  database: string;
  load: string;
}

export interface BenchContext {
  /** true with --pg: run against the PostgreSQL server of DATABASE_URL instead of embedded PGlite */
  pg: boolean;
  /** the server URL with --pg (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test) */
  databaseUrl: string | undefined;
  repoRoot: string;
  machine: Machine;
  /** progress line on stderr (not part of the results) */
  log(message: string): void;
}

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

const usePg = flag("--pg");
const only = option("--only");
const databaseUrl = usePg ? process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test" : undefined;

async function describeDatabase(): Promise<string> {
  if (!databaseUrl) {
    const pkg = JSON.parse(
      readFileSync(join(repoRoot, "node_modules/@electric-sql/pglite/package.json"), "utf8"),
    );
    return `embedded PGlite ${pkg.version} (child process, pglite-socket)`;
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ v: string }>("select current_setting('server_version') as v");
    return `PostgreSQL ${rows[0].v} server (DATABASE_URL)`;
  } finally {
    await client.end();
  }
}

async function main() {
  const benchDir = join(repoRoot, "tools/bench");
  const names = readdirSync(benchDir)
    .filter((f) => f.endsWith(".bench.ts"))
    .map((f) => f.replace(/\.bench\.ts$/, ""))
    .filter((n) => !only || n === only)
    .sort();
  if (names.length === 0) {
    console.error(only ? `no benchmark named ${only} (tools/bench/${only}.bench.ts)` : "no benchmarks found");
    process.exit(2);
  }

  const machine: Machine = {
    cpu: cpus()[0]?.model.trim() ?? "unknown",
    cores: cpus().length,
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    database: await describeDatabase(),
    load: loadavg()
      .map((l) => l.toFixed(2))
      .join(" "),
  };
  console.log(
    `machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB; Node.js ${machine.node}; ${machine.database}; load average ${machine.load}`,
  );

  const command = `npm run bench${only || usePg ? " --" : ""}${only ? ` --only ${only}` : ""}${usePg ? " --pg" : ""}`;
  const date = new Date().toISOString().replace(/\.\d+Z$/, "Z");
  let failed = false;
  for (const name of names) {
    console.log(`\n== ${name}`);
    const started = performance.now();
    const module = (await import(join(benchDir, `${name}.bench.ts`))) as {
      run?: (ctx: BenchContext) => Promise<BenchRow[]>;
    };
    if (typeof module.run !== "function") {
      console.error(`tools/bench/${name}.bench.ts exports no run(ctx) function`);
      failed = true;
      continue;
    }
    let rows: BenchRow[];
    try {
      rows = await module.run({
        pg: usePg,
        databaseUrl,
        repoRoot,
        machine,
        log: (message) => process.stderr.write(`  [${name}] ${message}\n`),
      });
    } catch (error) {
      console.error(`benchmark ${name} failed: ${(error as Error).stack ?? error}`);
      failed = true;
      continue;
    }
    rows = rows.map((r) => ({
      ...r,
      ratio: r.ratio ?? (r.baseline ? r.value / r.baseline : undefined),
    }));
    const table = markdownTable(rows);
    console.log(table);
    console.log(`(${((performance.now() - started) / 1000).toFixed(0)} s)`);
    writeSection(name, usePg ? "pg" : "embedded", { command, machine, date, table });
  }
  console.log(`\nfigures written to docs/benchmarks.md`);
  if (failed) process.exitCode = 1;
}

const fmt = (n: number | undefined) => {
  if (n === undefined || Number.isNaN(n)) return "";
  const abs = Math.abs(n);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return n.toFixed(digits);
};

function markdownTable(rows: BenchRow[]): string {
  const lines = [
    "| measure | value | unit | baseline | ratio | note |",
    "|---|---:|---|---:|---:|---|",
    ...rows.map(
      (r) =>
        `| ${r.name} | ${fmt(r.value)} | ${r.unit} | ${fmt(r.baseline)} | ${r.ratio === undefined ? "" : `${fmt(r.ratio)}×`} | ${(r.note ?? "").replace(/\|/g, "\\|")} |`,
    ),
  ];
  return lines.join("\n");
}

const DOC = join(repoRoot, "docs/benchmarks.md");
const HEADER = `# Benchmarks

Latest figures of \`npm run bench\` (tools/bench/run.ts). Each benchmark keeps its own section,
refreshed when it runs (\`npm run bench -- --only <name>\`; \`-- --pg\` runs against the PostgreSQL
server of \`DATABASE_URL\`). Absolute times drift on a shared machine: read the ratios to the
baseline measured in the same run. How to read and add benchmarks: the end of this file.
`;
const FOOTER = `
## Adding a benchmark

Create \`tools/bench/<name>.bench.ts\` exporting \`async function run(ctx: BenchContext): Promise<BenchRow[]>\`
(types in tools/bench/run.ts). Each row is \`{ name, value, unit, baseline?, ratio?, note? }\`; measure a
baseline in the same run (a raw SQL query, a plain endpoint) and let the ratio carry the comparison.
\`tools/bench/server.ts\` starts the real server as \`npm start\` does; \`tools/bench/api-client.ts\`
signs in (including the second factor) and calls the API. Targets belong in the note, never in tests.
`;

function writeSection(
  name: string,
  database: "embedded" | "pg",
  s: { command: string; machine: Machine; date: string; table: string },
) {
  const id = `${name}:${database}`;
  const body = [
    `<!-- bench:${id} -->`,
    `## ${name} (${database === "pg" ? "PostgreSQL server" : "embedded database"})`,
    "",
    `- command: \`${s.command}\``,
    `- date: ${s.date}`,
    `- machine: ${s.machine.cpu}, ${s.machine.cores} cores, ${s.machine.memoryGb} GB RAM; Node.js ${s.machine.node}; ${s.machine.database}; load average at start ${s.machine.load}`,
    "",
    s.table,
    `<!-- /bench:${id} -->`,
  ].join("\n");
  const existing = existsSync(DOC) ? readFileSync(DOC, "utf8") : "";
  const sections = new Map<string, string>();
  for (const m of existing.matchAll(/<!-- bench:([\w:-]+) -->[\s\S]*?<!-- \/bench:\1 -->/g))
    sections.set(m[1], m[0]);
  sections.set(id, body);
  const ordered = [...sections.keys()].sort().map((k) => sections.get(k));
  writeFileSync(DOC, `${HEADER}\n${ordered.join("\n\n")}\n${FOOTER}`);
}

await main();
