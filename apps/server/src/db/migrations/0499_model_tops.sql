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

-- the rebuild after a tree change now also rebuilds the models' provinces
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

insert into movement_model_tops (lineage, model_id, top_id)
select distinct t.lineage, mu.model_id, t.top_id
from movement_model_units mu join org_unit_tops t on t.unit_id = mu.unit_id;
