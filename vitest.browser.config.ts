import { defineConfig } from "vitest/config";

/** Browser tests (Playwright + Debian's chromium-headless-shell): `npm run test:browser`, kept out of `npm test`. */
export default defineConfig({
  test: {
    include: ["test/browser/**/*.browser-test.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: "forks",
    fileParallelism: false,
  },
});
