import { inject } from "vitest";

/** The address of this worker's own server. */
export function serverUrl(): string {
  const urls = inject("baseUrls");
  // Vitest numbers its workers from 1 (VITEST_POOL_ID), never more than maxWorkers = the server count.
  const worker = Number(process.env.VITEST_POOL_ID ?? "1");
  return urls[(worker - 1) % urls.length]!;
}
