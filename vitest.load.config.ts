import { defineConfig } from "vitest/config";

/**
 * Load tests (`npm run test:load`, run by .ci/run): thousands of requests over loopback, kept out of
 * `npm test` to keep it fast. Sized for 2 cores; one file at a time so the load has the machine.
 */
export default defineConfig({
  test: {
    include: ["test/load/**/*.load-test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
    fileParallelism: false,
  },
});
