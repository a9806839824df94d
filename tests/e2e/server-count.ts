import { availableParallelism } from "node:os";

/**
 * How many app servers, and so test workers, the browser tests use: E2E_SERVERS, or two on a machine
 * with two cores or more (ADR 035). One on E2E_DATABASE_URL, whose single database two seeded servers
 * would share.
 */
export function e2eServerCount(): number {
  if (process.env.E2E_DATABASE_URL) return 1;
  const asked = Number(process.env.E2E_SERVERS);
  if (Number.isInteger(asked) && asked >= 1) return asked;
  return Math.min(2, Math.max(1, availableParallelism()));
}
