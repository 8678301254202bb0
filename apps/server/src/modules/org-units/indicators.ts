import { sql } from "kysely";
import {
  type IndicatorBatch,
  type IndicatorContext,
  registerIndicator,
  unitsOfGrp,
} from "../../platform/indicators/registry.ts";

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

/** The three counts from one pass over the units of the groups. */
const unitsBatch: IndicatorBatch = {
  key: "org.units",
  query: (ctx) => sql`
    select g.gkey, 'org.units.' || k.code as code, count(distinct u.id) as value
    from org_units u join grp g on g.unit_id = u.id
    join (values ('commune', 'communes'), ('area', 'areas'), ('department', 'departments')) as k(kind, code)
      on k.kind = u.kind
    -- a province's few thousand units are looked up by id rather than by reading every unit
    where u.valid_from < ${ctx.to}::date and (u.valid_to is null or u.valid_to >= ${ctx.to}::date - 1)
      ${unitsOfGrp(ctx, sql`u.id`)}
    group by g.gkey, k.code`,
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
