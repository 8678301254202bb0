-- Figures that no record yields (crimes, suspects, drug users under management...): defined by an
-- administrator, entered per unit and period, validated by rules kept as data, approved by the level
-- above (which locks the unit's period), unlocked with a reason. Every change is audited.
create table figure_definitions (
  id bigint generated always as identity primary key,
  -- the indicator code is 'figures.' || code
  code text not null unique check (code ~ '^[a-z][a-z0-9_]{1,60}$'),
  name text not null,
  name_en text not null,
  unit_label text not null,
  unit_label_en text not null,
  description text,
  -- the period the figure is reported in
  period_type text not null check (period_type in ('month','quarter','half_year','year')),
  -- 'flow': what happened in the period (summed over periods); 'stock': the state at the period's end
  nature text not null default 'flow' check (nature in ('flow','stock')),
  group_name text,
  min_value numeric not null default 0,
  max_value numeric,
  integer_only boolean not null default true,
  -- a value further than this many deviations from the unit's history asks for confirmation
  outlier_factor numeric not null default 3 check (outlier_factor > 0),
  sort int not null default 0,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- Validation rules between two figures of a period: left <op> right, applied always or only when one
-- side is positive ("số đối tượng >= số vụ khi số vụ > 0").
create table figure_rules (
  id bigint generated always as identity primary key,
  left_id bigint not null references figure_definitions(id),
  op text not null check (op in ('>=','<=','=','>','<')),
  right_id bigint not null references figure_definitions(id),
  applies text not null default 'always' check (applies in ('always','left_positive','right_positive')),
  message text not null,
  message_en text not null,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  check (left_id <> right_id)
);

create table figure_values (
  definition_id bigint not null references figure_definitions(id),
  unit_id bigint not null references org_units(id),
  province_id bigint references org_units(id),
  period_start date not null,
  period_end date not null,
  value numeric not null,
  confirmed_outlier boolean not null default false,
  entered_by bigint references users(id),
  entered_at timestamptz not null default now(),
  primary key (definition_id, unit_id, period_start),
  check (period_end >= period_start)
);
-- indicator queries: one definition, a range of periods, joined to the units of a subtree
create index figure_values_period on figure_values (definition_id, period_start, unit_id) include (value, period_end);

-- A unit's period approved by the level above: values of that unit, period type and start are locked.
create table figure_approvals (
  unit_id bigint not null references org_units(id),
  period_type text not null check (period_type in ('month','quarter','half_year','year')),
  period_start date not null,
  approved_by bigint not null references users(id),
  approved_at timestamptz not null default now(),
  primary key (unit_id, period_type, period_start)
);

-- The history of approvals and unlocks (the audit log has it too; this is for the entry screen).
create table figure_approval_events (
  id bigint generated always as identity primary key,
  unit_id bigint not null references org_units(id),
  period_type text not null,
  period_start date not null,
  action text not null check (action in ('approved','unlocked')),
  reason text,
  actor_id bigint references users(id),
  at timestamptz not null default now()
);
create index figure_approval_events_unit on figure_approval_events (unit_id, period_type, period_start);
