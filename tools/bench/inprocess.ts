/**
 * Helpers for the national-scale benchmarks: the real app built in-process on a given database (every
 * module registered, indicators synced), an actor for direct service calls, a signed-in session for
 * routes, and a timing loop that reports percentiles.
 */
import { createHash } from "node:crypto";
import type { Role } from "@danvan/shared";
import { sql } from "kysely";
import { type AppDeps, buildApp, type ZodApp } from "../../apps/server/src/app.ts";
import { readConfig } from "../../apps/server/src/config.ts";
import { connect, type Database } from "../../apps/server/src/db/client.ts";
import { createSession, SESSION_COOKIE } from "../../apps/server/src/platform/auth/sessions.ts";
import { makeThrottle } from "../../apps/server/src/platform/auth/throttle.ts";
import type { Actor } from "../../apps/server/src/platform/authz/actor.ts";
import { makeVault } from "../../apps/server/src/platform/vault/vault.ts";

export const SYNTH_SEED = 42;
export const SYNTH_SCALE = 1;
export const BENCH_DB = "danvan_bench";

/** The URL of the benchmark database on the same server as `base` (DATABASE_URL of the run). */
export function databaseOn(base: string | undefined, name: string): string {
  const u = new URL(base ?? "postgres://postgres@127.0.0.1:5432/postgres");
  u.pathname = `/${name}`;
  return u.toString();
}

export interface InProcess {
  app: ZodApp;
  database: Database;
  close(): Promise<void>;
}

/** The app with every module on `url`; a fixed vault key so that repeated runs reuse one module key. */
export async function inProcessApp(
  url: string,
  kind: "postgres" | "embedded",
  poolSize = 10,
): Promise<InProcess> {
  const database = await connect(url, kind, kind === "embedded" ? 1 : poolSize);
  const config = {
    ...readConfig({}),
    databaseUrl: kind === "postgres" ? url : undefined,
    dataDir: "/nonexistent",
    logLevel: "warn",
  };
  const key = createHash("sha256").update("danvan benchmark vault key").digest();
  const deps: AppDeps = {
    config,
    database,
    db: database.db,
    vault: makeVault(key),
    throttle: makeThrottle(key),
    jobsIntervalMs: 0,
  };
  const app = await buildApp(deps);
  await app.ready();
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** A benchmark user holding `role` on the unit, with a session cookie for app.inject. */
export async function benchUser(database: Database, role: Role, unitId: number) {
  const db = database.db;
  const username = `bench_${role}_${unitId}`;
  let user = await db.selectFrom("users").select("id").where("username", "=", username).executeTakeFirst();
  if (!user) {
    user = await db
      .insertInto("users")
      .values({
        username,
        full_name: `Cán bộ đo hiệu năng ${unitId}`,
        unit_id: unitId,
        password_hash: "x",
        must_change_password: false,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("role_grants")
      .values({ user_id: user.id, role, unit_id: unitId, valid_from: sql<string>`date '2020-01-01'` })
      .execute();
  }
  const session = await createSession(db, user.id, unitId, true, "bench");
  const unit = await db
    .selectFrom("org_units")
    .select(sql<string>`path::text`.as("path"))
    .where("id", "=", unitId)
    .executeTakeFirstOrThrow();
  const actor: Actor = {
    userId: user.id,
    username,
    fullName: "bench",
    unitId,
    actingUnitId: unitId,
    grants: [{ role, unitId, path: unit.path }],
    sessionId: "bench",
    ip: "127.0.0.1",
  };
  return {
    actor,
    headers: { cookie: `${SESSION_COOKIE}=${session.token}`, "x-csrf-token": session.csrfToken },
  };
}

export interface Timing {
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  runs: number;
}

export function percentiles(samples: number[]): Timing {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return {
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    mean: s.reduce((a, b) => a + b, 0) / s.length,
    runs: s.length,
  };
}

/** Runs `fn` `warmup` times untimed, then `runs` times timed (ms). The variant cycles the inputs. */
export async function time(fn: (i: number) => Promise<unknown>, runs = 20, warmup = 2): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(i);
    samples.push(performance.now() - t);
  }
  return percentiles(samples);
}
