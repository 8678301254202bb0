import { sql } from "kysely";
import type { Executor } from "../../db/client.ts";
import type { FigurePeriodType } from "./tables.ts";

export const DEFINITION_COLUMNS = [
  "id",
  "code",
  "name",
  "name_en",
  "unit_label",
  "unit_label_en",
  "description",
  "period_type",
  "nature",
  "group_name",
  "min_value",
  "max_value",
  "integer_only",
  "outlier_factor",
  "sort",
  "active",
] as const;

export async function listDefinitions(
  ex: Executor,
  opts: { periodType?: FigurePeriodType; activeOnly?: boolean } = {},
) {
  let q = ex.selectFrom("figure_definitions").select(DEFINITION_COLUMNS);
  if (opts.periodType) q = q.where("period_type", "=", opts.periodType);
  if (opts.activeOnly) q = q.where("active", "=", true);
  const rows = await q.orderBy("sort").orderBy("id").execute();
  return rows.map((r) => ({
    ...r,
    min_value: Number(r.min_value),
    max_value: r.max_value == null ? null : Number(r.max_value),
    outlier_factor: Number(r.outlier_factor),
  }));
}
export type DefinitionRow = Awaited<ReturnType<typeof listDefinitions>>[number];

export async function listRules(ex: Executor, definitionIds?: number[]) {
  let q = ex
    .selectFrom("figure_rules")
    .select(["id", "left_id", "op", "right_id", "applies", "message", "message_en", "active"])
    .where("active", "=", true);
  if (definitionIds) {
    if (definitionIds.length === 0) return [];
    q = q.where("left_id", "in", definitionIds).where("right_id", "in", definitionIds);
  }
  return q.orderBy("id").execute();
}

export async function unitRow(ex: Executor, unitId: number) {
  return ex
    .selectFrom("org_units")
    .select([
      "id",
      "name",
      "kind",
      "parent_id",
      "province_id",
      "valid_from",
      "valid_to",
      sql<string>`path::text`.as("path"),
    ])
    .where("id", "=", unitId)
    .executeTakeFirst();
}

export async function periodValues(
  ex: Executor,
  unitId: number,
  periodStart: string,
  definitionIds: number[],
) {
  if (definitionIds.length === 0) return [];
  return ex
    .selectFrom("figure_values as v")
    .leftJoin("users as u", "u.id", "v.entered_by")
    .select([
      "v.definition_id",
      "v.value",
      "v.confirmed_outlier",
      "v.entered_at",
      "u.full_name as entered_by_name",
    ])
    .where("v.unit_id", "=", unitId)
    .where("v.period_start", "=", periodStart)
    .where("v.definition_id", "in", definitionIds)
    .execute();
}

/** The unit's values of the `count` periods before `periodStart`, per definition. */
export async function history(
  ex: Executor,
  unitId: number,
  definitionIds: number[],
  before: string,
  since: string,
) {
  if (definitionIds.length === 0) return new Map<number, number[]>();
  const rows = await ex
    .selectFrom("figure_values")
    .select(["definition_id", "value"])
    .where("unit_id", "=", unitId)
    .where("definition_id", "in", definitionIds)
    .where("period_start", "<", before)
    .where("period_start", ">=", since)
    .execute();
  const out = new Map<number, number[]>();
  for (const r of rows) {
    const list = out.get(r.definition_id) ?? [];
    list.push(Number(r.value));
    out.set(r.definition_id, list);
  }
  return out;
}

export async function approvalOf(
  ex: Executor,
  unitId: number,
  periodType: FigurePeriodType,
  periodStart: string,
) {
  return ex
    .selectFrom("figure_approvals as a")
    .leftJoin("users as u", "u.id", "a.approved_by")
    .select(["a.approved_at", "a.approved_by", "u.full_name as approved_by_name"])
    .where("a.unit_id", "=", unitId)
    .where("a.period_type", "=", periodType)
    .where("a.period_start", "=", periodStart)
    .executeTakeFirst();
}

export async function approvalEvents(
  ex: Executor,
  unitId: number,
  periodType: FigurePeriodType,
  periodStart: string,
) {
  return ex
    .selectFrom("figure_approval_events as e")
    .leftJoin("users as u", "u.id", "e.actor_id")
    .select(["e.id", "e.action", "e.reason", "e.at", "u.full_name as actor_name"])
    .where("e.unit_id", "=", unitId)
    .where("e.period_type", "=", periodType)
    .where("e.period_start", "=", periodStart)
    .orderBy("e.id")
    .execute();
}

/** For each child unit of `parentId` open during the period: how many values entered, approved or not. */
export async function childrenStatus(
  ex: Executor,
  parentId: number,
  periodType: FigurePeriodType,
  periodStart: string,
  periodEnd: string,
) {
  return sql<{
    id: number;
    name: string;
    entered: number;
    approved_at: string | null;
    approved_by_name: string | null;
  }>`
    select u.id, u.name,
      (select count(*)::int from figure_values v join figure_definitions d on d.id = v.definition_id
        where v.unit_id = u.id and v.period_start = ${periodStart}::date and d.period_type = ${periodType}) as entered,
      a.approved_at, au.full_name as approved_by_name
    from org_units u
    left join figure_approvals a on a.unit_id = u.id and a.period_type = ${periodType} and a.period_start = ${periodStart}::date
    left join users au on au.id = a.approved_by
    where u.parent_id = ${parentId} and u.kind <> 'area'
      and u.valid_from <= ${periodEnd}::date and (u.valid_to is null or u.valid_to >= ${periodStart}::date)
    order by u.sort_key collate "C"
  `
    .execute(ex)
    .then((r) => r.rows);
}
