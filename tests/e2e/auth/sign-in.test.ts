import { describe, expect, test } from "vitest";
import { DEMO, expectHeading, signIn, useBrowser } from "../browser";

const browser = useBrowser();

describe("each demo role signs in and lands on its home", () => {
  test.each([
    { who: "admin", email: DEMO.admin, path: "/admin/people", heading: /People/ },
    { who: "HR", email: DEMO.hr, path: "/trends", heading: /Engagement trends/ },
    { who: "manager", email: DEMO.manager, path: "/people", heading: /My people/ },
    { who: "other manager", email: DEMO.otherManager, path: "/people", heading: /My people/ },
    { who: "report", email: DEMO.report, path: "/me", heading: /^Me$/ },
  ])("$who lands on $path", async ({ email, path, heading }) => {
    const page = await browser.newPage();
    await signIn(page, email);
    expect(new URL(page.url()).pathname).toBe(path);
    await expectHeading(page, heading);
    await expect(page.getByTestId("viewer-name").textContent()).resolves.toBeTruthy();
  });
});

describe("sign-in refusals", () => {
  test("a wrong password gets a message that does not say whether the email exists", async () => {
    const page = await browser.newPage();
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(DEMO.report);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").waitFor();
    const known = await page.getByRole("alert").textContent();

    await page.getByLabel("Email").fill("nobody@demo.rapport");
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForLoadState("networkidle");
    expect(await page.getByRole("alert").textContent()).toBe(known);
    expect(known).toMatch(/do not match/);
  });

  test("every page but sign-in sends a stranger to sign in, and back after", async () => {
    const page = await browser.newPage();
    await page.goto("/me");
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    await page.getByLabel("Email").fill(DEMO.report);
    await page.getByLabel("Password").fill("rapport-demo");
    await Promise.all([page.waitForURL("**/me"), page.getByRole("button", { name: "Sign in" }).click()]);
  });

  test("sign-out ends the session", async () => {
    const page = await browser.newPage();
    await signIn(page, DEMO.report);
    await Promise.all([page.waitForURL("**/sign-in"), page.getByRole("button", { name: "Sign out" }).click()]);
    await page.goto("/me");
    expect(new URL(page.url()).pathname).toBe("/sign-in");
  });
});
