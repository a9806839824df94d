import { expect, test } from "vitest";
import { serverUrl } from "../servers";
import { DEMO, DEMO_PASSWORD } from "../browser";

/**
 * Text a person stores comes back as text, never as markup.
 * Hostile titles go in through the real forms of the built server (a goal,
 * a 1:1 topic, a shared note), and every page that shows them, as the report
 * and as the manager, must carry them escaped: the raw markup appears nowhere
 * in the HTML, not in the body and not in the data Remix serializes into the
 * page for hydration. Plain HTTP: what a browser would parse is the HTML.
 *
 * Every POST carries Origin, as a browser's form post does (and a CSRF check will require).
 */

const baseUrl = () => serverUrl();
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

async function signIn(email: string): Promise<string> {
  const response = await post("", "/sign-in", { email, password: DEMO_PASSWORD });
  expect(response.status).toBe(302);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0] ?? "")
    .find((c) => c.startsWith("__rapport="));
  expect(cookie).toBeTruthy();
  return cookie!;
}

function post(cookie: string, path: string, form: Record<string, string>): Promise<Response> {
  return fetch(baseUrl() + path, {
    method: "POST",
    redirect: "manual",
    headers: { Cookie: cookie, Origin: baseUrl(), "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form),
  });
}

async function page(cookie: string, path: string): Promise<string> {
  const response = await fetch(baseUrl() + path, { headers: { Cookie: cookie }, redirect: "manual" });
  expect(response.status, path).toBe(200);
  return response.text();
}

/** What React writes for text content and attribute values. */
const escaped = (text: string) =>
  text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#x27;");

test("hostile text in a goal, a topic and a note is stored as typed and rendered escaped on every page that shows it", async () => {
  const stamp = Date.now().toString(36);
  const goal = `<script>alert("goal ${stamp}")</script>`;
  const topic = `"><img src=x onerror=alert(1)> topic ${stamp}`;
  const note = `</textarea><svg onload=alert(1)> note ${stamp} & 'quotes'`;
  // Each must not appear raw; these fragments would be live markup if they did.
  const raw = [goal, `<img src=x onerror=alert(1)>`, `<svg onload=alert(1)>`, `</textarea><svg`];

  const report = await signIn(DEMO.report);
  const manager = await signIn(DEMO.manager);

  expect(
    (await post(report, "/me/goals/new", { title: goal, whyItMatters: "", successMeasure: "", targetDate: "" })).status,
  ).toBe(302);
  const home = await page(report, "/me");
  const meetingId = new RegExp(`action="/meetings/(${UUID})"`).exec(home)?.[1];
  const goalId = new RegExp(`href="/me/goals/(${UUID})"[^>]*>${escapeRegExp(escaped(goal))}<`).exec(home)?.[1];
  expect(meetingId, "the report's next 1:1 on /me").toBeTruthy();
  expect(goalId, "the new goal on /me, escaped").toBeTruthy();

  expect(
    (await post(report, `/meetings/${meetingId}`, { intent: "add-topic", title: topic, details: "" })).status,
  ).toBe(302);
  expect(
    (await post(report, `/meetings/${meetingId}`, { intent: "add-note", visibility: "shared", body: note })).status,
  ).toBe(302);

  const pages: [string, string, string[]][] = [
    [report, "/me", [goal]],
    [report, `/me/goals/${goalId}`, [goal]],
    [report, `/meetings/${meetingId}`, [topic, note]],
    [manager, `/meetings/${meetingId}`, [topic, note]],
  ];
  // The manager's account page of the report lists the goal; find the right report by the goal's presence.
  for (const match of (await page(manager, "/people")).matchAll(new RegExp(`href="/people/(${UUID})"`, "g"))) {
    const html = await page(manager, `/people/${match[1]}`);
    if (html.includes(escaped(goal))) pages.push([manager, `/people/${match[1]}`, [goal]]);
  }
  expect(pages.length, "the manager's account page shows the goal").toBe(5);

  for (const [cookie, path, shown] of pages) {
    const html = await page(cookie, path);
    for (const text of shown) expect(html, `${path} shows it escaped`).toContain(escaped(text));
    for (const fragment of raw) expect(html, `${path} never carries it raw`).not.toContain(fragment);
  }
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
