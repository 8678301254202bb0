import type { ImportJob, UnitSummary } from "@danvan/shared/schemas/org-units";
import type { Selectable } from "kysely";
import { abilitiesOf, type UnitScopes } from "./policy.ts";
import type { AncestorRow, EventRow, UnitRow } from "./repo.ts";
import type { ImportJobsTable } from "./tables.ts";

export function presentUnit(row: UnitRow, scopes: UnitScopes): UnitSummary {
  return {
    id: row.id,
    name: row.name,
    placeName: row.place_name,
    kind: row.kind,
    adminType: row.admin_type,
    code: row.code,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    hasChildren: row.child_count > 0,
    childCount: row.child_count,
    abilities: abilitiesOf(scopes, row),
  };
}

/** A unit named in a list of ancestors: a unit that no longer exists is marked "(cũ)" (former). */
export const presentAncestor = (a: AncestorRow, today: string) => ({
  id: a.id,
  name: a.valid_to != null && a.valid_to < today ? `${a.name} (cũ)` : a.name,
  kind: a.kind,
});

export function presentEvent(e: EventRow, names: Map<number, AncestorRow>) {
  const ref = (id: number) => ({ id, name: names.get(id)?.name ?? "" });
  return {
    id: e.id,
    kind: e.kind,
    effectiveOn: e.effective_on,
    from: ref(e.from_unit_id),
    to: e.to_unit_id == null ? null : ref(e.to_unit_id),
    share: e.share,
    decisionRef: e.decision_ref,
    note: e.note,
  };
}

export function presentImportJob(job: Selectable<ImportJobsTable>): ImportJob {
  return {
    id: Number(job.id),
    status: job.status,
    fileName: job.file_name,
    total: Number(job.total),
    processed: Number(job.processed),
    created: Number(job.created),
    errors: job.errors,
    createdAt: job.created_at,
    finishedAt: job.finished_at,
  };
}
