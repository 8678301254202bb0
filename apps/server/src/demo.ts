import type { Db } from "./db/client.ts";
import { loadAccountsDemo } from "./modules/accounts/demo.ts";
import { loadFiguresDemo } from "./modules/figures/demo.ts";
import { loadMovementDemo } from "./modules/movement/demo.ts";
import { loadSubmissionsDemo, loadSubmissionsHistoryDemo } from "./modules/submissions/demo.ts";

/**
 * The demo: clearly labelled sample accounts and records built from the seed articles. Each module
 * adds its own loader here. Each loader runs once per database (marked in app_settings under its own
 * key), so a loader added in a later version still runs on an existing database.
 */
const DEMO_LOADERS: Record<string, (db: Db) => Promise<void>> = {
  accounts: loadAccountsDemo,
  submissions: loadSubmissionsDemo,
  movement: loadMovementDemo,
  "submissions-history": loadSubmissionsHistoryDemo,
  figures: loadFiguresDemo,
};

export async function loadDemo(db: Db): Promise<boolean> {
  const done = new Set(
    (await db.selectFrom("app_settings").select("key").where("key", "like", "demo.%").execute()).map(
      (r) => r.key,
    ),
  );
  let loaded = false;
  for (const [name, load] of Object.entries(DEMO_LOADERS)) {
    if (done.has(`demo.${name}`)) continue;
    await load(db);
    await db
      .insertInto("app_settings")
      .values({ key: `demo.${name}`, value: JSON.stringify(1) })
      // a loader may mark itself under the same key: the first mark wins
      .onConflict((oc) => oc.column("key").doNothing())
      .execute();
    loaded = true;
  }
  return loaded;
}
