import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startOidcProvider, signInAtProvider, type RunningProvider } from "../../setup/oidc-provider";
import { DEMO, DEMO_PASSWORD, expectHeading, useBrowser } from "../browser";
import { form, http } from "../http";
import { startServer, type RunningServer } from "../server";

/**
 * Single sign-on in a real browser: a second app server of this file's own,
 * with OIDC_* pointed at a real OpenID provider started here (on 127.0.0.1,
 * another site than the app's localhost) and password sign-in turned off.
 */

const browser = useBrowser();
const PROVIDER = "Test IdP";
let provider: RunningProvider;
let app: RunningServer;

beforeAll(async () => {
  // ID tokens that carry the e-mail claims themselves; the HTTP-level tests cover the UserInfo path.
  provider = await startOidcProvider({
    conformIdTokenClaims: false,
    accounts: { "unverified@demo.rapport": { email: "unverified@demo.rapport", email_verified: false } },
  });
  app = await startServer({
    port: 0,
    env: {
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: provider.clientId,
      OIDC_CLIENT_SECRET: provider.clientSecret,
      OIDC_NAME: PROVIDER,
      RAPPORT_PASSWORD_SIGN_IN: "off",
    },
  });
  provider.allowRedirectUri(`${app.baseUrl}/auth/oidc/callback`);
});
afterAll(async () => {
  await app?.stop();
  await provider?.stop();
});

const newPage = () => browser.newPage({ baseUrl: app.baseUrl });
const atProvider = (url: URL) => url.origin === provider.issuer;
const atApp = (url: URL) => url.origin === new URL(app.baseUrl).origin;

/** From the page `from` (sign-in, or a page that sends there) through the provider's sign-in form as `email`, back to the app. */
async function signInWithProvider(page: Page, email: string, from = "/sign-in"): Promise<void> {
  await page.goto(from);
  await Promise.all([
    page.waitForURL(atProvider),
    page.getByRole("link", { name: `Sign in with ${PROVIDER}` }).click(),
  ]);
  await page.locator('input[name="login"]').fill(email);
  await page.locator('input[name="password"]').fill("any password");
  await Promise.all([page.waitForURL(atApp), page.getByRole("button", { name: "Sign-in" }).click()]);
  await page.waitForLoadState("networkidle");
}

describe("with password sign-in off", () => {
  test("the sign-in page offers only the provider", async () => {
    const page = await newPage();
    await page.goto("/sign-in");
    await page.getByRole("link", { name: `Sign in with ${PROVIDER}` }).waitFor();
    expect(await page.getByLabel("Password").count()).toBe(0);
    expect(await page.getByRole("button", { name: "Sign in", exact: true }).count()).toBe(0);
  });

  test("a password POST is refused with 403 and told why", async () => {
    const response = await http(app.baseUrl, "POST", "/sign-in", {
      body: form({ email: DEMO.report, password: DEMO_PASSWORD }),
    });
    expect(response.status).toBe(403);
    expect(response.headers.getSetCookie().some((c) => c.startsWith("__rapport="))).toBe(false);
    expect(await response.text()).toContain(`Signing in with a password is turned off here. Sign in with ${PROVIDER}.`);
  });
});

describe("signing in with the provider", () => {
  test("a verified address of an active person lands on their home, signed in", async () => {
    const page = await newPage();
    await signInWithProvider(page, DEMO.report);
    expect(new URL(page.url()).pathname).toBe("/me");
    await expectHeading(page, /^Me$/);
    await expect(page.getByTestId("viewer-name").textContent()).resolves.toBeTruthy();
  });

  test("a page that sent the person to sign in is where they come back to", async () => {
    const page = await newPage();
    await signInWithProvider(page, DEMO.report, "/me/checklist");
    expect(new URL(page.url()).pathname).toBe("/me/checklist");
  });

  test("a redirectTo to another host is ignored: they land on home", async () => {
    const page = await newPage();
    await signInWithProvider(
      page,
      DEMO.report,
      `/sign-in?${new URLSearchParams({ redirectTo: "https://evil.example/" })}`,
    );
    expect(atApp(new URL(page.url()))).toBe(true);
    expect(new URL(page.url()).pathname).toBe("/me");
  });
});

describe("refusals", () => {
  test("an unknown address is refused with a clear message, and no account is created", async () => {
    const page = await newPage();
    await signInWithProvider(page, "stranger@demo.rapport");
    await expectHeading(page, "No Rapport account");
    expect(await page.getByRole("alert").textContent()).toMatch(
      /No Rapport account uses the address stranger@demo\.rapport\. Signing in does not create accounts/,
    );
    expect(await page.getByTestId("viewer-name").count()).toBe(0);

    const admin = await newPage();
    await signInWithProvider(admin, DEMO.admin);
    await admin.goto("/admin/people?q=stranger%40demo.rapport&inactive=1");
    await expectHeading(admin, /People/);
    expect(await admin.locator("tbody tr").count()).toBe(0);
  });

  test("an address the provider has not verified is refused", async () => {
    const page = await newPage();
    await signInWithProvider(page, "unverified@demo.rapport");
    await expectHeading(page, "E-mail address not verified");
  });

  test("a deactivated person is refused", async () => {
    const admin = await newPage();
    await signInWithProvider(admin, DEMO.admin);
    await admin.goto(`/admin/people?q=${encodeURIComponent(DEMO.hr)}`);
    await admin.locator("tbody th a").first().click();
    await Promise.all([
      admin.waitForLoadState("networkidle"),
      admin.getByRole("button", { name: "Deactivate" }).click(),
    ]);
    await admin.getByRole("button", { name: "Reactivate" }).waitFor();

    const page = await newPage();
    await signInWithProvider(page, DEMO.hr);
    await expectHeading(page, "Account deactivated");
    expect(await page.getByRole("alert").textContent()).toMatch(
      /The Rapport account for hr@demo\.rapport is deactivated/,
    );
  });

  test("an answer whose state was tampered with is refused, though its code is real", async () => {
    const page = await newPage();
    await page.goto("/sign-in");
    // The browser starts the sign-in (and holds its flow cookie); the provider's answer is fetched aside and altered.
    const [authorization] = await Promise.all([
      page.waitForRequest((request) => request.url().startsWith(`${provider.issuer}/auth?`)),
      page.getByRole("link", { name: `Sign in with ${PROVIDER}` }).click(),
    ]);
    const back = await signInAtProvider(authorization.url(), DEMO.report);
    const state = back.searchParams.get("state")!;
    back.searchParams.set("state", `${state.startsWith("x") ? "y" : "x"}${state.slice(1)}`);
    const response = await page.goto(back.href);
    expect(response?.status()).toBe(400);
    await expectHeading(page, "This sign-in link is not valid");
    expect(await page.getByTestId("viewer-name").count()).toBe(0);
  });
});
