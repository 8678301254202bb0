import type { pledgeBody, pledgeListQuery } from "@danvan/shared/schemas/movement";
import type { z } from "zod";
import type { Db, Executor } from "../../../db/client.ts";
import { recordAudit } from "../../../platform/audit/audit.ts";
import type { Actor } from "../../../platform/authz/actor.ts";
import { badRequest, forbidden, notFound } from "../../../platform/http/errors.ts";
import { decodeCursor, toPage } from "../../../platform/http/pagination.ts";
import { type MovementScopes, movementScopes, type UnitRef, unitInScopeOr404 } from "../common.ts";
import { canRecord, recordAbilities } from "../policy.ts";
import * as repo from "./repo.ts";

type Body = z.infer<typeof pledgeBody>;

export const rate = (signed: number, households: number) =>
  households > 0 ? Math.round((signed / households) * 1000) / 10 : null;

const present = (r: repo.PledgeRow, scopes: MovementScopes) => ({
  id: r.id,
  unit: { id: r.unit_id, name: r.unit_name },
  year: r.year,
  households: r.households,
  householdsSigned: r.households_signed,
  rate: rate(r.households_signed, r.households),
  note: r.note,
  isDemo: r.is_demo,
  updatedAt: r.updated_at,
  abilities: recordAbilities(scopes, r.unit_path),
});

/** Pledges are kept per residential area (or per commune when its areas are not set up), never for the Ministry. */
export function pledgeUnitOk(u: UnitRef) {
  return u.kind === "area" || u.kind === "commune";
}

export async function pledgeUnit(ex: Executor, scopes: MovementScopes, unitId: number) {
  const u = await unitInScopeOr404(ex, scopes.record, unitId);
  if (!pledgeUnitOk(u))
    throw badRequest(
      "invalid_unit",
      {
        vi: "Số liệu cam kết được ghi theo khu dân cư (hoặc theo xã, phường).",
        en: "Pledge figures are kept per residential area (or per commune).",
      },
      { errors: [{ path: "body.unitId", message: "not an area or commune" }] },
    );
  return u;
}

export function makePledgesService(db: Db) {
  const service = {
    async list(actor: Actor, q: z.infer<typeof pledgeListQuery>) {
      const scopes = await movementScopes(db, actor);
      const unit = await unitInScopeOr404(db, scopes.read, q.unitId ?? actor.actingUnitId);
      const c = decodeCursor(q.cursor);
      const after =
        c && typeof c[0] === "number" && typeof c[1] === "number" ? { year: c[0], id: c[1] } : undefined;
      const [rows, totals] = await Promise.all([
        repo.listPledges(db, scopes.read, { unitPath: unit.path, year: q.year, after, limit: q.limit }),
        repo.pledgeTotals(db, scopes.read, unit.path, q.year),
      ]);
      const page = toPage(rows, q.limit, (r) => [r.year, r.id]);
      return {
        items: page.items.map((r) => present(r, scopes)),
        nextCursor: page.nextCursor,
        totals: totals.map((t) => ({ ...t, householdsSigned: t.signed, rate: rate(t.signed, t.households) })),
      };
    },

    /** Records (or replaces) an area's figure for a year. */
    async save(actor: Actor, b: Body) {
      const id = await db.transaction().execute(async (trx) => {
        const scopes = await movementScopes(trx, actor);
        const unit = await pledgeUnit(trx, scopes, b.unitId);
        const before = await trx
          .selectFrom("movement_pledges")
          .selectAll()
          .where("unit_id", "=", unit.id)
          .where("year", "=", b.year)
          .executeTakeFirst();
        const [id] = await repo.upsertPledges(trx, [
          {
            unit_id: unit.id,
            province_id: unit.provinceId,
            year: b.year,
            households: b.households,
            households_signed: b.householdsSigned,
            note: b.note ?? null,
            created_by: actor.userId,
          },
        ]);
        await recordAudit(trx, actor, {
          action: before ? "movement.pledge.updated" : "movement.pledge.created",
          targetType: "movement_pledge",
          targetId: id,
          unitId: unit.id,
          before,
          after: b,
        });
        return id;
      });
      const scopes = await movementScopes(db, actor);
      return present((await repo.getPledge(db, scopes.read, id))!, scopes);
    },

    async remove(actor: Actor, id: number) {
      await db.transaction().execute(async (trx) => {
        const scopes = await movementScopes(trx, actor);
        const row = await repo.getPledge(trx, scopes.read, id);
        if (!row) throw notFound({ vi: "số liệu cam kết", en: "pledge figure" });
        if (!canRecord(scopes, row.unit_path)) throw forbidden();
        await trx.deleteFrom("movement_pledges").where("id", "=", id).execute();
        await recordAudit(trx, actor, {
          action: "movement.pledge.deleted",
          targetType: "movement_pledge",
          targetId: id,
          unitId: row.unit_id,
          before: { year: row.year, households: row.households, householdsSigned: row.households_signed },
        });
      });
    },
  };
  return service;
}
