-- Stock figures over whole years (docs/decisions/0011-stock-rollups.md). A stock figure is each unit's
-- latest value in the period; over a calendar year that is one number per unit and year, which the roll-up
-- can hold: family 'figure_stocks', grain 'y', measure = the definition's id. figure_year_latest remembers
-- the value the roll-up was given for each key, so that a change passes on as the difference; it is kept
-- for stock definitions only (and filled or emptied when a definition changes nature).
create table figure_year_latest (
  definition_id bigint not null references figure_definitions(id),
  unit_id bigint not null,
  year_start date not null,
  value numeric not null default 0,
  primary key (definition_id, unit_id, year_start)
);

-- Recomputes the latest value of the keys (definition, unit, year) from figure_values and passes the
-- changes to the roll-up. The keys' rows are locked first: a concurrent change of the same keys waits for
-- this one to commit, and the statements after the lock (a new snapshot each: the function is volatile)
-- see its values, so two writers cannot both compute from the same old value.
create or replace function refresh_figure_year_latest(defs bigint[], units bigint[], years date[])
returns void language plpgsql as $$
begin
  insert into figure_year_latest (definition_id, unit_id, year_start)
  select distinct k.d, k.u, k.y from unnest(defs, units, years) as k(d, u, y)
  order by 1, 2, 3
  on conflict do nothing;
  perform 1 from figure_year_latest l
  join (select distinct d, u, y from unnest(defs, units, years) as k(d, u, y)) k
    on l.definition_id = k.d and l.unit_id = k.u and l.year_start = k.y
  order by l.definition_id, l.unit_id, l.year_start
  for update of l;
  with k as (select distinct d, u, y from unnest(defs, units, years) as k(d, u, y)),
  fresh as (
    select l.definition_id, l.unit_id, l.year_start, l.value as old_value,
      coalesce((select v.value from figure_values v
        where v.definition_id = l.definition_id and v.unit_id = l.unit_id
          and v.period_start >= l.year_start and v.period_start < (l.year_start + interval '1 year')::date
          and v.period_end < (l.year_start + interval '1 year')::date
        order by v.period_start desc limit 1), 0) as new_value
    from figure_year_latest l join k on l.definition_id = k.d and l.unit_id = k.u and l.year_start = k.y
  ),
  changed as (select * from fresh where new_value <> old_value),
  passed as (
    insert into indicator_deltas (family, grain, period_start, unit_id, measure, value)
    select 'figure_stocks', 'y', c.year_start, c.unit_id, c.definition_id::text, c.new_value - c.old_value
    from changed c
  )
  update figure_year_latest l set value = c.new_value from changed c
  where l.definition_id = c.definition_id and l.unit_id = c.unit_id and l.year_start = c.year_start;
end $$;

-- the keys a statement touched, for the stock definitions; a value counts in the year its period lies in
-- (none crosses a year's end: months, quarters, halves, years)
create or replace function figure_values_to_latest() returns trigger language plpgsql as $$
declare
  d bigint[];
  u bigint[];
  y date[];
begin
  -- each branch names only the transition tables its event has
  if tg_op = 'INSERT' then
    select array_agg(x.definition_id), array_agg(x.unit_id), array_agg(x.year_start) into d, u, y
    from (select distinct n.definition_id, n.unit_id, date_trunc('year', n.period_start)::date as year_start
      from new_rows n join figure_definitions f on f.id = n.definition_id and f.nature = 'stock'
      where date_trunc('year', n.period_start) = date_trunc('year', n.period_end)) x;
  elsif tg_op = 'DELETE' then
    select array_agg(x.definition_id), array_agg(x.unit_id), array_agg(x.year_start) into d, u, y
    from (select distinct o.definition_id, o.unit_id, date_trunc('year', o.period_start)::date as year_start
      from old_rows o join figure_definitions f on f.id = o.definition_id and f.nature = 'stock'
      where date_trunc('year', o.period_start) = date_trunc('year', o.period_end)) x;
  else
    select array_agg(x.definition_id), array_agg(x.unit_id), array_agg(x.year_start) into d, u, y
    from (select distinct r.definition_id, r.unit_id, date_trunc('year', r.period_start)::date as year_start
      from (select * from new_rows union all select * from old_rows) r
      join figure_definitions f on f.id = r.definition_id and f.nature = 'stock'
      where date_trunc('year', r.period_start) = date_trunc('year', r.period_end)) x;
  end if;
  if d is not null then
    perform refresh_figure_year_latest(d, u, y);
  end if;
  return null;
end $$;

create trigger figure_values_latest_ins after insert on figure_values
  referencing new table as new_rows for each statement execute function figure_values_to_latest();
create trigger figure_values_latest_upd after update on figure_values
  referencing old table as old_rows new table as new_rows for each statement execute function figure_values_to_latest();
create trigger figure_values_latest_del after delete on figure_values
  referencing old table as old_rows for each statement execute function figure_values_to_latest();

-- A definition that becomes a stock gets its keys; one that stops being a stock gives its values back.
create or replace function figure_definition_nature_changed() returns trigger language plpgsql as $$
declare
  d bigint[];
  u bigint[];
  y date[];
begin
  if new.nature = 'stock' then
    select array_agg(x.definition_id), array_agg(x.unit_id), array_agg(x.year_start) into d, u, y
    from (select distinct v.definition_id, v.unit_id, date_trunc('year', v.period_start)::date as year_start
      from figure_values v where v.definition_id = new.id
        and date_trunc('year', v.period_start) = date_trunc('year', v.period_end)) x;
    if d is not null then
      perform refresh_figure_year_latest(d, u, y);
    end if;
  else
    insert into indicator_deltas (family, grain, period_start, unit_id, measure, value)
    select 'figure_stocks', 'y', l.year_start, l.unit_id, l.definition_id::text, -l.value
    from figure_year_latest l where l.definition_id = old.id and l.value <> 0;
    delete from figure_year_latest where definition_id = old.id;
  end if;
  return null;
end $$;

create trigger figure_definitions_nature after update of nature on figure_definitions
  for each row when (old.nature is distinct from new.nature) execute function figure_definition_nature_changed();

-- the values already there
insert into figure_year_latest (definition_id, unit_id, year_start, value)
select distinct on (v.definition_id, v.unit_id, date_trunc('year', v.period_start))
  v.definition_id, v.unit_id, date_trunc('year', v.period_start)::date, v.value
from figure_values v join figure_definitions f on f.id = v.definition_id and f.nature = 'stock'
where date_trunc('year', v.period_start) = date_trunc('year', v.period_end)
order by v.definition_id, v.unit_id, date_trunc('year', v.period_start), v.period_start desc;
insert into indicator_deltas (family, grain, period_start, unit_id, measure, value)
select 'figure_stocks', 'y', l.year_start, l.unit_id, l.definition_id::text, l.value
from figure_year_latest l where l.value <> 0;
select fold_indicator_deltas();
