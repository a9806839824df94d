import fs from "node:fs/promises";
import { expect, test } from "vitest";
import { accessibilityAudit } from "../axe";
import { DEMO, expectHeading, signIn, useBrowser } from "../browser";

const browser = useBrowser();

/**
 * ADR 045: the admin opens /admin/backup from the admin nav, which passes axe at 1280 and 390 px, and
 * downloads the sealed backup through the browser. The round trip and the refusals are proven in
 * app/routes/backup.db.test.ts; here the file arrives, named for the day, and holds no plain text.
 */
test("the admin downloads the sealed organisation backup", async () => {
  const page = await browser.newPage();
  await signIn(page, DEMO.admin);
  await page.goto("/admin/people");
  await Promise.all([page.waitForURL(/\/admin\/backup$/), page.getByRole("link", { name: "Backup" }).click()]);
  await expectHeading(page, "Backup");
  await expect(page.getByRole("heading", { name: "What the file holds" }).isVisible()).resolves.toBe(true);
  await expect(page.getByText("backup.key in the data folder").isVisible()).resolves.toBe(true);
  const audit = accessibilityAudit();
  await audit.check(page, "admin /admin/backup");
  audit.expectClean();

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download backup" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^rapport-backup-\d{4}-\d{2}-\d{2}\.rapport$/);
  const file = await fs.readFile((await download.path())!);
  const header = JSON.parse(file.subarray(0, file.indexOf(0x0a)).toString("utf8")) as Record<string, unknown>;
  expect(header).toMatchObject({ format: "rapport-backup", version: 1 });
  expect(file.includes(DEMO.report)).toBe(false);
});
