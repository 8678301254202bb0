-- Accounts and audit search.

-- The time step of the last accepted second-factor code: a code is accepted once (RFC 6238 §5.2).
alter table users add column if not exists totp_last_counter bigint;

create index if not exists role_grants_unit on role_grants (unit_id) where revoked_at is null;

-- Free-text search of the audit trail, diacritic-free, over who/what/why and the redacted diffs.
create or replace function audit_search_text(
  actor_name text, action text, target_type text, target_id text, reason text, before jsonb, after jsonb
) returns text
  language sql immutable parallel safe
  as $$ select public.search_norm(coalesce(actor_name, '') || ' ' || action || ' ' || coalesce(target_type, '')
    || ' ' || coalesce(target_id, '') || ' ' || coalesce(reason, '') || ' ' || coalesce(before::text, '')
    || ' ' || coalesce(after::text, '')) $$;

create index if not exists audit_log_search on audit_log using gin (
  audit_search_text(actor_name, action, target_type, target_id, reason, before, after) gin_trgm_ops
);
