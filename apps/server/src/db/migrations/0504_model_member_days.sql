-- The members of models at a date (docs/decisions/0011-stock-rollups.md), as the days their number changes:
-- a member counts on the period's end `to` when joined_on < to <= left_on (either end open), so it adds 1
-- from the day after it joined and takes it back from the day after it left. The members of a model on a
-- date are then the sum of its changes up to that date: a few rows per model instead of every member.
-- A member who left before or on the day it joined never counts and changes nothing.
create table movement_model_member_days (
  model_id bigint not null,
  day date not null,
  delta int not null,
  primary key (model_id, day)
);

create or replace function model_member_changes(joined_on date, left_on date)
returns table (day date, delta int) language sql immutable as $$
  select v.day, v.delta from (values
    (coalesce(joined_on + 1, '-infinity'::date), 1),
    (left_on + 1, -1)
  ) as v(day, delta)
  where v.day is not null and (joined_on is null or left_on is null or joined_on < left_on)
$$;

create or replace function model_members_to_days() returns trigger language plpgsql as $$
begin
  -- each branch names only the transition tables its event has
  if tg_op = 'INSERT' then
    insert into movement_model_member_days as d (model_id, day, delta)
    select n.model_id, c.day, sum(c.delta) from new_rows n
    cross join lateral model_member_changes(n.joined_on, n.left_on) c
    group by n.model_id, c.day order by 1, 2
    on conflict (model_id, day) do update set delta = d.delta + excluded.delta;
  elsif tg_op = 'DELETE' then
    insert into movement_model_member_days as d (model_id, day, delta)
    select o.model_id, c.day, -sum(c.delta) from old_rows o
    cross join lateral model_member_changes(o.joined_on, o.left_on) c
    group by o.model_id, c.day order by 1, 2
    on conflict (model_id, day) do update set delta = d.delta + excluded.delta;
  else
    insert into movement_model_member_days as d (model_id, day, delta)
    select x.model_id, c.day, sum(x.sign * c.delta) from (
      select n.model_id, n.joined_on, n.left_on, 1 as sign from new_rows n
      union all
      select o.model_id, o.joined_on, o.left_on, -1 from old_rows o
    ) x cross join lateral model_member_changes(x.joined_on, x.left_on) c
    group by x.model_id, c.day having sum(x.sign * c.delta) <> 0 order by 1, 2
    on conflict (model_id, day) do update set delta = d.delta + excluded.delta;
  end if;
  return null;
end $$;

create trigger movement_model_members_days_ins after insert on movement_model_members
  referencing new table as new_rows for each statement execute function model_members_to_days();
create trigger movement_model_members_days_upd after update on movement_model_members
  referencing old table as old_rows new table as new_rows for each statement execute function model_members_to_days();
create trigger movement_model_members_days_del after delete on movement_model_members
  referencing old table as old_rows for each statement execute function model_members_to_days();

-- the members already there
insert into movement_model_member_days (model_id, day, delta)
select m.model_id, c.day, sum(c.delta) from movement_model_members m
cross join lateral model_member_changes(m.joined_on, m.left_on) c
group by m.model_id, c.day;
