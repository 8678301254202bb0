import type { AppDeps, ZodApp } from "../../app.ts";

export function registerAccounts(_app: ZodApp, _deps: AppDeps) {}
