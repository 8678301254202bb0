import { createHmac } from "node:crypto";
import { sql } from "kysely";
import type { Executor } from "../../db/client.ts";

/**
 * Sliding-window counters kept in the database, so several app servers share them. Keys are keyed
 * hashes (an address is never stored in clear) and rows older than the window are purged.
 */
export function makeThrottle(secret: Buffer) {
  const keyOf = (raw: string) => createHmac("sha256", secret).update(raw).digest("base64url").slice(0, 22);
  return {
    keyOf,
    /** Counts hits in the window (not including a new one). */
    async count(ex: Executor, bucket: string, raw: string, windowSeconds: number): Promise<number> {
      const row = await ex
        .selectFrom("throttle_hits")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("bucket", "=", bucket)
        .where("key", "=", keyOf(raw))
        .where("at", ">", sql<string>`now() - make_interval(secs => ${windowSeconds})`)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    async hit(ex: Executor, bucket: string, raw: string): Promise<void> {
      await ex
        .insertInto("throttle_hits")
        .values({ bucket, key: keyOf(raw) })
        .execute();
    },
    async clear(ex: Executor, bucket: string, raw: string): Promise<void> {
      await ex
        .deleteFrom("throttle_hits")
        .where("bucket", "=", bucket)
        .where("key", "=", keyOf(raw))
        .execute();
    },
    async purge(ex: Executor, olderThanSeconds = 86_400): Promise<void> {
      await ex
        .deleteFrom("throttle_hits")
        .where("at", "<", sql<string>`now() - make_interval(secs => ${olderThanSeconds})`)
        .execute();
    },
  };
}
export type Throttle = ReturnType<typeof makeThrottle>;
