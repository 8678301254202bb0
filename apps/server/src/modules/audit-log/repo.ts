import type { AuditQuery } from "@danvan/shared/schemas/accounts";
import { sql } from "kysely";
import type { Executor } from "../../db/client.ts";
import { pathInScope, type Scope } from "../../platform/authz/scope.ts";

/** The only file of the audit-log module that speaks SQL. Reads are scoped by the entry's unit. */

export interface AuditRow {
  id: number;
  at: string;
  actor_id: number | null;
  actor_name: string | null;
  actor_full_name: string | null;
  acting_unit_id: number | null;
  acting_unit_name: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  unit_id: number | null;
  unit_name: string | null;
  ip: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Vietnam has no daylight saving: a day there starts at 00:00 +07:00. */
const vnDayStart = (date: string) => `${date}T00:00:00+07:00`;
const nextDay = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * A page of entries, newest first. `withoutUnit`: entries that name no unit are included (auditors
 * granted at the Ministry root only).
 */
export async function searchAudit(
  ex: Executor,
  scope: Scope,
  withoutUnit: boolean,
  filters: Omit<AuditQuery, "cursor" | "limit">,
  limit: number,
  beforeId: number | undefined,
): Promise<AuditRow[]> {
  const inScope = sql<boolean>`a.unit_id in (select id from org_units where ${pathInScope(sql`path`, scope)})`;
  let query = ex
    .selectFrom("audit_log as a")
    .leftJoin("users as u", "u.id", "a.actor_id")
    .leftJoin("org_units as au", "au.id", "a.acting_unit_id")
    .leftJoin("org_units as ou", "ou.id", "a.unit_id")
    .select([
      "a.id",
      "a.at",
      "a.actor_id",
      "a.actor_name",
      "u.full_name as actor_full_name",
      "a.acting_unit_id",
      "au.name as acting_unit_name",
      "a.action",
      "a.target_type",
      "a.target_id",
      "a.unit_id",
      "ou.name as unit_name",
      "a.ip",
      "a.before",
      "a.after",
      "a.reason",
    ])
    .where(withoutUnit ? sql<boolean>`(a.unit_id is null or ${inScope})` : inScope);
  if (filters.actorId) query = query.where("a.actor_id", "=", filters.actorId);
  if (filters.action) query = query.where("a.action", "=", filters.action);
  if (filters.unitId)
    query = query.where(
      sql<boolean>`a.unit_id in (select id from org_units
        where path <@ (select path from org_units where id = ${filters.unitId}))`,
    );
  if (filters.from) query = query.where("a.at", ">=", sql<string>`${vnDayStart(filters.from)}::timestamptz`);
  if (filters.to)
    query = query.where("a.at", "<", sql<string>`${vnDayStart(nextDay(filters.to))}::timestamptz`);
  if (filters.q) {
    const pattern = sql`'%' || search_norm(${likeEscape(filters.q)}) || '%'`;
    // the expression of the index audit_log_search, or an actor whose name matches (index users_search)
    query = query.where(
      sql<boolean>`(audit_search_text(a.actor_name, a.action, a.target_type, a.target_id, a.reason, a.before, a.after)
        like ${pattern} or a.actor_id = any(array(select id from users
          where search_norm(full_name || ' ' || username::text) like ${pattern})))`,
    );
  }
  if (beforeId) query = query.where("a.id", "<", beforeId);
  return (await query
    .orderBy("a.id", "desc")
    .limit(limit + 1)
    .execute()) as AuditRow[];
}

/** The distinct actions in the log, in order: a skip scan over the (action, at) index. */
export async function distinctActions(ex: Executor): Promise<string[]> {
  const { rows } = await sql<{ action: string }>`
    with recursive t(action) as (
      (select action from audit_log order by action limit 1)
      union all
      select (select a.action from audit_log a where a.action > t.action order by a.action limit 1)
      from t where t.action is not null
    )
    select action from t where action is not null
  `.execute(ex);
  return rows.map((r) => r.action);
}
