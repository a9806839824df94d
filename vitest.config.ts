import { availableParallelism } from "node:os";
import tsconfigPaths from "vite-tsconfig-paths";
import { defineConfig } from "vitest/config";

// Unit and data-layer tests run on PGlite; when TEST_DATABASE_URL is set, the
// data-layer tests (*.db.test.ts) run a second time on that PostgreSQL server.
// The slow suites have projects of their own, which `npm test` leaves out and
// `npm run test:slow` runs; CI runs both (ADR 018).
const postgres = process.env.TEST_DATABASE_URL;

const dbTests = ["app/**/*.db.test.ts", "db/**/*.db.test.ts", "tests/**/*.db.test.ts"];
// What only PostgreSQL has (a listening connection that can drop): run there alone, never skipped on PGlite.
const postgresOnlyTests = ["app/**/*.postgres.test.ts"];
// Each measured as slow as the rest of `npm test` together, by design: hundreds of random requests, a
// whole demo organisation generated twice, and scrypt (32 MiB a hash) for every sign-in attempt.
const slowTests = ["tests/hostile-input.db.test.ts", "db/seed/generate.test.ts", "app/services/sign-in.db.test.ts"];
const notTests = ["tests/e2e/**", "node_modules/**"];

const shared = {
  setupFiles: ["tests/setup/setup-test-env.ts"],
  hookTimeout: 60_000,
  testTimeout: 30_000,
  restoreMocks: true,
};
const onPglite = { ...shared, env: { RAPPORT_TEST_ENGINE: "pglite" } };
// CPU-bound, so a busy machine stretches them; time alone must not fail them.
const slowTimeouts = { testTimeout: 120_000, hookTimeout: 120_000 };
const onPostgres = {
  ...shared,
  globalSetup: ["tests/setup/postgres-global-setup.ts"],
  env: { RAPPORT_TEST_ENGINE: "postgres" },
};

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    // A worker runs file after file, so its database is booted and migrated once, not per file;
    // tests/setup/setup-test-env.ts gives each file fresh modules and test-database.ts an emptied database.
    // Threads, and two of them even on two cores, measured fastest (ADR 018).
    isolate: false,
    pool: "threads",
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        extends: true as const,
        test: {
          ...onPglite,
          name: "pglite",
          include: ["app/**/*.test.{ts,tsx}", "db/**/*.test.ts", "tests/**/*.test.ts"],
          exclude: [...notTests, ...slowTests, ...postgresOnlyTests],
        },
      },
      {
        extends: true as const,
        test: { ...onPglite, ...slowTimeouts, name: "slow", include: slowTests, exclude: notTests },
      },
      ...(postgres
        ? [
            {
              extends: true as const,
              test: {
                ...onPostgres,
                name: "postgres",
                include: [...dbTests, ...postgresOnlyTests],
                exclude: [...notTests, ...slowTests],
              },
            },
            {
              extends: true as const,
              test: {
                ...onPostgres,
                ...slowTimeouts,
                name: "slow-postgres",
                include: slowTests.filter((file) => file.endsWith(".db.test.ts")),
                exclude: notTests,
              },
            },
          ]
        : []),
    ],
  },
});
