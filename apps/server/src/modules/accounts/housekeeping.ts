import { sql } from "kysely";
import type { AppDeps } from "../../app.ts";
import { every } from "../../platform/jobs/periodic.ts";

const HOUR = 3_600_000;

/**
 * Hourly: sign-in throttle hits older than a day (the longest window is 15 minutes) and sessions
 * that ended more than 30 days ago are deleted. Neither is a record anyone acted on, so they are not
 * audited; the audit trail keeps every sign-in and sign-out.
 */
export async function sweepAccounts(deps: Pick<AppDeps, "db" | "throttle">): Promise<void> {
  await deps.throttle.purge(deps.db, 86_400);
  await deps.db
    .deleteFrom("sessions")
    .where((eb) =>
      eb.or([
        eb("expires_at", "<", sql<string>`now() - interval '30 days'`),
        eb("revoked_at", "<", sql<string>`now() - interval '30 days'`),
      ]),
    )
    .execute();
}

/** Starts the sweep when periodic jobs are on (never in tests); returns a stop function. */
export function startAccountsSweep(deps: AppDeps): () => void {
  if (!deps.jobsIntervalMs || deps.jobsIntervalMs <= 0) return () => {};
  return every(Math.max(deps.jobsIntervalMs, HOUR), () => sweepAccounts(deps));
}
