import { describe, expect, test } from "vitest";
import { accessibilityAudit } from "../axe";
import { DEMO, signIn, useBrowser } from "../browser";
import { JOURNEY_TIMEOUT, SUITE, follow } from "./journeys";

// Every page each role's header links to, and the admin's pages.
const browser = useBrowser();

/** In a role's list of pages: every page its header links to. */
const NAVIGATION = "the header's links";

/**
 * Pages each role opens besides those the journeys below reach by links (adding a page is one line):
 * each is audited at 1280 and at 390 px, where it must also fit the screen.
 */
const ROLE_PAGES: [role: keyof typeof DEMO, pages: string[]][] = [
  ["report", [NAVIGATION, "/me/history?q=conference", "/me/anonymity", "/me/privacy"]],
  ["manager", ["/follow-ups", "/me/history"]],
  ["otherManager", [NAVIGATION, "/settings"]],
  ["hr", [NAVIGATION, "/settings"]],
  ["admin", [NAVIGATION, "/admin/security", "/admin/scim", "/settings"]],
];

// Each journey audits several pages at two widths, a few seconds each on a busy machine.

describe(SUITE, JOURNEY_TIMEOUT, () => {
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
});
