// Choosing messages on /settings, and the one-click unsubscribe page, in a browser (axe at both
// widths); the RFC 8058 POST as a mail provider's server sends it, from no page of ours.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { openAndMigrate } from "#db/configured";
import { messagePreferences, people } from "#db/schema";
import { issueUnsubscribeToken } from "~/services/messages/preferences.server";
import { accessibilityAudit } from "../axe";
import { DEMO, signIn, useBrowser } from "../browser";
import { startServer, type RunningServer } from "../server";
import { throwawayDatabase } from "../throwaway-database";

const browser = useBrowser();
const database = throwawayDatabase("messages");
const databaseUrl = database.url;

let handle: DatabaseHandle;
let server: RunningServer;

beforeAll(async () => {
  await database.create();
  server = await startServer({ port: 0, databaseUrl });
  handle = await openAndMigrate({ url: databaseUrl, dataDir: "unused" });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await handle?.close();
  await database.drop();
});

const preferencesOf = async (email: string) => {
  const [person] = await handle.db.select().from(people).where(eq(people.email, email));
  const [row] = await handle.db.select().from(messagePreferences).where(eq(messagePreferences.personId, person!.id));
  return { person: person!, row };
};

test(
  "a person turns a message off and changes a lead time on /settings; the page says so",
  { timeout: 90_000 },
  async () => {
    const audit = accessibilityAudit();
    const page = await browser.newPage({ baseUrl: server.baseUrl });
    await signIn(page, DEMO.manager);
    await page.goto("/settings");
    await page.getByRole("heading", { name: "Messages from Rapport" }).waitFor();
    await audit.check(page, "settings with messages");
    await page.getByLabel("the weekly digest of the people you manage").uncheck();
    await page.getByLabel("Remind me of a 1:1 with someone I manage").selectOption({ label: "2 hours before" });
    await page.getByLabel("Weekly digest on").selectOption({ label: "Friday" });
    await page.getByRole("button", { name: "Save messages" }).click();
    await page.getByRole("status").filter({ hasText: "Your choice of messages is saved." }).waitFor();
    await audit.check(page, "settings, messages saved");
    expect(await page.getByLabel("the weekly digest of the people you manage").isChecked()).toBe(false);
    const { row } = await preferencesOf(DEMO.manager);
    expect(row).toMatchObject({ weeklyDigest: false, managerLeadMinutes: 120, digestWeekday: 5, reportReminder: true });
    audit.expectClean();
  },
);

test(
  "the unsubscribe link: GET shows a button, which unsubscribes; a mail provider's one-click POST does too",
  { timeout: 90_000 },
  async () => {
    const audit = accessibilityAudit();
    const { person } = await preferencesOf(DEMO.report);
    const token = await issueUnsubscribeToken(handle.db, person.id, "report-reminder", new Date());
    const page = await browser.newPage({ baseUrl: server.baseUrl });
    await page.goto(`/unsubscribe/${token}`);
    await page.getByRole("heading", { name: "Unsubscribe" }).waitFor();
    await audit.check(page, "unsubscribe");
    expect((await preferencesOf(DEMO.report)).row).toBeUndefined();
    await page.getByRole("button", { name: "Unsubscribe" }).click();
    await page.getByRole("heading", { name: "You are unsubscribed" }).waitFor();
    await audit.check(page, "unsubscribed");
    expect((await preferencesOf(DEMO.report)).row).toMatchObject({ reportReminder: false, managerReminder: true });

    // As a mail provider sends it (RFC 8058): from its own server, with no Origin of ours.
    const other = await issueUnsubscribeToken(handle.db, person.id, "follow-ups", new Date());
    const oneClick = await fetch(`${server.baseUrl}/unsubscribe/${other}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://mail.example.net" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(oneClick.status).toBe(200);
    expect((await preferencesOf(DEMO.report)).row).toMatchObject({ reportReminder: false, followUps: false });

    // A wrong token is 404; the exemption is that one path: a cross-site post elsewhere is still refused.
    expect((await fetch(`${server.baseUrl}/unsubscribe/${"A".repeat(43)}`)).status).toBe(404);
    const wrong = await fetch(`${server.baseUrl}/unsubscribe/${"A".repeat(43)}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://mail.example.net" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(wrong.status).toBe(404);
    const elsewhere = await fetch(`${server.baseUrl}/settings`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://mail.example.net" },
      body: "intent=sign-out-everywhere",
    });
    expect(elsewhere.status).toBe(403);
    audit.expectClean();
  },
);
