import { sql } from "kysely";
import type { Executor } from "../../../db/client.ts";
import { type Scope, unitInScope } from "../../../platform/authz/scope.ts";
import { likeNorm, unitsUnder } from "../common.ts";

export interface ModelRow {
  id: number;
  unit_id: number;
  unit_name: string;
  unit_path: string;
  province_id: number | null;
  type_id: number;
  type_code: string;
  type_name: string;
  counts_camera_points: boolean;
  name: string;
  description: string | null;
  status: "active" | "suspended" | "ended";
  launched_on: string;
  ended_on: string | null;
  founding_decision: string | null;
  partners: string[];
  replicated_from_id: number | null;
  coordinator_name: string | null;
  coordinator_phone: string | null;
  camera_points: number | null;
  review_every_months: number;
  is_demo: boolean;
  last_review_on: string | null;
  next_review_on: string;
  member_count: number;
  created_at: string;
  updated_at: string;
}

/** A model is visible when any unit it covers lies in the scope. */
const visible = (scope: Scope) =>
  sql<boolean>`exists (select 1 from movement_model_units v where v.model_id = m.id and ${unitInScope(sql.ref("v.unit_id"), scope)})`;

function baseQuery(ex: Executor) {
  return ex
    .selectFrom("movement_models as m")
    .innerJoin("org_units as u", "u.id", "m.unit_id")
    .innerJoin("movement_model_types as t", "t.id", "m.type_id")
    .select([
      "m.id",
      "m.unit_id",
      "u.name as unit_name",
      sql<string>`u.path::text`.as("unit_path"),
      "m.province_id",
      "m.type_id",
      "t.code as type_code",
      "t.name as type_name",
      "t.counts_camera_points",
      "m.name",
      "m.description",
      "m.status",
      "m.launched_on",
      "m.ended_on",
      "m.founding_decision",
      "m.partners",
      "m.replicated_from_id",
      "m.coordinator_name",
      "m.coordinator_phone",
      "m.camera_points",
      "m.review_every_months",
      "m.is_demo",
      "m.created_at",
      "m.updated_at",
      sql<
        string | null
      >`(select max(r.reviewed_on) from movement_model_reviews r where r.model_id = m.id)`.as(
        "last_review_on",
      ),
      sql<string>`((coalesce((select max(r.reviewed_on) from movement_model_reviews r where r.model_id = m.id), m.launched_on)
        + make_interval(months => m.review_every_months))::date)::text`.as("next_review_on"),
      sql<number>`(select count(*) from movement_model_members mm where mm.model_id = m.id and mm.left_on is null)::int`.as(
        "member_count",
      ),
    ]);
}

export interface ModelFilter {
  unitPath?: string;
  typeId?: number;
  status?: string;
  q?: string;
  dueForReview?: boolean;
  cursor?: number;
  limit: number;
}

export async function listModels(ex: Executor, scope: Scope, f: ModelFilter): Promise<ModelRow[]> {
  let q = baseQuery(ex).where(visible(scope));
  if (f.unitPath)
    q = q.where(
      sql<boolean>`exists (select 1 from movement_model_units w where w.model_id = m.id and w.unit_id in ${unitsUnder(f.unitPath)})`,
    );
  if (f.typeId) q = q.where("m.type_id", "=", f.typeId);
  if (f.status) q = q.where("m.status", "=", f.status as ModelRow["status"]);
  if (f.q) q = q.where(sql<boolean>`search_norm(m.name) like search_norm(${likeNorm(f.q)})`);
  if (f.dueForReview)
    q = q.where("m.status", "=", "active").where(
      sql<boolean>`(coalesce((select max(r.reviewed_on) from movement_model_reviews r where r.model_id = m.id), m.launched_on)
        + make_interval(months => m.review_every_months)) <= current_date`,
    );
  if (f.cursor) q = q.where("m.id", "<", f.cursor);
  return (await q
    .orderBy("m.id", "desc")
    .limit(f.limit + 1)
    .execute()) as ModelRow[];
}

export async function getModel(ex: Executor, scope: Scope, id: number): Promise<ModelRow | undefined> {
  return (await baseQuery(ex).where("m.id", "=", id).where(visible(scope)).executeTakeFirst()) as
    | ModelRow
    | undefined;
}

export const modelUnits = (ex: Executor, modelId: number) =>
  ex
    .selectFrom("movement_model_units as mu")
    .innerJoin("org_units as u", "u.id", "mu.unit_id")
    .select(["u.id", "u.name", "u.kind", "u.province_id", sql<string>`u.path::text`.as("path")])
    .where("mu.model_id", "=", modelId)
    .orderBy(sql`u.sort_key collate "C"`)
    .execute();

export const modelMembers = (ex: Executor, modelId: number) =>
  ex.selectFrom("movement_model_members").selectAll().where("model_id", "=", modelId).orderBy("id").execute();

export const modelReviews = (ex: Executor, modelId: number) =>
  ex
    .selectFrom("movement_model_reviews")
    .selectAll()
    .where("model_id", "=", modelId)
    .orderBy("reviewed_on", "desc")
    .execute();

export const modelRecognitions = (ex: Executor, modelId: number) =>
  ex
    .selectFrom("movement_model_recognitions")
    .selectAll()
    .where("model_id", "=", modelId)
    .orderBy("recognised_on", "desc")
    .execute();

export const modelConsents = (ex: Executor, modelId: number) =>
  ex
    .selectFrom("movement_camera_consents")
    .selectAll()
    .where("model_id", "=", modelId)
    .orderBy("id")
    .execute();

/** Visible models replicated from this one (one level) and the visible chain it was replicated from. */
export async function replicationOf(ex: Executor, scope: Scope, modelId: number) {
  const children = await ex
    .selectFrom("movement_models as m")
    .innerJoin("org_units as u", "u.id", "m.unit_id")
    .select(["m.id", "m.name", "m.launched_on", "u.name as unit_name"])
    .where("m.replicated_from_id", "=", modelId)
    .where(visible(scope))
    .orderBy("m.launched_on")
    .execute();
  const { rows: ancestors } = await sql<{ id: number; name: string; depth: number }>`
    with recursive up(id, name, parent, depth) as (
      select m.id, m.name, m.replicated_from_id, 0 from movement_models m where m.id = ${modelId}
      union all
      select p.id, p.name, p.replicated_from_id, up.depth + 1 from movement_models p join up on p.id = up.parent
      where up.depth < 20
    )
    select up.id, up.name, up.depth from up join movement_models m on m.id = up.id
    where up.depth > 0 and ${visible(scope)} order by up.depth desc`.execute(ex);
  return { children, ancestors: ancestors.map((a) => ({ id: a.id, name: a.name })) };
}

/** For the register page: counts by type and status over the models covering the unit's subtree. */
export async function registerCounts(ex: Executor, scope: Scope, unitPath: string) {
  const { rows } = await sql<{
    type_id: number;
    type_code: string;
    type_name: string;
    status: string;
    n: number;
    members: number;
  }>`
    select t.id as type_id, t.code as type_code, t.name as type_name, m.status, count(*)::int as n,
      coalesce(sum((select count(*) from movement_model_members mm where mm.model_id = m.id and mm.left_on is null)), 0)::int as members
    from movement_models m join movement_model_types t on t.id = m.type_id
    where ${visible(scope)}
      and exists (select 1 from movement_model_units w where w.model_id = m.id and w.unit_id in ${unitsUnder(unitPath)})
    group by t.id, t.code, t.name, t.sort, m.status
    order by t.sort, t.id, m.status`.execute(ex);
  return rows;
}

/** Models under the unit that were replicated or replicated from (edges of the replication tree). */
export async function replicationEdges(ex: Executor, scope: Scope, unitPath: string) {
  const { rows } = await sql<{ id: number; name: string; parent_id: number | null; unit_name: string }>`
    select m.id, m.name, m.replicated_from_id as parent_id, u.name as unit_name
    from movement_models m join org_units u on u.id = m.unit_id
    where ${visible(scope)}
      and exists (select 1 from movement_model_units w where w.model_id = m.id and w.unit_id in ${unitsUnder(unitPath)})
      and (m.replicated_from_id is not null
        or exists (select 1 from movement_models c where c.replicated_from_id = m.id))
    order by m.launched_on, m.id
    limit 2000`.execute(ex);
  return rows;
}
