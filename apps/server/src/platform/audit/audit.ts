import { sql } from "kysely";
import type { Executor } from "../../db/client.ts";
import type { Actor } from "../authz/actor.ts";

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string | number;
  /** the unit the target belongs to (drives who may read the entry) */
  unitId?: number | null;
  before?: unknown;
  after?: unknown;
  reason?: string;
}

/** Who wrote: a signed-in actor, or the public channel / the system itself. */
export type AuditSubject = Actor | { kind: "public" | "system"; ip?: string };

const SECRET_KEY = /sealed|password|secret|token|informant|identity|reporter_(name|phone|id|address)/i;

/** Replaces sealed and secret values by a marker; audit diffs never carry them. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) && v != null ? "[sealed]" : redact(v)]),
    );
  }
  return value;
}

/** The chain an entry goes to: entries about one unit share a chain (docs/decisions/0003). */
export const auditChainOf = (unitId: number | null | undefined) => Math.abs(unitId ?? 0) % 64;

/** Everything of an entry but its target and unit, as the columns store it (sealed values redacted). */
function entryColumns(subject: AuditSubject, entry: AuditEntry) {
  const isActor = "userId" in subject;
  return {
    actor_id: isActor ? subject.userId : null,
    actor_name: isActor ? subject.username : subject.kind,
    acting_unit_id: isActor ? subject.actingUnitId : null,
    action: entry.action,
    target_type: entry.targetType ?? null,
    // public submissions are anonymous: their address is never written down
    ip: isActor ? (subject.ip ?? null) : null,
    before: entry.before === undefined ? null : JSON.stringify(redact(entry.before)),
    after: entry.after === undefined ? null : JSON.stringify(redact(entry.after)),
    reason: entry.reason ?? null,
  };
}

/** Appends an audit entry in the caller's transaction (the database chains and timestamps it). */
export async function recordAudit(ex: Executor, subject: AuditSubject, entry: AuditEntry): Promise<void> {
  await ex
    .insertInto("audit_log")
    .values({
      ...entryColumns(subject, entry),
      chain: auditChainOf(entry.unitId),
      target_id: entry.targetId == null ? null : String(entry.targetId),
      unit_id: entry.unitId ?? null,
    })
    .execute();
}

/** Adds a value to a statement's parameters and returns its placeholder with a cast ("$3::text"). */
export type Param = (value: unknown, type: string) => string;

/**
 * The same entry as the text of an `insert ... select` over the rows a data-modifying CTE returned (one
 * entry per row), for a statement that writes a record and its audit entry together when the record's id
 * and unit are known only inside it. The chain is computed as auditChainOf does; the trigger does the rest.
 * `rows` names a CTE and two of its columns (fixed text of the caller, never input); values go through
 * `param`.
 */
export function auditInsertFrom(
  subject: AuditSubject,
  entry: Omit<AuditEntry, "targetId" | "unitId">,
  rows: { from: string; targetId: string; unitId: string },
  param: Param,
): string {
  const c = entryColumns(subject, entry);
  const unit = `${rows.from}.${rows.unitId}`;
  return `insert into audit_log (chain, actor_id, actor_name, acting_unit_id, action, target_type, target_id,
      unit_id, ip, before, after, reason)
    select abs(coalesce(${unit}, 0)) % 64, ${param(c.actor_id, "bigint")}, ${param(c.actor_name, "text")},
      ${param(c.acting_unit_id, "bigint")}, ${param(c.action, "text")}, ${param(c.target_type, "text")},
      ${rows.from}.${rows.targetId}::text, ${unit}, ${param(c.ip, "text")}, ${param(c.before, "jsonb")},
      ${param(c.after, "jsonb")}, ${param(c.reason, "text")}
    from ${rows.from}`;
}

export interface ChainBreak {
  id: number;
  chain: number;
  chainSeq: number;
  problem: "hash_mismatch" | "broken_link" | "missing_entry";
}

/** Walks every chain and returns the first broken link, or null when the log is intact. */
export async function verifyAuditChain(
  ex: Executor,
): Promise<{ checked: number; firstBreak: ChainBreak | null }> {
  const { rows } = await sql<{
    id: number;
    chain: number;
    chain_seq: number;
    problem: ChainBreak["problem"] | null;
    total: number;
  }>`
    with walk as (
      select a.id, a.chain, a.chain_seq, a.hash, a.prev_hash, audit_digest(a) as expected,
        lag(a.hash) over w as prev_actual, lag(a.chain_seq) over w as prev_seq
      from audit_log a
      window w as (partition by a.chain order by a.chain_seq)
    )
    select id, chain, chain_seq, count(*) over () as total,
      case when expected <> hash then 'hash_mismatch'
           when prev_hash is distinct from prev_actual then 'broken_link'
           when chain_seq <> coalesce(prev_seq, 0) + 1 then 'missing_entry'
      end as problem
    from walk
    order by (case when expected <> hash or prev_hash is distinct from prev_actual
                     or chain_seq <> coalesce(prev_seq, 0) + 1 then 0 else 1 end), id
    limit 1
  `.execute(ex);
  const row = rows[0];
  if (!row) return { checked: 0, firstBreak: null };
  return {
    checked: row.total,
    firstBreak: row.problem
      ? { id: row.id, chain: row.chain, chainSeq: row.chain_seq, problem: row.problem }
      : null,
  };
}
