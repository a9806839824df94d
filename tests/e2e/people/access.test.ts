import { describe, expect, test } from "vitest";
import { DEMO, expectHeading, signIn, useBrowser } from "../browser";

const browser = useBrowser();

describe("a report is refused a peer's account", () => {
  test("the manager sees the peer's account; the report gets 'not found' for the same address", async () => {
    const report = await browser.newPage();
    await signIn(report, DEMO.report);
    const reportName = (await report.getByTestId("viewer-name").textContent())!;

    const manager = await browser.newPage();
    await signIn(manager, DEMO.manager);
    const links = manager.locator("tbody th a");
    await links.first().waitFor();
    expect(await links.count()).toBeGreaterThanOrEqual(6);
    const names = await links.allTextContents();
    expect(names).toContain(reportName);
    const peerIndex = names.findIndex((n) => n !== reportName);
    const peerHref = await links.nth(peerIndex).getAttribute("href");
    await links.nth(peerIndex).click();
    await expectHeading(manager, names[peerIndex]!);

    const response = await report.goto(peerHref!);
    expect(response?.status()).toBe(404);
    await expectHeading(report, "Not found");
    expect(await report.content()).not.toContain(names[peerIndex]!);
  });

  test("a manager of another team gets 'not found' too, and HR and admin cannot open it either", async () => {
    const manager = await browser.newPage();
    await signIn(manager, DEMO.manager);
    await manager.locator("tbody th a").first().waitFor();
    const href = await manager.locator("tbody th a").first().getAttribute("href");
    for (const email of [DEMO.otherManager, DEMO.hr, DEMO.admin]) {
      const page = await browser.newPage();
      await signIn(page, email);
      const response = await page.goto(href!);
      expect(response?.status(), email).toBe(404);
    }
  });

  test("the report is refused the HR and admin pages", async () => {
    const page = await browser.newPage();
    await signIn(page, DEMO.report);
    expect((await page.goto("/trends"))?.status()).toBe(403);
    expect((await page.goto("/admin/people"))?.status()).toBe(403);
  });
});
