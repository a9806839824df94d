import ICAL from "ical.js";
import { afterAll, describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { accessibilityAudit } from "../axe";
import { DEMO, signIn, useBrowser } from "../browser";

/**
 * The report makes their calendar address on /settings, as a person would, and a calendar app (plain
 * fetch, no cookie) subscribes to it: their 1:1s come back on their clock. The section with the address
 * showing passes axe and fits a phone. Making a new one stops the old one; turning it off stops both.
 */

const { newPage } = useBrowser();
let page: Page | undefined;

async function turnOff(p: Page) {
  await p.goto("/settings");
  const off = p.getByRole("button", { name: "Turn off my calendar address" });
  if (await off.count()) await Promise.all([p.waitForURL(/saved=calendar-feed-off/), off.click()]);
}

afterAll(async () => {
  // The demo organisation is shared by the other browser tests: leave the report with no address.
  if (page) await turnOff(page);
});

async function makeAddress(p: Page): Promise<{ https: string; webcal: string }> {
  await p.goto("/settings");
  await p.getByRole("button", { name: /^Make (my calendar address|a new address)/ }).click();
  await p
    .getByRole("status")
    .filter({ hasText: /calendar address/ })
    .waitFor();
  return {
    https: await p.getByLabel(/The same over https/).inputValue(),
    webcal: await p.getByLabel("Subscribe address").inputValue(),
  };
}

describe("your 1:1s in your calendar", () => {
  test("the address made on /settings serves the report's 1:1s to a calendar app, shown once", async () => {
    page = await newPage({ timezoneId: "Europe/Berlin" });
    await signIn(page, DEMO.report);
    await turnOff(page);

    const first = await makeAddress(page);
    expect(first.https).toMatch(/^http:\/\/[^/]+\/feeds\/[A-Za-z0-9_-]{43}\/calendar\.ics$/);
    expect(first.webcal).toBe(first.https.replace(/^http:/, "webcal:"));
    await expect(page.getByRole("status").textContent()).resolves.toMatch(/shown only this once/);

    const audit = accessibilityAudit();
    await audit.check(page, "settings with a new calendar address");
    audit.expectClean();

    // A calendar app: no cookie, no session.
    const response = await fetch(first.https, { redirect: "manual" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/calendar/);
    expect(response.headers.get("cache-control")).toMatch(/private/);
    const calendar = new ICAL.Component(ICAL.parse(await response.text()));
    expect(calendar.getAllSubcomponents("vtimezone").map((z) => z.getFirstPropertyValue("tzid"))).toEqual([
      "Europe/Berlin",
    ]);
    const events = calendar.getAllSubcomponents("vevent");
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) {
      expect(String(event.getFirstPropertyValue("summary"))).toMatch(/^(Cancelled: )?1:1: .+ \/ .+$/);
      expect(event.getFirstProperty("dtstart")!.getParameter("tzid")).toBe("Europe/Berlin");
    }
    expect(events.some((e) => e.getFirstSubcomponent("valarm"))).toBe(true);

    // Back on the page later, the address is on but not shown again.
    await page.goto("/settings");
    await expect(page.getByText(/Your calendar address is on/).count()).resolves.toBe(1);
    await expect(page.getByLabel("Subscribe address").count()).resolves.toBe(0);

    // A new address stops the old one at once.
    const second = await makeAddress(page);
    expect(second.https).not.toBe(first.https);
    await expect(page.getByRole("status").textContent()).resolves.toMatch(/old one has stopped working/);
    expect((await fetch(first.https)).status).toBe(404);
    expect((await fetch(second.https)).status).toBe(200);

    await turnOff(page);
    await expect(page.getByRole("status").textContent()).resolves.toMatch(/turned off/);
    expect((await fetch(second.https)).status).toBe(404);
  });
});
