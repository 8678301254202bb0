-- Platform foundation: extensions, search helpers, org units with lineage, accounts, sessions, audit.
create extension if not exists ltree;
create extension if not exists pg_trgm;
create extension if not exists unaccent;
create extension if not exists pgcrypto;
create extension if not exists citext;

-- Diacritic-free, lower-case text for search ("dak nia" finds "Đắk Nia"); immutable so it can be indexed.
create or replace function search_norm(t text) returns text
  language sql immutable parallel safe strict
  as $$ select lower(public.unaccent('public.unaccent'::regdictionary, translate(t, 'đĐ', 'dD'))) $$;

-- ---------------------------------------------------------------- org units (police units and areas)
create table org_units (
  id bigint generated always as identity primary key,
  parent_id bigint references org_units(id),
  -- materialised path of ids ("1.5.230"); ltree labels are numeric so PostgreSQL 15 accepts them
  path ltree not null,
  -- ministry | province | department | district | commune | area
  kind text not null check (kind in ('ministry','province','department','district','commune','area')),
  -- administrative type of the territory: city, province, ward, commune, special_zone, district, town,
  -- village, hamlet, bon, khom, residential_group ...
  admin_type text,
  code text unique,
  name text not null,
  -- the territory's own name without the police prefix ("Đắk Nia"), for search and sorting
  place_name text not null,
  -- Vietnamese collation key (see packages/shared/src/vi-sort.ts): 'Đ' after 'D', tones as a tie-break
  sort_key text not null,
  province_id bigint references org_units(id),
  is_remote boolean not null default false,
  is_hotspot boolean not null default false,
  valid_from date not null default '1976-01-01',
  valid_to date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (valid_to is null or valid_to >= valid_from)
);
create index org_units_path_gist on org_units using gist (path);
create index org_units_parent on org_units (parent_id);
create index org_units_search on org_units using gin (search_norm(place_name) gin_trgm_ops);
create index org_units_kind on org_units (kind, valid_to);

-- Names a unit has carried, for "as of date" views after a rename.
create table org_unit_names (
  unit_id bigint not null references org_units(id),
  name text not null,
  place_name text not null,
  valid_from date not null,
  valid_to date,
  primary key (unit_id, valid_from)
);

-- Lineage: merged_into, split_from, renamed, moved, closed, continued (the old unit lives on in the new).
create table org_unit_events (
  id bigint generated always as identity primary key,
  kind text not null check (kind in ('created','renamed','merged_into','split_from','moved','closed','continued')),
  effective_on date not null,
  from_unit_id bigint not null references org_units(id),
  to_unit_id bigint references org_units(id),
  -- share of the old unit's territory that went to the new one (splits)
  share numeric,
  decision_ref text,
  note text,
  created_at timestamptz not null default now()
);
create index org_unit_events_from on org_unit_events (from_unit_id);
create index org_unit_events_to on org_unit_events (to_unit_id);

-- For every unit, the open unit(s) it lives on in today (itself when open), derived from events.
create table org_unit_successors (
  unit_id bigint not null references org_units(id),
  current_unit_id bigint not null references org_units(id),
  share numeric not null default 1,
  primary key (unit_id, current_unit_id)
);
create index org_unit_successors_current on org_unit_successors (current_unit_id);

-- ---------------------------------------------------------------- accounts
create table users (
  id bigint generated always as identity primary key,
  username citext not null unique,
  full_name text not null,
  rank text,
  position text,
  unit_id bigint not null references org_units(id),
  email text,
  phone text,
  password_hash text not null,
  must_change_password boolean not null default true,
  totp_secret_sealed text,
  totp_enabled boolean not null default false,
  status text not null default 'active' check (status in ('active','disabled')),
  failed_sign_ins int not null default 0,
  locked_until timestamptz,
  locale text not null default 'vi',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index users_unit on users (unit_id);
create index users_search on users using gin (search_norm(full_name || ' ' || username::text) gin_trgm_ops);

create table role_grants (
  id bigint generated always as identity primary key,
  user_id bigint not null references users(id),
  role text not null,
  unit_id bigint not null references org_units(id),
  valid_from date not null default current_date,
  valid_to date,
  granted_by bigint references users(id),
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);
create index role_grants_user on role_grants (user_id);

create table sessions (
  -- sha-256 of the cookie token: a database leak yields no usable session
  id text primary key,
  user_id bigint not null references users(id),
  csrf_token text not null,
  acting_unit_id bigint references org_units(id),
  second_factor_ok boolean not null default false,
  user_agent text,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz
);
create index sessions_user on sessions (user_id);

-- Throttle buckets (sign-in per account and per address, public submissions per address and code).
-- The key is a keyed hash; rows expire and are purged.
create table throttle_hits (
  bucket text not null,
  key text not null,
  at timestamptz not null default now()
);
create index throttle_hits_lookup on throttle_hits (bucket, key, at);

-- ---------------------------------------------------------------- audit trail
create table audit_log (
  id bigint generated always as identity primary key,
  -- entries are chained per chain number (a hash of the target unit), so concurrent writers
  -- in different places do not queue behind one lock
  chain int not null,
  chain_seq bigint not null,
  at timestamptz not null default clock_timestamp(),
  actor_id bigint,
  actor_name text,
  acting_unit_id bigint,
  action text not null,
  target_type text,
  target_id text,
  unit_id bigint,
  ip text,
  before jsonb,
  after jsonb,
  reason text,
  prev_hash text,
  hash text not null,
  unique (chain, chain_seq)
);
create index audit_log_at on audit_log (at);
create index audit_log_actor on audit_log (actor_id, at);
create index audit_log_unit on audit_log (unit_id, at);
create index audit_log_action on audit_log (action, at);
create index audit_log_target on audit_log (target_type, target_id);

create or replace function audit_digest(e audit_log) returns text
  language sql immutable
  as $$
    select encode(public.digest(concat_ws('|', e.prev_hash, e.chain, e.chain_seq,
      to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), e.actor_id, e.actor_name,
      e.acting_unit_id, e.action, e.target_type, e.target_id, e.unit_id, e.ip,
      e.before::text, e.after::text, e.reason), 'sha256'), 'hex')
  $$;

create or replace function audit_chain() returns trigger language plpgsql as $$
declare
  last audit_log;
begin
  perform pg_advisory_xact_lock(817263, new.chain);
  select * into last from audit_log where chain = new.chain order by chain_seq desc limit 1;
  new.chain_seq := coalesce(last.chain_seq, 0) + 1;
  new.prev_hash := last.hash;
  new.at := clock_timestamp();
  new.hash := audit_digest(new);
  return new;
end $$;
create trigger audit_log_chain before insert on audit_log for each row execute function audit_chain();

create or replace function audit_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only' using errcode = 'insufficient_privilege';
end $$;
create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function audit_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_append_only();

-- Key/value settings the application keeps (installation id, seed versions).
create table app_settings (
  key text primary key,
  value jsonb not null,
  updated_at timestamptz not null default now()
);
