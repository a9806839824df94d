import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { AppLoadContext } from "@remix-run/node";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "#db/client";
import { people } from "#db/schema";
import { hashPassword } from "~/auth/password.server";
import { useDatabaseForTests } from "~/services/db.server";
import { createPerson } from "#tests/setup/db-builders";
import { actionArgs, loaderArgs } from "#tests/setup/requests";
import { createTestDatabase } from "#tests/setup/test-database";
import * as root from "~/root";
import * as settings from "./settings";
import * as signIn from "./sign-in";

/**
 * A person's time zone: guessed from the browser at sign-in while they have
 * chosen none, chosen in settings (a name Intl does not know is refused and
 * nothing is stored), and named by the root loader for every page.
 */

let handle: DatabaseHandle;
const PASSWORD = "correct horse battery";
let passwordHash: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  useDatabaseForTests(handle);
  passwordHash = await hashPassword(PASSWORD);
});
afterAll(() => handle.close());

const zoneOf = async (id: string) =>
  (
    await handle.db
      .select({ timeZone: people.timeZone, source: people.timeZoneSource, version: people.version })
      .from(people)
      .where(eq(people.id, id))
  )[0]!;

async function signInFrom(email: string, timeZone?: string) {
  const body = new URLSearchParams({ email, password: PASSWORD });
  if (timeZone !== undefined) body.set("timeZone", timeZone);
  const request = new Request("http://rapport.test/sign-in", { method: "POST", body });
  return (await signIn.action({
    request,
    params: {},
    context: { clientAddress: "10.9.0.1" } as AppLoadContext,
  })) as Response;
}

type Reply = { data: { error?: Record<string, string[] | null> | null }; init: { status: number } };

async function choose(personId: string, timeZone: string) {
  return settings.action(await actionArgs(personId, "/settings", { intent: "time-zone", timeZone }));
}

describe("the first sign-in guesses the zone from the browser", () => {
  test("a person who never chose one takes the browser's zone, as Intl spells it", async () => {
    const p = await createPerson(handle.db, { email: "guess@tz.test", passwordHash });
    expect(await zoneOf(p.id)).toMatchObject({ timeZone: "UTC", source: null });
    expect((await signInFrom("guess@tz.test", "america/new_york")).status).toBe(302);
    expect(await zoneOf(p.id)).toMatchObject({ timeZone: "America/New_York", source: "guessed" });
  });

  test("the same guess again writes nothing; a browser elsewhere moves a guessed zone", async () => {
    const p = await createPerson(handle.db, { email: "again@tz.test", passwordHash });
    await signInFrom("again@tz.test", "Europe/Berlin");
    const before = await zoneOf(p.id);
    await signInFrom("again@tz.test", "Europe/Berlin");
    expect(await zoneOf(p.id)).toEqual(before);
    await signInFrom("again@tz.test", "Asia/Tokyo");
    expect(await zoneOf(p.id)).toMatchObject({ timeZone: "Asia/Tokyo", source: "guessed" });
  });

  test("never overrides a zone the person chose", async () => {
    const p = await createPerson(handle.db, { email: "chosen@tz.test", passwordHash });
    await choose(p.id, "Europe/Berlin");
    expect((await signInFrom("chosen@tz.test", "America/New_York")).status).toBe(302);
    expect(await zoneOf(p.id)).toMatchObject({ timeZone: "Europe/Berlin", source: "chosen" });
  });

  test("an odd or missing guess is ignored and the sign-in still works", async () => {
    const p = await createPerson(handle.db, { email: "odd@tz.test", passwordHash });
    for (const guess of ["Mars/Olympus", "x".repeat(5000), "", undefined]) {
      expect((await signInFrom("odd@tz.test", guess)).status).toBe(302);
    }
    expect(await zoneOf(p.id)).toMatchObject({ timeZone: "UTC", source: null });
  });

  test("a refused sign-in stores nothing", async () => {
    const p = await createPerson(handle.db, { email: "wrong@tz.test", passwordHash });
    const body = new URLSearchParams({ email: "wrong@tz.test", password: "not it at all", timeZone: "Asia/Tokyo" });
    const request = new Request("http://rapport.test/sign-in", { method: "POST", body });
    await signIn.action({ request, params: {}, context: { clientAddress: "10.9.0.2" } as AppLoadContext });
    expect(await zoneOf(p.id)).toMatchObject({ timeZone: "UTC", source: null });
  });
});

describe("choosing a zone in settings", () => {
  test("a known zone is saved as chosen and the page says so", async () => {
    const p = await createPerson(handle.db, { email: "settings@tz.test", passwordHash });
    const response = (await choose(p.id, "europe/berlin")) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/settings?saved=time-zone");
    expect(await zoneOf(p.id)).toMatchObject({ timeZone: "Europe/Berlin", source: "chosen" });
  });

  test("an unknown zone is refused with a clear message on the field, and nothing is stored", async () => {
    const p = await createPerson(handle.db, { email: "unknown@tz.test", passwordHash });
    await choose(p.id, "Asia/Tokyo");
    const before = await zoneOf(p.id);
    for (const bad of ["Mars/Olympus_Mons", "Europe/Berlin'; drop table people; --", "x".repeat(300)]) {
      const reply = (await choose(p.id, bad)) as unknown as Reply;
      expect(reply.init.status).toBe(400);
      expect(reply.data.error?.timeZone?.[0]).toMatch(/time zone/i);
    }
    expect((await choose(p.id, "Mars/Olympus_Mons")) as unknown as Reply).toMatchObject({
      data: { error: { timeZone: ["“Mars/Olympus_Mons” is not a time zone we know. Choose one from the list."] } },
    });
    expect(await zoneOf(p.id)).toEqual(before);
  });

  test("the settings page offers every zone with the saved one selected; the root names the zone for every page", async () => {
    const p = await createPerson(handle.db, { email: "page@tz.test", passwordHash });
    await choose(p.id, "America/New_York");
    const page = await settings.loader(await loaderArgs(p.id, "/settings"));
    expect(page.timeZone).toMatchObject({ timeZone: "America/New_York", chosen: true });
    expect(page.timeZone.choices.flatMap((g) => g.zones.map((z) => z.value))).toEqual(
      expect.arrayContaining(["UTC", "Europe/Berlin", "America/New_York"]),
    );
    expect((await root.loader(await loaderArgs(p.id, "/"))).timeZone).toBe("America/New_York");
    expect((await root.loader(await loaderArgs(null, "/"))).timeZone).toBe("UTC");
  });

  test("the database refuses a zone name of the wrong shape even past the app", async () => {
    const p = await createPerson(handle.db, { email: "shape@tz.test" });
    await expect(
      handle.db.update(people).set({ timeZone: "'; select 1" }).where(eq(people.id, p.id)),
    ).rejects.toThrow();
  });
});
