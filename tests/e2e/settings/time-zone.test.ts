import { afterAll, describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { DEMO, signIn, useBrowser } from "../browser";

/**
 * A manager signs in from a browser in New York: Rapport takes that zone and shows every time in it.
 * They choose Berlin in settings and the same 1:1 shows on Berlin's clock.
 */

const { newPage } = useBrowser();
let page: Page | undefined;

/** The first "next 1:1" time on My people, as hour, minute and zone abbreviation. */
async function nextMeetingTime(p: Page) {
  await p.goto("/people");
  const text =
    (await p
      .getByRole("link", { name: /^next / })
      .first()
      .textContent()) ?? "";
  const match = /(\d\d):(\d\d) ([A-Z]{3,4}|GMT[+-][\d:]+)$/.exec(text.trim());
  expect(match, `a time with its zone in "${text}"`).not.toBeNull();
  return { text, minutes: Number(match![1]) * 60 + Number(match![2]), zone: match![3] };
}

async function chooseZone(p: Page, zone: string) {
  await p.goto("/settings");
  await p.getByLabel("Time zone").selectOption(zone);
  await Promise.all([p.waitForURL(/saved=time-zone/), p.getByRole("button", { name: "Save time zone" }).click()]);
}

afterAll(async () => {
  // The demo organisation is shared by the other browser tests: leave this manager on UTC again.
  if (page) await chooseZone(page, "UTC");
});

describe("times in the reader's zone", () => {
  test("a browser in New York sees New York time; choosing Berlin moves every time to Berlin's clock", async () => {
    page = await newPage({ timezoneId: "America/New_York" });
    await signIn(page, DEMO.otherManager);

    const newYork = await nextMeetingTime(page);
    expect(newYork.zone).toMatch(/^E[SD]T$/);

    await page.goto("/settings");
    await expect(page.getByLabel("Time zone").inputValue()).resolves.toBe("America/New_York");
    await expect(
      page
        .getByRole("cell", { name: / E[SD]T$/ })
        .first()
        .isVisible(),
    ).resolves.toBe(true);

    await chooseZone(page, "Europe/Berlin");
    await expect(page.getByRole("status").textContent()).resolves.toMatch(/time zone is saved/);
    await expect(page.getByLabel("Time zone").inputValue()).resolves.toBe("Europe/Berlin");

    const berlin = await nextMeetingTime(page);
    expect(berlin.zone).toMatch(/^CES?T$/);
    // Berlin is six hours ahead of New York (five for a few weeks a year, when one has changed its clocks).
    const ahead = (berlin.minutes - newYork.minutes + 24 * 60) % (24 * 60);
    expect([5 * 60, 6 * 60]).toContain(ahead);
  });
});
