import { sql } from "kysely";
import { z } from "zod";
import type { AppDeps, ZodApp } from "../../app.ts";
import { actorOf } from "../auth/plugin.ts";
import { pathCovered, scopeFor } from "../authz/scope.ts";
import { badRequest, notFound } from "../http/errors.ts";
import { evaluateWithLastYear, type Group, listIndicators } from "./registry.ts";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD");

export const evaluateBody = z.strictObject({
  codes: z.array(z.string().max(100)).min(1).max(100),
  unitId: z.number().int().positive(),
  breakdown: z.enum(["none", "children"]).default("none"),
  from: isoDate,
  /** last day of the period, inclusive */
  to: isoDate,
  lineage: z.enum(["current", "historical"]).default("current"),
});

/** Adds one day to a 'YYYY-MM-DD' date. */
export const nextDay = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** Resolves the groups for a unit (and optionally its children as of the period's end) within scope. */
export async function groupsFor(
  deps: AppDeps,
  actor: ReturnType<typeof actorOf>,
  unitId: number,
  breakdown: "none" | "children",
  asOf: string,
) {
  const scope = await scopeFor(deps.db, actor, "indicator.read");
  const unit = await deps.db
    .selectFrom("org_units")
    .select(["id", "name", sql<string>`path::text`.as("path")])
    .where("id", "=", unitId)
    .executeTakeFirst();
  if (!unit || !pathCovered(unit.path, scope)) throw notFound({ vi: "đơn vị", en: "unit" });
  const units =
    breakdown === "children"
      ? await deps.db
          .selectFrom("org_units")
          .select(["id", "name", "sort_key", sql<string>`path::text`.as("path")])
          .where("parent_id", "=", unitId)
          .where("kind", "<>", "area")
          .where("valid_from", "<=", asOf)
          .where((eb) => eb.or([eb("valid_to", "is", null), eb("valid_to", ">=", asOf)]))
          .orderBy(sql`sort_key collate "C"`)
          .execute()
      : [unit];
  const groups: Group[] = units.map((u) => ({ key: String(u.id), root: u.path }));
  return { unit, units: units.map((u) => ({ id: u.id, name: u.name })), groups };
}

export function registerIndicatorRoutes(app: ZodApp, deps: AppDeps) {
  app.get(
    "/api/v1/indicators",
    { schema: { tags: ["indicators"], summary: "The indicator catalogue" } },
    async () => ({
      items: listIndicators().map((d) => ({
        code: d.code,
        module: d.module,
        label: d.label,
        unit: d.unit,
        nature: d.nature,
        description: d.description ?? null,
      })),
    }),
  );

  app.post(
    "/api/v1/indicators/evaluate",
    {
      schema: {
        tags: ["indicators"],
        summary: "Indicator values for a unit's subtree and period, with the same period last year",
        body: evaluateBody,
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const body = request.body;
      if (body.to < body.from)
        throw badRequest("invalid_period", {
          vi: "Ngày kết thúc phải sau ngày bắt đầu.",
          en: "The period ends before it starts.",
        });
      const { unit, units, groups } = await groupsFor(deps, actor, body.unitId, body.breakdown, body.to);
      const values = await evaluateWithLastYear(deps.db, {
        codes: body.codes,
        groups,
        from: body.from,
        to: nextDay(body.to),
        lineage: body.lineage,
      });
      return { unit: { id: unit.id, name: unit.name }, units, from: body.from, to: body.to, values };
    },
  );
}
