import type { AppDeps, ZodApp } from "../../app.ts";
import { auditRoutes } from "./routes.ts";

export function registerAuditRoutes(app: ZodApp, deps: AppDeps) {
  auditRoutes(app, deps);
}
