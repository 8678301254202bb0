-- Org units: search over police names, parent history for "as of" views, background import jobs.

-- Diacritic-free search matches the police name ("công an xã đắk nia") as well as the place name.
create index if not exists org_units_search_name on org_units using gin (search_norm(name) gin_trgm_ops);
create index if not exists org_units_sort on org_units (parent_id, sort_key collate "C");

-- Parents a unit had before a move (a unit never moved has no rows: its parent_id holds for all time).
create table org_unit_parents (
  unit_id bigint not null references org_units(id),
  parent_id bigint references org_units(id),
  valid_from date not null,
  valid_to date,
  primary key (unit_id, valid_from),
  check (valid_to is null or valid_to >= valid_from)
);

-- Background imports (units and residential areas from CSV/XLSX). Progress lives here so that any app
-- server can answer a poll; errors are the row-by-row report.
create table import_jobs (
  id bigint generated always as identity primary key,
  kind text not null default 'org_units',
  created_by bigint not null references users(id),
  file_name text,
  status text not null default 'validating' check (status in ('validating','importing','done','failed')),
  total int not null default 0,
  processed int not null default 0,
  created int not null default 0,
  errors jsonb not null default '[]'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  finished_at timestamptz
);
create index import_jobs_creator on import_jobs (created_by, created_at);
