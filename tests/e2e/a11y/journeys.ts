import type { Page } from "playwright-core";
import { expect } from "vitest";
import { DEMO, signIn, type useBrowser } from "../browser";

/**
 * Shared by the accessibility journeys, split into files by reader so that both browser-test
 * workers share the audits (ADR 035). Each page is audited at 1280 and at 390 px (tests/e2e/axe.ts).
 */

/** Each journey audits several pages at two widths, a few seconds each on a busy machine. */
export const JOURNEY_TIMEOUT = { timeout: 300_000 };

export const SUITE = "every main page passes axe (WCAG 2.1 A/AA) with no serious or critical violation";

/** Follows a link and waits for the page it opens, so the audit sees the new page. */
export async function follow(page: Page, link: ReturnType<Page["locator"]>): Promise<string> {
  const href = (await link.first().getAttribute("href"))!;
  expect(href, "link to follow").toBeTruthy();
  const path = href.split(/[?#]/)[0]!;
  // The address changes before the new page is drawn (Remix renders in a transition), so the old page's
  // heading would still be there: wait until the heading is the new page's, then audit.
  await page.evaluate(() => {
    (window as unknown as { __leaving?: Element | null }).__leaving = document.querySelector("h1");
  });
  await Promise.all([page.waitForURL((u) => u.pathname === path), link.first().click()]);
  await page.waitForFunction(() => {
    const heading = document.querySelector("h1");
    return heading !== null && heading !== (window as unknown as { __leaving?: Element | null }).__leaving;
  });
  return path;
}

/**
 * The manager opens the demo report's account from My people: it has something in every
 * section (risks, commitments, held 1:1s). Returns its address.
 */
export async function openDemoAccount(browser: ReturnType<typeof useBrowser>, manager: Page): Promise<string> {
  const report = await browser.newPage();
  await signIn(report, DEMO.report);
  const reportName = (await report.getByTestId("viewer-name").textContent())!;
  await signIn(manager, DEMO.manager);
  return follow(manager, manager.locator("tbody th a", { hasText: reportName }));
}
