import tsconfigPaths from "vite-tsconfig-paths";
import { defineConfig } from "vitest/config";

// Unit and data-layer tests run on PGlite; when TEST_DATABASE_URL is set, the
// data-layer tests (*.db.test.ts) run a second time on that PostgreSQL server.
const postgres = process.env.TEST_DATABASE_URL;

const shared = {
  setupFiles: ["tests/setup/setup-test-env.ts"],
  hookTimeout: 60_000,
  testTimeout: 30_000,
  restoreMocks: true,
};

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    projects: [
      {
        extends: true as const,
        test: {
          ...shared,
          name: "pglite",
          include: ["app/**/*.test.{ts,tsx}", "db/**/*.test.ts", "tests/**/*.test.ts"],
          exclude: ["tests/e2e/**", "node_modules/**"],
          env: { RAPPORT_TEST_ENGINE: "pglite" },
        },
      },
      ...(postgres
        ? [
            {
              extends: true as const,
              test: {
                ...shared,
                name: "postgres",
                include: ["app/**/*.db.test.ts", "db/**/*.db.test.ts", "tests/**/*.db.test.ts"],
                exclude: ["tests/e2e/**", "node_modules/**"],
                globalSetup: ["tests/setup/postgres-global-setup.ts"],
                env: { RAPPORT_TEST_ENGINE: "postgres" },
              },
            },
          ]
        : []),
    ],
  },
});
