/**
 * Starts the real server as a separate process, the way `npm start` does, and waits for /healthz.
 * Used by the benchmarks (tools/bench) and the browser tests (e2e/harness.ts).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

export interface ServerOptions {
  /** Data directory (default: a fresh temporary one). */
  dataDir?: string;
  port?: number;
  adminPassword?: string;
  /** Extra environment (DATABASE_URL, DANVAN_DEMO, LOG_LEVEL, ...). */
  env?: Record<string, string | undefined>;
  /** "start": `node tools/start.mjs` (checks the web build first); "main": the server entry directly. */
  via?: "start" | "main";
  /** Milliseconds to wait for a healthy /healthz (default 180 s). */
  timeoutMs?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  adminPassword: string | undefined;
  /** Process id of what was spawned (start.mjs or the server itself). */
  pid: number;
  /** Milliseconds from spawn to the first healthy /healthz. */
  readyMs: number;
  /** Everything the process printed so far. */
  output(): string;
  /** Process id of the Node.js process running main.ts. */
  serverPid(): number | undefined;
  /** Process id of the embedded database child (embedded mode only). */
  embeddedPid(): number | undefined;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export const tempDir = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function healthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
    return response.ok;
  } catch {
    return false;
  }
}

/** Children of a process (Linux /proc); empty elsewhere. */
export function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/** Resident memory of a process in bytes (Linux /proc), or undefined. */
export function residentBytes(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? tempDir("danvan-server-");
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    DANVAN_DATA_DIR: dataDir,
    LOG_LEVEL: "warn",
    ...options.env,
  };
  if (options.adminPassword) env.DANVAN_ADMIN_PASSWORD = options.adminPassword;
  // the server must not pick up a developer's DATABASE_URL unless it was asked for
  if (!options.env || !("DATABASE_URL" in options.env)) delete env.DATABASE_URL;
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];

  const args =
    options.via === "start"
      ? [join(repoRoot, "tools/start.mjs")]
      : ["--import", "tsx", join(repoRoot, "apps/server/src/main.ts")];
  const started = performance.now();
  // its own process group, so stop() ends the server and its database child together
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: repoRoot,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  let exited: number | null = null;
  const exitedPromise = new Promise<void>((resolve) =>
    child.once("exit", (code, signal) => {
      exited = code ?? (signal ? 128 : 1);
      resolve();
    }),
  );
  const pid = child.pid!;

  const serverPid = () => (options.via === "start" ? childPids(pid)[0] : pid);
  const stop = async () => {
    if (exited === null) {
      try {
        process.kill(-pid, "SIGTERM");
      } catch {}
      const timer = setTimeout(() => {
        try {
          process.kill(-pid, "SIGKILL");
        } catch {}
      }, 15_000);
      await exitedPromise;
      clearTimeout(timer);
    }
    // the database child leaves with its parent; wait until the whole group is gone
    for (let i = 0; i < 100; i++) {
      try {
        process.kill(-pid, 0);
      } catch {
        return;
      }
      await sleep(100);
    }
    try {
      process.kill(-pid, "SIGKILL");
    } catch {}
  };

  const deadline = Date.now() + (options.timeoutMs ?? 180_000);
  while (!(await healthy(url))) {
    if (exited !== null)
      throw new Error(`the server exited (code ${exited}) before it was healthy:\n${output.slice(-4000)}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`no healthy /healthz at ${url} in time:\n${output.slice(-4000)}`);
    }
    await sleep(50);
  }
  const readyMs = performance.now() - started;

  return {
    url,
    port,
    dataDir,
    adminPassword: options.adminPassword,
    pid,
    readyMs,
    output: () => output,
    serverPid,
    embeddedPid: () => {
      const lock = join(dataDir, "embedded.json");
      if (!existsSync(lock)) return undefined;
      try {
        return (JSON.parse(readFileSync(lock, "utf8")) as { pid: number }).pid;
      } catch {
        return undefined;
      }
    },
    stop,
  };
}
