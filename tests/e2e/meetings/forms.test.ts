import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { DEMO, expectHeading, signIn, useBrowser } from "../browser";

const browser = useBrowser();

/**
 * The 1:1 page holds many forms, each on its own fetcher: a saved one
 * clears, a refused one keeps its text and says why (and only it does),
 * moving and removing keep the page where it was, and without JavaScript the
 * same forms post as documents and show the same answers.
 *
 * It works on the 1:1 of a report other than the demo report, whose next 1:1
 * the cycle journey runs.
 */

async function openPeersNextMeeting(page: Page): Promise<string> {
  const reportPage = await browser.newPage();
  await signIn(reportPage, DEMO.report);
  const reportName = (await reportPage.getByTestId("viewer-name").textContent())!;
  await reportPage.close();
  await signIn(page, DEMO.manager);
  const peer = page
    .locator("tbody tr")
    .filter({ hasNotText: reportName })
    .filter({ has: page.getByRole("link", { name: /^next / }) });
  const link = peer.first().getByRole("link", { name: /^next / });
  const href = (await link.getAttribute("href"))!;
  await Promise.all([page.waitForURL((u) => u.pathname === href), link.click()]);
  await expectHeading(page, /^1:1 with /);
  return href;
}

const scrollY = (page: Page) => page.evaluate(() => window.scrollY);

test("with JavaScript: each form answers for itself, a saved one clears, moving and removing keep the scroll", async () => {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 900, height: 600 });
  await openPeersNextMeeting(page);
  const stamp = Date.now().toString(36);
  const topics = page.locator("section[aria-labelledby=my-topics]");

  // Two topics, added from the bottom of the page: the form clears each time and the page stays where it is.
  const title = topics.getByLabel("Add a topic");
  for (const topic of [`First topic ${stamp}`, `Second topic ${stamp}`]) {
    await title.scrollIntoViewIfNeeded();
    await title.fill(topic);
    await topics.getByLabel(/Details/).fill("Some details");
    await topics.getByRole("button", { name: "Add topic" }).click();
    await topics.getByRole("listitem").filter({ hasText: topic }).waitFor();
    await expect(title.inputValue()).resolves.toBe("");
    await expect(topics.getByLabel(/Details/).inputValue()).resolves.toBe("");
  }
  expect(await scrollY(page)).toBeGreaterThan(0);

  // Moving the second one up: the list changes in place, the page does not jump to the top.
  const before = await topics.getByRole("listitem").allTextContents();
  const second = before.findIndex((t) => t.includes(`Second topic ${stamp}`));
  expect(second).toBeGreaterThan(before.findIndex((t) => t.includes(`First topic ${stamp}`)));
  await topics.getByRole("button", { name: `Move “Second topic ${stamp}” up` }).scrollIntoViewIfNeeded();
  const at = await scrollY(page);
  expect(at).toBeGreaterThan(0);
  await topics.getByRole("button", { name: `Move “Second topic ${stamp}” up` }).click();
  await page.waitForFunction(
    ([first, second]) => {
      const items = [...document.querySelectorAll("section[aria-labelledby=my-topics] li")].map(
        (li) => li.textContent ?? "",
      );
      return items.findIndex((t) => t.includes(second!)) < items.findIndex((t) => t.includes(first!));
    },
    [`First topic ${stamp}`, `Second topic ${stamp}`],
  );
  expect(await scrollY(page)).toBeGreaterThan(0);

  // Removing one: gone, and still not back at the top.
  await topics.getByRole("button", { name: `Remove “First topic ${stamp}”` }).click();
  await topics
    .getByRole("listitem")
    .filter({ hasText: `First topic ${stamp}` })
    .waitFor({ state: "detached" });
  expect(await scrollY(page)).toBeGreaterThan(0);

  // A refused move keeps what was typed and says why under its own field; the other forms say nothing.
  await page.getByText("Move or cancel this 1:1").click();
  const moveTo = page.getByLabel("Move to (UTC)");
  await moveTo.fill("2001-02-03T10:00");
  await page.getByRole("button", { name: "Move", exact: true }).click();
  await page.getByText("Choose a time that has not passed.").waitFor();
  await expect(moveTo.inputValue()).resolves.toBe("2001-02-03T10:00");
  await expect(moveTo.getAttribute("aria-invalid")).resolves.toBe("true");
  expect(await page.locator(".field-error").count()).toBe(1);
  expect(await page.getByRole("alert").count()).toBe(0);
});

test("without JavaScript: the same forms post as documents; a refusal comes back under the form that sent it", async () => {
  const page = await browser.newPage();
  const meeting = await openPeersNextMeeting(page);
  const cookies = await page.context().cookies();
  const context = await page
    .context()
    .browser()!
    .newContext({ baseURL: new URL(page.url()).origin, javaScriptEnabled: false });
  try {
    await context.addCookies(cookies);
    const plain = await context.newPage();
    await plain.goto(meeting);
    const stamp = Date.now().toString(36);

    await plain.getByLabel("Add a note").fill(`A note without JavaScript ${stamp}`);
    await Promise.all([
      plain.waitForURL((u) => u.pathname === meeting),
      plain.getByRole("button", { name: "Save note" }).click(),
    ]);
    await plain.getByText(`A note without JavaScript ${stamp}`).waitFor();

    await plain.getByText("Move or cancel this 1:1").click();
    await plain.getByLabel("Move to (UTC)").fill("2001-02-03T10:00");
    await Promise.all([
      plain.waitForLoadState("load"),
      plain.getByRole("button", { name: "Move", exact: true }).click(),
    ]);
    await plain.getByText("Choose a time that has not passed.").waitFor();
    await expect(plain.getByLabel("Move to (UTC)").getAttribute("aria-invalid")).resolves.toBe("true");
    expect(await plain.locator(".field-error").count()).toBe(1);
  } finally {
    await context.close();
  }
});
