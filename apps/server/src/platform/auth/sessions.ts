import { createHash, randomBytes } from "node:crypto";
import type { Role } from "@danvan/shared";
import { sql } from "kysely";
import type { Executor } from "../../db/client.ts";
import type { Actor, Grant } from "../authz/actor.ts";

export const SESSION_COOKIE = "dv_session";
export const SESSION_DAYS = 7;

export const sessionIdOf = (token: string) => createHash("sha256").update(token).digest("hex");

export async function createSession(
  ex: Executor,
  userId: number,
  actingUnitId: number,
  secondFactorOk: boolean,
  userAgent: string | undefined,
) {
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  await ex
    .insertInto("sessions")
    .values({
      id: sessionIdOf(token),
      user_id: userId,
      csrf_token: csrfToken,
      acting_unit_id: actingUnitId,
      second_factor_ok: secondFactorOk,
      user_agent: userAgent?.slice(0, 300) ?? null,
      expires_at: sql<string>`now() + make_interval(days => ${SESSION_DAYS})`,
    })
    .execute();
  return { token, csrfToken, sessionId: sessionIdOf(token) };
}

export interface LoadedSession {
  actor: Actor;
  csrfToken: string;
  secondFactorOk: boolean;
  mustChangePassword: boolean;
  totpEnabled: boolean;
  roles: Role[];
}

/** Loads a live session with its user and valid role grants; null when absent, expired or revoked. */
export async function loadSession(
  ex: Executor,
  token: string,
  ip: string | undefined,
): Promise<LoadedSession | null> {
  const id = sessionIdOf(token);
  const row = await ex
    .selectFrom("sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .select([
      "s.id",
      "s.csrf_token",
      "s.acting_unit_id",
      "s.second_factor_ok",
      "s.last_seen_at",
      "u.id as user_id",
      "u.username",
      "u.full_name",
      "u.unit_id",
      "u.must_change_password",
      "u.totp_enabled",
    ])
    .where("s.id", "=", id)
    .where("s.revoked_at", "is", null)
    .where("s.expires_at", ">", sql<string>`now()`)
    .where("u.status", "=", "active")
    .executeTakeFirst();
  if (!row) return null;
  const grants = await activeGrants(ex, row.user_id);
  if (Date.now() - Date.parse(row.last_seen_at) > 60_000) {
    await ex.updateTable("sessions").set({ last_seen_at: sql<string>`now()` }).where("id", "=", id).execute();
  }
  return {
    actor: {
      userId: row.user_id,
      username: row.username,
      fullName: row.full_name,
      unitId: row.unit_id,
      actingUnitId: row.acting_unit_id ?? row.unit_id,
      grants,
      sessionId: id,
      ip,
    },
    csrfToken: row.csrf_token,
    secondFactorOk: row.second_factor_ok,
    mustChangePassword: row.must_change_password,
    totpEnabled: row.totp_enabled,
    roles: [...new Set(grants.map((g) => g.role))],
  };
}

/** Grants valid today and not revoked, with the granted unit's path. */
export async function activeGrants(ex: Executor, userId: number): Promise<Grant[]> {
  const rows = await ex
    .selectFrom("role_grants as g")
    .innerJoin("org_units as u", "u.id", "g.unit_id")
    .select(["g.role", "g.unit_id", sql<string>`u.path::text`.as("path")])
    .where("g.user_id", "=", userId)
    .where("g.revoked_at", "is", null)
    .where("g.valid_from", "<=", sql<string>`current_date`)
    .where((eb) => eb.or([eb("g.valid_to", "is", null), eb("g.valid_to", ">=", sql<string>`current_date`)]))
    .execute();
  return rows.map((r) => ({ role: r.role as Role, unitId: r.unit_id, path: r.path }));
}
