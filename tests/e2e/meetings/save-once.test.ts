import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { DEMO, expectHeading, signIn, useBrowser } from "../browser";

const browser = useBrowser();

/**
 * Every action answers, and answers once (ADR 031): a saved topic clears its
 * form and says so; a double click, or the same post sent twice, adds one
 * topic. Works on the 1:1 of a report other than the demo report (whose
 * next 1:1 the cycle journey runs).
 */

async function openPeersNextMeeting(page: Page): Promise<string> {
  const reportPage = await browser.newPage();
  await signIn(reportPage, DEMO.report);
  const reportName = (await reportPage.getByTestId("viewer-name").textContent())!;
  await reportPage.close();
  await signIn(page, DEMO.manager);
  const link = page
    .locator("tbody tr")
    .filter({ hasNotText: reportName })
    .getByRole("link", { name: /^next / })
    .last();
  const href = (await link.getAttribute("href"))!;
  await Promise.all([page.waitForURL((u) => u.pathname === href), link.click()]);
  await expectHeading(page, /^1:1 with /);
  return href;
}

const topicsNamed = (page: Page, title: string) =>
  page.locator("section[aria-labelledby=my-topics] li").filter({ hasText: title });

test("a saved topic clears its form and says so; a double click or a resent post adds it once", async () => {
  const page = await browser.newPage();
  await openPeersNextMeeting(page);
  const stamp = Date.now().toString(36);
  const topics = page.locator("section[aria-labelledby=my-topics]");
  const title = topics.getByLabel("Add a topic");
  const details = topics.getByLabel(/Details/);
  const add = topics.getByRole("button", { name: "Add topic" });

  // Saved: the topic is listed, both fields are empty again, and a status message says it was added.
  await title.fill(`Spring conference ${stamp}`);
  await details.fill("Who goes, and when");
  await add.click();
  await topicsNamed(page, `Spring conference ${stamp}`).waitFor();
  await topics.getByRole("status").filter({ hasText: "Topic added." }).waitFor();
  await expect(title.inputValue()).resolves.toBe("");
  await expect(details.inputValue()).resolves.toBe("");

  // A double click: one topic. The button is disabled while the first is on its way.
  await title.fill(`Double click ${stamp}`);
  await add.dblclick();
  await topicsNamed(page, `Double click ${stamp}`).waitFor();
  await page.waitForLoadState("networkidle");
  expect(await topicsNamed(page, `Double click ${stamp}`).count()).toBe(1);

  // The same post arriving twice (sent before the button could be disabled, or sent again by the
  // network): the server writes it once, because both copies carry the form's key.
  await title.fill(`Sent twice ${stamp}`);
  const statuses = await page.evaluate(async () => {
    const form = document.getElementById("add-topic") as HTMLFormElement;
    const body = new URLSearchParams(new FormData(form) as unknown as Record<string, string>);
    const post = () => fetch(location.pathname, { method: "POST", body, redirect: "manual" }).then((r) => r.type);
    return Promise.all([post(), post()]);
  });
  expect(statuses).toEqual(["opaqueredirect", "opaqueredirect"]);
  await page.reload();
  expect(await topicsNamed(page, `Sent twice ${stamp}`).count()).toBe(1);

  // After a save the form has a new key: the same words once more are a new topic, on purpose.
  await title.fill(`Sent twice ${stamp}`);
  await add.click();
  await page.waitForFunction(
    (t) =>
      [...document.querySelectorAll("section[aria-labelledby=my-topics] li")].filter((li) =>
        li.textContent?.includes(t),
      ).length === 2,
    `Sent twice ${stamp}`,
  );
});

test("a refused topic keeps what was typed and says why, with no 'added' message", async () => {
  const page = await browser.newPage();
  await openPeersNextMeeting(page);
  const topics = page.locator("section[aria-labelledby=my-topics]");
  // Only spaces: the browser's required check passes, the action refuses it.
  await topics.getByLabel("Add a topic").fill("   ");
  await topics.getByLabel(/Details/).fill("Kept after the refusal");
  await topics.getByRole("button", { name: "Add topic" }).click();
  await topics.locator(".field-error").first().waitFor();
  await expect(topics.getByLabel(/Details/).inputValue()).resolves.toBe("Kept after the refusal");
  expect(await topics.getByRole("status").textContent()).toBe("");
});
