/**
 * The summary line of `npm run bench`: each measured figure against its
 * target. A miss is a result, not an error: the bench still exits 0.
 */
import type { Engine } from "#db/client";

export interface Check {
  figure: string;
  value: number;
  target: string;
  pass: boolean;
}

type Line = Record<string, unknown>;

const FEATURE_PAGES = new Set(["my-people", "account", "agenda", "hr-trends"]);
/** 150 KB read as 150,000 bytes, the stricter reading. */
const AGENDA_JS_BYTES = 150_000;

export function checkTargets(lines: Line[], engine: Engine): Check[] {
  const checks: Check[] = [];
  const at = (line: Line) => (line.people ? ` @${line.people}` : "");
  for (const line of lines) {
    if (line.bench === "http" && FEATURE_PAGES.has(String(line.page))) {
      const ratio = Number(line.ratio);
      // No response at all, or some timed out: p99 is beyond what the run could see.
      const p99 = line.p99_ms === null || Number(line.timeouts) > 0 ? Infinity : Number(line.p99_ms);
      checks.push({
        figure: `http ${line.page} ratio${at(line)}`,
        value: ratio,
        target: ">= 0.35",
        pass: ratio >= 0.35,
      });
      checks.push({ figure: `http ${line.page} p99_ms${at(line)}`, value: p99, target: "< 100", pass: p99 < 100 });
    }
    if (line.bench === "js" && line.page === "agenda") {
      const bytes = Number(line.gzip_bytes);
      checks.push({
        figure: "js agenda gzip_bytes",
        value: bytes,
        target: `< ${AGENDA_JS_BYTES}`,
        pass: bytes < AGENDA_JS_BYTES,
      });
    }
    if (line.bench === "live") {
      const p99 = Number(line.p99_ms);
      checks.push({
        figure: `live ${String(line.mode)} p99_ms${at(line)}`,
        value: p99,
        target: "< 500",
        pass: p99 < 500,
      });
    }
    if (line.bench === "hr-trends-cold") {
      const limit = engine === "postgres" ? 150 : 1500;
      const p95 = Number(line.p95_ms);
      checks.push({
        figure: `loader hr-trends p95_ms${at(line)}`,
        value: p95,
        target: `< ${limit}`,
        pass: p95 < limit,
      });
    }
    if (line.bench === "hr-trends-after-close") {
      // The same as any first visit, within noise: a quarter more, or 20 ms on a fast page.
      const cold = lines.find((l) => l.bench === "hr-trends-cold" && l.people === line.people);
      const limit = cold ? Math.round(Math.max(Number(cold.p95_ms) * 1.25, Number(cold.p95_ms) + 20)) : Infinity;
      const p95 = Number(line.p95_ms);
      checks.push({
        figure: `loader hr-trends-after-close p95_ms${at(line)}`,
        value: p95,
        target: cold ? `<= ${limit} (cold p95 within noise)` : "a cold line to compare with",
        pass: cold !== undefined && p95 <= limit,
      });
    }
  }
  return checks;
}

export function summaryLine(checks: Check[], engine: Engine): Line {
  const failed = checks.filter((c) => !c.pass);
  return { bench: "summary", engine, passed: checks.length - failed.length, failed: failed.length, checks };
}

/** The same, as a table for people reading stderr. */
export function summaryTable(checks: Check[]): string {
  const width = Math.max(...checks.map((c) => c.figure.length), 10);
  return checks
    .map(
      (c) =>
        `  ${c.pass ? "pass" : "MISS"}  ${c.figure.padEnd(width)}  ${String(c.value).padStart(8)}  target ${c.target}`,
    )
    .join("\n");
}
