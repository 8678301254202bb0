-- Roll-ups for the figures at national scale (issue 5; docs/decisions/0007-indicator-rollups.md).
--
-- The largest record tables (activities, citizen items, entered values) are summed per unit and month
-- (grain 'm') and per unit and year (grain 'y'), so that a period's figures read a few rows per unit
-- instead of every record: a province's quarter reads ~3 rows per unit and measure, the country's year one.
-- Only what adds up is rolled up (counts and sums; a ratio's numerator and denominator); stocks (models in
-- place, items open at a date, the latest entered value) are still counted from the records.
--
-- Writers never wait for each other here: a statement on a record table appends its contribution (plus
-- for the new rows, minus for the old ones) to indicator_deltas through the triggers below, and
-- fold_indicator_deltas() moves the deltas into indicator_rollup from time to time (the server's job loop).
-- Readers add both tables up in one statement, so a record saved is in the figures on the next query,
-- folded or not, and a fold is atomic for them.
create table indicator_rollup (
  family text not null,
  grain char(1) not null check (grain in ('m', 'y')),
  period_start date not null,
  unit_id bigint not null,
  measure text not null,
  value numeric not null,
  primary key (family, grain, period_start, unit_id, measure)
);
-- a subtree's units one by one (a province's quarter); the primary key serves a whole period (the country)
create index indicator_rollup_unit on indicator_rollup (unit_id, family, grain, period_start) include (measure, value);

create table indicator_deltas (
  family text not null,
  grain char(1) not null check (grain in ('m', 'y')),
  period_start date not null,
  unit_id bigint not null,
  measure text not null,
  value numeric not null
);
create index indicator_deltas_period on indicator_deltas (family, period_start);

-- Moves every delta into the roll-up (a month's delta also into its year) and returns how many moved.
create or replace function fold_indicator_deltas() returns bigint language plpgsql as $$
declare
  moved bigint;
begin
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
  )
  select count(*) into moved from d;
  -- a measure back at zero (its records deleted or moved away) stays: it adds nothing to a sum
  return moved;
end $$;

-- ---------------------------------------------------------------- activities (movement work)
-- measures: 'count:<kind>', 'participants:<kind>', 'result:<result field key>' (numeric result values)
create or replace function activity_measures(kind text, participants int, results jsonb)
returns table (measure text, value numeric) language sql immutable as $$
  select 'count:' || kind, 1::numeric
  union all
  select 'participants:' || kind, participants::numeric where participants is not null
  union all
  select 'result:' || r.key, r.value::numeric from jsonb_each_text(results) as r(key, value)
  where r.value ~ '^-?[0-9]+(\.[0-9]+)?$'
$$;

create or replace function activities_to_deltas() returns trigger language plpgsql as $$
begin
  -- each branch names only the transition tables its event has
  if tg_op = 'INSERT' then
    insert into indicator_deltas (family, grain, period_start, unit_id, measure, value)
    select 'activities', 'm', x.period, x.unit_id, x.measure, sum(x.value) from (
      select date_trunc('month', n.occurred_on)::date as period, n.unit_id, m.measure, m.value
      from new_rows n cross join lateral activity_measures(n.kind, n.participants, n.results) m
    ) x group by x.period, x.unit_id, x.measure having sum(x.value) <> 0;
  elsif tg_op = 'DELETE' then
    insert into indicator_deltas (family, grain, period_start, unit_id, measure, value)
    select 'activities', 'm', x.period, x.unit_id, x.measure, sum(x.value) from (
      select date_trunc('month', o.occurred_on)::date as period, o.unit_id, m.measure, -m.value as value
      from old_rows o cross join lateral activity_measures(o.kind, o.participants, o.results) m
    ) x group by x.period, x.unit_id, x.measure having sum(x.value) <> 0;
  else
    insert into indicator_deltas (family, grain, period_start, unit_id, measure, value)
    select 'activities', 'm', x.period, x.unit_id, x.measure, sum(x.value) from (
      select date_trunc('month', n.occurred_on)::date as period, n.unit_id, m.measure, m.value
      from new_rows n cross join lateral activity_measures(n.kind, n.participants, n.results) m
      union all
      select date_trunc('month', o.occurred_on)::date as period, o.unit_id, m.measure, -m.value as value
      from old_rows o cross join lateral activity_measures(o.kind, o.participants, o.results) m
    ) x group by x.period, x.unit_id, x.measure having sum(x.value) <> 0;
  end if;
  return null;
end $$;

-- ---------------------------------------------------------------- citizen items
-- measures by the day of receipt: 'received:<kind>:<channel>'; by the day of closure: 'closed',
-- 'closed_on_time', 'closed_days' (days from receipt, for the average), and 'valuable' (crime reports
-- closed as a valuable tip, a case or upheld, whatever their status)
create or replace function submission_measures(
  kind text, channel text, status text, received_on date, closed_on date, closed_on_time boolean, outcome text
) returns table (month date, measure text, value numeric) language sql immutable as $$
  select date_trunc('month', received_on)::date, 'received:' || kind || ':' || channel, 1::numeric
  union all
  select date_trunc('month', closed_on)::date, v.measure, v.value from (values
    ('closed', 1::numeric),
    ('closed_on_time', case when closed_on_time then 1 else 0 end::numeric),
    ('closed_days', (closed_on - received_on)::numeric)
  ) as v(measure, value) where status = 'closed' and closed_on is not null and v.value <> 0
  union all
  select date_trunc('month', closed_on)::date, 'valuable', 1::numeric
  where kind = 'crime_report' and outcome in ('valuable_tip', 'led_to_case', 'upheld') and closed_on is not null
$$;

create or replace function submissions_to_deltas() returns trigger language plpgsql as $$
begin
  -- each branch names only the transition tables its event has
  if tg_op = 'INSERT' then
    insert into indicator_deltas (family, grain, period_start, unit_id, measure, value)
    select 'submissions', 'm', x.period, x.unit_id, x.measure, sum(x.value) from (
      select m.month as period, n.unit_id, m.measure, m.value
      from new_rows n cross join lateral submission_measures(n.kind, n.channel, n.status, n.received_on, n.closed_on, n.closed_on_time, n.outcome) m
    ) x group by x.period, x.unit_id, x.measure having sum(x.value) <> 0;
  elsif tg_op = 'DELETE' then
    insert into indicator_deltas (family, grain, period_start, unit_id, measure, value)
    select 'submissions', 'm', x.period, x.unit_id, x.measure, sum(x.value) from (
      select m.month as period, o.unit_id, m.measure, -m.value as value
      from old_rows o cross join lateral submission_measures(o.kind, o.channel, o.status, o.received_on, o.closed_on, o.closed_on_time, o.outcome) m
    ) x group by x.period, x.unit_id, x.measure having sum(x.value) <> 0;
  else
    insert into indicator_deltas (family, grain, period_start, unit_id, measure, value)
    select 'submissions', 'm', x.period, x.unit_id, x.measure, sum(x.value) from (
      select m.month as period, n.unit_id, m.measure, m.value
      from new_rows n cross join lateral submission_measures(n.kind, n.channel, n.status, n.received_on, n.closed_on, n.closed_on_time, n.outcome) m
      union all
      select m.month as period, o.unit_id, m.measure, -m.value as value
      from old_rows o cross join lateral submission_measures(o.kind, o.channel, o.status, o.received_on, o.closed_on, o.closed_on_time, o.outcome) m
    ) x group by x.period, x.unit_id, x.measure having sum(x.value) <> 0;
  end if;
  return null;
end $$;

-- ---------------------------------------------------------------- entered figures
-- by calendar year only (grain 'y'): measure = the definition's id; a value counts in the year its
-- period lies in (periods are months, quarters, halves or years: none crosses a year's end)
create or replace function figures_to_deltas() returns trigger language plpgsql as $$
begin
  -- each branch names only the transition tables its event has
  if tg_op = 'INSERT' then
    insert into indicator_deltas (family, grain, period_start, unit_id, measure, value)
    select 'figures', 'y', x.period, x.unit_id, x.measure, sum(x.value) from (
      select date_trunc('year', n.period_start)::date as period, n.unit_id, n.definition_id::text as measure, n.value
      from new_rows n where date_trunc('year', n.period_start) = date_trunc('year', n.period_end)
    ) x group by x.period, x.unit_id, x.measure having sum(x.value) <> 0;
  elsif tg_op = 'DELETE' then
    insert into indicator_deltas (family, grain, period_start, unit_id, measure, value)
    select 'figures', 'y', x.period, x.unit_id, x.measure, sum(x.value) from (
      select date_trunc('year', o.period_start)::date as period, o.unit_id, o.definition_id::text as measure, -o.value as value
      from old_rows o where date_trunc('year', o.period_start) = date_trunc('year', o.period_end)
    ) x group by x.period, x.unit_id, x.measure having sum(x.value) <> 0;
  else
    insert into indicator_deltas (family, grain, period_start, unit_id, measure, value)
    select 'figures', 'y', x.period, x.unit_id, x.measure, sum(x.value) from (
      select date_trunc('year', n.period_start)::date as period, n.unit_id, n.definition_id::text as measure, n.value
      from new_rows n where date_trunc('year', n.period_start) = date_trunc('year', n.period_end)
      union all
      select date_trunc('year', o.period_start)::date as period, o.unit_id, o.definition_id::text as measure, -o.value as value
      from old_rows o where date_trunc('year', o.period_start) = date_trunc('year', o.period_end)
    ) x group by x.period, x.unit_id, x.measure having sum(x.value) <> 0;
  end if;
  return null;
end $$;

-- one trigger per event: transition tables allow no more (PostgreSQL)
create trigger movement_activities_rollup_ins after insert on movement_activities
  referencing new table as new_rows for each statement execute function activities_to_deltas();
create trigger movement_activities_rollup_upd after update on movement_activities
  referencing old table as old_rows new table as new_rows for each statement execute function activities_to_deltas();
create trigger movement_activities_rollup_del after delete on movement_activities
  referencing old table as old_rows for each statement execute function activities_to_deltas();

create trigger submissions_rollup_ins after insert on submissions
  referencing new table as new_rows for each statement execute function submissions_to_deltas();
create trigger submissions_rollup_upd after update on submissions
  referencing old table as old_rows new table as new_rows for each statement execute function submissions_to_deltas();
create trigger submissions_rollup_del after delete on submissions
  referencing old table as old_rows for each statement execute function submissions_to_deltas();

create trigger figure_values_rollup_ins after insert on figure_values
  referencing new table as new_rows for each statement execute function figures_to_deltas();
create trigger figure_values_rollup_upd after update on figure_values
  referencing old table as old_rows new table as new_rows for each statement execute function figures_to_deltas();
create trigger figure_values_rollup_del after delete on figure_values
  referencing old table as old_rows for each statement execute function figures_to_deltas();

-- the records already there
insert into indicator_deltas (family, grain, period_start, unit_id, measure, value)
select 'activities', 'm', date_trunc('month', a.occurred_on)::date, a.unit_id, m.measure, sum(m.value)
from movement_activities a cross join lateral activity_measures(a.kind, a.participants, a.results) m
group by 3, 4, 5;
insert into indicator_deltas (family, grain, period_start, unit_id, measure, value)
select 'submissions', 'm', m.month, s.unit_id, m.measure, sum(m.value)
from submissions s cross join lateral submission_measures(s.kind, s.channel, s.status, s.received_on, s.closed_on, s.closed_on_time, s.outcome) m
group by 3, 4, 5;
insert into indicator_deltas (family, grain, period_start, unit_id, measure, value)
select 'figures', 'y', date_trunc('year', v.period_start)::date, v.unit_id, v.definition_id::text, sum(v.value)
from figure_values v where date_trunc('year', v.period_start) = date_trunc('year', v.period_end)
group by 3, 4, 5;
select fold_indicator_deltas();
