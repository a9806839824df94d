import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { serverUrl } from "../servers";
import { DEMO, signIn, useBrowser } from "../browser";
import { expectSecurityHeaders, http, signInOverHttp } from "../http";

/**
 * Every response of every kind carries the security headers: documents,
 * redirects, 403 and 404 pages, Remix data requests, CSV and calendar files,
 * static files. Documents run only scripts with their own response's nonce.
 */
const baseUrl = () => serverUrl();

interface Probe {
  path: string;
  status: number;
  /** A document: every script in it must carry the CSP's nonce. */
  document?: boolean;
  type?: RegExp;
}

async function expectProbe(cookie: string | undefined, who: string, probe: Probe): Promise<string> {
  const response = await http(baseUrl(), "GET", probe.path, { cookie });
  const label = `${who} GET ${probe.path}`;
  expect(response.status, label).toBe(probe.status);
  const nonce = expectSecurityHeaders(response, label);
  const body = await response.text();
  if (probe.type) expect(response.headers.get("content-type"), label).toMatch(probe.type);
  if (probe.document) {
    expect(response.headers.get("content-type"), label).toMatch(/^text\/html/);
    const scripts = body.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length, `${label}: Remix's scripts`).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, label).toContain(`nonce="${nonce}"`);
  }
  return body;
}

/** The first `/prefix/<uuid>` link on a page. */
function firstId(html: string, prefix: string): string {
  const id = html.match(new RegExp(`href="${prefix}/([0-9a-f-]{36})"`))?.[1];
  if (!id) throw new Error(`no ${prefix}/<id> link on the page`);
  return id;
}

const NO_SUCH_ID = "00000000-0000-4000-8000-000000000000";

describe("security headers on every response", () => {
  test("signed out: sign-in, a redirect, a 404, static files", async () => {
    const signInPage = await expectProbe(undefined, "stranger", { path: "/sign-in", status: 200, document: true });
    await expectProbe(undefined, "stranger", { path: "/me", status: 302 });
    await expectProbe(undefined, "stranger", { path: "/no/such/page", status: 404, document: true });
    await expectProbe(undefined, "stranger", { path: "/favicon.svg", status: 200, type: /image\/svg/ });
    const stylesheet = signInPage.match(/href="(\/assets\/[^"]+\.css)"/)?.[1];
    expect(stylesheet).toBeTruthy();
    await expectProbe(undefined, "stranger", { path: stylesheet!, status: 200, type: /text\/css/ });
  });

  test("each response gets its own nonce", async () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 3; i++) nonces.add(expectSecurityHeaders(await http(baseUrl(), "GET", "/sign-in"), "sign-in"));
    expect(nonces.size).toBe(3);
  });

  test("report: home, forms, a 1:1 and its calendar file, a data request, refused and missing pages", async () => {
    const { cookie, response } = await signInOverHttp(baseUrl(), DEMO.report);
    expectSecurityHeaders(response, "report sign-in redirect");
    const home = await expectProbe(cookie, "report", { path: "/me", status: 200, document: true });
    const meetingId = firstId(home, "/meetings");
    for (const probe of [
      { path: "/me/checklist", status: 200, document: true },
      { path: "/me/goals/new", status: 200, document: true },
      { path: "/me/commitments/new", status: 200, document: true },
      { path: `/meetings/${meetingId}`, status: 200, document: true },
      { path: `/meetings/${meetingId}/calendar.ics`, status: 200, type: /text\/calendar/ },
      { path: "/me.data", status: 200 },
      { path: "/trends", status: 403, document: true },
      { path: "/admin/people", status: 403, document: true },
      { path: `/people/${NO_SUCH_ID}`, status: 404, document: true },
      { path: "/no/such/page", status: 404, document: true },
    ]) {
      await expectProbe(cookie, "report", probe);
    }
  });

  test("manager: my people, an account and its pages, follow-ups, team trends and their CSV, calendar files", async () => {
    const { cookie } = await signInOverHttp(baseUrl(), DEMO.manager);
    await expectProbe(cookie, "manager", { path: "/", status: 302 });
    const people = await expectProbe(cookie, "manager", { path: "/people", status: 200, document: true });
    const personId = firstId(people, "/people");
    const account = await expectProbe(cookie, "manager", { path: `/people/${personId}`, status: 200, document: true });
    const meetingId = firstId(account, "/meetings");
    for (const probe of [
      { path: `/people/${personId}/checklist`, status: 200, document: true },
      { path: `/people/${personId}/rhythm`, status: 200, document: true },
      { path: `/people/${personId}/rhythm/calendar.ics`, status: 200, type: /text\/calendar/ },
      { path: `/meetings/${meetingId}`, status: 200, document: true },
      { path: `/meetings/${meetingId}/calendar.ics`, status: 200, type: /text\/calendar/ },
      { path: "/follow-ups", status: 200, document: true },
      { path: "/my-team/trends", status: 200, document: true },
      { path: "/my-team/trends.csv", status: 200, type: /text\/csv/ },
      { path: `/people/${NO_SUCH_ID}`, status: 404, document: true },
    ]) {
      await expectProbe(cookie, "manager", probe);
    }
  });

  test("HR: trends and their CSV; refused the admin pages", async () => {
    const { cookie } = await signInOverHttp(baseUrl(), DEMO.hr);
    await expectProbe(cookie, "hr", { path: "/trends", status: 200, document: true });
    await expectProbe(cookie, "hr", { path: "/trends.csv", status: 200, type: /text\/csv/ });
    await expectProbe(cookie, "hr", { path: "/admin/people", status: 403, document: true });
  });

  test("admin: people, a new person, teams, the import", async () => {
    const { cookie } = await signInOverHttp(baseUrl(), DEMO.admin);
    for (const path of ["/admin/people", "/admin/people/new", "/admin/teams", "/admin/import"]) {
      await expectProbe(cookie, "admin", { path, status: 200, document: true });
    }
    await expectProbe(cookie, "admin", { path: `/admin/people/${NO_SUCH_ID}`, status: 404, document: true });
  });
});

describe("the CSP holds in a real browser", () => {
  const browser = useBrowser();
  const violations = (page: Page) => page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
  // Zod asks once whether it may compile parsers with `new Function`; the CSP says no (there is
  // no 'unsafe-eval') and zod interprets instead. That refusal is the policy working, not a script of ours blocked.
  const blockedScripts = async (page: Page) => (await violations(page)).filter((v) => !v.includes(" eval at "));

  test("a manager's pages hydrate and navigate with no violation, and an injected inline script is blocked", async () => {
    const page = await browser.newPage();
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => {
        const w = window as unknown as { __csp?: string[] };
        (w.__csp ??= []).push(`${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`);
      });
    });
    await signIn(page, DEMO.manager);
    // A client-side navigation proves the scripts ran: the document is never reloaded.
    await page.evaluate(() => ((window as unknown as { __marker?: number }).__marker = 1));
    await page.locator("tbody th a").first().click();
    await page
      .getByRole("link", { name: /checklist/i })
      .first()
      .waitFor();
    expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(1);
    expect(await blockedScripts(page)).toEqual([]);

    // The control: a script without the nonce (what an injected one would be) does not run.
    await page.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "window.__injected = true";
      document.body.append(script);
    });
    await expect.poll(() => blockedScripts(page)).toHaveLength(1);
    expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
    expect((await blockedScripts(page))[0]).toMatch(/^script-src(-elem)? inline/);
  });
});
