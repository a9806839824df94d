import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { messagePreferences } from "#db/schema";
import { DEFAULT_PREFERENCES } from "~/domain/messages";
import { useDatabaseForTests } from "~/services/db.server";
import { getMessagePreferences, issueUnsubscribeToken } from "~/services/messages/preferences.server";
import { createPerson } from "#tests/setup/db-builders";
import { actionArgs, loaderArgs, statusOf } from "#tests/setup/requests";
import { createTestDatabase } from "#tests/setup/test-database";
import * as settings from "./settings";
import * as unsubscribePage from "./unsubscribe.$token";

/** /settings' messages form, and the one-click unsubscribe page (RFC 8058), through their routes. */

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
  useDatabaseForTests(handle);
});
afterAll(() => handle.close());

type Reply = { data: { error?: Record<string, string[] | null> | null }; init: { status: number } };
const form = (values: Record<string, string | string[]>) => ({
  intent: "messages",
  reportLeadMinutes: "1440",
  managerLeadMinutes: "60",
  digestWeekday: "1",
  digestHour: "8",
  ...values,
});

describe("the messages form on /settings", () => {
  test("shows the defaults, saves every choice, and a second copy of the same post writes once", async () => {
    const p = await createPerson(handle.db);
    const page = (await settings.loader(await loaderArgs(p.id, "/settings"))) as { messages: unknown };
    expect(page.messages).toEqual({ ...DEFAULT_PREFERENCES, zone: "UTC" });

    const post = form({
      kinds: ["report-reminder", "weekly-digest"],
      reportLeadMinutes: "120",
      digestWeekday: "5",
      digestHour: "16",
      submissionKey: "seed-12345:r1:",
    });
    const saved = (await settings.action(await actionArgs(p.id, "/settings", post))) as Response;
    expect(saved.headers.get("Location")).toBe("/settings?saved=messages");
    const again = (await settings.action(await actionArgs(p.id, "/settings", post))) as Response;
    expect(again.headers.get("Location")).toBe("/settings?saved=messages");
    expect(await getMessagePreferences(handle.db, p.id)).toEqual({
      ...DEFAULT_PREFERENCES,
      managerReminder: false,
      followUps: false,
      reportLeadMinutes: 120,
      digestWeekday: 5,
      digestHour: 16,
    });
    const rows = await handle.db.select().from(messagePreferences);
    expect(rows.find((r) => r.personId === p.id)!.version).toBe(1);
  });

  test("a lead time not offered, or an hour out of range, is refused and says why; nothing is stored", async () => {
    const p = await createPerson(handle.db);
    const refused = (await settings.action(
      await actionArgs(p.id, "/settings", form({ reportLeadMinutes: "7" })),
    )) as unknown as Reply;
    expect(refused.init.status).toBe(400);
    expect(refused.data.error?.reportLeadMinutes).toEqual(["Choose one of the lead times offered."]);
    const late = (await settings.action(
      await actionArgs(p.id, "/settings", form({ digestHour: "24" })),
    )) as unknown as Reply;
    expect(late.init.status).toBe(400);
    expect(await getMessagePreferences(handle.db, p.id)).toEqual(DEFAULT_PREFERENCES);
  });
});

describe("/unsubscribe/<token>", () => {
  test("GET shows the button and changes nothing; the one-click POST unsubscribes without a session", async () => {
    const p = await createPerson(handle.db);
    const token = await issueUnsubscribeToken(handle.db, p.id, "weekly-digest", new Date());
    const shown = (await unsubscribePage.loader(await loaderArgs(null, `/unsubscribe/${token}`, { token }))) as {
      data: { what: string; done: boolean };
    };
    expect(shown.data).toEqual({ what: "the weekly digest of the people you manage", done: false, errors: [] });
    expect((await getMessagePreferences(handle.db, p.id)).weeklyDigest).toBe(true);

    // A post without the one-click field (not what RFC 8058 sends) changes nothing.
    const bare = await actionArgs(null, `/unsubscribe/${token}`, { other: "x" }, { token });
    expect(await statusOf(() => unsubscribePage.action(bare))).toBe(400);
    expect((await getMessagePreferences(handle.db, p.id)).weeklyDigest).toBe(true);

    const oneClick = await actionArgs(null, `/unsubscribe/${token}`, { "List-Unsubscribe": "One-Click" }, { token });
    const done = (await unsubscribePage.action(oneClick)) as { data: { done: boolean } };
    expect(done.data.done).toBe(true);
    expect(await getMessagePreferences(handle.db, p.id)).toEqual({ ...DEFAULT_PREFERENCES, weeklyDigest: false });
  });

  test("a wrong token answers 404, by GET and by POST", async () => {
    for (const token of ["A".repeat(43), "nope"]) {
      expect(
        await statusOf(async () => unsubscribePage.loader(await loaderArgs(null, `/unsubscribe/${token}`, { token }))),
      ).toBe(404);
      const post = await actionArgs(null, `/unsubscribe/${token}`, { "List-Unsubscribe": "One-Click" }, { token });
      expect(await statusOf(() => unsubscribePage.action(post))).toBe(404);
    }
  });
});
