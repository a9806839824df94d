import { afterEach, vi } from "vitest";

process.env.NODE_ENV = "test";
process.env.SESSION_SECRET ??= "test-secret-that-is-at-least-32-characters-long";
process.env.RAPPORT_SEED = "none";

// An unexpected console.error is a bug: fail the test that caused it.
let errors: unknown[][] = [];
const original = console.error;
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
