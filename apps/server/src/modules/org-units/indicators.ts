import { type RawBuilder, sql } from "kysely";
import {
  type IndicatorBatch,
  type IndicatorContext,
  registerIndicator,
  unitsOfGrp,
} from "../../platform/indicators/registry.ts";
import { topGroups, viaTopsOrUnits } from "../../platform/indicators/rollup.ts";

/*
 * Counts of units open at the end of the period (stock indicators). `grp(unit_id, gkey)` maps each unit
 * to the group it counts in; with lineage "current" it also maps former units to today's groups, so a
 * period in 2024 counts the units of that time under the unit that holds their territory today.
 */
const openAtEnd = (kind: string) => (ctx: IndicatorContext) =>
  sql<{ gkey: string; value: number }>`
    select g.gkey, count(distinct u.id)::int as value
    from org_units u join grp g on g.unit_id = u.id
    where u.kind = ${kind} and u.valid_from < ${ctx.to}::date
      and (u.valid_to is null or u.valid_to >= ${ctx.to}::date - 1) ${unitsOfGrp(ctx, sql`u.id`)}
    group by g.gkey`;

/** Open on the period's last day: from before the period's end and not closed before its last day. */
const openOn = (u: RawBuilder<unknown>, ctx: IndicatorContext) =>
  sql`${u}.valid_from < ${ctx.to}::date and (${u}.valid_to is null or ${u}.valid_to >= ${ctx.to}::date - 1)`;

/**
 * The three counts from one query. Whole provinces add up their units' spans of validity (a few hundred rows
 * for the country, migration 0503) while the level-2 state is built for today's tree; other groups count
 * their units.
 */
const unitsBatch: IndicatorBatch = {
  key: "org.units",
  query: (ctx) => {
    const counted = viaTopsOrUnits(
      ctx.tops,
      (t) => sql`select t.gkey, s.kind, s.units as n from org_unit_top_spans s
        join ${topGroups(t)} on t.top_id = s.top_id where s.lineage = ${t.lineage} and ${openOn(sql`s`, ctx)}`,
      // a province's few thousand units are looked up by id rather than by reading every unit
      (
        units,
      ) => sql`select g.gkey, u.kind, count(distinct u.id) as n from org_units u join ${units} g on g.unit_id = u.id
        where ${openOn(sql`u`, ctx)} ${unitsOfGrp(ctx, sql`u.id`)} group by g.gkey, u.kind`,
    );
    return sql`select c.gkey, 'org.units.' || k.code as code, sum(c.n) as value from (${counted}) c
      join (values ('commune', 'communes'), ('area', 'areas'), ('department', 'departments')) as k(kind, code)
        on k.kind = c.kind
      group by c.gkey, k.code`;
  },
};

registerIndicator({
  code: "org.units.communes",
  module: "org-units",
  label: { vi: "Số đơn vị Công an cấp xã", en: "Commune-level police units" },
  unit: { vi: "đơn vị", en: "units" },
  description: {
    vi: "Số Công an xã, phường, đặc khu đang hoạt động vào ngày cuối kỳ.",
    en: "Commune, ward and special-zone police units open on the last day of the period.",
  },
  nature: "stock",
  batch: unitsBatch,
  query: openAtEnd("commune"),
});

registerIndicator({
  code: "org.units.areas",
  module: "org-units",
  label: { vi: "Số khu dân cư", en: "Residential areas" },
  unit: { vi: "khu dân cư", en: "areas" },
  description: {
    vi: "Số thôn, bon, khóm, tổ dân phố… đang có vào ngày cuối kỳ.",
    en: "Villages, bon, khóm, residential groups… existing on the last day of the period.",
  },
  nature: "stock",
  batch: unitsBatch,
  query: openAtEnd("area"),
});

registerIndicator({
  code: "org.units.departments",
  module: "org-units",
  label: { vi: "Số phòng nghiệp vụ", en: "Departments" },
  unit: { vi: "phòng", en: "departments" },
  description: {
    vi: "Số phòng, đơn vị nghiệp vụ đang hoạt động vào ngày cuối kỳ.",
    en: "Departments open on the last day of the period.",
  },
  nature: "stock",
  batch: unitsBatch,
  query: openAtEnd("department"),
});
