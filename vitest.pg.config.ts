import { defineConfig } from "vitest/config";

// `npm run test:pg`: the suites against a real PostgreSQL (PGlite with pgvector, served over a socket).
// Kept out of `npm test` because each starts a database; one file at a time (2 cores).
export default defineConfig({
  test: {
    include: ["test/postgres/**/*.pg-test.ts"],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: "forks",
    fileParallelism: false,
  },
});
