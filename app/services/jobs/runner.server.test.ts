import { createRequire } from "node:module";
import { describe, expect, test } from "vitest";
import { isConnectionTrouble, UNAWAITED } from "./runner.server";

interface Plans {
  completeJobs: (schema: string) => string;
  failJobsById: (schema: string) => string;
  insertJob: (schema: string) => string;
}
// pg-boss's own statements, to hold the runner's recognition of them to the installed version.
const plans = createRequire(import.meta.url)("pg-boss/src/plans.js") as Plans;

describe("the statements pg-boss does not await", () => {
  test("are recognised: marking runs done and failed", () => {
    for (const text of [plans.completeJobs("pgboss"), plans.failJobsById("pgboss")])
      expect(UNAWAITED.some((statement) => statement.test(text))).toBe(true);
  });
  test("and nothing else it sends when a run is fetched or queued", () => {
    expect(UNAWAITED.some((statement) => statement.test(plans.insertJob("pgboss")))).toBe(false);
  });
});

describe("isConnectionTrouble", () => {
  test.each([
    ["a refused connection", { code: "ECONNREFUSED" }],
    ["the server shutting down", { code: "57P01" }],
    ["a connection exception (class 08)", { code: "08006" }],
    ["the driver's closed connection", { code: "CONNECTION_CLOSED" }],
    ["one wrapped by drizzle", { message: "Failed query", cause: { code: "ECONNRESET" } }],
    ["one inside an AggregateError", { errors: [{ code: "ETIMEDOUT" }] }],
  ])("is %s", (_what, error) => expect(isConnectionTrouble(error)).toBe(true));

  test.each([
    ["a syntax error", { code: "42601" }],
    ["a unique violation", { code: "23505" }],
    ["a plain Error", new Error("boom")],
    ["nothing", undefined],
  ])("is not %s", (_what, error) => expect(isConnectionTrouble(error)).toBe(false));
});
