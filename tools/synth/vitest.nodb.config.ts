import { defineConfig } from "vitest/config";

/** Tests that need no database (document layout, generator arithmetic): no global setup. */
export default defineConfig({
  test: {
    root: new URL("../..", import.meta.url).pathname,
    include: ["apps/server/src/platform/documents/**/*.test.ts", "tools/synth/**/*.nodb.test.ts"],
    testTimeout: 120_000,
    pool: "forks",
  },
});
