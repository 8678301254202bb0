import { GUN_CATEGORIES, WEAPON_CATEGORIES, WEAPON_CATEGORY_LABELS } from "@danvan/shared/schemas/movement";
import { type RawBuilder, sql } from "kysely";
import type { Executor } from "../../db/client.ts";
import type { Bilingual } from "../../platform/http/errors.ts";
import {
  type DrilldownContext,
  type DrilldownRow,
  type IndicatorBatch,
  type IndicatorContext,
  type IndicatorDef,
  registerIndicator,
  unitsOfGrp,
} from "../../platform/indicators/registry.ts";
import {
  rolledByGroup,
  splitPeriod,
  topGroups,
  unitRowsByGroup,
  viaTopsOrUnits,
} from "../../platform/indicators/rollup.ts";
import { resultIndicatorCode } from "./catalog/results.ts";
import type { ResultField } from "./tables.ts";

/*
 * Everything countable in movement work. Codes:
 *   movement.models.{count,new,replicated,recognised,reviewed,members,camera_points,camera_owners}
 *   movement.models.<type code>.count
 *   movement.activities.{count,participants}, movement.activities.<kind code>.{count,participants}
 *   movement.results.<result field in snake case> (sum of that field over the kinds whose form has it)
 *   movement.forums.{count,attendance,opinions,opinions_linked,opinions_handled}
 *   movement.pledges.{areas,households,households_signed,rate}
 *   movement.weapons.{surrenders,guns,<category plural>}
 * Flows count what happened in [from, to); stocks are the state on the period's last day. A model covering
 * several units is counted once per group (count distinct), so a sum over both provinces counts it once.
 */

type Value = RawBuilder<{ gkey: string; value: number | null }>;
const defs = new Map<string, IndicatorDef>();
const MODULE = "movement";

/** The optional hooks of an indicator: its split by kind and the records behind it. */
type Hooks = Pick<IndicatorDef, "byKind" | "drilldown" | "recordPath" | "ratioOf">;

/** Whether some model covers units of two groups (then it counts once in a whole holding both). */
// a count, not EXISTS: EXISTS invites a first-row plan that loops over grp for every link (minutes for the country)
// Whole provinces' models come from movement_model_tops, as in modelsByGroup.
const modelSpansGroups = ({ tops }: Pick<IndicatorContext, "tops">) => {
  const links = viaTopsOrUnits(
    tops,
    (
      t,
    ) => sql`select mt.model_id, t.gkey from movement_model_tops mt join ${topGroups(t)} on t.top_id = mt.top_id
      where mt.lineage = ${t.lineage}`,
    (units) =>
      sql`select mu.model_id, g.gkey from movement_model_units mu join ${units} g on g.unit_id = mu.unit_id`,
  );
  return sql<{ spans: boolean }>`select count(*) > 0 as spans from (
    select l.model_id from (${links}) l group by l.model_id having min(l.gkey) <> max(l.gkey)) x`;
};

function define(
  code: string,
  label: Bilingual,
  unit: Bilingual,
  nature: IndicatorDef["nature"],
  query: (ctx: IndicatorContext) => Value,
  description?: Bilingual,
  batch?: IndicatorBatch,
  hooks: Hooks = {},
) {
  const existing = defs.get(code);
  if (existing) {
    existing.label = label;
    existing.unit = unit;
    existing.query = query;
    existing.batch = batch;
    existing.byKind = hooks.byKind;
    existing.drilldown = hooks.drilldown;
    existing.recordPath = hooks.recordPath;
    existing.ratioOf = hooks.ratioOf;
    return;
  }
  const def: IndicatorDef = {
    code,
    module: MODULE,
    // a model covering units in two groups counts once in a group holding both
    ...(code.startsWith("movement.models.")
      ? { additive: false as const, spansGroups: modelSpansGroups }
      : {}),
    label,
    unit,
    nature,
    query,
    description,
    batch,
    ...hooks,
  };
  defs.set(code, def);
  registerIndicator(def);
}

type Drill = RawBuilder<DrilldownRow>;
type ByKind = RawBuilder<{ gkey: string; kind: string; label: string; value: number | null }>;

/*
 * Drill-down rows never carry personal data: no member, coordinator, owner, citizen or hander-in names,
 * no free-text title, place, narrative or opinion. A record is named by its kind, its date and the
 * residential area (or unit) it belongs to.
 */
const ddmmyyyy = (col: RawBuilder<unknown>) => sql`to_char(${col}, 'DD/MM/YYYY')`;
/** The place of a record: its residential area's place name, else its unit's. */
const placeOf = (areaId: RawBuilder<unknown>, unitId: RawBuilder<unknown>) =>
  sql`coalesce((select ar.place_name from org_units ar where ar.id = ${areaId}),
    (select un.place_name from org_units un where un.id = ${unitId}))`;
const page = (ctx: DrilldownContext) => sql`limit ${ctx.limit} offset ${ctx.offset}`;

const U = {
  models: { vi: "mô hình", en: "models" },
  people: { vi: "người", en: "people" },
  visits: { vi: "lượt người", en: "people" },
  activities: { vi: "hoạt động", en: "activities" },
  forums: { vi: "diễn đàn", en: "forums" },
  opinions: { vi: "ý kiến", en: "opinions" },
  households: { vi: "hộ", en: "households" },
  areas: { vi: "khu dân cư", en: "areas" },
  percent: { vi: "%", en: "%" },
  guns: { vi: "khẩu", en: "guns" },
  times: { vi: "lượt", en: "times" },
  points: { vi: "điểm", en: "points" },
};

// ---------------------------------------------------------------- models

/**
 * Each model matching `where` (over `m`, movement_models) once per group holding one of its units, as
 * (gkey, columns). Whole provinces come from movement_model_tops while the level-2 roll-up is built for
 * today's tree (migration 0498): 40,000 rows instead of every model unit joined to every unit's group.
 * Other groups, or all of them when the tree changed since, come from the models' units.
 */
const modelsByGroup = (ctx: IndicatorContext, columns: RawBuilder<unknown>, where: RawBuilder<unknown>) =>
  viaTopsOrUnits(
    ctx.tops,
    (t) => sql`select t.gkey, ${columns} from movement_model_tops mt
      join ${topGroups(t)} on t.top_id = mt.top_id join movement_models m on m.id = mt.model_id
      where mt.lineage = ${t.lineage} and ${where}`,
    (units) => sql`select distinct g.gkey, ${columns} from movement_models m
      join movement_model_units mu on mu.model_id = m.id join ${units} g on g.unit_id = mu.unit_id
      where ${where} ${unitsOfGrp(ctx, sql`mu.unit_id`)}`,
  );

/** Models that exist on the period's last day, once in each group holding one of the units they cover. */
const aliveModels = (ctx: IndicatorContext, extra: RawBuilder<unknown> = sql`true`) =>
  modelsByGroup(
    ctx,
    sql`m.id, m.camera_points, m.type_id`,
    sql`m.launched_on < ${ctx.to}::date and (m.ended_on is null or m.ended_on >= ${ctx.to}::date) and ${extra}`,
  );

const MODEL_PATH = "/phong-trao/mo-hinh/:id";
const alive = (ctx: IndicatorContext) =>
  sql`m.launched_on < ${ctx.to}::date and (m.ended_on is null or m.ended_on >= ${ctx.to}::date)`;
const launchedIn = (ctx: IndicatorContext) =>
  sql`m.launched_on >= ${ctx.from}::date and m.launched_on < ${ctx.to}::date`;

/**
 * The models behind a model figure, one row each even when a model covers several units of the subtree
 * (it is counted once there too). The row's unit is a covered unit inside the subtree, the model's own
 * unit first; rows whose value is 0 or empty (a model without members, say) add nothing and are left out.
 */
const modelRows = (
  ctx: DrilldownContext,
  where: RawBuilder<unknown>,
  value: RawBuilder<unknown> = sql`1`,
  on: RawBuilder<unknown> = sql`m.launched_on`,
): Drill => sql`
  select x.* from (
    select m.id, ${on} as "on", m.name || ' (' || t.name || ')' as title,
      (select mu.unit_id from movement_model_units mu
        where mu.model_id = m.id and mu.unit_id in (select unit_id from grp)
        order by (mu.unit_id = m.unit_id) desc, mu.unit_id limit 1) as unit_id,
      (${value})::float8 as value
    from movement_models m join movement_model_types t on t.id = m.type_id
    where exists (select 1 from movement_model_units mu
        where mu.model_id = m.id and mu.unit_id in (select unit_id from grp))
      and ${where}
  ) x where x.value <> 0
  order by x."on" desc, x.id desc ${page(ctx)}`;

/** Models in place by type (the split of movement.models.count). */
const modelsByType = (ctx: IndicatorContext): ByKind => sql`
  select x.gkey, t.code as kind, t.name as label, count(*) as value from (${aliveModels(ctx)}) x
  join movement_models m on m.id = x.id join movement_model_types t on t.id = m.type_id
  group by x.gkey, t.id order by min(t.sort), t.code`;

/** `<column> in (models of a) and` for a subtree; nothing for the country (all models, one hash join). */
const modelsOfA = (ctx: IndicatorContext, column: RawBuilder<unknown>) =>
  ctx.fewUnits === false ? sql`` : sql`${column} in (select id from a) and`;

/**
 * The stock of models at the period's end in one query: models in place in total and per type, their
 * camera points, members and valid camera consents, from one pass over the models alive on that day.
 */
const modelsBatch: IndicatorBatch = {
  key: "movement.models.stock",
  query: (ctx) => sql`
    with a as (${aliveModels(ctx)})
    select x.gkey, v.code, v.value from (
      select a.gkey, t.code as type, grouping(t.code) as total, count(*) as c, sum(a.camera_points) as cp
      from a join movement_model_types t on t.id = a.type_id
      group by grouping sets ((a.gkey, t.code), (a.gkey))
    ) x cross join lateral (values
      (case when x.total = 1 then 'movement.models.count' else 'movement.models.' || x.type || '.count' end, x.c::numeric),
      (case when x.total = 1 then 'movement.models.camera_points' end, x.cp::numeric)
    ) as v(code, value)
    where v.code is not null
    union all
    -- members and consents counted per model first (a model's rows once), then added up per group; the
    -- members from the days their number changes (migration 0504), a few rows per model
    select a.gkey, 'movement.models.members', sum(mm.n) from a
    join (select d.model_id, sum(d.delta) as n from movement_model_member_days d
      where ${modelsOfA(ctx, sql`d.model_id`)} d.day <= ${ctx.to}::date
      group by d.model_id) mm on mm.model_id = a.id
    group by a.gkey
    union all
    select a.gkey, 'movement.models.camera_owners', sum(c.n) from a
    join (select c.model_id, count(*) as n from movement_camera_consents c
      where ${modelsOfA(ctx, sql`c.model_id`)}
        c.confirmed_on < ${ctx.to}::date and c.confirmed_on >= (${ctx.to}::date - interval '1 year')::date
        and (c.withdrawn_on is null or c.withdrawn_on >= ${ctx.to}::date)
      group by c.model_id) c on c.model_id = a.id
    group by a.gkey`,
};

define(
  "movement.models.count",
  { vi: "Số mô hình đang duy trì", en: "Models in place" },
  U.models,
  "stock",
  (ctx) => sql`select gkey, count(*) as value from (${aliveModels(ctx)}) x group by gkey`,
  {
    vi: "Mô hình đã ra mắt và chưa kết thúc vào ngày cuối kỳ; mô hình liên đơn vị được tính một lần.",
    en: "Models launched and not ended on the period's last day; a model spanning units counts once.",
  },
  modelsBatch,
  { byKind: modelsByType, drilldown: (ctx) => modelRows(ctx, alive(ctx)), recordPath: MODEL_PATH },
);
/** Models launched, replicated, recognised and reviewed in the period, from one pass over the subtree's models. */
const modelFlowsBatch: IndicatorBatch = {
  key: "movement.models.flows",
  query: (ctx) => sql`
    with mg as (${modelsByGroup(ctx, sql`m.id, m.launched_on, m.replicated_from_id`, sql`true`)})
    select mg.gkey, 'movement.models.new' as code, count(*)::numeric as value from mg
      where mg.launched_on >= ${ctx.from}::date and mg.launched_on < ${ctx.to}::date group by mg.gkey
    union all
    select mg.gkey, 'movement.models.replicated', count(*) from mg
      where mg.replicated_from_id is not null and mg.launched_on >= ${ctx.from}::date and mg.launched_on < ${ctx.to}::date
      group by mg.gkey
    union all
    select mg.gkey, 'movement.models.recognised', count(*) from mg
      where exists (select 1 from movement_model_recognitions r where r.model_id = mg.id
        and r.recognised_on >= ${ctx.from}::date and r.recognised_on < ${ctx.to}::date)
      group by mg.gkey
    union all
    select mg.gkey, 'movement.models.reviewed', count(*) from mg
      where exists (select 1 from movement_model_reviews r where r.model_id = mg.id
        and r.reviewed_on >= ${ctx.from}::date and r.reviewed_on < ${ctx.to}::date)
      group by mg.gkey`,
};

define(
  "movement.models.new",
  { vi: "Số mô hình mới ra mắt", en: "New models launched" },
  U.models,
  "flow",
  (ctx) => sql`select g.gkey, count(distinct m.id) as value from movement_models m
    join movement_model_units mu on mu.model_id = m.id join grp g on g.unit_id = mu.unit_id
    where m.launched_on >= ${ctx.from}::date and m.launched_on < ${ctx.to}::date group by g.gkey`,
  undefined,
  modelFlowsBatch,
  { drilldown: (ctx) => modelRows(ctx, launchedIn(ctx)), recordPath: MODEL_PATH },
);
define(
  "movement.models.replicated",
  { vi: "Số mô hình được nhân rộng", en: "Models replicated" },
  U.models,
  "flow",
  (ctx) => sql`select g.gkey, count(distinct m.id) as value from movement_models m
    join movement_model_units mu on mu.model_id = m.id join grp g on g.unit_id = mu.unit_id
    where m.replicated_from_id is not null and m.launched_on >= ${ctx.from}::date and m.launched_on < ${ctx.to}::date
    group by g.gkey`,
  undefined,
  modelFlowsBatch,
  {
    drilldown: (ctx) => modelRows(ctx, sql`m.replicated_from_id is not null and ${launchedIn(ctx)}`),
    recordPath: MODEL_PATH,
  },
);
define(
  "movement.models.recognised",
  { vi: "Số mô hình được công nhận điển hình, “Dân vận khéo”", en: "Models recognised" },
  U.models,
  "flow",
  (ctx) => sql`select g.gkey, count(distinct m.id) as value from movement_model_recognitions r
    join movement_models m on m.id = r.model_id
    join movement_model_units mu on mu.model_id = m.id join grp g on g.unit_id = mu.unit_id
    where r.recognised_on >= ${ctx.from}::date and r.recognised_on < ${ctx.to}::date group by g.gkey`,
  undefined,
  modelFlowsBatch,
  {
    drilldown: (ctx) => {
      const inPeriod = sql`r.model_id = m.id and r.recognised_on >= ${ctx.from}::date and r.recognised_on < ${ctx.to}::date`;
      return modelRows(
        ctx,
        sql`exists (select 1 from movement_model_recognitions r where ${inPeriod})`,
        sql`1`,
        sql`(select max(r.recognised_on) from movement_model_recognitions r where ${inPeriod})`,
      );
    },
    recordPath: MODEL_PATH,
  },
);
define(
  "movement.models.reviewed",
  { vi: "Số mô hình được sơ kết, tổng kết", en: "Models reviewed" },
  U.models,
  "flow",
  (ctx) => sql`select g.gkey, count(distinct m.id) as value from movement_model_reviews r
    join movement_models m on m.id = r.model_id
    join movement_model_units mu on mu.model_id = m.id join grp g on g.unit_id = mu.unit_id
    where r.reviewed_on >= ${ctx.from}::date and r.reviewed_on < ${ctx.to}::date group by g.gkey`,
  undefined,
  modelFlowsBatch,
  {
    drilldown: (ctx) => {
      const inPeriod = sql`r.model_id = m.id and r.reviewed_on >= ${ctx.from}::date and r.reviewed_on < ${ctx.to}::date`;
      return modelRows(
        ctx,
        sql`exists (select 1 from movement_model_reviews r where ${inPeriod})`,
        sql`1`,
        sql`(select max(r.reviewed_on) from movement_model_reviews r where ${inPeriod})`,
      );
    },
    recordPath: MODEL_PATH,
  },
);
define(
  "movement.models.members",
  { vi: "Số thành viên tham gia mô hình", en: "Model members" },
  U.people,
  "stock",
  (ctx) => sql`select x.gkey, count(*) as value from (${aliveModels(ctx)}) x
    join movement_model_members mm on mm.model_id = x.id
    where (mm.joined_on is null or mm.joined_on < ${ctx.to}::date) and (mm.left_on is null or mm.left_on >= ${ctx.to}::date)
    group by x.gkey`,
  undefined,
  modelsBatch,
  {
    drilldown: (ctx) =>
      modelRows(
        ctx,
        alive(ctx),
        sql`(select count(*) from movement_model_members mm where mm.model_id = m.id
          and (mm.joined_on is null or mm.joined_on < ${ctx.to}::date) and (mm.left_on is null or mm.left_on >= ${ctx.to}::date))`,
      ),
    recordPath: MODEL_PATH,
  },
);
define(
  "movement.models.camera_points",
  { vi: "Số điểm camera an ninh", en: "Security-camera points" },
  U.points,
  "stock",
  (ctx) => sql`select gkey, sum(camera_points) as value from (${aliveModels(ctx)}) x group by gkey`,
  undefined,
  modelsBatch,
  { drilldown: (ctx) => modelRows(ctx, alive(ctx), sql`m.camera_points`), recordPath: MODEL_PATH },
);
define(
  "movement.models.camera_owners",
  { vi: "Số chủ camera đồng ý chia sẻ hình ảnh (còn hiệu lực)", en: "Camera owners consenting (valid)" },
  U.people,
  "stock",
  (ctx) => sql`select x.gkey, count(*) as value from (${aliveModels(ctx)}) x
    join movement_camera_consents c on c.model_id = x.id
    where c.confirmed_on < ${ctx.to}::date and c.confirmed_on >= (${ctx.to}::date - interval '1 year')::date
      and (c.withdrawn_on is null or c.withdrawn_on >= ${ctx.to}::date)
    group by x.gkey`,
  {
    vi: "Chủ camera xác nhận đồng ý trong vòng 12 tháng tính đến cuối kỳ (xác nhận lại hằng năm).",
    en: "Owners who confirmed consent within the 12 months before the period's end (re-confirmed yearly).",
  },
  modelsBatch,
  {
    drilldown: (ctx) =>
      modelRows(
        ctx,
        alive(ctx),
        sql`(select count(*) from movement_camera_consents c where c.model_id = m.id
          and c.confirmed_on < ${ctx.to}::date and c.confirmed_on >= (${ctx.to}::date - interval '1 year')::date
          and (c.withdrawn_on is null or c.withdrawn_on >= ${ctx.to}::date))`,
      ),
    recordPath: MODEL_PATH,
  },
);

// ---------------------------------------------------------------- activities

const activities = (ctx: IndicatorContext, select: RawBuilder<unknown>, kinds?: string[]) =>
  sql`
  select g.gkey, ${select} as value from movement_activities a join grp g on g.unit_id = a.unit_id
  where a.occurred_on >= ${ctx.from}::date and a.occurred_on < ${ctx.to}::date
  ${kinds ? (kinds.length === 1 ? sql`and a.kind = ${kinds[0]}` : sql`and a.kind = any(${kinds}::text[])`) : sql``}
  group by g.gkey` as Value;

/** Numeric result fields (key → indicator code) for SQL, set by syncMovementIndicators. */
let resultCodes: { keys: string[]; codes: string[] } = { keys: [], codes: [] };

/**
 * Every activity indicator (count and participants, in total and per kind) and every result field from
 * one query: the whole months of the period from the roll-up (migration 0492), the days at either end
 * from the activities themselves (grouping sets: the totals and each kind in one scan).
 */
const activityEdges = (ctx: IndicatorContext) => sql`
  select x.gkey, v.code, v.value from (
    select g.gkey, a.kind, grouping(a.kind) as total, count(*) as c, sum(a.participants) as p
    from movement_activities a join grp g on g.unit_id = a.unit_id
    where a.occurred_on >= ${ctx.from}::date and a.occurred_on < ${ctx.to}::date
    group by grouping sets ((g.gkey, a.kind), (g.gkey))
  ) x cross join lateral (values
    (case when x.total = 1 then 'movement.activities.count' else 'movement.activities.' || x.kind || '.count' end, x.c::numeric),
    (case when x.total = 1 then 'movement.activities.participants' else 'movement.activities.' || x.kind || '.participants' end, x.p::numeric)
  ) as v(code, value)
  union all
  select g.gkey, m.code, sum(r.value::numeric) as value
  from movement_activities a join grp g on g.unit_id = a.unit_id
  cross join lateral jsonb_each_text(a.results) as r(key, value)
  join unnest(${resultCodes.keys}::text[], ${resultCodes.codes}::text[]) as m(key, code) on m.key = r.key
  where a.occurred_on >= ${ctx.from}::date and a.occurred_on < ${ctx.to}::date
    and r.value ~ '^-?[0-9]+(\\.[0-9]+)?$'
  group by g.gkey, m.code`;

/** Roll-up measures ('count:<kind>', 'participants:<kind>', 'result:<key>') as indicator codes. */
const activityRolled = (rows: RawBuilder<unknown>) => sql`
  select x.gkey, c.code, x.value from (
    select r.gkey, r.measure, sum(r.value) as value from (${rows}) r group by r.gkey, r.measure
  ) x cross join lateral (
    select 'movement.activities.' || split_part(x.measure, ':', 2) || '.' || split_part(x.measure, ':', 1)
      where x.measure not like 'result:%'
    union all
    select 'movement.activities.' || split_part(x.measure, ':', 1) where x.measure not like 'result:%'
    union all
    select m.code from unnest(${resultCodes.keys}::text[], ${resultCodes.codes}::text[]) as m(key, code)
      where x.measure = 'result:' || m.key
  ) as c(code)`;

const activitiesBatch: IndicatorBatch = {
  key: "movement.activities",
  query: (ctx) => {
    const split = splitPeriod(ctx.from, ctx.to);
    const rolled = rolledByGroup("activities", split, ctx);
    const parts = [...(rolled ? [activityRolled(rolled)] : []), ...split.edges.map(activityEdges)];
    if (parts.length === 0)
      return sql`select null::text as gkey, null::text as code, null::numeric as value where false`;
    return sql`select y.gkey, y.code, sum(y.value) as value from (${sql.join(parts, sql` union all `)}) y
      group by y.gkey, y.code`;
  },
};

const kindFilter = (kinds?: string[]) =>
  kinds
    ? kinds.length === 1
      ? sql`and a.kind = ${kinds[0]}`
      : sql`and a.kind = any(${kinds}::text[])`
    : sql``;

/**
 * The activities behind an activity figure (all kinds, one kind, a result field): one row each, titled by
 * its kind, date and place (residential area, else unit); never the free-text title or the narrative.
 */
const activityRows = (
  ctx: DrilldownContext,
  value: RawBuilder<unknown>,
  kinds?: string[],
  extra: RawBuilder<unknown> = sql`true`,
): Drill => sql`
  select a.id, a.occurred_on as "on",
    coalesce(k.name, a.kind) || ' — ' || ${ddmmyyyy(sql`a.occurred_on`)} || ' — ' || ${placeOf(sql`a.area_id`, sql`a.unit_id`)} as title,
    a.unit_id, (${value})::float8 as value
  from movement_activities a left join movement_activity_kinds k on k.code = a.kind
  where a.unit_id in (select unit_id from grp)
    and a.occurred_on >= ${ctx.from}::date and a.occurred_on < ${ctx.to}::date ${kindFilter(kinds)} and ${extra}
  order by a.occurred_on desc, a.id desc ${page(ctx)}`;

/** Activity count or participants split by kind, labelled from the catalogue. */
const activitiesByKind =
  (measure: "count" | "participants") =>
  (ctx: IndicatorContext): ByKind =>
    sql`
  select g.gkey, a.kind, coalesce(min(k.name), a.kind) as label,
    ${measure === "count" ? sql`count(*)` : sql`sum(a.participants)`} as value
  from movement_activities a join grp g on g.unit_id = a.unit_id
  left join movement_activity_kinds k on k.code = a.kind
  where a.occurred_on >= ${ctx.from}::date and a.occurred_on < ${ctx.to}::date
  group by g.gkey, a.kind order by min(k.sort), a.kind`;

/** The count and participants hooks of the activity indicators, overall (no kinds) or for one kind. */
const activityHooks = (measure: "count" | "participants", kinds?: string[]): Hooks => ({
  byKind: kinds ? undefined : activitiesByKind(measure),
  drilldown: (ctx) =>
    measure === "count"
      ? activityRows(ctx, sql`1`, kinds)
      : activityRows(ctx, sql`a.participants`, kinds, sql`coalesce(a.participants, 0) <> 0`),
});

/** A numeric result field of an activity, null when absent or not a number. */
const resultValue = (key: string) =>
  sql`case when (a.results ->> ${key}) ~ '^-?[0-9]+(\\.[0-9]+)?$' then (a.results ->> ${key})::numeric end`;

define(
  "movement.activities.count",
  { vi: "Tổng số hoạt động", en: "Activities" },
  U.activities,
  "flow",
  (ctx) => activities(ctx, sql`count(*)`),
  undefined,
  activitiesBatch,
  activityHooks("count"),
);
define(
  "movement.activities.participants",
  { vi: "Tổng số lượt người tham gia hoạt động", en: "Activity participants" },
  U.visits,
  "flow",
  (ctx) => activities(ctx, sql`sum(a.participants)`),
  undefined,
  activitiesBatch,
  activityHooks("participants"),
);

// ---------------------------------------------------------------- forums

const FORUM_PATH = "/phong-trao/dien-dan/:id";
/**
 * The forums behind a forum figure, one row each with its contribution (1, its attendance, its number of
 * opinions...); titled by date and place (residential area, else unit), never the opinions themselves.
 */
const forumRows = (
  ctx: DrilldownContext,
  where: RawBuilder<unknown>,
  value: RawBuilder<unknown>,
): Drill => sql`
  select x.* from (
    select f.id, f.held_on as "on",
      'Diễn đàn “Công an lắng nghe ý kiến Nhân dân” — ' || ${ddmmyyyy(sql`f.held_on`)} || ' — ' || ${placeOf(sql`f.area_id`, sql`f.unit_id`)} as title,
      f.unit_id, (${value})::float8 as value
    from movement_forums f
    where f.unit_id in (select unit_id from grp) and f.held_on >= ${ctx.from}::date and f.held_on < ${ctx.to}::date
      and ${where}
  ) x where x.value <> 0
  order by x."on" desc, x.id desc ${page(ctx)}`;
const opinionsOf = (where: RawBuilder<unknown> = sql`true`) =>
  sql`(select count(*) from movement_forum_opinions o where o.forum_id = f.id and ${where})`;
const forumHooks = (drilldown: (ctx: DrilldownContext) => Drill): Hooks => ({
  drilldown,
  recordPath: FORUM_PATH,
});

/** Every forum figure (held, attendance, opinions raised, passed on, handled) from one pass over the period's forums. */
const forumsBatch: IndicatorBatch = {
  key: "movement.forums",
  query: (ctx) => sql`
    with f as (${unitRowsByGroup(
      ctx,
      sql`select f.unit_id, f.id, f.status, f.attendance from movement_forums f
        where f.held_on >= ${ctx.from}::date and f.held_on < ${ctx.to}::date ${unitsOfGrp(ctx, sql`f.unit_id`)}`,
    )})
    select f.gkey, 'movement.forums.count' as code, count(*)::numeric as value from f
      where f.status = 'held' group by f.gkey
    union all
    select f.gkey, 'movement.forums.attendance', sum(f.attendance) from f where f.status = 'held' group by f.gkey
    union all
    -- opinions counted per forum first (only the period's forums), then added up per group
    select f.gkey, v.code, sum(v.n) from f
    join (select o.forum_id, count(*) as total, count(o.submission_id) as linked,
        count(*) filter (where o.submission_id is not null and exists (select 1 from submissions s
          where s.id = o.submission_id and s.status in ('closed', 'merged') and s.closed_at < ${ctx.to}::date)) as handled
      from movement_forum_opinions o where o.forum_id in (select id from f) group by o.forum_id) o
      on o.forum_id = f.id
    cross join lateral (values ('movement.forums.opinions', o.total), ('movement.forums.opinions_linked', o.linked),
      ('movement.forums.opinions_handled', o.handled)) as v(code, n)
    group by f.gkey, v.code`,
};

define(
  "movement.forums.count",
  { vi: "Số diễn đàn “Công an lắng nghe ý kiến Nhân dân” đã tổ chức", en: "Listening forums held" },
  U.forums,
  "flow",
  (ctx) => sql`select g.gkey, count(*) as value from movement_forums f join grp g on g.unit_id = f.unit_id
    where f.status = 'held' and f.held_on >= ${ctx.from}::date and f.held_on < ${ctx.to}::date group by g.gkey`,
  undefined,
  forumsBatch,
  forumHooks((ctx) => forumRows(ctx, sql`f.status = 'held'`, sql`1`)),
);
define(
  "movement.forums.attendance",
  { vi: "Số lượt người dự diễn đàn", en: "Forum attendance" },
  U.visits,
  "flow",
  (
    ctx,
  ) => sql`select g.gkey, sum(f.attendance) as value from movement_forums f join grp g on g.unit_id = f.unit_id
    where f.status = 'held' and f.held_on >= ${ctx.from}::date and f.held_on < ${ctx.to}::date group by g.gkey`,
  undefined,
  forumsBatch,
  forumHooks((ctx) => forumRows(ctx, sql`f.status = 'held'`, sql`f.attendance`)),
);
define(
  "movement.forums.opinions",
  { vi: "Số ý kiến Nhân dân nêu tại diễn đàn", en: "Opinions raised at forums" },
  U.opinions,
  "flow",
  (ctx) => sql`select g.gkey, count(*) as value from movement_forum_opinions o
    join movement_forums f on f.id = o.forum_id join grp g on g.unit_id = f.unit_id
    where f.held_on >= ${ctx.from}::date and f.held_on < ${ctx.to}::date group by g.gkey`,
  undefined,
  forumsBatch,
  forumHooks((ctx) => forumRows(ctx, sql`true`, opinionsOf())),
);
define(
  "movement.forums.opinions_linked",
  { vi: "Số ý kiến đã chuyển vào kênh tiếp nhận", en: "Opinions passed to the citizen channel" },
  U.opinions,
  "flow",
  (ctx) => sql`select g.gkey, count(*) as value from movement_forum_opinions o
    join movement_forums f on f.id = o.forum_id join grp g on g.unit_id = f.unit_id
    where o.submission_id is not null and f.held_on >= ${ctx.from}::date and f.held_on < ${ctx.to}::date group by g.gkey`,
  undefined,
  forumsBatch,
  forumHooks((ctx) => forumRows(ctx, sql`true`, opinionsOf(sql`o.submission_id is not null`))),
);

define(
  "movement.forums.opinions_handled",
  { vi: "Số ý kiến tại diễn đàn đã được giải quyết xong", en: "Forum opinions handled" },
  U.opinions,
  "flow",
  // the citizen channel's items (read-only join, no foreign key): closed or merged by the period's end
  (ctx) => sql`select g.gkey, count(*) as value from movement_forum_opinions o
    join movement_forums f on f.id = o.forum_id join grp g on g.unit_id = f.unit_id
    join submissions s on s.id = o.submission_id
    where s.status in ('closed', 'merged') and s.closed_at < ${ctx.to}::date
      and f.held_on >= ${ctx.from}::date and f.held_on < ${ctx.to}::date group by g.gkey`,
  undefined,
  forumsBatch,
  forumHooks((ctx) =>
    forumRows(
      ctx,
      sql`true`,
      opinionsOf(sql`exists (select 1 from submissions s where s.id = o.submission_id
        and s.status in ('closed', 'merged') and s.closed_at < ${ctx.to}::date)`),
    ),
  ),
);

// ---------------------------------------------------------------- pledges (per area and year: the latest year in the period)

const yearOf = (d: string) => Number(d.slice(0, 4));
const lastYear = (ctx: IndicatorContext) => {
  const to = new Date(Date.parse(`${ctx.to}T00:00:00Z`) - 86_400_000);
  return to.getUTCFullYear();
};
const latestPledges = (ctx: IndicatorContext) => sql`
  select distinct on (p.unit_id) p.unit_id, p.households, p.households_signed from movement_pledges p
  where p.year between ${yearOf(ctx.from)} and ${lastYear(ctx)} ${unitsOfGrp(ctx, sql`p.unit_id`)}
  order by p.unit_id, p.year desc`;
const pledgeSum = (ctx: IndicatorContext, select: RawBuilder<unknown>) =>
  sql`select g.gkey, ${select} as value from (${latestPledges(ctx)}) p join grp g on g.unit_id = p.unit_id group by g.gkey` as Value;

/** The areas behind a pledge figure (each area's latest year in the period), in the unit tree's order. */
const pledgeRows = (ctx: DrilldownContext, value: RawBuilder<unknown>): Drill => sql`
  select p.id, null::text as "on", u.place_name || ' — năm ' || p.year as title, p.unit_id,
    (${value})::float8 as value
  from (select distinct on (p.unit_id) p.id, p.unit_id, p.year, p.households, p.households_signed
    from movement_pledges p
    where p.year between ${yearOf(ctx.from)} and ${lastYear(ctx)} and p.unit_id in (select unit_id from grp)
    order by p.unit_id, p.year desc) p
  join org_units u on u.id = p.unit_id
  order by u.sort_key collate "C", p.id ${page(ctx)}`;

/**
 * Each group's pledge sums (c areas, h households, s signed). Inside one calendar year that is the year's
 * rows, summed in the roll-up (family 'pledges', migration 0501); over several years each area's latest year.
 */
const pledgeSums = (ctx: IndicatorContext) => {
  const year = yearOf(ctx.from);
  if (year !== lastYear(ctx))
    return sql`select g.gkey, count(*) as c, sum(p.households) as h, sum(p.households_signed) as s
      from (${latestPledges(ctx)}) p join grp g on g.unit_id = p.unit_id group by g.gkey`;
  const rolled = rolledByGroup("pledges", { years: [`${year}-01-01`], months: [], edges: [] }, ctx);
  return sql`select r.gkey, sum(r.value) filter (where r.measure = 'areas') as c,
      coalesce(sum(r.value) filter (where r.measure = 'households'), 0) as h,
      coalesce(sum(r.value) filter (where r.measure = 'signed'), 0) as s
    from (${rolled}) r group by r.gkey having sum(r.value) filter (where r.measure = 'areas') > 0`;
};

/** The pledge figures (areas, households, signed, rate) from one pass over each area's latest year. */
const pledgesBatch: IndicatorBatch = {
  key: "movement.pledges",
  query: (ctx) => sql`
    select x.gkey, v.code, v.value from (${pledgeSums(ctx)}) x cross join lateral (values
      ('movement.pledges.areas', x.c::numeric), ('movement.pledges.households', x.h::numeric),
      ('movement.pledges.households_signed', x.s::numeric),
      ('movement.pledges.rate', round(100.0 * x.s / nullif(x.h, 0), 1))
    ) as v(code, value)`,
};

define(
  "movement.pledges.areas",
  { vi: "Số khu dân cư có số liệu ký cam kết", en: "Areas with pledge figures" },
  U.areas,
  "stock",
  (ctx) => pledgeSum(ctx, sql`count(*)`),
  undefined,
  pledgesBatch,
  { drilldown: (ctx) => pledgeRows(ctx, sql`1`) },
);
define(
  "movement.pledges.households",
  { vi: "Số hộ gia đình trong khu dân cư", en: "Households in the areas" },
  U.households,
  "stock",
  (ctx) => pledgeSum(ctx, sql`sum(p.households)`),
  {
    vi: "Theo số liệu năm gần nhất trong kỳ của mỗi khu dân cư.",
    en: "From each area's latest year within the period.",
  },
  pledgesBatch,
  { drilldown: (ctx) => pledgeRows(ctx, sql`p.households`) },
);
define(
  "movement.pledges.households_signed",
  { vi: "Số hộ gia đình ký cam kết không vi phạm pháp luật", en: "Households that signed the pledge" },
  U.households,
  "stock",
  (ctx) => pledgeSum(ctx, sql`sum(p.households_signed)`),
  {
    vi: "Theo số liệu năm gần nhất trong kỳ của mỗi khu dân cư.",
    en: "From each area's latest year within the period.",
  },
  pledgesBatch,
  { drilldown: (ctx) => pledgeRows(ctx, sql`p.households_signed`) },
);
define(
  "movement.pledges.rate",
  { vi: "Tỷ lệ hộ gia đình ký cam kết", en: "Pledge rate" },
  U.percent,
  "ratio",
  (ctx) => pledgeSum(ctx, sql`round(100.0 * sum(p.households_signed) / nullif(sum(p.households), 0), 1)`),
  undefined,
  pledgesBatch,
  // each area's own rate (the figure is the rate of the sums, not the average of these)
  {
    drilldown: (ctx) => pledgeRows(ctx, sql`round(100.0 * p.households_signed / nullif(p.households, 0), 1)`),
    ratioOf: {
      numerator: "movement.pledges.households_signed",
      denominator: "movement.pledges.households",
      scale: 100,
      digits: 1,
    },
  },
);

// ---------------------------------------------------------------- weapons

const PLURAL: Record<string, string> = {
  military_gun: "military_guns",
  hunting_gun: "hunting_guns",
  homemade_gun: "homemade_guns",
  detonator_gun: "detonator_guns",
  ammunition: "ammunition",
  explosive: "explosives",
  crude_weapon: "crude_weapons",
  support_tool: "support_tools",
};
const weaponSum = (ctx: IndicatorContext, categories: readonly string[]) =>
  sql`select g.gkey, sum(i.quantity) as value from movement_weapon_surrenders s
    join movement_weapon_items i on i.surrender_id = s.id join grp g on g.unit_id = s.unit_id
    where s.surrendered_on >= ${ctx.from}::date and s.surrendered_on < ${ctx.to}::date
      and i.category = any(${categories as string[]}::text[])
    group by g.gkey` as Value;

/** Category → Vietnamese label and counting unit, in the register's order, for SQL. */
const CAT = {
  codes: [...WEAPON_CATEGORIES] as string[],
  labels: WEAPON_CATEGORIES.map((c) => WEAPON_CATEGORY_LABELS[c].vi),
  units: WEAPON_CATEGORIES.map((c) => WEAPON_CATEGORY_LABELS[c].unit),
};
const categories = sql`unnest(${CAT.codes}::text[], ${CAT.labels}::text[], ${CAT.units}::text[])
  with ordinality as c(category, label, unit, ord)`;

/**
 * The hand-ins behind a weapon figure: one row per hand-in with the items of the figure's categories
 * ("Súng săn: 2 khẩu"), its date and place (residential area, else unit). Never who handed them in,
 * their address, the free-text place or the item descriptions.
 */
const surrenderRows = (ctx: DrilldownContext, cats: readonly string[] | "all"): Drill => sql`
  select s.id, s.surrendered_on as "on",
    coalesce(string_agg(c.label || ': ' || i.quantity || ' ' || c.unit, ', ' order by c.ord), 'Giao nộp')
      || ' — ' || ${ddmmyyyy(sql`s.surrendered_on`)} || ' — ' || ${placeOf(sql`s.area_id`, sql`s.unit_id`)} as title,
    s.unit_id, ${cats === "all" ? sql`1` : sql`sum(i.quantity)`}::float8 as value
  from movement_weapon_surrenders s
  left join movement_weapon_items i on i.surrender_id = s.id
  left join ${categories} on c.category = i.category
  where s.unit_id in (select unit_id from grp)
    and s.surrendered_on >= ${ctx.from}::date and s.surrendered_on < ${ctx.to}::date
    ${cats === "all" ? sql`` : sql`and i.category = any(${cats as string[]}::text[])`}
  group by s.id
  order by s.surrendered_on desc, s.id desc ${page(ctx)}`;

/** Weapons handed in, split by category. */
const weaponsByCategory =
  (cats: readonly string[]) =>
  (ctx: IndicatorContext): ByKind =>
    sql`
  select g.gkey, i.category as kind, min(c.label) as label, sum(i.quantity) as value
  from movement_weapon_surrenders s
  join movement_weapon_items i on i.surrender_id = s.id join grp g on g.unit_id = s.unit_id
  join ${categories} on c.category = i.category
  where s.surrendered_on >= ${ctx.from}::date and s.surrendered_on < ${ctx.to}::date
    and i.category = any(${cats as string[]}::text[])
  group by g.gkey, i.category order by min(c.ord)`;

/** The hand-ins of the days at the ends of a period as roll-up measures ('surrenders', 'item:<category>'). */
const weaponEdges = (ctx: IndicatorContext) => sql`
  select g.gkey, 'surrenders' as measure, count(*)::numeric as value from movement_weapon_surrenders s
  join grp g on g.unit_id = s.unit_id
  where s.surrendered_on >= ${ctx.from}::date and s.surrendered_on < ${ctx.to}::date group by g.gkey
  union all
  select g.gkey, 'item:' || i.category, sum(i.quantity) from movement_weapon_surrenders s
  join movement_weapon_items i on i.surrender_id = s.id join grp g on g.unit_id = s.unit_id
  where s.surrendered_on >= ${ctx.from}::date and s.surrendered_on < ${ctx.to}::date group by g.gkey, i.category`;

/**
 * Every weapon figure (hand-ins, guns, each category) from one query: the whole months of the period from the
 * roll-up (family 'weapons', migration 0502), the days at either end from the hand-ins themselves.
 */
const weaponsBatch: IndicatorBatch = {
  key: "movement.weapons",
  query: (ctx) => {
    const split = splitPeriod(ctx.from, ctx.to);
    const rolled = rolledByGroup("weapons", split, ctx);
    const parts = [...(rolled ? [rolled] : []), ...split.edges.map(weaponEdges)];
    if (parts.length === 0)
      return sql`select null::text as gkey, null::text as code, null::numeric as value where false`;
    return sql`
      with w as (select y.gkey, y.measure, sum(y.value) as value from (${sql.join(parts, sql` union all `)}) y
        group by y.gkey, y.measure)
      select w.gkey, 'movement.weapons.surrenders' as code, w.value from w where w.measure = 'surrenders'
      union all
      select w.gkey, 'movement.weapons.guns', sum(w.value) from w
        where w.measure = any(${GUN_CATEGORIES.map((c) => `item:${c}`)}::text[]) group by w.gkey
      union all
      select w.gkey, 'movement.weapons.' || p.plural, w.value from w
        join unnest(${Object.keys(PLURAL).map((c) => `item:${c}`)}::text[], ${Object.values(PLURAL)}::text[])
          as p(measure, plural) on p.measure = w.measure`;
  },
};

define(
  "movement.weapons.surrenders",
  { vi: "Số lượt giao nộp vũ khí, vật liệu nổ, công cụ hỗ trợ", en: "Weapon hand-ins" },
  U.times,
  "flow",
  (
    ctx,
  ) => sql`select g.gkey, count(*) as value from movement_weapon_surrenders s join grp g on g.unit_id = s.unit_id
    where s.surrendered_on >= ${ctx.from}::date and s.surrendered_on < ${ctx.to}::date group by g.gkey`,
  undefined,
  weaponsBatch,
  { drilldown: (ctx) => surrenderRows(ctx, "all") },
);
define(
  "movement.weapons.guns",
  { vi: "Số súng các loại được giao nộp", en: "Guns surrendered (all kinds)" },
  U.guns,
  "flow",
  (ctx) => weaponSum(ctx, GUN_CATEGORIES),
  undefined,
  weaponsBatch,
  {
    byKind: weaponsByCategory(GUN_CATEGORIES),
    drilldown: (ctx) => surrenderRows(ctx, GUN_CATEGORIES),
  },
);
for (const c of WEAPON_CATEGORIES) {
  const l = WEAPON_CATEGORY_LABELS[c];
  define(
    `movement.weapons.${PLURAL[c]}`,
    { vi: `${l.vi} được giao nộp`, en: `${l.en} surrendered` },
    { vi: l.unit, en: "items" },
    "flow",
    (ctx) => weaponSum(ctx, [c]),
    undefined,
    weaponsBatch,
    { drilldown: (ctx) => surrenderRows(ctx, [c]) },
  );
}

// ---------------------------------------------------------------- from the catalogues (data, extendable)

/**
 * Registers the indicators that come from the catalogues: per model type, per activity kind, and per
 * numeric result field. Called when the app is ready and after every catalogue change.
 */
export async function syncMovementIndicators(ex: Executor): Promise<string[]> {
  const [types, kinds] = await Promise.all([
    ex.selectFrom("movement_model_types").select(["id", "code", "name", "name_en"]).execute(),
    ex.selectFrom("movement_activity_kinds").select(["code", "name", "name_en", "result_fields"]).execute(),
  ]);
  const codes: string[] = [];
  for (const t of types) {
    const code = `movement.models.${t.code}.count`;
    codes.push(code);
    define(
      code,
      { vi: `Số mô hình “${t.name}”`, en: `Models: ${t.name_en}` },
      U.models,
      "stock",
      (ctx) =>
        sql`select gkey, count(*) as value from (${aliveModels(ctx, sql`m.type_id = ${t.id}`)}) x group by gkey`,
      undefined,
      modelsBatch,
      {
        drilldown: (ctx) => modelRows(ctx, sql`${alive(ctx)} and m.type_id = ${t.id}`),
        recordPath: MODEL_PATH,
      },
    );
  }
  const fieldKinds = new Map<string, { field: ResultField; kinds: string[] }>();
  for (const k of kinds) {
    const count = `movement.activities.${k.code}.count`;
    const participants = `movement.activities.${k.code}.participants`;
    codes.push(count, participants);
    define(
      count,
      { vi: `Số hoạt động: ${k.name}`, en: `Activities: ${k.name_en}` },
      U.activities,
      "flow",
      (ctx) => activities(ctx, sql`count(*)`, [k.code]),
      undefined,
      activitiesBatch,
      activityHooks("count", [k.code]),
    );
    define(
      participants,
      { vi: `Số lượt người tham gia: ${k.name}`, en: `Participants: ${k.name_en}` },
      U.visits,
      "flow",
      (ctx) => activities(ctx, sql`sum(a.participants)`, [k.code]),
      undefined,
      activitiesBatch,
      activityHooks("participants", [k.code]),
    );
    for (const f of (k.result_fields as ResultField[]) ?? []) {
      if (!f.indicator || (f.type !== "int" && f.type !== "number") || f.key === "attendance") continue;
      const entry = fieldKinds.get(f.key) ?? { field: f, kinds: [] };
      entry.kinds.push(k.code);
      fieldKinds.set(f.key, entry);
    }
  }
  const batchKeys: string[] = [];
  const batchCodes: string[] = [];
  for (const [key, { field, kinds: ks }] of fieldKinds) {
    const code = resultIndicatorCode(key);
    codes.push(code);
    batchKeys.push(key);
    batchCodes.push(code);
    define(
      code,
      { vi: field.label.vi, en: field.label.en },
      field.unit ?? { vi: "", en: "" },
      "flow",
      (ctx) => activities(ctx, sql`sum((a.results ->> ${key})::numeric)`, ks),
      undefined,
      activitiesBatch,
      {
        drilldown: (ctx) =>
          activityRows(ctx, resultValue(key), ks, sql`coalesce(${resultValue(key)}, 0) <> 0`),
      },
    );
  }
  resultCodes = { keys: batchKeys, codes: batchCodes };
  return codes;
}

/** Every movement indicator code registered so far (static and from the catalogues). */
export const movementIndicatorCodes = () => [...defs.keys()].sort();
