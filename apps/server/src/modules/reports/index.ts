import type { AppDeps, ZodApp } from "../../app.ts";
import { registerAnalysisRoutes } from "./routes.ts";

export function registerReports(app: ZodApp, deps: AppDeps) {
  registerAnalysisRoutes(app, deps);
}
