import { describe, expect, test } from "vitest";
import { accessibilityAudit } from "../axe";
import { useBrowser } from "../browser";
import { JOURNEY_TIMEOUT, SUITE, follow, openDemoAccount } from "./journeys";

// A manager's pages around one report's account.
const browser = useBrowser();

describe(SUITE, JOURNEY_TIMEOUT, () => {
  test("manager: my people, an account, its checklist, rhythm and new-risk and new-change forms", async () => {
    const audit = accessibilityAudit();
    const page = await browser.newPage();
    const account = await openDemoAccount(browser, page);
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
    const account = await openDemoAccount(browser, page);
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
});
