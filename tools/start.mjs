#!/usr/bin/env node
/**
 * `npm start`: builds the web interface when it is missing or older than its sources, then runs the
 * server (apps/server/src/main.ts through tsx) in the foreground and forwards signals to it.
 * Plain JavaScript so it runs before anything is compiled; needs no .env.
 * `node tools/start.mjs --build-only` only brings the web build up to date (the browser tests use it).
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const web = join(root, "apps/web");
const builtPage = join(web, "dist/index.html");

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`danvan needs Node.js 20.19 or newer (this is ${process.version}).`);
  process.exit(1);
}
if (!existsSync(join(root, "node_modules"))) {
  console.error("Dependencies are missing: run `npm install` first.");
  process.exit(1);
}

/** Newest modification time (ms) of the files under the given paths (directories walked). */
function newest(paths) {
  let latest = 0;
  const visit = (path) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) if (entry !== "node_modules") visit(join(path, entry));
    } else if (stat.mtimeMs > latest) latest = stat.mtimeMs;
  };
  for (const p of paths) visit(p);
  return latest;
}

function webIsStale() {
  if (!existsSync(builtPage)) return "missing";
  const sources = newest([
    join(web, "src"),
    join(web, "public"),
    join(web, "index.html"),
    join(web, "vite.config.ts"),
    join(web, "package.json"),
    join(root, "packages/shared/src"),
  ]);
  return sources > statSync(builtPage).mtimeMs ? "older than its sources" : null;
}

function run(command, args, options) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", ...options });
    child.on("exit", (code, signal) => resolve(signal ? 1 : (code ?? 1)));
    child.on("error", (error) => {
      console.error(error.message);
      resolve(1);
    });
  });
}

const stale = webIsStale();
if (stale) {
  console.log(`Building the web interface (apps/web/dist is ${stale})…`);
  const started = Date.now();
  const viteDir = dirname(createRequire(join(web, "package.json")).resolve("vite/package.json"));
  const code = await run(process.execPath, [join(viteDir, "bin/vite.js"), "build", "--logLevel", "warn"], {
    cwd: web,
  });
  if (code !== 0) {
    console.error("The web interface could not be built (see above).");
    process.exit(code);
  }
  console.log(`Web interface built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

if (process.argv.includes("--build-only")) process.exit(0);

// `node --import tsx` is what the tsx command does, without a second wrapper process.
const server = spawn(process.execPath, ["--import", "tsx", join(root, "apps/server/src/main.ts")], {
  cwd: root,
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    if (server.exitCode === null) server.kill(signal);
  });
}
server.on("exit", (code, signal) => {
  process.exit(signal ? 128 + ({ SIGINT: 2, SIGHUP: 1, SIGTERM: 15 }[signal] ?? 1) : (code ?? 1));
});
