import axe, { type AxeResults, type Result } from "axe-core";
import type { Page } from "playwright-core";
import { expect } from "vitest";

/**
 * WCAG 2.1 A and AA, WCAG 2.2 AA (touch targets of at least 24 by 24 px), plus axe's best practices
 * (landmarks, one h1, headings in order).
 */
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

/** Each page is audited as on a laptop and as on a phone (ADR 031). */
export const WIDTHS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;
type Violation = Result;

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
 * Runs axe on each page a journey visits, at a laptop's width and at a
 * phone's, and collects what it finds, so one run reports every page's
 * problems at once instead of stopping at the first. At the phone's width
 * the same visit measures the layout too: the page no wider than the screen
 * (no sideways scroll), the header in at most two lines, each rating scale
 * in one row. `expectClean` fails on any serious or critical violation and
 * on any layout finding, and prints the lesser ones without failing on them.
 */
export function accessibilityAudit() {
  const findings: Finding[] = [];
  return {
    async check(page: Page, name: string): Promise<void> {
      // Audit the page as the person sees it: loaded, hydrated, nothing in flight.
      await page.waitForLoadState("networkidle");
      const before = page.viewportSize();
      for (const [label, size] of Object.entries(WIDTHS)) {
        await page.setViewportSize(size);
        const at = `${name}, ${size.width} px`;
        const results = await runAxe(page);
        for (const v of results.violations) findings.push(toFinding(page, at, v));
        if (STRICT) for (const v of results.incomplete) findings.push({ ...toFinding(page, at, v), impact: "review" });
        if (label === "phone") findings.push(...(await layoutFindings(page, at, size.width)));
      }
      if (before) await page.setViewportSize(before);
    },
    /** Fails with a readable list of every serious or critical violation seen (rule, impact, page, targets, help). */
    expectClean(): void {
      const minor = findings.filter((f) => !BLOCKING.has(f.impact));
      if (minor.length) console.warn(`Minor accessibility findings (not failing):\n${format(minor)}`);
      const blocking = findings.filter((f) => BLOCKING.has(f.impact));
      expect(blocking.length, `Accessibility and layout violations:\n${format(blocking)}\n`).toBe(0);
    },
  };
}

/**
 * axe itself in the page, injected once per document. @axe-core/playwright's AxeBuilder opened a fresh page
 * for every analyze() to combine the frames' results: 2.4-5.9 s an audit here against 0.2-0.7 s for the same
 * rules run in place, and the audits were most of the browser suite's time. Our pages have no frames; one
 * that gets one fails here, so that its content is never left unaudited.
 */
async function runAxe(page: Page): Promise<AxeResults> {
  const frames = page.frames().length;
  expect(frames, `${page.url()} has frames: audit them too before running axe in the top document alone`).toBe(1);
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axe.source);
  return page.evaluate(
    (tags) => (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: { type: "tag", values: tags } }),
    TAGS,
  );
}

/**
 * What does not fit a phone: a page wider than the screen (with what sticks
 * out, outside the scroll boxes that may), a header in more than two lines,
 * a rating scale that wraps. Reported as serious findings.
 */
async function layoutFindings(page: Page, name: string, width: number): Promise<Finding[]> {
  const measured = await page.evaluate((screen) => {
    const describe = (el: Element) =>
      el.tagName.toLowerCase() +
      (el.id ? `#${el.id}` : "") +
      (el.className ? `.${String(el.className).split(" ")[0]}` : "");
    const lineCount = (els: Element[]) => {
      const tops: number[] = [];
      for (const el of els) {
        const box = el.getBoundingClientRect();
        if (!box.width || !box.height) continue;
        if (!tops.some((top) => Math.abs(top - box.top) < box.height / 2)) tops.push(box.top);
      }
      return tops.length;
    };
    const wide = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > screen + 1 && !el.parentElement?.closest(".table-scroll"))
      .slice(0, 8)
      .map((el) => `${describe(el)} ends at ${Math.round(el.getBoundingClientRect().right)} px`);
    const header = document.querySelector(".site-header .bar");
    return {
      scrollWidth: document.documentElement.scrollWidth,
      wide,
      headerLines: header ? lineCount([...header.querySelectorAll("a, button, strong")]) : 0,
      wrappedScales: [...document.querySelectorAll(".rating-scale")]
        .filter((scale) => lineCount([...scale.querySelectorAll("label")]) > 1)
        .map(describe),
    };
  }, width);
  const path = new URL(page.url()).pathname;
  const found = (rule: string, help: string, targets: string[]): Finding => ({
    page: `${name} (${path})`,
    rule,
    impact: "serious",
    help,
    helpUrl: "docs/decisions/031-phones-and-forms.md",
    targets,
  });
  const out: Finding[] = [];
  if (measured.scrollWidth > width)
    out.push(
      found(
        "page-wider-than-screen",
        `The page is ${measured.scrollWidth} px wide on a ${width} px screen`,
        measured.wide,
      ),
    );
  if (measured.headerLines > 2)
    out.push(found("header-in-two-lines", `The header takes ${measured.headerLines} lines`, [".site-header"]));
  if (measured.wrappedScales.length)
    out.push(found("rating-scale-in-one-row", "A rating scale wraps onto a second row", measured.wrappedScales));
  return out;
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
