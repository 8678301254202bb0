import type { MovementScopes } from "../common.ts";
import { recordAbilities } from "../policy.ts";
import type { ActivityRow } from "./repo.ts";

export function presentActivity(r: ActivityRow, scopes: MovementScopes, officers: Map<number, string>) {
  return {
    id: r.id,
    kind: { id: r.kind_id, code: r.kind, name: r.kind_name },
    unit: { id: r.unit_id, name: r.unit_name },
    provinceId: r.province_id,
    area: r.area_id ? { id: r.area_id, name: r.area_name ?? "" } : null,
    occurredOn: r.occurred_on,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    title: r.title,
    organiser: r.organiser,
    partners: r.partners ?? [],
    officers: (r.officer_ids ?? []).map((id) => ({ id: Number(id), name: officers.get(Number(id)) ?? "" })),
    model: r.model_id ? { id: r.model_id, name: r.model_name ?? "" } : null,
    programme: r.programme,
    narrative: r.narrative,
    participants: r.participants,
    results: r.results ?? {},
    isDemo: r.is_demo,
    abilities: recordAbilities(scopes, r.unit_path),
  };
}
