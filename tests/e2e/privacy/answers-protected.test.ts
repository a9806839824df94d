import { expect, test } from "vitest";
import { DEMO, expectHeading, signIn, useBrowser } from "../browser";

const browser = useBrowser();

/**
 * Issue 14, item 6: from the pulse, a person opens "How your answers are
 * protected" and reads the live threshold; /me links to it too. (Its axe and
 * 390 px audit is a line in tests/e2e/a11y/roles.test.ts.)
 */
test("the pulse links to how your answers are protected, which says the live k", async () => {
  const page = await browser.newPage();
  await signIn(page, DEMO.report);
  await page.goto("/me");
  const meeting = await page
    .locator("a[href^='/meetings/']")
    .evaluateAll((links) =>
      links.map((a) => a.getAttribute("href")!).find((href) => /^\/meetings\/[^/?#]+$/.test(href)),
    );
  expect(meeting).toBeTruthy();
  await page.goto(`${meeting}/pulse`);
  await expectHeading(page, "How was your 1:1?");
  const link = page.getByRole("link", { name: "How your answers are protected" });
  await Promise.all([page.waitForURL("**/me/anonymity"), link.click()]);
  await expectHeading(page, "How your answers are protected");
  await expect(page.getByText("at least 5 people", { exact: true }).isVisible()).resolves.toBe(true);
  await expect(page.getByRole("heading", { name: "When someone leaves" }).isVisible()).resolves.toBe(true);

  await page.goto("/me");
  await Promise.all([
    page.waitForURL("**/me/anonymity"),
    page.getByRole("link", { name: "How your answers are protected" }).first().click(),
  ]);
  await expectHeading(page, "How your answers are protected");
});
