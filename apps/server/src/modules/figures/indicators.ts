import { sql } from "kysely";
import type { Executor } from "../../db/client.ts";
import {
  type IndicatorBatch,
  type IndicatorContext,
  type IndicatorDef,
  registerIndicator,
  unitsOfGrp,
} from "../../platform/indicators/registry.ts";
import { rolledByGroup, splitPeriod } from "../../platform/indicators/rollup.ts";

/**
 * Every defined figure is an indicator 'figures.<code>' in the registry, so reports and dashboards treat
 * it like any counted one. A flow sums the values of the periods lying inside the asked range; a stock
 * takes, for each unit, the value of the latest period inside the range.
 */
const registered = new Map<string, IndicatorDef>();

interface DefinitionRow {
  id: number;
  code: string;
  name: string;
  name_en: string;
  unit_label: string;
  unit_label_en: string;
  description: string | null;
  nature: "flow" | "stock";
  period_type: string;
}

const PERIOD_VI: Record<string, string> = {
  month: "tháng",
  quarter: "quý",
  half_year: "6 tháng",
  year: "năm",
};
const PERIOD_EN: Record<string, string> = {
  month: "monthly",
  quarter: "quarterly",
  half_year: "half-yearly",
  year: "yearly",
};

export const indicatorCode = (code: string) => `figures.${code}`;

/** The flow and stock definitions' ids and codes, for the batch queries (set by syncFigureIndicators). */
let flows: { ids: string[]; codes: string[] } = { ids: [], codes: [] };
let stocks: { ids: string[]; codes: string[] } = { ids: [], codes: [] };

/**
 * Values whose period lies inside [from, to). `period_start < to` follows from the rest (a period ends on
 * or after its start) but bounds the index range: without it a quarter read every later year's values.
 */
const inside = (from: string, to: string, v = sql`figure_values`) =>
  sql`${v}.period_start >= ${from}::date and ${v}.period_start < ${to}::date and ${v}.period_end < ${to}::date`;

/**
 * The value of a unit's latest period among the grouped rows: arrays compare element by element, so the
 * largest [days since 2000, value] is the latest period's (one per unit and start, the primary key). A
 * hash aggregate: half the time of DISTINCT ON's sort over the country's year (255,717 values).
 */
const latestValue = sql`(max(array[(period_start - date '2000-01-01')::numeric, value]))[2]`;

type StockRow = { gkey: string; code: string; value: number | null };

/**
 * Every stock figure from one query: each unit's latest value in the period, per definition. Over exactly one
 * calendar year the latest values are in the roll-up (family 'figure_stocks', migration 0500), provinces
 * summed already; any other period reads the values (a province's quarter is a few values per unit).
 */
const stockBatch: IndicatorBatch = {
  key: "figures.stocks",
  query: (ctx) => {
    const split = splitPeriod(ctx.from, ctx.to, false);
    const rolled =
      split.years.length === 1 && split.edges.length === 0
        ? rolledByGroup("figure_stocks", split, ctx)
        : null;
    if (!rolled) return stocksFromValues(ctx);
    return sql<StockRow>`select y.gkey, f.code, sum(y.value) as value from (${rolled}) y
      join unnest(${stocks.ids}::text[], ${stocks.codes}::text[]) as f(id, code) on f.id = y.measure
      group by y.gkey, f.code`;
  },
};

/** The stock figures from the entered values: each unit's latest value in the period. */
const stocksFromValues = (ctx: IndicatorContext) => sql<StockRow>`
    select grp.gkey, f.code, sum(v.value) as value
    from (select definition_id, unit_id, ${latestValue} as value from figure_values
          where definition_id = any(${stocks.ids}::bigint[]) and ${inside(ctx.from, ctx.to)}
            ${unitsOfGrp(ctx, sql`unit_id`)}
          group by definition_id, unit_id) v
    join grp on grp.unit_id = v.unit_id
    join unnest(${stocks.ids}::text[], ${stocks.codes}::text[]) as f(id, code) on f.id = v.definition_id::text
    group by grp.gkey, f.code`;

/**
 * Every flow figure from one query: the whole years of the period from the yearly roll-up (migration
 * 0492), the rest from the entered values (a province's quarter is a few values per unit anyway).
 */
const flowBatch: IndicatorBatch = {
  key: "figures.flows",
  query: (ctx) => {
    const split = splitPeriod(ctx.from, ctx.to, false);
    const rolled = rolledByGroup("figures", split, ctx);
    const parts = [
      ...(rolled ? [rolled] : []),
      ...split.edges.map(
        (e) => sql`select grp.gkey, v.definition_id::text as measure, v.value from figure_values v
          join grp on grp.unit_id = v.unit_id
          where v.definition_id = any(${flows.ids}::bigint[]) and ${inside(e.from, e.to, sql`v`)}
            ${unitsOfGrp(ctx, sql`v.unit_id`)}`,
      ),
    ];
    if (parts.length === 0)
      return sql`select null::text as gkey, null::text as code, null::numeric as value where false`;
    return sql`select y.gkey, f.code, sum(y.value) as value from (${sql.join(parts, sql` union all `)}) y
      join unnest(${flows.ids}::text[], ${flows.codes}::text[]) as f(id, code) on f.id = y.measure
      group by y.gkey, f.code`;
  },
};

function toIndicator(d: DefinitionRow, target: Partial<IndicatorDef> = {}): IndicatorDef {
  const id = d.id;
  return Object.assign(target, {
    code: indicatorCode(d.code),
    module: "figures",
    label: { vi: d.name, en: d.name_en },
    unit: { vi: d.unit_label, en: d.unit_label_en },
    description: {
      vi: `${d.description ? `${d.description} ` : ""}(số liệu nhập theo ${PERIOD_VI[d.period_type]})`,
      en: `Entered figure, reported ${PERIOD_EN[d.period_type]}.`,
    },
    nature: d.nature,
    batch: d.nature === "flow" ? flowBatch : stockBatch,
    query: ({ from, to }: { from: string; to: string }) =>
      d.nature === "flow"
        ? sql<{ gkey: string; value: number }>`
          select grp.gkey, sum(v.value)::float8 as value
          from figure_values v join grp on grp.unit_id = v.unit_id
          where v.definition_id = ${id} and ${inside(from, to, sql`v`)}
          group by grp.gkey`
        : sql<{ gkey: string; value: number }>`
          select grp.gkey, sum(v.value)::float8 as value
          from (select unit_id, ${latestValue} as value from figure_values
                where definition_id = ${id} and ${inside(from, to)}
                group by unit_id) v
          join grp on grp.unit_id = v.unit_id
          group by grp.gkey`,
    drilldown: ({ from, to, limit, offset }: { from: string; to: string; limit: number; offset: number }) =>
      sql<{ id: string; on: string; title: string; unit_id: number; value: number }>`
        select v.unit_id || ':' || v.period_start as id, v.period_start as "on",
          to_char(v.period_start, 'DD/MM/YYYY') || ' – ' || to_char(v.period_end, 'DD/MM/YYYY') as title,
          v.unit_id, v.value::float8 as value
        from figure_values v
        where v.definition_id = ${id} and ${inside(from, to, sql`v`)}
          and v.unit_id in (select unit_id from grp)
        order by v.period_start, v.unit_id
        limit ${limit} offset ${offset}`,
  }) as IndicatorDef;
}

/** (Re)loads every active definition into the registry; a changed definition updates its entry in place. */
export async function syncFigureIndicators(ex: Executor): Promise<number> {
  const rows = await ex
    .selectFrom("figure_definitions")
    .select([
      "id",
      "code",
      "name",
      "name_en",
      "unit_label",
      "unit_label_en",
      "description",
      "nature",
      "period_type",
    ])
    .where("active", "=", true)
    .execute();
  for (const d of rows) {
    const code = indicatorCode(d.code);
    const existing = registered.get(code);
    if (existing) toIndicator(d, existing);
    else {
      const def = toIndicator(d);
      registered.set(code, def);
      registerIndicator(def);
    }
  }
  const flowRows = rows.filter((d) => d.nature === "flow");
  flows = { ids: flowRows.map((d) => String(d.id)), codes: flowRows.map((d) => indicatorCode(d.code)) };
  const stockRows = rows.filter((d) => d.nature === "stock");
  stocks = { ids: stockRows.map((d) => String(d.id)), codes: stockRows.map((d) => indicatorCode(d.code)) };
  return rows.length;
}
