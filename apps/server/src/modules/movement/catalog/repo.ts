import type { Executor } from "../../../db/client.ts";
import type { ResultField } from "../tables.ts";

export interface ModelTypeRow {
  id: number;
  code: string;
  name: string;
  name_en: string;
  description: string | null;
  counts_camera_points: boolean;
  spans_units: boolean;
  active: boolean;
  sort: number;
  builtin: boolean;
}

export interface ActivityKindRow {
  id: number;
  code: string;
  name: string;
  name_en: string;
  result_fields: ResultField[];
  active: boolean;
  sort: number;
  builtin: boolean;
}

const typeColumns = [
  "id",
  "code",
  "name",
  "name_en",
  "description",
  "counts_camera_points",
  "spans_units",
  "active",
  "sort",
  "builtin",
] as const;
const kindColumns = ["id", "code", "name", "name_en", "result_fields", "active", "sort", "builtin"] as const;

// The catalogues are shared by every unit (not scoped): they hold no records, only the forms.
export const listModelTypes = (ex: Executor): Promise<ModelTypeRow[]> =>
  ex.selectFrom("movement_model_types").select(typeColumns).orderBy("sort").orderBy("id").execute();

export const getModelType = (ex: Executor, id: number): Promise<ModelTypeRow | undefined> =>
  ex.selectFrom("movement_model_types").select(typeColumns).where("id", "=", id).executeTakeFirst();

export const listActivityKinds = (ex: Executor): Promise<ActivityKindRow[]> =>
  ex
    .selectFrom("movement_activity_kinds")
    .select(kindColumns)
    .orderBy("sort")
    .orderBy("id")
    .execute() as Promise<ActivityKindRow[]>;

export const getActivityKind = (ex: Executor, by: { id: number } | { code: string }) =>
  ex
    .selectFrom("movement_activity_kinds")
    .select(kindColumns)
    .$if("id" in by, (q) => q.where("id", "=", (by as { id: number }).id))
    .$if("code" in by, (q) => q.where("code", "=", (by as { code: string }).code))
    .executeTakeFirst() as Promise<ActivityKindRow | undefined>;

export async function insertModelType(ex: Executor, v: Omit<ModelTypeRow, "id" | "builtin">) {
  return ex
    .insertInto("movement_model_types")
    .values(v)
    .returning(typeColumns)
    .executeTakeFirstOrThrow() as Promise<ModelTypeRow>;
}

export async function updateModelType(
  ex: Executor,
  id: number,
  v: Partial<Omit<ModelTypeRow, "id" | "builtin" | "code">>,
) {
  return ex
    .updateTable("movement_model_types")
    .set({ ...v, updated_at: new Date().toISOString() })
    .where("id", "=", id)
    .returning(typeColumns)
    .executeTakeFirst() as Promise<ModelTypeRow | undefined>;
}

export async function insertActivityKind(ex: Executor, v: Omit<ActivityKindRow, "id" | "builtin">) {
  return ex
    .insertInto("movement_activity_kinds")
    .values({ ...v, result_fields: JSON.stringify(v.result_fields) })
    .returning(kindColumns)
    .executeTakeFirstOrThrow() as Promise<ActivityKindRow>;
}

export async function updateActivityKind(
  ex: Executor,
  id: number,
  v: Partial<Omit<ActivityKindRow, "id" | "builtin" | "code">>,
) {
  const { result_fields, ...rest } = v;
  return ex
    .updateTable("movement_activity_kinds")
    .set({
      ...rest,
      ...(result_fields ? { result_fields: JSON.stringify(result_fields) } : {}),
      updated_at: new Date().toISOString(),
    })
    .where("id", "=", id)
    .returning(kindColumns)
    .executeTakeFirst() as Promise<ActivityKindRow | undefined>;
}
