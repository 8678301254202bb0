-- Household pledges in the roll-up (docs/decisions/0011-stock-rollups.md): one row per area and year, so a
-- period inside one calendar year counts that year's rows, summed per unit and per province like any flow.
-- Family 'pledges', grain 'y' (the year's first day); measures 'areas', 'households', 'signed'.
create or replace function pledges_to_deltas() returns trigger language plpgsql as $$
begin
  -- each branch names only the transition tables its event has
  if tg_op = 'INSERT' then
    insert into indicator_deltas (family, grain, period_start, unit_id, measure, value)
    select 'pledges', 'y', make_date(x.year, 1, 1), x.unit_id, v.measure, sum(v.value)
    from new_rows x cross join lateral (values ('areas', 1), ('households', x.households),
      ('signed', x.households_signed)) as v(measure, value)
    group by x.year, x.unit_id, v.measure having sum(v.value) <> 0;
  elsif tg_op = 'DELETE' then
    insert into indicator_deltas (family, grain, period_start, unit_id, measure, value)
    select 'pledges', 'y', make_date(x.year, 1, 1), x.unit_id, v.measure, -sum(v.value)
    from old_rows x cross join lateral (values ('areas', 1), ('households', x.households),
      ('signed', x.households_signed)) as v(measure, value)
    group by x.year, x.unit_id, v.measure having sum(v.value) <> 0;
  else
    insert into indicator_deltas (family, grain, period_start, unit_id, measure, value)
    select 'pledges', 'y', make_date(x.year, 1, 1), x.unit_id, v.measure, sum(v.value)
    from (select n.year, n.unit_id, 1 as sign, n.households, n.households_signed from new_rows n
      union all
      select o.year, o.unit_id, -1, o.households, o.households_signed from old_rows o) x
    cross join lateral (values ('areas', x.sign), ('households', x.sign * x.households),
      ('signed', x.sign * x.households_signed)) as v(measure, value)
    group by x.year, x.unit_id, v.measure having sum(v.value) <> 0;
  end if;
  return null;
end $$;

create trigger movement_pledges_rollup_ins after insert on movement_pledges
  referencing new table as new_rows for each statement execute function pledges_to_deltas();
create trigger movement_pledges_rollup_upd after update on movement_pledges
  referencing old table as old_rows new table as new_rows for each statement execute function pledges_to_deltas();
create trigger movement_pledges_rollup_del after delete on movement_pledges
  referencing old table as old_rows for each statement execute function pledges_to_deltas();

-- the pledges already there
insert into indicator_deltas (family, grain, period_start, unit_id, measure, value)
select 'pledges', 'y', make_date(p.year, 1, 1), p.unit_id, v.measure, sum(v.value)
from movement_pledges p cross join lateral (values ('areas', 1), ('households', p.households),
  ('signed', p.households_signed)) as v(measure, value)
group by p.year, p.unit_id, v.measure having sum(v.value) <> 0;
select fold_indicator_deltas();
