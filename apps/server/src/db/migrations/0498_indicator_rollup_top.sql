-- Level-2 roll-ups: the unit roll-up of migration 0492 summed per province (the units one level below the
-- root), for the figures of whole provinces (docs/decisions/0010-level-2-rollups.md). The country's year by
-- province then reads 34 rows per measure instead of one per commune, and no unit-to-province mapping.
--
-- Which province a unit's records count in depends on the unit tree: by where the unit stands ('h',
-- historical) or also by where its successors stand today ('c', current lineage), exactly as the readers'
-- `grp` mapping for a province's subtree. org_unit_tops holds that mapping as it was when
-- indicator_rollup_top was built. Any change to unit paths or successors bumps org_version.version (the
-- statement triggers below); a reader uses indicator_rollup_top only while tops_built equals it, and
-- otherwise reads unit by unit as before. The next fold rebuilds both tables for the new tree.

create table org_version (
  id int primary key default 1 check (id = 1),
  -- bumped by every statement that changes unit paths or successors
  version bigint not null default 1,
  -- the version org_unit_tops and indicator_rollup_top were built for; null: never built
  tops_built bigint
);
insert into org_version (id) values (1);

create or replace function bump_org_version() returns trigger language plpgsql as $$
begin
  update org_version set version = version + 1 where id = 1;
  return null;
end $$;

create trigger org_units_version after insert or delete or update of path on org_units
  for each statement execute function bump_org_version();
create trigger org_units_version_truncate after truncate on org_units
  for each statement execute function bump_org_version();
create trigger org_unit_successors_version after insert or delete or update on org_unit_successors
  for each statement execute function bump_org_version();
create trigger org_unit_successors_version_truncate after truncate on org_unit_successors
  for each statement execute function bump_org_version();

create table org_unit_tops (
  lineage char(1) not null check (lineage in ('c', 'h')),
  unit_id bigint not null,
  -- the unit one level below the root whose subtree counts the unit's records
  top_id bigint not null,
  primary key (lineage, unit_id, top_id)
);
-- a province's units (the readers' grp for whole provinces: reports/repo.ts groupCte)
create index org_unit_tops_top on org_unit_tops (lineage, top_id) include (unit_id);

create table indicator_rollup_top (
  family text not null,
  grain char(1) not null check (grain in ('m', 'y')),
  period_start date not null,
  lineage char(1) not null check (lineage in ('c', 'h')),
  top_id bigint not null,
  measure text not null,
  value numeric not null,
  primary key (family, grain, period_start, lineage, top_id, measure)
);

-- The provinces each model covers, for the models' figures of whole provinces (decision 0010): a model
-- counts once in each province holding one of its units. Kept from org_unit_tops: by the statement
-- triggers below when a model's units change, and rebuilt with the level-2 roll-up after the unit tree
-- changes. Readers use it only while the level-2 roll-up is built for today's tree (org_version), as
-- indicator_rollup_top.

create table movement_model_tops (
  lineage char(1) not null check (lineage in ('c', 'h')),
  model_id bigint not null,
  top_id bigint not null,
  primary key (lineage, model_id, top_id)
);
create index movement_model_tops_top on movement_model_tops (lineage, top_id) include (model_id);

-- The mapping, the level-2 roll-up and the models' provinces for today's tree, from the unit roll-up
-- (about 30 s for the national set; only after the tree changed).
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
end $$;

-- Moves every delta into the roll-up (a month's delta also into its year) and, when the level-2 roll-up is
-- built for today's tree, into it too; else rebuilds it. Returns how many deltas moved. The lock on
-- org_version orders a fold after a tree change that has not committed yet (and the change after the fold).
create or replace function fold_indicator_deltas() returns bigint language plpgsql as $$
declare
  moved bigint;
  state record;
begin
  select version, tops_built into state from org_version where id = 1 for update;
  with d as (delete from indicator_deltas returning *),
  expanded as (
    select family, grain, period_start, unit_id, measure, value from d
    union all
    select family, 'y', date_trunc('year', period_start)::date, unit_id, measure, value from d where grain = 'm'
  ),
  summed as (
    select family, grain, period_start, unit_id, measure, sum(value) as value
    from expanded group by family, grain, period_start, unit_id, measure
  ),
  written as (
    -- in key order, so that two folds lock rows in the same order
    insert into indicator_rollup (family, grain, period_start, unit_id, measure, value)
    select family, grain, period_start, unit_id, measure, value from summed
    order by family, grain, period_start, unit_id, measure
    on conflict (family, grain, period_start, unit_id, measure)
      do update set value = indicator_rollup.value + excluded.value
  ),
  tops as (
    insert into indicator_rollup_top (family, grain, period_start, lineage, top_id, measure, value)
    select s.family, s.grain, s.period_start, t.lineage, t.top_id, s.measure, sum(s.value)
    from summed s join org_unit_tops t on t.unit_id = s.unit_id
    where state.tops_built = state.version
    group by 1, 2, 3, 4, 5, 6
    order by 1, 2, 3, 4, 5, 6
    on conflict (family, grain, period_start, lineage, top_id, measure)
      do update set value = indicator_rollup_top.value + excluded.value
  )
  select count(*) into moved from d;
  if state.tops_built is distinct from state.version then
    perform rebuild_indicator_tops();
    update org_version set tops_built = state.version where id = 1;
  end if;
  -- a measure back at zero (its records deleted or moved away) stays: it adds nothing to a sum
  return moved;
end $$;

-- Recomputes the rows of the models a statement on movement_model_units touched. The share lock on
-- org_version waits for a fold that is rebuilding org_unit_tops, so the rows follow the mapping it builds.
create or replace function movement_model_units_tops() returns trigger language plpgsql as $$
declare
  ids bigint[];
begin
  perform 1 from org_version where id = 1 for share;
  if tg_op = 'INSERT' then
    select array_agg(distinct model_id) into ids from new_rows;
  elsif tg_op = 'DELETE' then
    select array_agg(distinct model_id) into ids from old_rows;
  else
    select array_agg(distinct model_id) into ids
    from (select model_id from new_rows union select model_id from old_rows) x;
  end if;
  delete from movement_model_tops where model_id = any(ids);
  insert into movement_model_tops (lineage, model_id, top_id)
  select distinct t.lineage, mu.model_id, t.top_id
  from movement_model_units mu join org_unit_tops t on t.unit_id = mu.unit_id
  where mu.model_id = any(ids);
  return null;
end $$;

create trigger movement_model_units_tops_ins after insert on movement_model_units
  referencing new table as new_rows for each statement execute function movement_model_units_tops();
create trigger movement_model_units_tops_upd after update on movement_model_units
  referencing old table as old_rows new table as new_rows for each statement execute function movement_model_units_tops();
create trigger movement_model_units_tops_del after delete on movement_model_units
  referencing old table as old_rows for each statement execute function movement_model_units_tops();

select fold_indicator_deltas();
