import type { AppDeps, ZodApp } from "../../app.ts";

export function registerOrgUnits(_app: ZodApp, _deps: AppDeps) {}
