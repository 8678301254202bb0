import { type Insertable, sql } from "kysely";
import type { Executor } from "../../../db/client.ts";
import { type Scope, unitInScope } from "../../../platform/authz/scope.ts";
import { unitsUnder } from "../common.ts";
import type { MovementPledgesTable } from "../tables.ts";

export interface PledgeRow {
  id: number;
  unit_id: number;
  unit_name: string;
  unit_path: string;
  province_id: number | null;
  year: number;
  households: number;
  households_signed: number;
  note: string | null;
  is_demo: boolean;
  updated_at: string;
}

function base(ex: Executor) {
  return ex
    .selectFrom("movement_pledges as p")
    .innerJoin("org_units as u", "u.id", "p.unit_id")
    .select([
      "p.id",
      "p.unit_id",
      "u.name as unit_name",
      sql<string>`u.path::text`.as("unit_path"),
      "p.province_id",
      "p.year",
      "p.households",
      "p.households_signed",
      "p.note",
      "p.is_demo",
      "p.updated_at",
    ]);
}

export async function listPledges(
  ex: Executor,
  scope: Scope,
  f: { unitPath: string; year?: number; after?: { year: number; id: number }; limit: number },
): Promise<PledgeRow[]> {
  let q = base(ex)
    .where(unitInScope(sql.ref("p.unit_id"), scope))
    .where(sql<boolean>`p.unit_id in ${unitsUnder(f.unitPath)}`);
  if (f.year) q = q.where("p.year", "=", f.year);
  if (f.after) q = q.where(sql<boolean>`(p.year, p.id) < (${f.after.year}::int, ${f.after.id}::bigint)`);
  return (await q
    .orderBy("p.year", "desc")
    .orderBy("p.id", "desc")
    .limit(f.limit + 1)
    .execute()) as PledgeRow[];
}

export async function pledgeTotals(ex: Executor, scope: Scope, unitPath: string, year?: number) {
  const { rows } = await sql<{ year: number; areas: number; households: number; signed: number }>`
    select p.year, count(*)::int as areas, sum(p.households)::int as households, sum(p.households_signed)::int as signed
    from movement_pledges p
    where ${unitInScope(sql.ref("p.unit_id"), scope)} and p.unit_id in ${unitsUnder(unitPath)}
      ${year ? sql`and p.year = ${year}` : sql``}
    group by p.year order by p.year desc limit 20`.execute(ex);
  return rows;
}

export const getPledge = async (ex: Executor, scope: Scope, id: number) =>
  (await base(ex)
    .where("p.id", "=", id)
    .where(unitInScope(sql.ref("p.unit_id"), scope))
    .executeTakeFirst()) as PledgeRow | undefined;

/** Inserts or replaces the figure of an area for a year (one row per area and year). */
export async function upsertPledges(ex: Executor, rows: Insertable<MovementPledgesTable>[]) {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 1000) {
    const res = await ex
      .insertInto("movement_pledges")
      .values(rows.slice(i, i + 1000))
      .onConflict((oc) =>
        oc.columns(["unit_id", "year"]).doUpdateSet((eb) => ({
          households: eb.ref("excluded.households"),
          households_signed: eb.ref("excluded.households_signed"),
          note: eb.ref("excluded.note"),
          updated_at: sql`now()`,
        })),
      )
      .returning("id")
      .execute();
    ids.push(...res.map((r) => r.id));
  }
  return ids;
}
