import { sql } from "kysely";
import type { Executor } from "../../db/client.ts";

/**
 * Answers that depend on the unit tree alone (unit paths, kinds, dates and successors), remembered per
 * process for as long as the tree does not change. Every change to those bumps org_version (migrations
 * 0498, 0503), so an answer is kept under the version. The key holds the version row's xmin too: a
 * transaction that changed the tree and rolled back may have written version n, and another one can later
 * write n with another tree, but not with the same transaction id. At most `max` answers are kept.
 *
 * `slot(ex, key)` reads the version once and gives the answer known for it, if any, and how to remember one.
 */
export function rememberedByTree<T>(max: number) {
  const answers = new Map<string, T>();
  return async (ex: Executor, key: unknown) => {
    const { rows } = await sql<{ version: string; xmin: string }>`
      select version::text as version, xmin::text as xmin from org_version where id = 1`.execute(ex);
    const k = JSON.stringify([rows[0]?.version, rows[0]?.xmin, key]);
    return {
      known: answers.get(k),
      remember(answer: T) {
        if (answers.size >= max) answers.delete(answers.keys().next().value!);
        answers.set(k, answer);
      },
    };
  };
}
