import { sql } from "kysely";
import type { Executor } from "../../../db/client.ts";
import { type Scope, unitInScope } from "../../../platform/authz/scope.ts";
import { unitsUnder } from "../common.ts";
import type { WeaponCategory } from "../tables.ts";

export interface SurrenderRow {
  id: number;
  unit_id: number;
  unit_name: string;
  unit_path: string;
  place_name: string;
  province_id: number | null;
  area_id: number | null;
  area_name: string | null;
  surrendered_on: string;
  place: string | null;
  surrendered_by: string | null;
  surrendered_by_address: string | null;
  receiving_officer_id: number | null;
  receiving_officer_name: string | null;
  storage_ref: string | null;
  activity_id: number | null;
  note: string | null;
  receipt_no: string | null;
  is_demo: boolean;
  items: Array<{ category: WeaponCategory; description: string | null; quantity: number }>;
  created_at: string;
}

function base(ex: Executor) {
  return ex
    .selectFrom("movement_weapon_surrenders as s")
    .innerJoin("org_units as u", "u.id", "s.unit_id")
    .leftJoin("org_units as ar", "ar.id", "s.area_id")
    .leftJoin("users as ro", "ro.id", "s.receiving_officer_id")
    .select([
      "s.id",
      "s.unit_id",
      "u.name as unit_name",
      "u.place_name",
      sql<string>`u.path::text`.as("unit_path"),
      "s.province_id",
      "s.area_id",
      "ar.name as area_name",
      "s.surrendered_on",
      "s.place",
      "s.surrendered_by",
      "s.surrendered_by_address",
      "s.receiving_officer_id",
      sql<string | null>`coalesce(ro.full_name, s.receiving_officer_name)`.as("receiving_officer_name"),
      "s.storage_ref",
      "s.activity_id",
      "s.note",
      "s.receipt_no",
      "s.is_demo",
      "s.created_at",
      sql<SurrenderRow["items"]>`coalesce((select json_agg(json_build_object('category', i.category,
        'description', i.description, 'quantity', i.quantity) order by i.id)
        from movement_weapon_items i where i.surrender_id = s.id), '[]'::json)`.as("items"),
    ]);
}

export async function listSurrenders(
  ex: Executor,
  scope: Scope,
  f: { unitPath: string; from?: string; to?: string; after?: { on: string; id: number }; limit: number },
): Promise<SurrenderRow[]> {
  let q = base(ex)
    .where(unitInScope(sql.ref("s.unit_id"), scope))
    .where(sql<boolean>`s.unit_id in ${unitsUnder(f.unitPath)}`);
  if (f.from) q = q.where("s.surrendered_on", ">=", f.from);
  if (f.to) q = q.where("s.surrendered_on", "<=", f.to);
  if (f.after)
    q = q.where(sql<boolean>`(s.surrendered_on, s.id) < (${f.after.on}::date, ${f.after.id}::bigint)`);
  return (await q
    .orderBy("s.surrendered_on", "desc")
    .orderBy("s.id", "desc")
    .limit(f.limit + 1)
    .execute()) as SurrenderRow[];
}

export const getSurrender = async (ex: Executor, scope: Scope, id: number) =>
  (await base(ex)
    .where("s.id", "=", id)
    .where(unitInScope(sql.ref("s.unit_id"), scope))
    .executeTakeFirst()) as SurrenderRow | undefined;

/** Totals by category over the unit's subtree and period (the register's footer). */
export async function totalsByCategory(
  ex: Executor,
  scope: Scope,
  unitPath: string,
  from?: string,
  to?: string,
) {
  const { rows } = await sql<{ category: WeaponCategory; quantity: number }>`
    select i.category, sum(i.quantity)::int as quantity from movement_weapon_surrenders s
    join movement_weapon_items i on i.surrender_id = s.id
    where ${unitInScope(sql.ref("s.unit_id"), scope)} and s.unit_id in ${unitsUnder(unitPath)}
      ${from ? sql`and s.surrendered_on >= ${from}::date` : sql``}
      ${to ? sql`and s.surrendered_on <= ${to}::date` : sql``}
    group by i.category`.execute(ex);
  return rows;
}

/** Next receipt number of the unit in the year ("07/BB-2022"). */
export async function nextReceiptNo(ex: Executor, unitId: number, year: number) {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int + 1 as n from movement_weapon_surrenders
    where unit_id = ${unitId} and extract(year from surrendered_on) = ${year}`.execute(ex);
  return `${String(rows[0].n).padStart(2, "0")}/BB-${year}`;
}
