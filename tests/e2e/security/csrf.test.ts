import { describe, expect, test } from "vitest";
import { serverUrl } from "../servers";
import { DEMO } from "../browser";
import { form, http, expectSecurityHeaders, signInOverHttp, type HttpOptions } from "../http";

/**
 * Every mutation must come from one of our own pages (app/http/same-origin.server.ts).
 * Each refusal is a 403 with a short message, and nothing is written: the page
 * is read again to prove it. Each case ends with the same request from our own
 * origin, which does write, so the refusals cannot pass by posting nonsense.
 */
const baseUrl = () => serverUrl();
const stamp = Date.now().toString(36);

const FOREIGN: Array<[string, HttpOptions]> = [
  ["another site's Origin", { origin: "https://evil.example" }],
  ["another port on our host", { origin: baseUrl().replace(/:(\d+)$/, (_, p) => `:${Number(p) + 1}`) }],
  ['the "null" Origin', { origin: "null" }],
  ["neither Origin nor Referer", { origin: null }],
  ["no Origin and another site's Referer", { origin: null, referer: "https://evil.example/attack.html" }],
];

async function expectRefused(response: Response, label: string) {
  expect(response.status, label).toBe(403);
  expectSecurityHeaders(response, label);
  const text = await response.text();
  expect(text, label).toMatch(/^Refused: /);
  expect(text.length, label).toBeLessThan(200);
  expect(response.headers.getSetCookie(), label).toEqual([]);
}

async function page(path: string, cookie: string): Promise<string> {
  const response = await http(baseUrl(), "GET", path, { cookie });
  expect(response.status, path).toBe(200);
  return response.text();
}

describe("mutations from anywhere but our own pages are refused and write nothing", () => {
  test("a report's new goal, as a form post and as a Remix data request", async () => {
    const { cookie } = await signInOverHttp(baseUrl(), DEMO.report);
    const title = `CSRF probe goal ${stamp}`;
    for (const [label, options] of FOREIGN) {
      for (const path of ["/me/goals/new", "/me/goals/new.data"]) {
        await expectRefused(
          await http(baseUrl(), "POST", path, { ...options, cookie, body: form({ title }) }),
          `${label} ${path}`,
        );
      }
    }
    expect(await page("/me", cookie)).not.toContain(title);

    // Our own page's Referer, without Origin, is accepted (older browsers), as is our Origin.
    const viaReferer = await http(baseUrl(), "POST", "/me/goals/new", {
      origin: null,
      referer: `${baseUrl()}/me/goals/new`,
      cookie,
      body: form({ title: `${title} A` }),
    });
    expect(viaReferer.status).toBe(302);
    const viaOrigin = await http(baseUrl(), "POST", "/me/goals/new", { cookie, body: form({ title: `${title} B` }) });
    expect(viaOrigin.status).toBe(302);
    const home = await page("/me", cookie);
    expect(home).toContain(`${title} A`);
    expect(home).toContain(`${title} B`);
  });

  test("a private topic on the report's next 1:1", async () => {
    const { cookie } = await signInOverHttp(baseUrl(), DEMO.report);
    const meetingId = (await page("/me", cookie)).match(/href="\/meetings\/([0-9a-f-]{36})"/)?.[1];
    expect(meetingId).toBeTruthy();
    const path = `/meetings/${meetingId}`;
    const title = `CSRF probe topic ${stamp}`;
    const body = () => form({ intent: "add-topic", title, private: "on", redirectTo: path });
    for (const [label, options] of FOREIGN)
      await expectRefused(await http(baseUrl(), "POST", path, { ...options, cookie, body: body() }), label);
    expect(await page(path, cookie)).not.toContain(title);

    expect((await http(baseUrl(), "POST", path, { cookie, body: body() })).status).toBe(302);
    expect(await page(path, cookie)).toContain(title);
  });

  test("an admin's new team", async () => {
    const { cookie } = await signInOverHttp(baseUrl(), DEMO.admin);
    const name = `CSRF probe team ${stamp}`;
    for (const [label, options] of FOREIGN) {
      await expectRefused(
        await http(baseUrl(), "POST", "/admin/teams", { ...options, cookie, body: form({ name }) }),
        label,
      );
    }
    expect(await page("/admin/teams", cookie)).not.toContain(name);

    expect((await http(baseUrl(), "POST", "/admin/teams", { cookie, body: form({ name }) })).status).toBe(302);
    expect(await page("/admin/teams", cookie)).toContain(name);
  });

  test("the org-chart import (a multipart upload)", async () => {
    const { cookie } = await signInOverHttp(baseUrl(), DEMO.admin);
    const email = `csrf.probe.${stamp}@demo.rapport`;
    const upload = (intent: "import" | "preview") => {
      const data = new FormData();
      data.set("csv", `email,name,team,manager_email,roles\n${email},CSRF Probe ${stamp},,,\n`);
      data.set("intent", intent);
      return data;
    };
    for (const [label, options] of FOREIGN) {
      await expectRefused(
        await http(baseUrl(), "POST", "/admin/import", { ...options, cookie, body: upload("import") }),
        label,
      );
    }
    // A preview from our own page would create the person: so none of the above did.
    const preview = await http(baseUrl(), "POST", "/admin/import", { cookie, body: upload("preview") });
    expect(preview.status).toBe(200);
    expect((await preview.text()).replaceAll("<!-- -->", "")).toMatch(/this would create 1 new, 0 changed/);
  });

  test("sign-in from another site sets no session", async () => {
    for (const [label, options] of FOREIGN) {
      const response = await http(baseUrl(), "POST", "/sign-in", {
        ...options,
        body: form({ email: DEMO.report, password: "rapport-demo" }),
      });
      await expectRefused(response, label);
    }
  });

  test("sign-out from another site leaves the session alone", async () => {
    const { cookie } = await signInOverHttp(baseUrl(), DEMO.report);
    for (const [label, options] of FOREIGN)
      await expectRefused(await http(baseUrl(), "POST", "/sign-out", { ...options, cookie }), label);
    expect((await http(baseUrl(), "GET", "/me", { cookie })).status).toBe(200);
  });

  test("safe methods are never refused for their Origin", async () => {
    const response = await http(baseUrl(), "GET", "/sign-in", { headers: { Origin: "https://evil.example" } });
    expect(response.status).toBe(200);
  });
});
