// One test run: unit and API tests on embedded PGlite, the same API tests on
// PostgreSQL when TEST_DATABASE_URL is set, several server processes joined by
// Redis when TEST_REDIS_URL is set too, and browser journeys in e2e/.
import { defineConfig } from "vitest/config";

const serverTests = ["apps/server/src/**/*.test.ts", "packages/*/src/**/*.test.ts"];
// Tests that start several real server processes; they need PostgreSQL and Redis.
const clusterTests = ["apps/server/src/**/*.cluster.test.ts"];
// Tests that never open the test database (pure functions, child processes on their own
// embedded database, a PGlite-only migration): run once, not again on PostgreSQL.
const databaseIndependent = [
  "apps/server/src/startup.test.ts",
  "apps/server/src/policy/policy.test.ts",
  "apps/server/src/modules/moderation/migration.test.ts",
  "apps/server/src/modules/moderation/moderation-policy.test.ts",
  "apps/server/src/modules/forums/forums-policy.test.ts",
  "apps/server/src/modules/forums/markdown.test.ts",
  "apps/server/src/modules/meetings/recurrence.test.ts",
  "apps/server/src/modules/safety/rota.test.ts",
  "apps/server/src/modules/notifications/quiet-hours.test.ts",
];

export default defineConfig({
  test: {
    // The API tests use Vitest's default workers (one per core but one); the browser journeys
    // run alongside them in a pool of their own (see the e2e project).
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
          // Test files build their own app and database, so they can share a worker's loaded
          // modules instead of importing the whole server again for each file.
          isolate: false,
        },
      },
      ...(process.env.TEST_DATABASE_URL
        ? [
            {
              test: {
                name: "postgres",
                include: ["apps/server/src/**/*.test.ts"],
                exclude: [...clusterTests, ...databaseIndependent],
                env: { KINDRED_TEST_DB: "postgres" },
                testTimeout: 30_000,
                hookTimeout: 60_000,
                pool: "forks" as const,
                isolate: false,
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
          // One journey at a time (each drives its own Chromium), in a pool of its own so that
          // Vitest runs it alongside the API tests' forks rather than after them.
          pool: "threads",
          poolOptions: { threads: { singleThread: true } },
        },
      },
    ],
  },
});
