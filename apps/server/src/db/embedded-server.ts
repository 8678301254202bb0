/**
 * Child process that owns the embedded PGlite database and serves it on a local TCP port.
 * PGlite runs WebAssembly on the thread that calls it; keeping it here means a slow report
 * never stalls the HTTP server's event loop (see docs/decisions/0001-embedded-database.md).
 */

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { PGLITE_EXTENSIONS } from "./pglite-extensions.ts";

const [dataDir, template] = process.argv.slice(2);
if (!dataDir) throw new Error("usage: embedded-server <dataDir|memory://> [template.tar.gz]");

// a new cluster starts from the ready-made template when one matches the code (see template.ts)
const fresh = dataDir === "memory://" || !existsSync(join(dataDir, "PG_VERSION"));
const loadDataDir =
  fresh && template && existsSync(template) ? new Blob([readFileSync(template)]) : undefined;
const db = await PGlite.create(dataDir, { extensions: PGLITE_EXTENSIONS, loadDataDir });
// Several clients may connect (the app, a CLI such as audit:verify, test workers); the server
// queues their queries and keeps each transaction exclusive.
const server = new PGLiteSocketServer({ db, port: 0, host: "127.0.0.1", maxConnections: 64 });
await server.start();
const [, port] = server.getServerConn().split(":");
process.send?.({ ready: true, port: Number(port) });

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await server.stop().catch(() => {});
  await db.close().catch(() => {});
  process.exit(0);
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
process.on("disconnect", stop);
