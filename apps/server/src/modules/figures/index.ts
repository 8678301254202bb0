import type { AppDeps, ZodApp } from "../../app.ts";
import { syncFigureIndicators } from "./indicators.ts";
import { registerFigureRoutes } from "./routes.ts";

export { syncFigureIndicators } from "./indicators.ts";

/** Figures entered by units; each defined figure is an indicator in the registry once the app is ready. */
export function registerFigures(app: ZodApp, deps: AppDeps) {
  registerFigureRoutes(app, deps);
  app.addHook("onReady", async () => {
    await syncFigureIndicators(deps.db);
  });
}
