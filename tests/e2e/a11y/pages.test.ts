import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { accessibilityAudit } from "../axe";
import { DEMO, signIn, useBrowser } from "../browser";

const browser = useBrowser();

/** Follows a link and waits for the page it opens, so the audit sees the new page. */
async function follow(page: Page, link: ReturnType<Page["locator"]>): Promise<string> {
  const href = (await link.first().getAttribute("href"))!;
  expect(href, "link to follow").toBeTruthy();
  const path = href.split(/[?#]/)[0]!;
  await Promise.all([page.waitForURL((u) => u.pathname === path), link.first().click()]);
  await page.getByRole("heading", { level: 1 }).first().waitFor();
  return path;
}

/**
 * The manager opens the demo report's account from My people: it has something in every
 * section (risks, commitments, held 1:1s). Returns its address.
 */
async function openDemoAccount(manager: Page): Promise<string> {
  const report = await browser.newPage();
  await signIn(report, DEMO.report);
  const reportName = (await report.getByTestId("viewer-name").textContent())!;
  await signIn(manager, DEMO.manager);
  return follow(manager, manager.locator("tbody th a", { hasText: reportName }));
}

/** In a role's list of pages: every page its header links to. */
const NAVIGATION = "the header's links";

/**
 * Pages each role opens besides those the journeys below reach by links (adding a page is one line):
 * each is audited at 1280 and at 390 px, where it must also fit the screen.
 */
const ROLE_PAGES: [role: keyof typeof DEMO, pages: string[]][] = [
  ["report", [NAVIGATION, "/me/history?q=conference"]],
  ["manager", ["/follow-ups", "/me/history"]],
  ["otherManager", [NAVIGATION, "/settings"]],
  ["hr", [NAVIGATION, "/settings"]],
  ["admin", [NAVIGATION, "/admin/security", "/admin/scim", "/settings"]],
];

// Each journey audits several pages at two widths, a few seconds each on a busy machine.
describe(
  "every main page passes axe (WCAG 2.1 A/AA) with no serious or critical violation",
  { timeout: 300_000 },
  () => {
    test("signed out: sign-in, its field errors, and wrong credentials", async () => {
      const audit = accessibilityAudit();
      const page = await browser.newPage();
      await page.goto("/sign-in");
      await audit.check(page, "sign-in");

      await page.getByRole("button", { name: "Sign in" }).click();
      await page.locator(".field-error").first().waitFor();
      await audit.check(page, "sign-in with field errors");

      await page.getByLabel("Email").fill(DEMO.report);
      await page.getByLabel("Password").fill("not-the-password");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("alert").filter({ hasText: "do not match" }).waitFor();
      await audit.check(page, "sign-in after a wrong password");
      audit.expectClean();
    });

    test("passwords: forgot password and its answer, a spent link, the settings page", async () => {
      const audit = accessibilityAudit();
      const page = await browser.newPage();
      await page.goto("/sign-in");
      await follow(page, page.getByRole("link", { name: "Forgot your password?" }));
      await audit.check(page, "forgot password");
      await page.getByLabel("Email").fill("nobody@example.test");
      await page.getByRole("button", { name: "Send me a link" }).click();
      await page.getByRole("status").filter({ hasText: "a link is on its way" }).waitFor();
      await audit.check(page, "forgot password, sent");

      await page.goto(`/invite/${"x".repeat(43)}`);
      await page.getByRole("heading", { name: "This link no longer works" }).waitFor();
      await audit.check(page, "a spent invitation link");

      await signIn(page, DEMO.report);
      await page.goto("/settings");
      await page.getByRole("heading", { name: "Where you are signed in" }).waitFor();
      await audit.check(page, "settings");
      audit.expectClean();
    });

    test("report: home, checklist, goals, commitments, next 1:1, a stale save", async () => {
      const audit = accessibilityAudit();
      const page = await browser.newPage();
      await signIn(page, DEMO.report);
      await audit.check(page, "report /me");

      await follow(page, page.getByRole("link", { name: "Rate myself" }));
      await audit.check(page, "report checklist");

      await page.goto("/me");
      await follow(page, page.getByRole("link", { name: "Add a goal" }));
      await audit.check(page, "report new goal");
      await page.getByRole("button", { name: "Add goal" }).click();
      await page.locator(".field-error").first().waitFor();
      await audit.check(page, "report new goal with field errors");

      await page.goto("/me");
      await follow(page, page.getByRole("link", { name: "Propose a change" }));
      await audit.check(page, "report new commitment");

      await page.goto("/me");
      await follow(page, page.locator("section[aria-labelledby=my-commitments] a[href^='/commitments/']"));
      await audit.check(page, "report commitment page");

      await page.goto("/me");
      await follow(page, page.locator("section[aria-labelledby=next-1on1] a[href^='/meetings/']"));
      await audit.check(page, "report next 1:1");

      // A goal page, then the same goal saved from two tabs: the second save is stale (409).
      await page.goto("/me");
      const goalPath = await follow(page, page.locator("article.goal h3 a"));
      await audit.check(page, "report goal page");
      const stale = await page.context().newPage();
      await stale.goto(goalPath);
      await page.getByLabel("How you will know you got there").fill(`Measured in the first tab ${Date.now()}`);
      await Promise.all([
        page.waitForResponse((r) => r.request().method() === "POST"),
        page.getByRole("button", { name: "Save goal" }).click(),
      ]);
      await page.waitForLoadState("networkidle");
      await stale.getByLabel("How you will know you got there").fill("Measured in the second tab");
      const [response] = await Promise.all([
        stale.waitForResponse((r) => r.request().method() === "POST"),
        stale.getByRole("button", { name: "Save goal" }).click(),
      ]);
      expect(response.status()).toBe(409);
      await stale.getByTestId("conflict").waitFor();
      await audit.check(stale, "report goal after a stale save");

      expect((await page.goto("/trends"))?.status()).toBe(403);
      await audit.check(page, "403 for a report");
      audit.expectClean();
    });

    test("a 1:1 run through: agenda, a discussed item, finished, the pulse and its states", async () => {
      const audit = accessibilityAudit();
      const report = await browser.newPage();
      await signIn(report, DEMO.report);
      const reportName = (await report.getByTestId("viewer-name").textContent())!;

      const manager = await browser.newPage();
      await signIn(manager, DEMO.manager);
      const row = manager.locator("tbody tr", { hasText: reportName });
      await follow(manager, row.getByRole("link", { name: /^next / }));
      await audit.check(manager, "manager agenda of the next 1:1");
      // A ticked item stays on the agenda, shown as done (a topic too, since issue 12).
      const item = manager.locator("ol.agenda > li").first();
      await Promise.all([
        manager.waitForResponse((r) => r.request().method() === "POST"),
        item.getByRole("button", { name: "Mark discussed" }).click(),
      ]);
      await manager.locator("ol.agenda > li.done").getByRole("button", { name: "Discussed ✓" }).waitFor();
      await audit.check(manager, "manager agenda with a discussed item");
      await Promise.all([
        manager.waitForURL(/finished=/),
        manager.getByRole("button", { name: "Finish meeting" }).click(),
      ]);
      await audit.check(manager, "manager 1:1 just finished");
      const held = new URL(manager.url()).pathname;

      await report.goto(held);
      await audit.check(report, "report held 1:1");
      await report.goto("/me");
      await follow(report, report.getByRole("link", { name: "Answer the four-question pulse" }));
      await audit.check(report, "report pulse form");
      await report.getByRole("button", { name: "Send" }).click();
      await report.locator(".field-error").first().waitFor();
      await audit.check(report, "report pulse with field errors");
      for (const [question, value] of [
        ["understand", "4"],
        ["moving", "3"],
        ["overloaded", "2"],
        ["recommend", "8"],
      ] as const) {
        await report
          .getByRole("group", { name: new RegExp(question) })
          .getByLabel(value, { exact: true })
          .check();
      }
      await Promise.all([
        report.waitForURL("**/me?pulse=thanks"),
        report.getByRole("button", { name: "Send" }).click(),
      ]);
      await audit.check(report, "report home after the pulse");
      await report.goto(`${held}/pulse`);
      await audit.check(report, "report pulse already answered");
      audit.expectClean();
    });

    test("manager: my people, an account, its checklist, rhythm and new-risk and new-change forms", async () => {
      const audit = accessibilityAudit();
      const page = await browser.newPage();
      const account = await openDemoAccount(page);
      await audit.check(page, "manager account page");
      for (const [name, label] of [
        ["Rate the checklist", "manager checklist"],
        ["1:1 rhythm", "manager rhythm"],
        ["Record a risk", "manager new risk"],
      ] as const) {
        await page.goto(account);
        await follow(page, page.getByRole("link", { name }));
        await audit.check(page, label);
      }
      await page.goto(account);
      await follow(page, page.locator("#commitments").getByRole("link", { name: "Propose a change" }));
      await audit.check(page, "manager new commitment");
      await page.goto("/people");
      await audit.check(page, "manager /people");
      audit.expectClean();
    });

    test("manager: a risk, a commitment, a held 1:1, follow-ups, team trends, a 404", async () => {
      const audit = accessibilityAudit();
      const page = await browser.newPage();
      const account = await openDemoAccount(page);
      await follow(page, page.locator("#risks a[href*='/risks/']:not([href$='/new'])"));
      await audit.check(page, "manager risk page");

      await page.goto(account);
      await follow(page, page.locator("#commitments a[href^='/commitments/']"));
      await audit.check(page, "manager commitment page");

      await page.goto(account);
      await follow(
        page,
        page.locator("section[aria-labelledby=history] tbody tr", { hasText: "held" }).locator("a[href^='/meetings/']"),
      );
      await audit.check(page, "manager held 1:1");

      await page.goto("/follow-ups");
      await audit.check(page, "manager follow-ups");
      await page.goto("/my-team/trends");
      await audit.check(page, "manager team trends");

      expect((await page.goto(`${account}-gone`))?.status()).toBe(404);
      await audit.check(page, "404 signed in");
      audit.expectClean();
    });

    test("HR: engagement trends, another measure, and one team", async () => {
      const audit = accessibilityAudit();
      const page = await browser.newPage();
      await signIn(page, DEMO.hr);
      await audit.check(page, "HR trends");
      await page.getByLabel("Trend of").selectOption("enps");
      await Promise.all([page.waitForURL(/question=enps/), page.getByRole("button", { name: "Show" }).click()]);
      await audit.check(page, "HR trends, eNPS");
      const teamLink = page
        .getByRole("table", { name: /Pulse answers by team/ })
        .getByRole("link")
        .first();
      await Promise.all([page.waitForURL(/team=/), teamLink.click()]);
      await audit.check(page, "HR trends, one team");
      audit.expectClean();
    });

    for (const [role, pages] of ROLE_PAGES) {
      test(`${role}: ${pages.join(", ")}`, async () => {
        const audit = accessibilityAudit();
        const page = await browser.newPage();
        await signIn(page, DEMO[role]);
        const header = await page
          .getByRole("navigation", { name: "Main" })
          .getByRole("link")
          .evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
        const paths = [...new Set(pages.flatMap((p) => (p === NAVIGATION ? header : [p])))];
        for (const path of paths) {
          const response = await page.goto(path);
          expect(response?.status(), path).toBeLessThan(400);
          await page.getByRole("heading", { level: 1 }).first().waitFor();
          await audit.check(page, `${role} ${path}`);
        }
        audit.expectClean();
      });
    }

    test("admin: people, a person, a new person, teams, import", async () => {
      const audit = accessibilityAudit();
      const page = await browser.newPage();
      await signIn(page, DEMO.admin);
      await audit.check(page, "admin people");
      await follow(page, page.locator("tbody th a"));
      await audit.check(page, "admin person edit");
      for (const [name, label] of [
        ["Add a person", "admin new person"],
        ["Teams", "admin teams"],
        ["Import CSV", "admin import"],
      ] as const) {
        await page.goto("/admin/people");
        await follow(
          page,
          page.getByRole("navigation", { name: "Organisation" }).getByRole("link", { name, exact: true }),
        );
        await audit.check(page, label);
      }
      audit.expectClean();
    });
  },
);
