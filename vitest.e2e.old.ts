import tsconfigPaths from "vite-tsconfig-paths";
import { defineConfig } from "vitest/config";

// Browser journeys against the built server (tests/e2e/global-setup.ts starts it).
export default defineConfig({
  // Journeys that need data the app can not yet make through its pages (mail) write it with the services.
  plugins: [tsconfigPaths()],
  test: {
    name: "e2e",
    include: ["tests/e2e/**/*.test.ts"],
    globalSetup: ["tests/e2e/global-setup.ts"],
    // One server and one browser profile: journeys run one file at a time.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
