import type { Role } from "@danvan/shared";
import { sql } from "kysely";
import type { Executor } from "../../db/client.ts";
import { pathInScope, type Scope } from "../../platform/authz/scope.ts";

/** The only file of the accounts module that speaks SQL. Every read of users takes a Scope. */

export interface UserRow {
  id: number;
  username: string;
  full_name: string;
  rank: string | null;
  position: string | null;
  unit_id: number;
  unit_name: string;
  unit_path: string;
  email: string | null;
  phone: string | null;
  status: "active" | "disabled";
  totp_enabled: boolean;
  must_change_password: boolean;
  locked_until: string | null;
  last_seen_at: string | null;
  sort_norm: string;
}

export interface GrantRow {
  id: number;
  user_id: number;
  role: Role;
  unit_id: number;
  unit_name: string;
  unit_path: string;
  valid_from: string;
  valid_to: string | null;
  /** valid_to lies before today */
  expired: boolean;
}

export interface UnitRow {
  id: number;
  name: string;
  path: string;
  kind: string;
  valid_to: string | null;
  /** open today */
  open: boolean;
}

export interface UserFilters {
  q?: string;
  unitId?: number;
  role?: Role;
  status?: "active" | "disabled";
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function selectUsers(ex: Executor, scope: Scope) {
  return ex
    .selectFrom("users as u")
    .innerJoin("org_units as ou", "ou.id", "u.unit_id")
    .select([
      "u.id",
      "u.username",
      "u.full_name",
      "u.rank",
      "u.position",
      "u.unit_id",
      "ou.name as unit_name",
      sql<string>`ou.path::text`.as("unit_path"),
      "u.email",
      "u.phone",
      "u.status",
      "u.totp_enabled",
      "u.must_change_password",
      sql<string | null>`case when u.locked_until > now() then u.locked_until end`.as("locked_until"),
      sql<string | null>`(select max(s.last_seen_at) from sessions s where s.user_id = u.id)`.as(
        "last_seen_at",
      ),
      sql<string>`search_norm(u.full_name)`.as("sort_norm"),
    ])
    .where(pathInScope(sql`ou.path`, scope));
}

/** A page of users in scope, in name order (diacritic-free, byte order so both databases agree). */
export async function listUsers(
  ex: Executor,
  scope: Scope,
  filters: UserFilters,
  limit: number,
  after: [string, number] | undefined,
): Promise<UserRow[]> {
  let query = selectUsers(ex, scope);
  if (filters.q) {
    // the same expression as the index users_search
    query = query.where(
      sql<boolean>`search_norm(u.full_name || ' ' || u.username::text) like '%' || search_norm(${likeEscape(filters.q)}) || '%'`,
    );
  }
  if (filters.unitId)
    query = query.where(sql<boolean>`ou.path <@ (select path from org_units where id = ${filters.unitId})`);
  if (filters.status) query = query.where("u.status", "=", filters.status);
  if (filters.role) {
    const role = filters.role;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom("role_grants as g")
          .select("g.id")
          .whereRef("g.user_id", "=", "u.id")
          .where("g.role", "=", role)
          .where("g.revoked_at", "is", null)
          .where("g.valid_from", "<=", sql<string>`current_date`)
          .where((eb) =>
            eb.or([eb("g.valid_to", "is", null), eb("g.valid_to", ">=", sql<string>`current_date`)]),
          ),
      ),
    );
  }
  if (after) {
    const [norm, id] = after;
    query = query.where(
      sql<boolean>`(search_norm(u.full_name) collate "C" > ${norm} collate "C"
        or (search_norm(u.full_name) = ${norm} and u.id > ${id}))`,
    );
  }
  return (await query
    .orderBy(sql`search_norm(u.full_name) collate "C"`)
    .orderBy("u.id")
    .limit(limit + 1)
    .execute()) as UserRow[];
}

/** One user, or undefined when absent or outside the scope. */
export async function findUser(ex: Executor, scope: Scope, id: number): Promise<UserRow | undefined> {
  return (await selectUsers(ex, scope).where("u.id", "=", id).executeTakeFirst()) as UserRow | undefined;
}

/** The grants of these users that are not revoked (current, future and expired), by role and date. */
export async function grantsOf(ex: Executor, userIds: number[]): Promise<GrantRow[]> {
  if (userIds.length === 0) return [];
  return (await ex
    .selectFrom("role_grants as g")
    .innerJoin("org_units as ou", "ou.id", "g.unit_id")
    .select([
      "g.id",
      "g.user_id",
      "g.role",
      "g.unit_id",
      "ou.name as unit_name",
      sql<string>`ou.path::text`.as("unit_path"),
      "g.valid_from",
      "g.valid_to",
      sql<boolean>`coalesce(g.valid_to < current_date, false)`.as("expired"),
    ])
    .where("g.user_id", "in", userIds)
    .where("g.revoked_at", "is", null)
    .orderBy("g.valid_from")
    .orderBy("g.id")
    .execute()) as GrantRow[];
}

export async function findUnit(ex: Executor, id: number): Promise<UnitRow | undefined> {
  return (await ex
    .selectFrom("org_units")
    .select([
      "id",
      "name",
      sql<string>`path::text`.as("path"),
      "kind",
      "valid_to",
      sql<boolean>`valid_from <= current_date and (valid_to is null or valid_to >= current_date)`.as("open"),
    ])
    .where("id", "=", id)
    .executeTakeFirst()) as UnitRow | undefined;
}

export async function usernameTaken(ex: Executor, username: string): Promise<boolean> {
  const row = await ex.selectFrom("users").select("id").where("username", "=", username).executeTakeFirst();
  return row !== undefined;
}

export interface NewUserValues {
  username: string;
  fullName: string;
  rank: string | null;
  position: string | null;
  unitId: number;
  email: string | null;
  phone: string | null;
  passwordHash: string;
  mustChangePassword: boolean;
}

export async function insertUser(ex: Executor, v: NewUserValues): Promise<number> {
  const row = await ex
    .insertInto("users")
    .values({
      username: v.username,
      full_name: v.fullName,
      rank: v.rank,
      position: v.position,
      unit_id: v.unitId,
      email: v.email,
      phone: v.phone,
      password_hash: v.passwordHash,
      must_change_password: v.mustChangePassword,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface UserChanges {
  full_name?: string;
  rank?: string | null;
  position?: string | null;
  unit_id?: number;
  email?: string | null;
  phone?: string | null;
  status?: "active" | "disabled";
}

export async function updateUser(ex: Executor, id: number, changes: UserChanges): Promise<void> {
  await ex
    .updateTable("users")
    .set({ ...changes, updated_at: sql<string>`now()` })
    .where("id", "=", id)
    .execute();
}

export async function setPassword(ex: Executor, id: number, passwordHash: string): Promise<void> {
  await ex
    .updateTable("users")
    .set({
      password_hash: passwordHash,
      must_change_password: true,
      failed_sign_ins: 0,
      locked_until: null,
      updated_at: sql<string>`now()`,
    })
    .where("id", "=", id)
    .execute();
}

export async function clearSecondFactor(ex: Executor, id: number): Promise<void> {
  await ex
    .updateTable("users")
    .set({
      totp_enabled: false,
      totp_secret_sealed: null,
      totp_last_counter: null,
      updated_at: sql<string>`now()`,
    })
    .where("id", "=", id)
    .execute();
}

/** Ends every live session of the user; returns how many. */
export async function revokeSessions(ex: Executor, userId: number): Promise<number> {
  const rows = await ex
    .updateTable("sessions")
    .set({ revoked_at: sql<string>`now()` })
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .returning("id")
    .execute();
  return rows.length;
}

export interface NewGrant {
  userId: number;
  role: Role;
  unitId: number;
  validFrom?: string;
  validTo?: string | null;
  grantedBy: number | null;
}

export async function insertGrant(ex: Executor, g: NewGrant): Promise<{ id: number; validFrom: string }> {
  const row = await ex
    .insertInto("role_grants")
    .values({
      user_id: g.userId,
      role: g.role,
      unit_id: g.unitId,
      ...(g.validFrom ? { valid_from: g.validFrom } : {}),
      valid_to: g.validTo ?? null,
      granted_by: g.grantedBy,
    })
    .returning(["id", "valid_from"])
    .executeTakeFirstOrThrow();
  return { id: row.id, validFrom: row.valid_from };
}

/** A live grant of the same role on the same unit already exists. */
export async function sameGrantExists(ex: Executor, userId: number, role: Role, unitId: number) {
  const row = await ex
    .selectFrom("role_grants")
    .select("id")
    .where("user_id", "=", userId)
    .where("role", "=", role)
    .where("unit_id", "=", unitId)
    .where("revoked_at", "is", null)
    .where((eb) => eb.or([eb("valid_to", "is", null), eb("valid_to", ">=", sql<string>`current_date`)]))
    .executeTakeFirst();
  return row !== undefined;
}

export async function revokeGrant(ex: Executor, grantId: number): Promise<void> {
  await ex
    .updateTable("role_grants")
    .set({ revoked_at: sql<string>`now()` })
    .where("id", "=", grantId)
    .where("revoked_at", "is", null)
    .execute();
}
