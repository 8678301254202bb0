import type { Db } from "./db/client.ts";
import { loadAccountsDemo } from "./modules/accounts/demo.ts";
import { loadMovementDemo } from "./modules/movement/demo.ts";
import { loadSubmissionsDemo } from "./modules/submissions/demo.ts";

/**
 * The demo: clearly labelled sample accounts and records built from the seed articles. Each module
 * adds its own loader to DEMO_LOADERS; each loader must be idempotent.
 */
type DemoLoader = (db: Db) => Promise<void>;
const DEMO_LOADERS: DemoLoader[] = [loadAccountsDemo, loadSubmissionsDemo, loadMovementDemo];

export async function loadDemo(db: Db): Promise<boolean> {
  const done = await db
    .selectFrom("app_settings")
    .select("value")
    .where("key", "=", "demo.version")
    .executeTakeFirst();
  if (done) return false;
  for (const load of DEMO_LOADERS) await load(db);
  await db
    .insertInto("app_settings")
    .values({ key: "demo.version", value: JSON.stringify(1) })
    .execute();
  return true;
}
