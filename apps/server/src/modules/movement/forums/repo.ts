import { sql } from "kysely";
import type { Executor } from "../../../db/client.ts";
import { type Scope, unitInScope } from "../../../platform/authz/scope.ts";
import { unitsUnder } from "../common.ts";

export interface ForumRow {
  id: number;
  unit_id: number;
  unit_name: string;
  unit_path: string;
  place_name: string;
  province_id: number | null;
  area_id: number | null;
  area_name: string | null;
  title: string;
  held_on: string;
  starts_at: string | null;
  place: string;
  invitees: string | null;
  chair: string | null;
  status: "planned" | "held" | "cancelled";
  attendance: number | null;
  narrative: string | null;
  is_demo: boolean;
  opinion_count: number;
  created_at: string;
  updated_at: string;
}

function base(ex: Executor) {
  return ex
    .selectFrom("movement_forums as f")
    .innerJoin("org_units as u", "u.id", "f.unit_id")
    .leftJoin("org_units as ar", "ar.id", "f.area_id")
    .select([
      "f.id",
      "f.unit_id",
      "u.name as unit_name",
      "u.place_name",
      sql<string>`u.path::text`.as("unit_path"),
      "f.province_id",
      "f.area_id",
      "ar.name as area_name",
      "f.title",
      "f.held_on",
      sql<string | null>`to_char(f.starts_at, 'HH24:MI')`.as("starts_at"),
      "f.place",
      "f.invitees",
      "f.chair",
      "f.status",
      "f.attendance",
      "f.narrative",
      "f.is_demo",
      "f.created_at",
      "f.updated_at",
      sql<number>`(select count(*) from movement_forum_opinions o where o.forum_id = f.id)::int`.as(
        "opinion_count",
      ),
    ]);
}

export async function listForums(
  ex: Executor,
  scope: Scope,
  f: {
    unitPath: string;
    status?: string;
    from?: string;
    to?: string;
    after?: { heldOn: string; id: number };
    limit: number;
  },
): Promise<ForumRow[]> {
  let q = base(ex)
    .where(unitInScope(sql.ref("f.unit_id"), scope))
    .where(sql<boolean>`f.unit_id in ${unitsUnder(f.unitPath)}`);
  if (f.status) q = q.where("f.status", "=", f.status as ForumRow["status"]);
  if (f.from) q = q.where("f.held_on", ">=", f.from);
  if (f.to) q = q.where("f.held_on", "<=", f.to);
  if (f.after)
    q = q.where(sql<boolean>`(f.held_on, f.id) < (${f.after.heldOn}::date, ${f.after.id}::bigint)`);
  return (await q
    .orderBy("f.held_on", "desc")
    .orderBy("f.id", "desc")
    .limit(f.limit + 1)
    .execute()) as ForumRow[];
}

export async function getForum(ex: Executor, scope: Scope, id: number): Promise<ForumRow | undefined> {
  return (await base(ex)
    .where("f.id", "=", id)
    .where(unitInScope(sql.ref("f.unit_id"), scope))
    .executeTakeFirst()) as ForumRow | undefined;
}

export const forumOpinions = (ex: Executor, forumId: number) =>
  ex
    .selectFrom("movement_forum_opinions as o")
    .leftJoin("users as us", "us.id", "o.concerned_officer_id")
    .select([
      "o.id",
      "o.seq",
      "o.kind",
      "o.content",
      "o.citizen_name",
      "o.concerned_officer_id",
      "us.full_name as concerned_officer_name",
      "o.submission_id",
      "o.submission_code",
      "o.created_at",
    ])
    .where("o.forum_id", "=", forumId)
    .orderBy("o.seq")
    .execute();
