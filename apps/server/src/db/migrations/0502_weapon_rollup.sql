-- Weapon hand-ins in the roll-up (docs/decisions/0011-stock-rollups.md): family 'weapons', grain 'm' (the
-- month of the hand-in), at the hand-in's unit; measures 'surrenders' (one per hand-in) and
-- 'item:<category>' (the quantity handed in).
--
-- An item counts at its hand-in's month and unit, so each trigger joins the other table. When a hand-in is
-- deleted its items go first (on delete cascade) and the hand-in is already gone when the items' trigger
-- looks for it: a row trigger before the delete gives back the hand-in and its items while both are there,
-- and the items' trigger passes over items whose hand-in is gone.
create or replace function weapon_items_to_deltas() returns trigger language plpgsql as $$
begin
  -- each branch names only the transition tables its event has
  if tg_op = 'INSERT' then
    insert into indicator_deltas (family, grain, period_start, unit_id, measure, value)
    select 'weapons', 'm', date_trunc('month', s.surrendered_on)::date, s.unit_id, 'item:' || n.category, sum(n.quantity)
    from new_rows n join movement_weapon_surrenders s on s.id = n.surrender_id
    group by 3, 4, 5;
  elsif tg_op = 'DELETE' then
    insert into indicator_deltas (family, grain, period_start, unit_id, measure, value)
    select 'weapons', 'm', date_trunc('month', s.surrendered_on)::date, s.unit_id, 'item:' || o.category, -sum(o.quantity)
    from old_rows o join movement_weapon_surrenders s on s.id = o.surrender_id
    group by 3, 4, 5;
  else
    insert into indicator_deltas (family, grain, period_start, unit_id, measure, value)
    select 'weapons', 'm', date_trunc('month', s.surrendered_on)::date, s.unit_id, 'item:' || x.category, sum(x.quantity)
    from (select n.surrender_id, n.category, n.quantity from new_rows n
      union all select o.surrender_id, o.category, -o.quantity from old_rows o) x
    join movement_weapon_surrenders s on s.id = x.surrender_id
    group by 3, 4, 5 having sum(x.quantity) <> 0;
  end if;
  return null;
end $$;

-- A hand-in with its items, as measures: the hand-in itself and each category's quantity.
create or replace function weapon_surrender_measures(surrender_id bigint)
returns table (measure text, value numeric) language sql stable as $$
  select 'surrenders', 1::numeric
  union all
  select 'item:' || i.category, sum(i.quantity)::numeric from movement_weapon_items i
  where i.surrender_id = weapon_surrender_measures.surrender_id group by i.category
$$;

create or replace function weapon_surrenders_to_deltas() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    -- a new hand-in has no items yet (they come in their own statement)
    insert into indicator_deltas (family, grain, period_start, unit_id, measure, value)
    select 'weapons', 'm', date_trunc('month', n.surrendered_on)::date, n.unit_id, 'surrenders', count(*)
    from new_rows n group by 3, 4;
  else
    -- moved to another day or unit: the hand-in and its items go with it
    insert into indicator_deltas (family, grain, period_start, unit_id, measure, value)
    select 'weapons', 'm', x.period, x.unit_id, m.measure, sum(x.sign * m.value) from (
      select n.id, date_trunc('month', n.surrendered_on)::date as period, n.unit_id, 1 as sign from new_rows n
      union all
      select o.id, date_trunc('month', o.surrendered_on)::date, o.unit_id, -1 from old_rows o
    ) x cross join lateral weapon_surrender_measures(x.id) m
    group by x.period, x.unit_id, m.measure having sum(x.sign * m.value) <> 0;
  end if;
  return null;
end $$;

create or replace function weapon_surrender_deleted() returns trigger language plpgsql as $$
begin
  insert into indicator_deltas (family, grain, period_start, unit_id, measure, value)
  select 'weapons', 'm', date_trunc('month', old.surrendered_on)::date, old.unit_id, m.measure, -m.value
  from weapon_surrender_measures(old.id) m;
  return old;
end $$;

create trigger movement_weapon_items_rollup_ins after insert on movement_weapon_items
  referencing new table as new_rows for each statement execute function weapon_items_to_deltas();
create trigger movement_weapon_items_rollup_upd after update on movement_weapon_items
  referencing old table as old_rows new table as new_rows for each statement execute function weapon_items_to_deltas();
create trigger movement_weapon_items_rollup_del after delete on movement_weapon_items
  referencing old table as old_rows for each statement execute function weapon_items_to_deltas();
create trigger movement_weapon_surrenders_rollup_ins after insert on movement_weapon_surrenders
  referencing new table as new_rows for each statement execute function weapon_surrenders_to_deltas();
create trigger movement_weapon_surrenders_rollup_upd after update on movement_weapon_surrenders
  referencing old table as old_rows new table as new_rows for each statement execute function weapon_surrenders_to_deltas();
create trigger movement_weapon_surrenders_rollup_del before delete on movement_weapon_surrenders
  for each row execute function weapon_surrender_deleted();

-- the hand-ins already there
insert into indicator_deltas (family, grain, period_start, unit_id, measure, value)
select 'weapons', 'm', date_trunc('month', s.surrendered_on)::date, s.unit_id, 'surrenders', count(*)
from movement_weapon_surrenders s group by 3, 4;
insert into indicator_deltas (family, grain, period_start, unit_id, measure, value)
select 'weapons', 'm', date_trunc('month', s.surrendered_on)::date, s.unit_id, 'item:' || i.category, sum(i.quantity)
from movement_weapon_items i join movement_weapon_surrenders s on s.id = i.surrender_id group by 3, 4, 5;
select fold_indicator_deltas();
