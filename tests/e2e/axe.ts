import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { expect } from "vitest";

/** WCAG 2.1 A and AA, plus axe's best practices (landmarks, one h1, headings in order). */
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];
type Violation = Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"][number];

// A11Y_STRICT=1 fails on every finding, moderate and minor too, and on what axe could not
// decide alone ("review"): for a person fixing pages, not for CI.
const STRICT = Boolean(process.env.A11Y_STRICT);
const BLOCKING = new Set(STRICT ? ["minor", "moderate", "serious", "critical", "review"] : ["serious", "critical"]);

interface Finding {
  page: string;
  rule: string;
  impact: string;
  help: string;
  helpUrl: string;
  targets: string[];
}

/**
 * Runs axe on each page a journey visits and collects what it finds, so one
 * run reports every page's problems at once instead of stopping at the first.
 * `expectClean` fails on any serious or critical violation and prints the
 * lesser ones without failing on them.
 */
export function accessibilityAudit() {
  const findings: Finding[] = [];
  return {
    async check(page: Page, name: string): Promise<void> {
      // Audit the page as the person sees it: loaded, hydrated, nothing in flight.
      await page.waitForLoadState("networkidle");
      const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
      for (const v of results.violations) findings.push(toFinding(page, name, v));
      if (STRICT) for (const v of results.incomplete) findings.push({ ...toFinding(page, name, v), impact: "review" });
    },
    /** Fails with a readable list of every serious or critical violation seen (rule, impact, page, targets, help). */
    expectClean(): void {
      const minor = findings.filter((f) => !BLOCKING.has(f.impact));
      if (minor.length) console.warn(`Minor accessibility findings (not failing):\n${format(minor)}`);
      const blocking = findings.filter((f) => BLOCKING.has(f.impact));
      expect(blocking.length, `Accessibility violations:\n${format(blocking)}\n`).toBe(0);
    },
  };
}

function toFinding(page: Page, name: string, v: Violation): Finding {
  return {
    page: `${name} (${new URL(page.url()).pathname})`,
    rule: v.id,
    impact: v.impact ?? "unknown",
    help: v.help,
    helpUrl: v.helpUrl,
    targets: v.nodes.map((n) => {
      const why = [...n.any, ...n.all, ...n.none].map((c) => c.message).find(Boolean);
      return n.target.map(String).join(" >> ") + (why ? ` (${why})` : "");
    }),
  };
}

function format(findings: Finding[]): string {
  return findings
    .map(
      (f) =>
        `- [${f.impact}] ${f.rule} on ${f.page}: ${f.help}\n  ${f.helpUrl}\n` +
        f.targets
          .slice(0, 8)
          .map((t) => `    ${t}`)
          .join("\n") +
        (f.targets.length > 8 ? `\n    … and ${f.targets.length - 8} more` : ""),
    )
    .join("\n");
}
