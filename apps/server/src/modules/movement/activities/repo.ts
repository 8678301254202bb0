import { type Insertable, sql } from "kysely";
import type { Executor } from "../../../db/client.ts";
import { type Scope, unitInScope } from "../../../platform/authz/scope.ts";
import { likeNorm, unitsUnder } from "../common.ts";
import type { MovementActivitiesTable } from "../tables.ts";

export interface ActivityRow {
  id: number;
  unit_id: number;
  unit_name: string;
  unit_path: string;
  province_id: number | null;
  area_id: number | null;
  area_name: string | null;
  kind_id: number;
  kind: string;
  kind_name: string;
  occurred_on: string;
  starts_at: string | null;
  ends_at: string | null;
  title: string;
  organiser: string | null;
  partners: string[];
  officer_ids: number[];
  model_id: number | null;
  model_name: string | null;
  programme: string | null;
  narrative: string | null;
  participants: number | null;
  results: Record<string, unknown>;
  is_demo: boolean;
  created_at: string;
  updated_at: string;
}

function base(ex: Executor) {
  return ex
    .selectFrom("movement_activities as a")
    .innerJoin("org_units as u", "u.id", "a.unit_id")
    .innerJoin("movement_activity_kinds as k", "k.id", "a.kind_id")
    .leftJoin("org_units as ar", "ar.id", "a.area_id")
    .leftJoin("movement_models as m", "m.id", "a.model_id")
    .select([
      "a.id",
      "a.unit_id",
      "u.name as unit_name",
      sql<string>`u.path::text`.as("unit_path"),
      "a.province_id",
      "a.area_id",
      "ar.name as area_name",
      "a.kind_id",
      "a.kind",
      "k.name as kind_name",
      "a.occurred_on",
      sql<string | null>`to_char(a.starts_at, 'HH24:MI')`.as("starts_at"),
      sql<string | null>`to_char(a.ends_at, 'HH24:MI')`.as("ends_at"),
      "a.title",
      "a.organiser",
      "a.partners",
      "a.officer_ids",
      "a.model_id",
      "m.name as model_name",
      "a.programme",
      "a.narrative",
      "a.participants",
      "a.results",
      "a.is_demo",
      "a.created_at",
      "a.updated_at",
    ]);
}

export interface ActivityFilter {
  unitPath?: string;
  /** province ids the unit's records can carry (itself and the old provinces merged into it) */
  provinceIds?: number[];
  kind?: string;
  from?: string;
  to?: string;
  modelId?: number;
  q?: string;
  after?: { occurredOn: string; id: number };
  limit: number;
}

/** Newest first, keyset-paginated on (occurred_on, id). */
export async function listActivities(ex: Executor, scope: Scope, f: ActivityFilter): Promise<ActivityRow[]> {
  let q = base(ex).where(unitInScope(sql.ref("a.unit_id"), scope));
  if (f.provinceIds?.length) q = q.where("a.province_id", "in", f.provinceIds);
  if (f.unitPath) q = q.where(sql<boolean>`a.unit_id in ${unitsUnder(f.unitPath)}`);
  if (f.kind) q = q.where("a.kind", "=", f.kind);
  if (f.from) q = q.where("a.occurred_on", ">=", f.from);
  if (f.to) q = q.where("a.occurred_on", "<=", f.to);
  if (f.modelId) q = q.where("a.model_id", "=", f.modelId);
  if (f.q) q = q.where(sql<boolean>`search_norm(a.title) like search_norm(${likeNorm(f.q)})`);
  if (f.after)
    q = q.where(sql<boolean>`(a.occurred_on, a.id) < (${f.after.occurredOn}::date, ${f.after.id}::bigint)`);
  return (await q
    .orderBy("a.occurred_on", "desc")
    .orderBy("a.id", "desc")
    .limit(f.limit + 1)
    .execute()) as ActivityRow[];
}

export async function getActivity(ex: Executor, scope: Scope, id: number): Promise<ActivityRow | undefined> {
  return (await base(ex)
    .where("a.id", "=", id)
    .where(unitInScope(sql.ref("a.unit_id"), scope))
    .executeTakeFirst()) as ActivityRow | undefined;
}

/** Province ids under a unit: its own and those of the closed units whose lineage leads into it. */
export async function provinceIdsUnder(ex: Executor, path: string): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`
    select distinct coalesce(u.province_id, u.id) as id from org_units u
    where u.id in ${unitsUnder(path)} and u.kind <> 'ministry'`.execute(ex);
  return rows.map((r) => Number(r.id));
}

export async function insertActivities(ex: Executor, rows: Insertable<MovementActivitiesTable>[]) {
  if (rows.length === 0) return [];
  const out: number[] = [];
  for (let i = 0; i < rows.length; i += 1000) {
    const ids = await ex
      .insertInto("movement_activities")
      .values(rows.slice(i, i + 1000))
      .returning("id")
      .execute();
    out.push(...ids.map((r) => r.id));
  }
  return out;
}

/** Per day and kind, for the calendar. */
export async function calendar(ex: Executor, scope: Scope, unitPath: string, from: string, to: string) {
  const { rows } = await sql<{ day: string; kind: string; n: number }>`
    select a.occurred_on::text as day, a.kind, count(*)::int as n from movement_activities a
    where ${unitInScope(sql.ref("a.unit_id"), scope)} and a.unit_id in ${unitsUnder(unitPath)}
      and a.occurred_on between ${from}::date and ${to}::date
    group by a.occurred_on, a.kind order by a.occurred_on, a.kind`.execute(ex);
  return rows;
}

export const officerNames = async (ex: Executor, ids: number[]) =>
  ids.length
    ? await ex.selectFrom("users").select(["id", "full_name", "rank"]).where("id", "in", ids).execute()
    : [];
