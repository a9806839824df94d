import { describe, expect, test } from "vitest";
import { accessibilityAudit } from "../axe";
import { DEMO, signIn, useBrowser } from "../browser";
import { JOURNEY_TIMEOUT, SUITE, follow } from "./journeys";

// Signed out, and the report's own pages.
const browser = useBrowser();

describe(SUITE, JOURNEY_TIMEOUT, () => {
  test("signed out: sign-in, its field errors, and wrong credentials", async () => {
    const audit = accessibilityAudit();
    const page = await browser.newPage();
    await page.goto("/sign-in");
    await audit.check(page, "sign-in");

    await page.getByRole("button", { name: "Sign in" }).click();
    await page.locator(".field-error").first().waitFor();
    await audit.check(page, "sign-in with field errors");

    await page.getByLabel("Email").fill(DEMO.report);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").filter({ hasText: "do not match" }).waitFor();
    await audit.check(page, "sign-in after a wrong password");
    audit.expectClean();
  });

  test("passwords: forgot password and its answer, a spent link, the settings page", async () => {
    const audit = accessibilityAudit();
    const page = await browser.newPage();
    await page.goto("/sign-in");
    await follow(page, page.getByRole("link", { name: "Forgot your password?" }));
    await audit.check(page, "forgot password");
    await page.getByLabel("Email").fill("nobody@example.test");
    await page.getByRole("button", { name: "Send me a link" }).click();
    await page.getByRole("status").filter({ hasText: "a link is on its way" }).waitFor();
    await audit.check(page, "forgot password, sent");

    await page.goto(`/invite/${"x".repeat(43)}`);
    await page.getByRole("heading", { name: "This link no longer works" }).waitFor();
    await audit.check(page, "a spent invitation link");

    await signIn(page, DEMO.report);
    await page.goto("/settings");
    await page.getByRole("heading", { name: "Where you are signed in" }).waitFor();
    await audit.check(page, "settings");
    audit.expectClean();
  });

  test("report: home, checklist, goals, commitments, next 1:1, a stale save", async () => {
    const audit = accessibilityAudit();
    const page = await browser.newPage();
    await signIn(page, DEMO.report);
    await audit.check(page, "report /me");

    await follow(page, page.getByRole("link", { name: "Rate myself" }));
    await audit.check(page, "report checklist");

    await page.goto("/me");
    await follow(page, page.getByRole("link", { name: "Add a goal" }));
    await audit.check(page, "report new goal");
    await page.getByRole("button", { name: "Add goal" }).click();
    await page.locator(".field-error").first().waitFor();
    await audit.check(page, "report new goal with field errors");

    await page.goto("/me");
    await follow(page, page.getByRole("link", { name: "Propose a change" }));
    await audit.check(page, "report new commitment");

    await page.goto("/me");
    await follow(page, page.locator("section[aria-labelledby=my-commitments] a[href^='/commitments/']"));
    await audit.check(page, "report commitment page");

    await page.goto("/me");
    await follow(page, page.locator("section[aria-labelledby=next-1on1] a[href^='/meetings/']"));
    await audit.check(page, "report next 1:1");

    // A goal page, then the same goal saved from two tabs: the second save is stale (409).
    await page.goto("/me");
    const goalPath = await follow(page, page.locator("article.goal h3 a"));
    await audit.check(page, "report goal page");
    const stale = await page.context().newPage();
    await stale.goto(goalPath);
    await page.getByLabel("How you will know you got there").fill(`Measured in the first tab ${Date.now()}`);
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "Save goal" }).click(),
    ]);
    await page.waitForLoadState("networkidle");
    await stale.getByLabel("How you will know you got there").fill("Measured in the second tab");
    const [response] = await Promise.all([
      stale.waitForResponse((r) => r.request().method() === "POST"),
      stale.getByRole("button", { name: "Save goal" }).click(),
    ]);
    expect(response.status()).toBe(409);
    await stale.getByTestId("conflict").waitFor();
    await audit.check(stale, "report goal after a stale save");

    expect((await page.goto("/trends"))?.status()).toBe(403);
    await audit.check(page, "403 for a report");
    audit.expectClean();
  });
});
