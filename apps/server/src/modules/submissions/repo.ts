import { rolesAllowing } from "@danvan/shared";
import type { InboxFilter } from "@danvan/shared/schemas/submissions";
import { CompiledQuery, type Expression, type SqlBool, sql } from "kysely";
import type { QueryResultRow } from "pg";
import type { Database, Executor } from "../../db/client.ts";
import {
  type AuditEntry,
  type AuditSubject,
  auditInsertFrom,
  type Param,
} from "../../platform/audit/audit.ts";
import type { Actor } from "../../platform/authz/actor.ts";
import { type Scope, unitInScope } from "../../platform/authz/scope.ts";
import type { DeadlineRule, HolidayCalendar } from "./clock.ts";

/*
 * The only file of the module with SQL. Every read of items takes a Scope and the actor: an item about
 * an officer's conduct is never visible to that officer, whatever their role.
 */

export const ITEM_COLUMNS = [
  "s.id",
  "s.kind",
  "s.channel",
  "s.status",
  "s.sub_status",
  "s.unit_id",
  "s.province_id",
  "s.place_unit_id",
  "s.area_id",
  "s.place_text",
  "s.occurred_on",
  "s.occurred_time",
  "s.title",
  "s.content",
  "s.received_at",
  "s.received_on",
  "s.anonymous",
  "s.wants_protection",
  "s.concerned_officer_id",
  "s.concerned_officer_text",
  "s.concerned_unit_id",
  "s.assignee_id",
  "s.forum_id",
  "s.merged_into_id",
  "s.rule_code",
  "s.clock_started_on",
  "s.is_complex",
  "s.is_remote",
  "s.due_on",
  "s.paused",
  "s.closed_at",
  "s.closed_on",
  "s.closed_on_time",
  "s.outcome",
  "s.outcome_note",
  "s.rating",
  "s.rating_comment",
  "s.rated_at",
  "s.transferred_at",
  "s.created_by",
  "s.updated_at",
] as const;

export interface ItemRow {
  id: number;
  kind: string;
  channel: string;
  status: string;
  sub_status: string | null;
  unit_id: number;
  province_id: number | null;
  place_unit_id: number | null;
  area_id: number | null;
  place_text: string | null;
  occurred_on: string | null;
  occurred_time: string | null;
  title: string | null;
  content: string;
  received_at: string;
  received_on: string;
  anonymous: boolean;
  wants_protection: boolean;
  concerned_officer_id: number | null;
  concerned_officer_text: string | null;
  concerned_unit_id: number | null;
  assignee_id: number | null;
  forum_id: number | null;
  merged_into_id: number | null;
  rule_code: string | null;
  clock_started_on: string | null;
  is_complex: boolean;
  is_remote: boolean;
  due_on: string | null;
  paused: boolean;
  closed_at: string | null;
  closed_on: string | null;
  closed_on_time: boolean | null;
  outcome: string | null;
  outcome_note: string | null;
  rating: number | null;
  rating_comment: string | null;
  rated_at: string | null;
  transferred_at: string | null;
  created_by: number | null;
  updated_at: string;
  unit_name: string;
  unit_path: string;
  unit_kind: string;
  place_unit_name: string | null;
  area_name: string | null;
  assignee_name: string | null;
  has_identity: boolean;
}

/** Scope and the conduct rule, as one predicate on the alias `s`. */
export function visible(scope: Scope, actor: Actor): Expression<SqlBool> {
  return sql<SqlBool>`(${unitInScope(sql.ref("s.unit_id"), scope)} and (s.concerned_officer_id is null or s.concerned_officer_id <> ${actor.userId}))`;
}

function baseQuery(ex: Executor) {
  return ex
    .selectFrom("submissions as s")
    .innerJoin("org_units as u", "u.id", "s.unit_id")
    .leftJoin("org_units as pu", "pu.id", "s.place_unit_id")
    .leftJoin("org_units as au", "au.id", "s.area_id")
    .leftJoin("users as asg", "asg.id", "s.assignee_id")
    .select(ITEM_COLUMNS)
    .select([
      "u.name as unit_name",
      sql<string>`u.path::text`.as("unit_path"),
      "u.kind as unit_kind",
      "pu.name as place_unit_name",
      "au.name as area_name",
      sql<string | null>`asg.full_name`.as("assignee_name"),
      sql<boolean>`s.identity_sealed is not null`.as("has_identity"),
    ]);
}

export async function findItem(
  ex: Executor,
  scope: Scope,
  actor: Actor,
  id: number,
): Promise<ItemRow | undefined> {
  return (await baseQuery(ex).where("s.id", "=", id).where(visible(scope, actor)).executeTakeFirst()) as
    | ItemRow
    | undefined;
}

export async function lockItem(ex: Executor, id: number) {
  await sql`select id from submissions where id = ${id} for update`.execute(ex);
}

const REF = /^(TG|PA|GY|KN|TC)-?(\d{4})-?0*(\d+)$/i;

export function filterPredicates(f: InboxFilter, actor: Actor, today: string): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = [];
  if (f.kind) out.push(sql<SqlBool>`s.kind = ${f.kind}`);
  if (f.status === "open") out.push(sql<SqlBool>`s.status not in ('closed','merged')`);
  else if (f.status) out.push(sql<SqlBool>`s.status = ${f.status}`);
  if (f.unitId)
    out.push(
      sql<SqlBool>`s.unit_id in (select id from org_units where path <@ (select path from org_units where id = ${f.unitId}))`,
    );
  if (f.assigneeId === "me") out.push(sql<SqlBool>`s.assignee_id = ${actor.userId}`);
  else if (f.assigneeId === "none") out.push(sql<SqlBool>`s.assignee_id is null`);
  else if (f.assigneeId) out.push(sql<SqlBool>`s.assignee_id = ${f.assigneeId}`);
  if (f.copiedToMe)
    out.push(
      sql<SqlBool>`exists (select 1 from submission_watchers w where w.submission_id = s.id and w.user_id = ${actor.userId})`,
    );
  if (f.overdue)
    out.push(
      sql<SqlBool>`s.status not in ('closed','merged') and not s.paused and s.due_on < ${today}::date`,
    );
  if (f.dueSoon)
    out.push(
      sql<SqlBool>`s.status not in ('closed','merged') and not s.paused and s.due_on between ${today}::date and ${today}::date + 3`,
    );
  if (f.from) out.push(sql<SqlBool>`s.received_on >= ${f.from}::date`);
  if (f.to) out.push(sql<SqlBool>`s.received_on <= ${f.to}::date`);
  if (f.q) {
    const ref = REF.exec(f.q.replace(/\s/g, ""));
    if (ref) out.push(sql<SqlBool>`s.id = ${Number(ref[3])}`);
    else
      out.push(
        sql<SqlBool>`search_norm(coalesce(s.title, '') || ' ' || s.content) like '%' || search_norm(${f.q}) || '%'`,
      );
  }
  return out;
}

export async function listItems(
  ex: Executor,
  scope: Scope,
  actor: Actor,
  f: InboxFilter,
  today: string,
  page: { limit: number; after?: [string, number] },
): Promise<ItemRow[]> {
  let q = baseQuery(ex).where(visible(scope, actor));
  for (const p of filterPredicates(f, actor, today)) q = q.where(p);
  if (page.after)
    q = q.where(sql<SqlBool>`(s.received_at, s.id) < (${page.after[0]}::timestamptz, ${page.after[1]})`);
  return (await q
    .orderBy("s.received_at", "desc")
    .orderBy("s.id", "desc")
    .limit(page.limit + 1)
    .execute()) as ItemRow[];
}

export async function countByStatus(ex: Executor, scope: Scope, actor: Actor, f: InboxFilter, today: string) {
  let q = ex
    .selectFrom("submissions as s")
    .select(["s.status", sql<number>`count(*)::int`.as("n")])
    .where(visible(scope, actor));
  for (const p of filterPredicates({ ...f, status: undefined }, actor, today)) q = q.where(p);
  const rows = await q.groupBy("s.status").execute();
  const overdue = await ex
    .selectFrom("submissions as s")
    .select(sql<number>`count(*)::int`.as("n"))
    .where(visible(scope, actor))
    .where(sql<SqlBool>`s.status not in ('closed','merged') and not s.paused and s.due_on < ${today}::date`)
    .executeTakeFirst();
  return {
    byStatus: Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])),
    overdue: Number(overdue?.n ?? 0),
  };
}

export async function loadRules(
  ex: Executor,
): Promise<Map<string, DeadlineRule & { raw: Record<string, unknown> }>> {
  const rows = await ex.selectFrom("deadline_rules").selectAll().execute();
  return new Map(
    rows.map((r) => [
      r.code,
      {
        code: r.code,
        dayBasis: r.day_basis,
        periodUnit: r.period_unit,
        normalAmount: r.normal_amount,
        complexAmount: r.complex_amount,
        complexUnit: r.complex_unit,
        remoteAmount: r.remote_amount,
        remoteComplexAmount: r.remote_complex_amount,
        maxExtensions: r.max_extensions,
        extensionAmount: r.extension_amount,
        extensionUnit: r.extension_unit,
        rollToWorkingDay: r.roll_to_working_day,
        onResume: r.on_resume,
        raw: r as unknown as Record<string, unknown>,
      },
    ]),
  );
}

export async function loadCalendar(ex: Executor): Promise<HolidayCalendar> {
  const rows = await ex.selectFrom("holidays").select(["day", "kind"]).execute();
  return {
    holidays: new Set(rows.filter((r) => r.kind === "holiday").map((r) => r.day)),
    workingDays: new Set(rows.filter((r) => r.kind === "working_day").map((r) => r.day)),
  };
}

export async function clockDecisions(ex: Executor, id: number) {
  return ex
    .selectFrom("submission_decisions")
    .selectAll()
    .where("submission_id", "=", id)
    .orderBy("id")
    .execute();
}

/** An open unit by id with what routing needs. */
export async function unitInfo(ex: Executor, id: number) {
  return ex
    .selectFrom("org_units")
    .select([
      "id",
      "name",
      "kind",
      "parent_id",
      "province_id",
      "is_remote",
      "valid_to",
      sql<string>`path::text`.as("path"),
    ])
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function officerUnit(ex: Executor, userId: number) {
  return ex
    .selectFrom("users as u")
    .innerJoin("org_units as o", "o.id", "u.unit_id")
    .select(["u.id", "u.full_name", "o.id as unit_id", "o.parent_id", sql<string>`o.path::text`.as("path")])
    .where("u.id", "=", userId)
    .executeTakeFirst();
}

export async function addEvent(
  ex: Executor,
  e: {
    submissionId: number;
    actorId: number | null;
    kind: string;
    fromUnitId?: number | null;
    toUnitId?: number | null;
    data?: unknown;
    reason?: string | null;
  },
) {
  await ex
    .insertInto("submission_events")
    .values({
      submission_id: e.submissionId,
      actor_id: e.actorId,
      kind: e.kind,
      from_unit_id: e.fromUnitId ?? null,
      to_unit_id: e.toUnitId ?? null,
      data: e.data === undefined ? null : JSON.stringify(e.data),
      reason: e.reason ?? null,
    })
    .execute();
}

export async function notify(
  ex: Executor,
  userIds: number[],
  n: { submissionId: number; kind: string; titleVi: string; titleEn: string },
) {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return;
  await sql`insert into submission_notifications (user_id, submission_id, kind, title_vi, title_en)
    select u, ${n.submissionId}, ${n.kind}, ${n.titleVi}, ${n.titleEn} from unnest(${ids}::bigint[]) as u
    on conflict (user_id, submission_id, kind, day) do nothing`.execute(ex);
}

/** Users holding `role` on exactly this unit today. */
export async function usersWithRoleOn(ex: Executor, unitId: number, roles: string[]): Promise<number[]> {
  const rows = await ex
    .selectFrom("role_grants as g")
    .innerJoin("users as u", "u.id", "g.user_id")
    .select("u.id")
    .where("g.unit_id", "=", unitId)
    .where("g.role", "in", roles)
    .where("g.revoked_at", "is", null)
    .where("u.status", "=", "active")
    .where(sql<SqlBool>`g.valid_from <= current_date and (g.valid_to is null or g.valid_to >= current_date)`)
    .execute();
  return rows.map((r) => r.id);
}

/** Active users who may handle items of the unit at `path` (a handling role granted on it or above). */
export async function handlersOf(ex: Executor, path: string, excludeUserId: number | null) {
  const roles = rolesAllowing("submission.handle");
  return ex
    .selectFrom("users as u")
    .select(["u.id", "u.full_name", "u.rank", "u.position"])
    .where("u.status", "=", "active")
    .where(
      sql<SqlBool>`exists (select 1 from role_grants g join org_units gu on gu.id = g.unit_id
        where g.user_id = u.id and g.revoked_at is null and g.role = any(${roles}::text[])
          and g.valid_from <= current_date and (g.valid_to is null or g.valid_to >= current_date)
          and ${path}::ltree <@ gu.path)`,
    )
    .where(sql<SqlBool>`u.id is distinct from ${excludeUserId}`)
    .orderBy("u.full_name")
    .limit(200)
    .execute();
}

/** The receiving unit (with its parent) and the officer who recorded an item, for the receipt record. */
export async function receiptContext(ex: Executor, unitId: number, itemId: number) {
  const unit = await ex
    .selectFrom("org_units as u")
    .leftJoin("org_units as p", "p.id", "u.parent_id")
    .select(["u.name", "u.place_name", "p.name as parent_name"])
    .where("u.id", "=", unitId)
    .executeTakeFirstOrThrow();
  const creator = await ex
    .selectFrom("submissions as s")
    .leftJoin("users as u", "u.id", "s.created_by")
    .select(["u.full_name", "u.rank", "u.position"])
    .where("s.id", "=", itemId)
    .executeTakeFirst();
  return { unit, creator };
}

export interface PublicItem {
  kind: string;
  /** the commune (or village) the citizen chose */
  placeId: number;
  areaId: number | null;
  placeText: string | null;
  occurredOn: string | null;
  occurredTime: string | null;
  title: string | null;
  content: string;
  receivedOn: string;
  anonymous: boolean;
  identitySealed: string | null;
  wantsProtection: boolean;
  concernedOfficerText: string | null;
  codeHash: string;
  idemHash: string | null;
  idemBox: string | null;
  ruleCode: string;
  /** the first deadline, for a place that is not remote and for one that is */
  dueOn: { normal: string; remote: string };
  language: string;
  /** the audit entry written with the item (its target and unit are the new item's) */
  audit: { subject: AuditSubject; entry: Omit<AuditEntry, "targetId" | "unitId"> };
  /** the throttle hit written with the item, when limits are on */
  throttle: { bucket: string; key: string } | null;
}

/**
 * A citizen's submission as one statement, hence one transaction: routing (the open place's commune;
 * the level above it for feedback on an officer's conduct), the item with its clock, its first timeline
 * entry, its audit entry and the throttle hit are stored together or not at all, in one round trip.
 * It returns no row when the idempotency key was used already (the first writer wins; a racing one waits
 * for it to commit, then inserts nothing) or when the place is no longer open.
 */
export function publicItemStatement(v: PublicItem): Statement {
  // plain text with numbered parameters: the same text for every call (one prepared statement), and no
  // query-builder work per request
  const values: unknown[] = [];
  const $: Param = (value, type) => `$${values.push(value)}::${type}`;
  const conduct = $(v.kind === "conduct_feedback", "boolean");
  const text = `
    with place as (
      select p.id, p.kind, p.is_remote, t.id as unit_id,
        case when t.kind = 'province' then t.id else t.province_id end as province_id
      from org_units p
      join org_units t on t.id = case when ${conduct} then coalesce(p.parent_id, p.id) else p.id end
      where p.id = ${$(v.placeId, "bigint")} and p.valid_to is null
    ), s as (
      insert into submissions (kind, channel, unit_id, province_id, place_unit_id, area_id, place_text,
        occurred_on, occurred_time, title, content, received_on, anonymous, identity_sealed, wants_protection,
        concerned_officer_text, concerned_unit_id, code_hash, idem_hash, idem_box,
        rule_code, clock_started_on, is_remote, due_on, language)
      select ${$(v.kind, "text")}, 'web', place.unit_id, place.province_id,
        case when place.kind = 'area' then null else place.id end, ${$(v.areaId, "bigint")},
        ${$(v.placeText, "text")}, ${$(v.occurredOn, "date")}, ${$(v.occurredTime, "text")},
        ${$(v.title, "text")}, ${$(v.content, "text")}, ${$(v.receivedOn, "date")}, ${$(v.anonymous, "boolean")},
        ${$(v.identitySealed, "text")}, ${$(v.wantsProtection, "boolean")}, ${$(v.concernedOfficerText, "text")},
        case when ${conduct} then place.id end, ${$(v.codeHash, "text")}, ${$(v.idemHash, "text")},
        ${$(v.idemBox, "text")}, ${$(v.ruleCode, "text")}, ${$(v.receivedOn, "date")}, place.is_remote,
        case when place.is_remote then ${$(v.dueOn.remote, "date")} else ${$(v.dueOn.normal, "date")} end,
        ${$(v.language, "text")}
      from place
      on conflict (idem_hash) do nothing
      returning id, received_at, unit_id
    ), e as (
      insert into submission_events (submission_id, kind, to_unit_id, data)
      select id, 'received', unit_id, '{"channel":"web"}'::jsonb from s
    ), a as (
      ${auditInsertFrom(v.audit.subject, v.audit.entry, { from: "s", targetId: "id", unitId: "unit_id" }, $)}
    )${
      v.throttle
        ? `, t as (
      insert into throttle_hits (bucket, key) select ${$(v.throttle.bucket, "text")}, ${$(v.throttle.key, "text")} from s
    )`
        : ""
    }
    select id, received_at from s`;
  return { text, values };
}

/** What the statement returns for a stored item. */
export interface StoredRow {
  id: number;
  received_at: string;
}

/** A statement's text with numbered parameters, and their values. */
export interface Statement {
  text: string;
  values: unknown[];
}

/** Runs a statement in a transaction (or on the root handle) through Kysely. */
export async function executeStatement<R>(ex: Executor, st: Statement): Promise<R[]> {
  return (await ex.executeQuery<R>(CompiledQuery.raw(st.text, st.values))).rows;
}

const preparedNames = new Map<string, string>();

/**
 * Runs a statement as a named prepared statement of the pool's connections: PostgreSQL parses and plans
 * it once per connection instead of on every call (for the public submission, ~0.4 ms of the database's
 * CPU per call; docs/decisions/0008). Only for statements whose text takes few shapes. The embedded
 * database runs it unnamed: all its clients share one backend session, where a second client (a test
 * process, a reconnected pool) preparing the same name would fail.
 */
export async function executePrepared<R>(database: Database, st: Statement): Promise<R[]> {
  if (database.kind !== "postgres") return executeStatement<R>(database.db, st);
  let name = preparedNames.get(st.text);
  if (!name) {
    if (preparedNames.size >= 100) throw new Error("executePrepared: too many statement shapes");
    name = `danvan_${preparedNames.size + 1}`;
    preparedNames.set(st.text, name);
  }
  const result = await database.pool.query<R & QueryResultRow>({ name, text: st.text, values: st.values });
  return result.rows;
}
