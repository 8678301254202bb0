import type { AppDeps, ZodApp } from "../../app.ts";
import { registerReportRoutes } from "./report-routes.ts";
import { registerAnalysisRoutes } from "./routes.ts";

export function registerReports(app: ZodApp, deps: AppDeps) {
  registerAnalysisRoutes(app, deps);
  registerReportRoutes(app, deps);
}
