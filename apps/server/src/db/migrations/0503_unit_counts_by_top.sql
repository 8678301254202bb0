-- The unit counts of whole provinces (docs/decisions/0011-stock-rollups.md): the units of each province
-- (by org_unit_tops, per lineage) counted by kind and span of validity, a few hundred rows for the
-- country's 90,000 units. A unit count at a date is then a sum over the spans open on that day. Built with
-- the level-2 roll-up, and read under the same check that it was built for today's tree: a unit's kind
-- and dates now bump org_version too (closing a unit already did, through its successors).
create table org_unit_top_spans (
  lineage char(1) not null check (lineage in ('c', 'h')),
  top_id bigint not null,
  kind text not null,
  valid_from date not null,
  valid_to date,
  units int not null
);
create index org_unit_top_spans_top on org_unit_top_spans (lineage, top_id);

drop trigger org_units_version on org_units;
create trigger org_units_version after insert or delete or update of path, kind, valid_from, valid_to on org_units
  for each statement execute function bump_org_version();

-- restated from migration 0498, with the spans and fresh statistics
create or replace function rebuild_indicator_tops() returns void language plpgsql as $$
begin
  delete from org_unit_tops;
  -- paths are ids from the root down ('1.5.812'): the second label is the level-2 unit
  insert into org_unit_tops (lineage, unit_id, top_id)
  select 'h', id, ltree2text(subpath(path, 1, 1))::bigint from org_units where nlevel(path) >= 2;
  insert into org_unit_tops (lineage, unit_id, top_id)
  select 'c', unit_id, top_id from org_unit_tops where lineage = 'h'
  union
  select 'c', s.unit_id, ltree2text(subpath(c.path, 1, 1))::bigint from org_unit_successors s
  join org_units c on c.id = s.current_unit_id
  where s.unit_id <> s.current_unit_id and nlevel(c.path) >= 2;
  delete from indicator_rollup_top;
  insert into indicator_rollup_top (family, grain, period_start, lineage, top_id, measure, value)
  select r.family, r.grain, r.period_start, t.lineage, t.top_id, r.measure, sum(r.value)
  from indicator_rollup r join org_unit_tops t on t.unit_id = r.unit_id
  group by r.family, r.grain, r.period_start, t.lineage, t.top_id, r.measure;
  delete from movement_model_tops;
  insert into movement_model_tops (lineage, model_id, top_id)
  select distinct t.lineage, mu.model_id, t.top_id
  from movement_model_units mu join org_unit_tops t on t.unit_id = mu.unit_id;
  delete from org_unit_top_spans;
  insert into org_unit_top_spans (lineage, top_id, kind, valid_from, valid_to, units)
  select t.lineage, t.top_id, u.kind, u.valid_from, u.valid_to, count(*)
  from org_unit_tops t join org_units u on u.id = t.unit_id
  group by t.lineage, t.top_id, u.kind, u.valid_from, u.valid_to;
  -- rebuilt wholesale: the planner must not go on believing them empty (the embedded database has no
  -- autovacuum to tell it)
  analyze org_unit_tops;
  analyze indicator_rollup_top;
  analyze movement_model_tops;
  analyze org_unit_top_spans;
end $$;

-- built at the next fold, for the tree as it is now
update org_version set version = version + 1 where id = 1;
select fold_indicator_deltas();
