import type { AppDeps, ZodApp } from "../../app.ts";
import { syncMovementIndicators } from "./indicators.ts";
import { movementRoutes } from "./routes.ts";

/** Movement work: models, activities, forums, pledges, weapon surrenders; their catalogues and indicators. */
export function registerMovement(app: ZodApp, deps: AppDeps) {
  app.register(movementRoutes(deps));
  // indicators from the catalogues (model types, activity kinds and their result fields) are data
  app.addHook("onReady", async () => {
    await syncMovementIndicators(deps.db);
  });
}
