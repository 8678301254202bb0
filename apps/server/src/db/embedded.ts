import { fork } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect as netConnect } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { currentTemplate } from "./template.ts";

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const urlFor = (port: number) => `postgres://postgres@127.0.0.1:${port}/postgres?sslmode=disable`;

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = netConnect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts PGlite in a child process on a free local port; resolves when it accepts connections.
 * One data directory has one owner: when a server already runs on it (a CLI started while the
 * app runs), this connects to that server instead of opening the files twice.
 */
export async function startEmbeddedDatabase(
  dataDir: string,
  options: { fromTemplate?: boolean } = {},
): Promise<EmbeddedDatabase> {
  const memory = dataDir === "memory://";
  const dir = memory ? dataDir : join(dataDir, "pg");
  const lockFile = memory ? "" : join(dataDir, "embedded.json");
  if (!memory) {
    mkdirSync(dir, { recursive: true });
    if (existsSync(lockFile)) {
      const { pid, port } = JSON.parse(readFileSync(lockFile, "utf8")) as { pid: number; port: number };
      if (alive(pid) && (await portOpen(port))) return { url: urlFor(port), stop: async () => {} };
    }
  }
  const entry = fileURLToPath(new URL("./embedded-server.ts", import.meta.url));
  // the template carries the demo: only a database that wants the demo starts from it
  const template = options.fromTemplate ? currentTemplate() : undefined;
  const child = fork(entry, template ? [dir, template] : [dir], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`embedded database exited (${code})`));
    child.once("exit", onExit);
    child.once("error", reject);
    child.once("message", (msg: { ready?: boolean; port?: number }) => {
      if (!msg?.ready || !msg.port) return;
      child.off("exit", onExit);
      if (!memory) writeFileSync(lockFile, JSON.stringify({ pid: child.pid, port: msg.port }));
      resolve({
        url: urlFor(msg.port),
        stop: () =>
          new Promise<void>((done) => {
            if (!memory) rmSync(lockFile, { force: true });
            if (child.exitCode !== null) return done();
            child.once("exit", () => done());
            child.kill("SIGTERM");
          }),
      });
    });
  });
}
