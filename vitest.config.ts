import {defineConfig} from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The e2e files each start Chromium; on a 2-core machine, running them one at a time is faster.
    fileParallelism: false
  }
});
