// One test run: unit and API tests on embedded PGlite, the same API tests on
// PostgreSQL when TEST_DATABASE_URL is set, several server processes joined by
// Redis when TEST_REDIS_URL is set too, and browser journeys in e2e/.
import { defineConfig } from "vitest/config";

const serverTests = ["apps/server/src/**/*.test.ts", "packages/*/src/**/*.test.ts"];
// Tests that start several real server processes; they need PostgreSQL and Redis.
const clusterTests = ["apps/server/src/**/*.cluster.test.ts"];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "pglite",
          include: serverTests,
          exclude: clusterTests,
          env: { KINDRED_TEST_DB: "pglite" },
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: "forks",
        },
      },
      ...(process.env.TEST_DATABASE_URL
        ? [
            {
              test: {
                name: "postgres",
                include: ["apps/server/src/**/*.test.ts"],
                exclude: clusterTests,
                env: { KINDRED_TEST_DB: "postgres" },
                testTimeout: 30_000,
                hookTimeout: 60_000,
                pool: "forks" as const,
              },
            },
          ]
        : []),
      ...(process.env.TEST_DATABASE_URL && process.env.TEST_REDIS_URL
        ? [
            {
              test: {
                name: "cluster",
                include: clusterTests,
                env: { KINDRED_TEST_DB: "postgres" },
                testTimeout: 60_000,
                hookTimeout: 120_000,
                pool: "forks" as const,
              },
            },
          ]
        : []),
      {
        test: {
          name: "e2e",
          include: ["e2e/**/*.e2e.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          pool: "forks",
          poolOptions: { forks: { singleFork: true } },
        },
      },
    ],
  },
});
