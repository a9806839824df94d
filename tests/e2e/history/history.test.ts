import type { Page } from "playwright-core";
import { beforeAll, describe, expect, test } from "vitest";
import { accessibilityAudit } from "../axe";
import { DEMO, expectHeading, signIn, useBrowser } from "../browser";

const browser = useBrowser();
const audit = accessibilityAudit();
const WIDTHS = [1280, 390] as const;
// Each journey signs in and loads several pages; on a loaded machine that passes the default minute.
const JOURNEY_MS = 150_000;

// Made-up words only these notes hold, letters only so the text search keeps them whole.
const letters = (n: number) =>
  n
    .toString(26)
    .split("")
    .map((d) => String.fromCharCode(97 + Number.parseInt(d, 26)))
    .join("");
const stamp = letters(Date.now());
const sharedWord = `quillon${stamp}`;
const privateWord = `murmur${stamp}`;
const sharedNote = `We agreed you present the ${sharedWord} conference talk in spring.`;
const privateNote = `My own worry about ${privateWord}, not for sharing.`;
const followUp = `Draft the ${sharedWord} outline`;

let reportName = "";
let heldPath = "";

async function at(width: number): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewportSize({ width, height: 900 });
  return page;
}

async function expectFits(page: Page, width: number): Promise<void> {
  if (width > 390) return;
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth, `${page.url()} at ${width} px`).toBeLessThanOrEqual(390);
}

/** Posts a form on its fetcher and waits until it is saved and cleared (`field`, by id) for the next one. */
async function expectSectionFits(page: Page, selector: string, width: number): Promise<void> {
  if (width > 390) return;
  const box = await page.locator(selector).evaluate((el) => ({
    right: el.getBoundingClientRect().right,
    overflow: el.scrollWidth - el.clientWidth,
  }));
  expect(box.right, selector).toBeLessThanOrEqual(390);
  expect(box.overflow, selector).toBeLessThanOrEqual(0);
}

async function post(page: Page, intent: string, field: string, click: () => Promise<void>): Promise<void> {
  await Promise.all([
    page.waitForResponse(
      (r) => r.request().method() === "POST" && (r.request().postData() ?? "").includes(`intent=${intent}`),
    ),
    click(),
  ]);
  await page.waitForFunction((id) => (document.querySelector<HTMLInputElement>(id)?.value ?? "x") === "", field);
  await page.waitForLoadState("networkidle");
}

// The manager holds a 1:1 with the report: a shared note, a private one, a follow-up, then Finish.
beforeAll(async () => {
  const report = await browser.newPage();
  await signIn(report, DEMO.report);
  reportName = (await report.getByTestId("viewer-name").textContent())!;

  const manager = await browser.newPage();
  await signIn(manager, DEMO.manager);
  await manager
    .locator("tbody tr", { hasText: reportName })
    .getByRole("link", { name: /^next / })
    .click();
  await expectHeading(manager, `1:1 with ${reportName}`);
  heldPath = new URL(manager.url()).pathname;

  await manager.getByLabel("Add a note").fill(sharedNote);
  await manager.getByLabel(`Shared with ${reportName}`).check();
  await post(manager, "add-note", "#add-note-body", () => manager.getByRole("button", { name: "Save note" }).click());
  await manager.getByLabel("Add a note").fill(privateNote);
  await manager.getByLabel("Private: only me").check();
  await post(manager, "add-note", "#add-note-body", () => manager.getByRole("button", { name: "Save note" }).click());
  await manager.getByLabel("What will be done").fill(followUp);
  await manager.getByLabel("Who owns it").selectOption("report");
  await post(manager, "add-action", "#add-action-title", () =>
    manager.getByRole("button", { name: "Add follow-up" }).click(),
  );
  await Promise.all([manager.waitForURL(/finished=/), manager.getByRole("button", { name: "Finish meeting" }).click()]);
}, JOURNEY_MS);

describe.each(WIDTHS)("at %i px", (width) => {
  test(
    "the report opens their history from Me and reads the past 1:1's shared notes and follow-ups",
    async () => {
      const page = await at(width);
      await signIn(page, DEMO.report);
      await page.goto("/me");
      await page.getByRole("link", { name: /Your past 1:1s/ }).click();
      await expectHeading(page, "My 1:1s");

      const held = page.getByTestId("history-meeting").filter({ hasText: sharedWord }).first();
      await held.waitFor();
      expect(await held.getByRole("heading", { level: 2 }).getByRole("link").getAttribute("href")).toBe(heldPath);
      expect(await held.textContent()).toContain(sharedNote);
      const item = held.locator(".history-follow-ups li", { hasText: followUp });
      expect(await item.textContent()).toMatch(/yours.*open/);
      // The manager's private note reaches nobody else.
      expect(await page.content()).not.toContain(privateWord);
      await expectFits(page, width);
      await audit.check(page, `/me/history at ${width}`);
    },
    JOURNEY_MS,
  );

  test(
    "the manager searches the account page for a word from a shared note and follows the hit to its 1:1",
    async () => {
      const page = await at(width);
      await signIn(page, DEMO.manager);
      await page.locator("tbody tr", { hasText: reportName }).getByRole("link", { name: reportName }).click();
      await expectHeading(page, reportName);
      await page.getByRole("searchbox", { name: /Search notes/ }).fill(`${sharedWord} spring`);
      await page.getByRole("button", { name: "Search", exact: true }).click();
      const hits = page.locator("#account-search-results ol.search-hits > li");
      await hits.first().waitFor();
      // The note has both words: it comes first, its words marked; the follow-up has one and follows.
      expect(await hits.first().textContent()).toContain("Note");
      expect(await hits.first().locator("mark").allTextContents()).toEqual(
        expect.arrayContaining([sharedWord, "spring"]),
      );
      expect(await page.locator("#account-search-results").textContent()).toContain(`Follow-up: ${followUp}`);
      // The search and its answer fit the phone. (The rest of the account page is another change's: its
      // tables, not this section, decide the page's width until then.)
      await expectSectionFits(page, "section[aria-labelledby=account-search-heading]", width);
      await audit.check(page, `account search at ${width}`);
      await Promise.all([page.waitForURL(`**${heldPath}`), hits.first().getByRole("link").click()]);
      await expectHeading(page, `1:1 with ${reportName}`);
      // Their own private note is theirs to find; a risk or another pair's note never is (tests in the data layer).
      await page.goBack();
      await page.getByRole("searchbox", { name: /Search notes/ }).fill(privateWord);
      await page.getByRole("button", { name: "Search", exact: true }).click();
      await page.locator("#account-search-results ol.search-hits > li").first().waitFor();
    },
    JOURNEY_MS,
  );

  test(
    "the report searches their history: the shared note is found, the manager's private note is not",
    async () => {
      const page = await at(width);
      await signIn(page, DEMO.report);
      await page.goto("/me/history");
      await page.getByRole("searchbox", { name: "Search your 1:1s" }).fill(sharedWord);
      await Promise.all([page.waitForURL(/q=/), page.getByRole("button", { name: "Search", exact: true }).click()]);
      const results = page.locator("#history-search-results");
      await results.locator("ol.search-hits > li").first().waitFor();
      expect(await results.getByRole("link", { name: "Note" }).first().getAttribute("href")).toBe(heldPath);
      await expectFits(page, width);
      await audit.check(page, `/me/history search at ${width}`);

      await page.getByRole("searchbox", { name: "Search your 1:1s" }).fill(privateWord);
      await Promise.all([page.waitForURL(/q=/), page.getByRole("button", { name: "Search", exact: true }).click()]);
      await results.getByText(/Nothing found/).waitFor();
      // Something that is not a search says why, with a 4xx and never a 500.
      const response = await page.goto(`/me/history?q=${encodeURIComponent("& | ! :* ()")}`);
      expect(response?.status()).toBe(400);
      await results.getByText(/Type a word/).waitFor();
      expect((await page.goto(`/me/history?q=${"long ".repeat(60)}`))?.status()).toBe(400);
      await results.getByText(/too long/).waitFor();
    },
    JOURNEY_MS,
  );
});

test(
  "nobody else searches the pair: the account search answers 404 to HR, admin and another manager",
  async () => {
    const manager = await browser.newPage();
    await signIn(manager, DEMO.manager);
    await manager.locator("tbody tr", { hasText: reportName }).getByRole("link", { name: reportName }).click();
    await expectHeading(manager, reportName);
    const path = `${new URL(manager.url()).pathname}/search?q=${sharedWord}`;
    expect((await manager.goto(path))?.status()).toBe(200);
    // Without JavaScript the account's search box opens this page: it lists the hit and fits a phone.
    await expectHeading(manager, `Search your 1:1s with ${reportName}`);
    expect(await manager.locator("ol.search-hits").textContent()).toContain(sharedWord);
    await manager.setViewportSize({ width: 390, height: 900 });
    await expectFits(manager, 390);
    await audit.check(manager, "account search page at 390");
    for (const email of [DEMO.hr, DEMO.admin, DEMO.otherManager, DEMO.report]) {
      const page = await browser.newPage();
      await signIn(page, email);
      const response = await page.goto(path);
      expect(response?.status(), email).toBe(404);
      expect(await page.content()).not.toContain(sharedNote);
    }
    audit.expectClean();
  },
  JOURNEY_MS,
);
