import { describe, expect, test } from "vitest";
import { scriptUrls } from "./js-size";
import { measure } from "./stats";
import { checkTargets } from "./targets";

describe("scriptUrls", () => {
  test("collects script srcs, modulepreloads and the inline module's imports once each, same origin only", () => {
    const html = `
      <link rel="stylesheet" href="/assets/app.css"/>
      <link rel="modulepreload" href="/assets/entry.client-A.js"/>
      <link rel="modulepreload" href="/assets/root-B.js"/>
      <script src="/assets/legacy-C.js"></script>
      <script src="https://cdn.example.com/x.js"></script>
      <script>window.__remixContext = {};</script>
      <script type="module" async="">;
      import * as route0 from "/assets/root-B.js";
      import "/assets/side-effect-D.js";
      </script>`;
    expect(scriptUrls(html).sort()).toEqual([
      "/assets/entry.client-A.js",
      "/assets/legacy-C.js",
      "/assets/root-B.js",
      "/assets/side-effect-D.js",
    ]);
  });
});

describe("checkTargets", () => {
  test("judges each feature page's ratio and p99, the agenda JavaScript and the hr-trends loader by engine", () => {
    const lines = [
      { bench: "http", page: "baseline", people: 2000, ratio: 1, p99_ms: 500 },
      { bench: "http", page: "agenda", people: 2000, ratio: 0.35, p99_ms: 100, timeouts: 0 },
      { bench: "http", page: "account", people: 2000, ratio: 0.5, p99_ms: 40, timeouts: 1 },
      { bench: "http", page: "hr-trends", people: 2000, ratio: 0, p99_ms: null, timeouts: 0 },
      { bench: "js", page: "agenda", gzip_bytes: 149_999 },
      { bench: "hr-trends-cold", people: 2000, p95_ms: 200 },
      { bench: "hr-trends-after-close", people: 2000, p95_ms: 240 },
      { bench: "hr-trends-after-close", people: 10000, p95_ms: 10 },
    ];
    const byFigure = (engine: "postgres" | "pglite") =>
      Object.fromEntries(checkTargets(lines, engine).map((c) => [c.figure, c.pass]));
    expect(byFigure("postgres")).toEqual({
      "http agenda ratio @2000": true,
      "http agenda p99_ms @2000": false,
      "http account ratio @2000": true,
      "http account p99_ms @2000": false,
      "http hr-trends ratio @2000": false,
      "http hr-trends p99_ms @2000": false,
      "js agenda gzip_bytes": true,
      "loader hr-trends p95_ms @2000": false,
      "loader hr-trends-after-close p95_ms @2000": true,
      // No cold line at that size to compare with.
      "loader hr-trends-after-close p95_ms @10000": false,
    });
    expect(byFigure("pglite")["loader hr-trends p95_ms @2000"]).toBe(true);
  });
});

describe("measure", () => {
  test("stops at the time budget once the minimum is measured, and says how many it measured", async () => {
    const slow = () => new Promise((resolve) => setTimeout(resolve, 20));
    const timing = await measure(slow, { warmup: 0, iterations: 1000, budgetMs: 100, minIterations: 3 });
    expect(timing.iterations).toBeGreaterThanOrEqual(3);
    expect(timing.iterations).toBeLessThan(10);
    expect(timing.p50_ms).toBeGreaterThanOrEqual(15);
  });
});
