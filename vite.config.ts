import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  server: { port: 3000 },
  build: {
    // PGlite and postgres are server-only; keep them out of the client graph.
    target: "es2022",
  },
  ssr: {
    // PGlite ships its WASM and data files next to its JS; bundling would lose them.
    external: ["@electric-sql/pglite", "postgres"],
  },
  plugins: [
    remix({
      // Loader and action tests live beside their routes; they are not routes.
      ignoredRouteFiles: ["**/*.test.{ts,tsx}"],
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
    tsconfigPaths(),
  ],
});
