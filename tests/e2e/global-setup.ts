import type { TestProject } from "vitest/node";
import { startServer } from "./server";

/**
 * Starts the built app (npm run build first) on a fresh data folder with the
 * demo organisation, or on E2E_DATABASE_URL when set, and stops it after.
 */
export default async function setup(project: TestProject) {
  const server = await startServer({ port: Number(process.env.E2E_PORT ?? 3999), useE2eDatabase: true });
  project.provide("baseUrl", server.baseUrl);
  return () => server.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
