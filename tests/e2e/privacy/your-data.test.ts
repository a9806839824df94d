import fs from "node:fs/promises";
import { strFromU8, unzipSync } from "fflate";
import { expect, test } from "vitest";
import { accessibilityAudit } from "../axe";
import { DEMO, expectHeading, signIn, useBrowser } from "../browser";

const browser = useBrowser();

/**
 * Issue 14, item 3 (ADR 042): the report opens /me/privacy and downloads their data, as JSON and as a zip of
 * CSV files. What the files never hold is proven field by field in app/routes/your-data.db.test.ts; here the
 * browser gets both, named for the day, and the page passes axe at 1280 and 390 px.
 */
test("the report downloads their data as JSON and as a zip of CSV files", async () => {
  const page = await browser.newPage();
  await signIn(page, DEMO.report);
  await page.goto("/me/privacy");
  await expectHeading(page, "Your privacy");
  await expect(page.getByRole("heading", { name: "Your data" }).isVisible()).resolves.toBe(true);
  await expect(page.getByRole("heading", { name: "What it never holds" }).isVisible()).resolves.toBe(true);
  const audit = accessibilityAudit();
  await audit.check(page, "report /me/privacy");
  audit.expectClean();

  const [json] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download as JSON" }).click(),
  ]);
  expect(json.suggestedFilename()).toMatch(/^rapport-data-\d{4}-\d{2}-\d{2}\.json$/);
  const data = JSON.parse(await fs.readFile((await json.path())!, "utf8")) as {
    profile: { email: string };
    goals: unknown[];
    meetings: unknown[];
  };
  expect(data.profile.email).toBe(DEMO.report);
  expect(data.goals.length).toBeGreaterThan(0);
  expect(data.meetings.length).toBeGreaterThan(0);
  expect(JSON.stringify(data)).not.toMatch(/"(risks?|passwordHash|likelihood|perspective)"/);

  const [zip] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download as CSV files (zip)" }).click(),
  ]);
  expect(zip.suggestedFilename()).toMatch(/^rapport-data-\d{4}-\d{2}-\d{2}\.zip$/);
  const files = unzipSync(new Uint8Array(await fs.readFile((await zip.path())!)));
  expect(Object.keys(files)).toEqual(expect.arrayContaining(["README.txt", "profile.csv", "goals.csv", "notes.csv"]));
  expect(strFromU8(files["profile.csv"]!)).toContain(DEMO.report);
  expect(strFromU8(files["README.txt"]!)).toContain("What is never in it");
});
