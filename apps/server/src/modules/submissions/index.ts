import type { AppDeps, ZodApp } from "../../app.ts";
import { makeAdminService } from "./admin.ts";
import { registerSubmissionIndicators } from "./indicators.ts";
import { startJobs } from "./jobs.ts";
import { makePublicService } from "./public.ts";
import { registerSubmissionRoutes } from "./routes.ts";
import { loadModuleSecrets } from "./secrets.ts";
import { makeOfficerService } from "./service.ts";
import { type ModuleState, readSettings, setModuleState } from "./state.ts";

export { intakeFromForum, submissionStatuses } from "./intake.ts";

/** The citizen channel: public submission and follow-up, the officer inbox, clocks, warnings, figures. */
export function registerSubmissions(app: ZodApp, deps: AppDeps) {
  const state: ModuleState = { deps, settings: readSettings(), secrets: null };
  setModuleState(state);
  registerSubmissionIndicators();
  app.addHook("onReady", async () => {
    state.secrets = await loadModuleSecrets(deps.db, deps.vault);
  });
  let stopJobs = () => {};
  app.addHook("onReady", async () => {
    stopJobs = startJobs(deps);
  });
  app.addHook("onClose", async () => stopJobs());
  registerSubmissionRoutes(app, state, {
    officer: makeOfficerService(state),
    pub: makePublicService(state),
    admin: makeAdminService(state),
  });
}
