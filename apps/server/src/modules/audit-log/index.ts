import type { AppDeps, ZodApp } from "../../app.ts";

export function registerAuditRoutes(_app: ZodApp, _deps: AppDeps) {}
