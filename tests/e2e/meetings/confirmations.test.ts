import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { DEMO, expectHeading, signIn, useBrowser } from "../browser";

const browser = useBrowser();

/**
 * Issue 12, finding 6: every action answers. Finish says so and links to the
 * next 1:1 (tests/e2e/meetings/cycle.test.ts, with the pulse's thanks);
 * here, settling a follow-up says so and Undo reopens it, and a double click
 * writes once. It uses the other manager's second report, whom no other journey touches.
 */
async function openSecondReportsNextMeeting(page: Page): Promise<string> {
  await signIn(page, DEMO.otherManager);
  const link = page
    .locator("tbody tr")
    .getByRole("link", { name: /^next / })
    .nth(1);
  const href = (await link.getAttribute("href"))!;
  await Promise.all([page.waitForURL((u) => u.pathname === href), link.click()]);
  await expectHeading(page, /^1:1 with /);
  return href;
}

const posts = (page: Page, intent: string) => {
  const sent: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && (r.postData() ?? "").includes(intent)) sent.push(r.url());
  });
  return sent;
};

test("a double click on Add topic adds it once", async () => {
  const page = await browser.newPage();
  await openSecondReportsNextMeeting(page);
  const topic = `Double-clicked topic ${Date.now().toString(36)}`;
  const topics = page.locator("section[aria-labelledby=my-topics]");
  await topics.getByLabel("Add a topic").fill(topic);
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST"),
    topics.getByRole("button", { name: "Add topic" }).dblclick(),
  ]);
  await topics.getByRole("listitem").filter({ hasText: topic }).waitFor();
  await page.waitForLoadState("networkidle");
  await page.reload();
  expect(await topics.getByRole("listitem").filter({ hasText: topic }).count()).toBe(1);
  expect(await page.locator("ol.agenda > li", { hasText: topic }).count()).toBe(1);
});

test("a follow-up marked done or dropped says so, Undo reopens it, and a double click settles it once", async () => {
  const page = await browser.newPage();
  await openSecondReportsNextMeeting(page);
  const stamp = Date.now().toString(36);
  const first = `Book the venue ${stamp}`;
  const second = `Order the badges ${stamp}`;
  for (const title of [first, second]) {
    await page.getByLabel("What will be done").fill(title);
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "Add follow-up" }).click(),
    ]);
    await page.waitForFunction(() => document.querySelector<HTMLInputElement>("#add-action-title")?.value === "");
    await page.waitForLoadState("networkidle");
  }

  await page.goto("/follow-ups");
  const notice = page.getByRole("status").filter({ hasText: first });
  const settles = posts(page, "intent=settle");
  const row = page.locator("tr", { hasText: first });
  await Promise.all([page.waitForURL(/settled=/), row.getByRole("button", { name: `Done: ${first}` }).dblclick()]);
  await notice.waitFor();
  await expect(notice.textContent()).resolves.toContain(`You marked “${first}” done.`);
  await page.waitForLoadState("networkidle");
  expect(settles.length).toBeLessThanOrEqual(2);
  expect(await page.getByRole("alert").count()).toBe(0);
  expect(await page.locator("tr", { hasText: first }).count()).toBe(0);

  // Undo: it is open again, back in the list.
  await Promise.all([page.waitForURL(/reopened=/), notice.getByRole("button", { name: "Undo" }).click()]);
  await page
    .getByRole("status")
    .filter({ hasText: `“${first}” is open again.` })
    .waitFor();
  await page.locator("tr", { hasText: first }).waitFor();

  // Drop, then Undo.
  const dropped = page.getByRole("status").filter({ hasText: `You dropped “${second}”.` });
  await Promise.all([
    page.waitForURL(/settled=/),
    page
      .locator("tr", { hasText: second })
      .getByRole("button", { name: `Drop: ${second}` })
      .click(),
  ]);
  await dropped.waitFor();
  expect(await page.locator("tr", { hasText: second }).count()).toBe(0);
  await Promise.all([page.waitForURL(/reopened=/), dropped.getByRole("button", { name: "Undo" }).click()]);
  await page.locator("tr", { hasText: second }).waitFor();
  expect(await page.locator("tr", { hasText: first }).count()).toBe(1);
  expect(await page.locator("tr", { hasText: second }).count()).toBe(1);
});

test("the report has Follow-ups too: their own, named from their side, with Done", async () => {
  const page = await browser.newPage();
  await signIn(page, DEMO.report);
  await Promise.all([
    page.waitForURL("**/follow-ups"),
    page.getByRole("navigation").getByRole("link", { name: "Follow-ups" }).click(),
  ]);
  await expectHeading(page, "Follow-ups");
  const rows = page.locator("tbody tr");
  expect(await rows.count()).toBeGreaterThan(0);
  // The other side of a report's 1:1 is their manager, never themselves.
  const name = (await page.getByTestId("viewer-name").textContent())!;
  for (const cell of await page.locator("tbody tr td:nth-child(3)").allTextContents()) {
    expect(cell).toMatch(/^your manager/);
    expect(cell).not.toContain(name);
  }
  const link = page.locator("tbody tr td:nth-child(3) a").first();
  const href = (await link.getAttribute("href"))!;
  expect((await page.goto(href))?.status()).toBe(200);
  await page.goBack();
  const title = (await rows.first().locator("td").first().textContent())!.replace("do or drop?", "").trim();
  await Promise.all([
    page.waitForURL(/settled=/),
    rows
      .first()
      .getByRole("button", { name: /^Done: / })
      .click(),
  ]);
  await page
    .getByRole("status")
    .filter({ hasText: `You marked “${title}” done.` })
    .waitFor();
});
