import type { AppDeps, ZodApp } from "../../app.ts";
import "./indicators.ts";
import { orgUnitRoutes } from "./routes.ts";

/** The org-units capability: the dated unit hierarchy, its lineage, search and import. */
export function registerOrgUnits(app: ZodApp, deps: AppDeps) {
  app.register(orgUnitRoutes(deps));
}
