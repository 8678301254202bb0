/**
 * Child process that owns the embedded PGlite database and serves it on a local TCP port.
 * PGlite runs WebAssembly on the thread that calls it; keeping it here means a slow report
 * never stalls the HTTP server's event loop (see docs/decisions/0001-embedded-database.md).
 */
import { PGlite } from "@electric-sql/pglite";
import { btree_gin } from "@electric-sql/pglite/contrib/btree_gin";
import { citext } from "@electric-sql/pglite/contrib/citext";
import { ltree } from "@electric-sql/pglite/contrib/ltree";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { pgcrypto } from "@electric-sql/pglite/contrib/pgcrypto";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

const dataDir = process.argv[2];
if (!dataDir) throw new Error("usage: embedded-server <dataDir|memory://>");

const db = await PGlite.create(dataDir, {
  extensions: { ltree, pg_trgm, unaccent, citext, btree_gin, pgcrypto },
});
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
