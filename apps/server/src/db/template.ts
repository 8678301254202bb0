/**
 * A ready-made embedded cluster: schema, reference units and the demo already loaded, packed with
 * PGlite's dumpDataDir. Creating a cluster (initdb) and loading 14,000 reference units and the demo
 * takes most of a first start; unpacking the template takes about a second. The template is built at
 * `npm install` (tools/build-template.ts) into node_modules/.cache and is used only when its
 * fingerprint (the PGlite version, every migration, the reference data and the server code that loads
 * data) matches the code, so a stale template is never used: without a matching one, the cluster is
 * created and loaded the slow way. It holds no secret and no administrator: those are made at start.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const repoRoot = join(here, "../../../..");

export function templateFingerprint(): string {
  const hash = createHash("sha256");
  const pglite = JSON.parse(
    readFileSync(join(repoRoot, "node_modules/@electric-sql/pglite/package.json"), "utf8"),
  );
  hash.update(`pglite ${pglite.version}\n`);
  for (const dir of ["migrations", "reference"]) {
    for (const file of readdirSync(join(here, dir)).sort()) {
      if (!/\.(sql|json)$/.test(file)) continue;
      hash.update(`${dir}/${file}\n`).update(readFileSync(join(here, dir, file)));
    }
  }
  // the demo loaders call into the modules: any server source change makes a new template
  const src = join(here, "..");
  for (const file of (readdirSync(src, { recursive: true }) as string[]).sort()) {
    if (!file.endsWith(".ts") || file.endsWith(".test.ts")) continue;
    hash.update(`${file}\n`).update(readFileSync(join(src, file)));
  }
  return hash.digest("hex").slice(0, 16);
}

export const templateFile = (fingerprint = templateFingerprint()) =>
  join(repoRoot, "node_modules/.cache/danvan", `pglite-${fingerprint}.tar.gz`);

/** The template for the current code, or undefined when none was built (or it is stale). */
export function currentTemplate(): string | undefined {
  try {
    const file = templateFile();
    return existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
}
