import {
  CHANNEL_LABELS,
  CHANNELS,
  KIND_LABELS,
  KIND_PREFIX,
  STATUS_LABELS,
  STATUSES,
  SUBMISSION_KINDS,
  VALUABLE_OUTCOMES,
} from "@danvan/shared/schemas/submissions";
import { type RawBuilder, sql } from "kysely";
import {
  type DrilldownContext,
  type DrilldownRow,
  type IndicatorBatch,
  type IndicatorContext,
  registerIndicator,
  unitsOfGrp,
} from "../../platform/indicators/registry.ts";
import { rolledByGroup, splitPeriod, unitRowsByGroup } from "../../platform/indicators/rollup.ts";

/*
 * What the citizen channel counts (DESIGN.md rule 6). Items count at the unit that handles them; the
 * period is the day of receipt (received), of closure (closed, on time, days to close) or of rating.
 */
const M = "submissions";
const items = { vi: "vụ việc", en: "items" };
const ITEM_PATH = "/tin-bao/:id";

const KINDS = {
  codes: [...SUBMISSION_KINDS] as string[],
  labels: SUBMISSION_KINDS.map((k) => KIND_LABELS[k].vi),
  prefixes: SUBMISSION_KINDS.map((k) => KIND_PREFIX[k]),
};
const STATUS = { codes: [...STATUSES] as string[], labels: STATUSES.map((st) => STATUS_LABELS[st].vi) };
const kindLabel = sql`(select k.label from unnest(${KINDS.codes}::text[], ${KINDS.labels}::text[]) as k(code, label) where k.code = s.kind)`;
/** The register number the officers' pages show (present.ts `refOf`): TG-2024-000123. */
const refSql = sql`coalesce((select k.prefix from unnest(${KINDS.codes}::text[], ${KINDS.prefixes}::text[]) as k(code, prefix)
    where k.code = s.kind), 'XX') || '-' || to_char(s.received_on, 'YYYY') || '-'
  || case when s.id >= 100000 then s.id::text else lpad(s.id::text, 6, '0') end`;
const statusLabel = sql`coalesce((select st.label from unnest(${STATUS.codes}::text[], ${STATUS.labels}::text[]) as st(code, label)
  where st.code = s.status), s.status)`;

/**
 * The items behind a figure: one row each, titled by kind, register number and status only. Never the
 * content or the item's own title (they may name people), never the receipt code, never the identity.
 */
function itemRows(
  ctx: DrilldownContext,
  where: RawBuilder<unknown>,
  opts: { on?: RawBuilder<unknown>; value?: RawBuilder<unknown>; suffix?: RawBuilder<unknown> } = {},
): RawBuilder<DrilldownRow> {
  const on = opts.on ?? sql`s.received_on`;
  return sql`
    select s.id, (${on})::date as "on",
      coalesce(${kindLabel}, s.kind) || ' số ' || ${refSql} || ' — ' || ${statusLabel} ${opts.suffix ? sql`|| ${opts.suffix}` : sql``} as title,
      s.unit_id, (${opts.value ?? sql`1`})::float8 as value
    from submissions s
    where s.unit_id in (select unit_id from grp) and ${where}
    order by (${on})::date desc, s.id desc
    limit ${ctx.limit} offset ${ctx.offset}`;
}

/** The same figure split by kind of item (rows gkey, kind, label, value). */
const byKindOf = (where: (ctx: IndicatorContext) => RawBuilder<unknown>) => (ctx: IndicatorContext) =>
  sql<{ gkey: string; kind: string; label: string; value: number | null }>`
    select x.gkey, x.kind, coalesce(k.label, x.kind) as label, x.value
    from (select g.gkey, s.kind, count(*)::int as value
      from submissions s join grp g on g.unit_id = s.unit_id
      where ${where(ctx)} group by g.gkey, s.kind) x
    left join unnest(${KINDS.codes}::text[], ${KINDS.labels}::text[]) with ordinality as k(code, label, ord)
      on k.code = x.kind
    order by k.ord`;

const receivedIn = ({ from, to }: IndicatorContext) =>
  sql`s.received_on >= ${from}::date and s.received_on < ${to}::date`;
/** Items not finished at the period's end (merged items are not counted: their original carries on). */
const openAt = ({ to }: IndicatorContext) =>
  sql`s.received_on < ${to}::date and s.status <> 'merged' and (s.closed_on is null or s.closed_on >= ${to}::date)`;

/**
 * Items open and overdue at the period's end from one read: the items not closed (partial index) and the
 * items closed after the end, as two index scans instead of one pass over every item ever received.
 */
const openItems = (ctx: IndicatorContext) => sql`
  select s.unit_id, s.paused, s.due_on from submissions s
  where s.closed_on is null and s.received_on < ${ctx.to}::date and s.status <> 'merged'
    ${unitsOfGrp(ctx, sql`s.unit_id`)}
  union all
  select s.unit_id, s.paused, s.due_on from submissions s
  where s.closed_on >= ${ctx.to}::date and s.received_on < ${ctx.to}::date and s.status <> 'merged'
    ${unitsOfGrp(ctx, sql`s.unit_id`)}`;
/**
 * Counted per unit first, then added up per group: the country's 60,000 open items become a few thousand
 * units' rows before they meet the 90,000 rows of `grp`.
 */
const stockBatch: IndicatorBatch = {
  key: "submissions.stocks",
  query: (ctx) => sql`
    select s.gkey, v.code, sum(v.n) as value from (${unitRowsByGroup(
      ctx,
      sql`select s.unit_id, count(*) as open,
        count(*) filter (where not s.paused and s.due_on < least(${ctx.to}::date, current_date)) as overdue
      from (${openItems(ctx)}) s group by s.unit_id`,
    )}) s
    cross join lateral (values ('submissions.open_now', s.open), ('submissions.overdue_now', s.overdue)) as v(code, n)
    where v.n > 0 group by s.gkey, v.code`,
};
const overdueAt = (ctx: IndicatorContext) =>
  sql`${openAt(ctx)} and not s.paused and s.due_on < least(${ctx.to}::date, current_date)`;
const closedIn = ({ from, to }: IndicatorContext) =>
  sql`s.status = 'closed' and s.closed_on >= ${from}::date and s.closed_on < ${to}::date`;
const ratedIn = ({ from, to }: IndicatorContext) =>
  sql`s.rating is not null and s.rated_at >= ${from}::date and s.rated_at < ${to}::date`;
const dueSuffix = sql`' — hạn ' || coalesce(to_char(s.due_on, 'DD/MM/YYYY'), '—')`;

/**
 * The flows of the channel (received by kind and channel, valuable tips, closed on time, days to close)
 * from one query: the whole months of the period from the roll-up (migration 0492), the days at either
 * end from the items themselves, both as measures ('received:<kind>:<channel>', 'closed', 'closed_on_time',
 * 'closed_days', 'valuable') that are added up per group and then turned into the indicators.
 */
const edgeMeasures = ({ from, to }: IndicatorContext) => sql`
  select g.gkey, 'received:' || s.kind || ':' || s.channel as measure, count(*)::numeric as value
  from submissions s join grp g on g.unit_id = s.unit_id
  where s.received_on >= ${from}::date and s.received_on < ${to}::date group by 1, 2
  union all
  select g.gkey, v.measure, sum(v.value) from submissions s join grp g on g.unit_id = s.unit_id
  cross join lateral (values ('closed', 1), ('closed_on_time', case when s.closed_on_time then 1 else 0 end),
    ('closed_days', s.closed_on - s.received_on)) as v(measure, value)
  where s.status = 'closed' and s.closed_on >= ${from}::date and s.closed_on < ${to}::date group by 1, 2
  union all
  select g.gkey, 'valuable', count(*) from submissions s join grp g on g.unit_id = s.unit_id
  where s.kind = 'crime_report' and s.outcome = any(${[...VALUABLE_OUTCOMES]}::text[])
    and s.closed_on >= ${from}::date and s.closed_on < ${to}::date group by 1`;

const flowBatch: IndicatorBatch = {
  key: "submissions.flows",
  query: (ctx) => {
    const split = splitPeriod(ctx.from, ctx.to);
    const rolled = rolledByGroup("submissions", split, ctx);
    const parts = [...(rolled ? [rolled] : []), ...split.edges.map(edgeMeasures)];
    if (parts.length === 0)
      return sql`select null::text as gkey, null::text as code, null::numeric as value where false`;
    const closed = sql`sum(m.value) filter (where m.measure = 'closed')`;
    return sql`
      with m as (select y.gkey, y.measure, sum(y.value) as value from (${sql.join(parts, sql` union all `)}) y
        group by y.gkey, y.measure)
      select m.gkey, 'submissions.received' as code, sum(m.value) as value from m
        where m.measure like 'received:%' group by m.gkey
      union all
      select m.gkey, 'submissions.received.' || split_part(m.measure, ':', 2), sum(m.value) from m
        where m.measure like 'received:%' group by 1, 2
      union all
      select m.gkey, 'submissions.received.channel.' || split_part(m.measure, ':', 3), sum(m.value) from m
        where m.measure like 'received:%' group by 1, 2
      union all
      select m.gkey, 'submissions.valuable_tips', m.value from m where m.measure = 'valuable'
      union all
      select m.gkey, 'submissions.on_time_pct',
        round(100.0 * coalesce(sum(m.value) filter (where m.measure = 'closed_on_time'), 0) / nullif(${closed}, 0), 1)
      from m group by m.gkey having ${closed} > 0
      union all
      select m.gkey, 'submissions.avg_days_to_close',
        round(coalesce(sum(m.value) filter (where m.measure = 'closed_days'), 0) / nullif(${closed}, 0), 1)
      from m group by m.gkey having ${closed} > 0
      union all
      -- the sums the two ratios are made of (ratioOf), to form them for a whole from its parts
      select m.gkey, 'submissions.' || m.measure, m.value from m
        where m.measure in ('closed', 'closed_on_time', 'closed_days')`;
  },
};

/** Satisfaction (average and each number of stars) from one pass over the period's ratings. */
const ratingBatch: IndicatorBatch = {
  key: "submissions.ratings",
  query: (ctx) => sql`
    select x.gkey, v.code, v.value from (
      select s.gkey, s.rating, grouping(s.rating) as total, sum(s.n) as n,
        round(sum(s.n * s.rating)::numeric / sum(s.n), 2) as mean, sum(s.n * s.rating) as sum
      -- counted per unit and rating first (a few rows per unit), then per group
      from (${unitRowsByGroup(
        ctx,
        sql`select s.unit_id, s.rating, count(*) as n from submissions s where ${ratedIn(ctx)}
          ${unitsOfGrp(ctx, sql`s.unit_id`)} group by s.unit_id, s.rating`,
      )}) s
      group by grouping sets ((s.gkey, s.rating), (s.gkey))
    ) x cross join lateral (values (case when x.total = 1 then 'submissions.satisfaction_avg'
      else 'submissions.satisfaction.' || x.rating end, case when x.total = 1 then x.mean else x.n end),
      -- the sums the average is made of (ratioOf)
      (case when x.total = 1 then 'submissions.rating_sum' end, x.sum),
      (case when x.total = 1 then 'submissions.rating_count' end, x.n)) as v(code, value)
    where v.code is not null`,
};

export function registerSubmissionIndicators() {
  registerIndicator({
    code: "submissions.received",
    batch: flowBatch,
    module: M,
    label: { vi: "Tin báo, phản ánh, khiếu nại, tố cáo tiếp nhận", en: "Citizen items received" },
    unit: items,
    nature: "flow",
    query: ({
      from,
      to,
    }) => sql`select g.gkey, count(*)::int as value from submissions s join grp g on g.unit_id = s.unit_id
      where s.received_on >= ${from}::date and s.received_on < ${to}::date group by g.gkey`,
    byKind: byKindOf(receivedIn),
    drilldown: (ctx) => itemRows(ctx, receivedIn(ctx)),
    recordPath: ITEM_PATH,
  });
  for (const kind of SUBMISSION_KINDS)
    registerIndicator({
      code: `submissions.received.${kind}`,
      batch: flowBatch,
      module: M,
      label: { vi: `Tiếp nhận: ${KIND_LABELS[kind].vi}`, en: `Received: ${KIND_LABELS[kind].en}` },
      unit: items,
      nature: "flow",
      query: ({
        from,
        to,
      }) => sql`select g.gkey, count(*)::int as value from submissions s join grp g on g.unit_id = s.unit_id
        where s.kind = ${kind} and s.received_on >= ${from}::date and s.received_on < ${to}::date group by g.gkey`,
      drilldown: (ctx) => itemRows(ctx, sql`s.kind = ${kind} and ${receivedIn(ctx)}`),
      recordPath: ITEM_PATH,
    });
  for (const channel of CHANNELS)
    registerIndicator({
      code: `submissions.received.channel.${channel}`,
      batch: flowBatch,
      module: M,
      label: {
        vi: `Tiếp nhận qua: ${CHANNEL_LABELS[channel].vi}`,
        en: `Received by: ${CHANNEL_LABELS[channel].en}`,
      },
      unit: items,
      nature: "flow",
      query: ({
        from,
        to,
      }) => sql`select g.gkey, count(*)::int as value from submissions s join grp g on g.unit_id = s.unit_id
        where s.channel = ${channel} and s.received_on >= ${from}::date and s.received_on < ${to}::date group by g.gkey`,
      drilldown: (ctx) => itemRows(ctx, sql`s.channel = ${channel} and ${receivedIn(ctx)}`),
      recordPath: ITEM_PATH,
    });
  registerIndicator({
    code: "submissions.valuable_tips",
    batch: flowBatch,
    module: M,
    label: { vi: "Tin có giá trị", en: "Valuable tips" },
    unit: { vi: "tin", en: "tips" },
    nature: "flow",
    description: {
      vi: "Tố giác, tin báo về tội phạm kết thúc trong kỳ với kết quả: tin có giá trị hoặc đã khởi tố, xử lý.",
      en: "Crime reports closed in the period as a valuable tip or leading to a case.",
    },
    query: ({
      from,
      to,
    }) => sql`select g.gkey, count(*)::int as value from submissions s join grp g on g.unit_id = s.unit_id
      where s.kind = 'crime_report' and s.outcome = any(${[...VALUABLE_OUTCOMES]}::text[])
        and s.closed_on >= ${from}::date and s.closed_on < ${to}::date group by g.gkey`,
    drilldown: (ctx) =>
      itemRows(
        ctx,
        sql`s.kind = 'crime_report' and s.outcome = any(${[...VALUABLE_OUTCOMES]}::text[])
          and s.closed_on >= ${ctx.from}::date and s.closed_on < ${ctx.to}::date`,
        { on: sql`s.closed_on` },
      ),
    recordPath: ITEM_PATH,
  });
  registerIndicator({
    code: "submissions.on_time_pct",
    ratioOf: {
      numerator: "submissions.closed_on_time",
      denominator: "submissions.closed",
      scale: 100,
      digits: 1,
    },
    batch: flowBatch,
    module: M,
    label: { vi: "Tỷ lệ giải quyết đúng hạn", en: "Handled on time" },
    unit: { vi: "%", en: "%" },
    nature: "ratio",
    query: ({
      from,
      to,
    }) => sql`select g.gkey, round(100.0 * count(*) filter (where s.closed_on_time) / nullif(count(*), 0), 1) as value
      from submissions s join grp g on g.unit_id = s.unit_id
      where s.status = 'closed' and s.closed_on >= ${from}::date and s.closed_on < ${to}::date group by g.gkey`,
    // each item is 100 (on time) or 0 (late): their average is the figure
    drilldown: (ctx) =>
      itemRows(ctx, closedIn(ctx), {
        on: sql`s.closed_on`,
        value: sql`case when s.closed_on_time then 100 else 0 end`,
        suffix: sql`case when s.closed_on_time then ' — đúng hạn' else ' — quá hạn' end`,
      }),
    recordPath: ITEM_PATH,
  });
  registerIndicator({
    code: "submissions.open_now",
    batch: stockBatch,
    module: M,
    label: { vi: "Vụ việc đang giải quyết", en: "Items open" },
    unit: items,
    nature: "stock",
    description: {
      vi: "Vụ việc đã tiếp nhận mà chưa kết thúc vào cuối kỳ (kể cả vụ việc đang tạm đình chỉ), tính ở đơn vị đang giải quyết.",
      en: "Items received and not closed at the end of the period (suspended items included), at the handling unit.",
    },
    query: (
      ctx,
    ) => sql`select g.gkey, count(*)::int as value from submissions s join grp g on g.unit_id = s.unit_id
      where ${openAt(ctx)} group by g.gkey`,
    byKind: byKindOf(openAt),
    drilldown: (ctx) => itemRows(ctx, openAt(ctx), { suffix: dueSuffix }),
    recordPath: ITEM_PATH,
  });
  registerIndicator({
    code: "submissions.overdue_now",
    batch: stockBatch,
    module: M,
    label: { vi: "Vụ việc đang quá hạn", en: "Items overdue" },
    unit: items,
    nature: "stock",
    description: {
      vi: "Vụ việc chưa kết thúc vào cuối kỳ và đã quá hạn giải quyết (không tính vụ việc đang tạm đình chỉ).",
      en: "Items still open at the end of the period and past their deadline (suspended items excluded).",
    },
    query: ({
      to,
    }) => sql`select g.gkey, count(*)::int as value from submissions s join grp g on g.unit_id = s.unit_id
      where s.received_on < ${to}::date and s.status <> 'merged' and not s.paused
        and (s.closed_on is null or s.closed_on >= ${to}::date)
        and s.due_on < least(${to}::date, current_date) group by g.gkey`,
    byKind: byKindOf(overdueAt),
    drilldown: (ctx) => itemRows(ctx, overdueAt(ctx), { suffix: dueSuffix }),
    recordPath: ITEM_PATH,
  });
  registerIndicator({
    code: "submissions.avg_days_to_close",
    ratioOf: { numerator: "submissions.closed_days", denominator: "submissions.closed", scale: 1, digits: 1 },
    batch: flowBatch,
    module: M,
    label: { vi: "Số ngày giải quyết trung bình", en: "Average days to close" },
    unit: { vi: "ngày", en: "days" },
    nature: "ratio",
    query: ({ from, to }) => sql`select g.gkey, round(avg(s.closed_on - s.received_on), 1) as value
      from submissions s join grp g on g.unit_id = s.unit_id
      where s.status = 'closed' and s.closed_on >= ${from}::date and s.closed_on < ${to}::date group by g.gkey`,
    // each item's days to close: their average is the figure
    drilldown: (ctx) =>
      itemRows(ctx, closedIn(ctx), { on: sql`s.closed_on`, value: sql`s.closed_on - s.received_on` }),
    recordPath: ITEM_PATH,
  });
  registerIndicator({
    code: "submissions.satisfaction_avg",
    ratioOf: {
      numerator: "submissions.rating_sum",
      denominator: "submissions.rating_count",
      scale: 1,
      digits: 2,
    },
    batch: ratingBatch,
    module: M,
    label: { vi: "Mức hài lòng trung bình của người dân", en: "Average satisfaction" },
    unit: { vi: "điểm (1–5)", en: "points (1–5)" },
    nature: "ratio",
    query: ({ from, to }) => sql`select g.gkey, round(avg(s.rating), 2) as value
      from submissions s join grp g on g.unit_id = s.unit_id
      where s.rating is not null and s.rated_at >= ${from}::date and s.rated_at < ${to}::date group by g.gkey`,
    // each rating (never its comment): their average is the figure
    drilldown: (ctx) =>
      itemRows(ctx, ratedIn(ctx), {
        on: sql`(s.rated_at at time zone 'Asia/Ho_Chi_Minh')::date`,
        value: sql`s.rating`,
      }),
    recordPath: ITEM_PATH,
  });
  for (let stars = 1; stars <= 5; stars++)
    registerIndicator({
      code: `submissions.satisfaction.${stars}`,
      batch: ratingBatch,
      module: M,
      label: { vi: `Đánh giá ${stars} sao`, en: `Rated ${stars} of 5` },
      unit: { vi: "lượt", en: "ratings" },
      nature: "flow",
      query: ({
        from,
        to,
      }) => sql`select g.gkey, count(*)::int as value from submissions s join grp g on g.unit_id = s.unit_id
        where s.rating = ${stars} and s.rated_at >= ${from}::date and s.rated_at < ${to}::date group by g.gkey`,
      drilldown: (ctx) =>
        itemRows(ctx, sql`s.rating = ${stars} and ${ratedIn(ctx)}`, {
          on: sql`(s.rated_at at time zone 'Asia/Ho_Chi_Minh')::date`,
        }),
      recordPath: ITEM_PATH,
    });
}
