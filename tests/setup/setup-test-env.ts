import { afterEach, vi } from "vitest";

// Files share a worker process (isolate: false in vitest.config.ts, so the worker's database boots
// once), but each still starts from fresh modules and no chosen database, as if it ran alone.
vi.resetModules();
globalThis.__rapportDatabase = undefined;

process.env.NODE_ENV = "test";
process.env.SESSION_SECRET ??= "test-secret-that-is-at-least-32-characters-long";
process.env.RAPPORT_SEED = "none";

declare global {
  var __rapportConsoleError: typeof console.error | undefined;
}

// An unexpected console.error is a bug: fail the test that caused it. Wrapped once per file around the
// real one, never around the previous file's wrapper.
let errors: unknown[][] = [];
const original = (globalThis.__rapportConsoleError ??= console.error);
console.error = (...args: unknown[]) => {
  errors.push(args);
  original(...args);
};
afterEach(() => {
  const seen = errors;
  errors = [];
  vi.restoreAllMocks();
  if (seen.length) throw new Error(`console.error was called: ${seen.map((a) => String(a[0])).join("; ")}`);
});
