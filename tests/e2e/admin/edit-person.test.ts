import { expect, test } from "vitest";
import { DEMO, expectHeading, signIn, useBrowser } from "../browser";

const browser = useBrowser();

test("an admin edits a person through the real form, and a loop in the reporting line is not offered", async () => {
  const page = await browser.newPage();
  await signIn(page, DEMO.admin);
  await page.getByLabel("Search").fill("report@demo.rapport");
  await page.getByRole("button", { name: "Search" }).click();
  await page.locator("tbody th a").first().click();
  const stamp = Date.now().toString(36);
  await page.getByLabel("Name").fill(`Renamed ${stamp}`);
  await Promise.all([page.waitForURL(/saved=1/), page.getByRole("button", { name: "Save" }).click()]);
  await expectHeading(page, `Renamed ${stamp}`);
  await expect(page.getByText("Saved.").isVisible()).resolves.toBe(true);

  // The manager cannot be made to report to their own report: the report is not offered
  // (the service's refusal, "would make a loop in the reporting line", is in app/services/org.db.test.ts).
  await page.goto("/admin/people?q=manager%40demo.rapport");
  const row = page.locator("tbody tr").filter({ has: page.getByRole("cell", { name: DEMO.manager, exact: true }) });
  await Promise.all([page.waitForURL(/\/admin\/people\/[0-9a-f-]{36}/), row.locator("th a").click()]);
  await page.getByLabel("Reports to").waitFor();
  const offered = await page
    .getByLabel("Reports to")
    .locator("option")
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  expect(offered).toContain(DEMO.otherManager);
  expect(offered).not.toContain(DEMO.report);
  expect(offered).not.toContain(DEMO.manager);
});
