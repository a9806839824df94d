import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { serverUrl } from "./servers";

export const DEMO_PASSWORD = "rapport-demo";
export const DEMO = {
  admin: "admin@demo.rapport",
  hr: "hr@demo.rapport",
  manager: "manager@demo.rapport",
  report: "report@demo.rapport",
  otherManager: "other.manager@demo.rapport",
} as const;

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * One browser per test file; each journey gets its own context (its own
 * cookies), so tests never share a session.
 */
export function useBrowser() {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      // The machine has no outside network: keep Chromium from reaching for it.
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
  });
  return {
    baseUrl: () => serverUrl(),
    /**
     * A fresh page in a fresh context, failing the test on any page error; `baseUrl` for a server of the
     * test's own, `timezoneId` for a browser somewhere else than the machine (it reports that zone).
     */
    async newPage(options: { baseUrl?: string; timezoneId?: string } = {}): Promise<Page> {
      if (!browser) throw new Error("browser not started");
      const context = await browser.newContext({
        baseURL: options.baseUrl ?? serverUrl(),
        ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
      });
      contexts.push(context);
      const page = await context.newPage();
      page.on("pageerror", (error) => {
        throw error;
      });
      return page;
    },
  };
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith("/sign-in")),
    page.getByRole("button", { name: "Sign in" }).click(),
  ]);
  // "/" redirects on to the role's home: wait until that has settled too.
  await page.waitForLoadState("networkidle");
  await page.getByRole("heading", { level: 1 }).first().waitFor();
}

export async function expectHeading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole("heading", { level: 1, name }).waitFor();
  expect(await page.getByRole("heading", { level: 1 }).first().textContent()).toMatch(name);
}
