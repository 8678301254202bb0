import type { Executor } from "../../db/client.ts";

/*
 * A demo loader marks itself in app_settings inside the transaction that writes its records, so that a
 * crash leaves either both or neither, and a loader called twice (a test, an older database) does nothing.
 */

export async function demoLoaded(ex: Executor, key: string): Promise<boolean> {
  const row = await ex.selectFrom("app_settings").select("key").where("key", "=", key).executeTakeFirst();
  return row !== undefined;
}

export async function markDemoLoaded(ex: Executor, key: string): Promise<void> {
  await ex
    .insertInto("app_settings")
    .values({ key, value: JSON.stringify(1) })
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
}
