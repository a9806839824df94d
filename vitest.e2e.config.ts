import tsconfigPaths from "vite-tsconfig-paths";
import { defineConfig } from "vitest/config";
import { e2eServerCount } from "./tests/e2e/server-count";

// Browser journeys against the built server (tests/e2e/global-setup.ts starts one per worker).
const workers = e2eServerCount();

export default defineConfig({
  // Journeys that need data the app can not yet make through its pages (mail) write it with the services.
  plugins: [tsconfigPaths()],
  test: {
    name: "e2e",
    include: ["tests/e2e/**/*.test.ts"],
    globalSetup: ["tests/e2e/global-setup.ts"],
    // Each worker has a server of its own and runs its files one at a time (ADR 035).
    pool: "forks",
    fileParallelism: workers > 1,
    maxWorkers: workers,
    minWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
