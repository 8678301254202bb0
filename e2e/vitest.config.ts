import { defineConfig } from "vitest/config";

/**
 * Browser tests (`npm run test:e2e`): one real server for the run (e2e/global-setup.ts), Chromium
 * driven by playwright-core. Files run one after another: Chromium and the server share two cores.
 */
export default defineConfig({
  test: {
    root: new URL("..", import.meta.url).pathname,
    include: ["e2e/**/*.e2e.test.ts"],
    globalSetup: ["e2e/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: "forks",
  },
});
