// Runs after `npm install`: prepares the embedded-database template (tools/build-template.ts).
// Never fails the install; a missing template only makes the first start slower.
import { spawnSync } from "node:child_process";

if (process.env.DANVAN_SKIP_TEMPLATE !== "true") {
  const result = spawnSync(process.execPath, ["--import", "tsx", "tools/build-template.ts"], {
    stdio: "inherit",
  });
  if (result.status !== 0) console.warn("danvan: the embedded database template was not built; continuing");
}
