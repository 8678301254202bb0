import type { AppDeps, ZodApp } from "../../app.ts";
import { ensureDemoSecondFactor } from "./demo.ts";
import { startAccountsSweep } from "./housekeeping.ts";
import "./indicators.ts";
import { accountsRoutes } from "./routes.ts";
import { makeAccountsService } from "./service.ts";

export function registerAccounts(app: ZodApp, deps: AppDeps) {
  accountsRoutes(app, makeAccountsService({ db: deps.db }));
  let stopSweep = () => {};
  app.addHook("onReady", async () => {
    await ensureDemoSecondFactor(deps.db, deps.vault);
    stopSweep = startAccountsSweep(deps);
  });
  app.addHook("onClose", async () => stopSweep());
}
