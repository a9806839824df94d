import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { count } from "drizzle-orm";
import type { DatabaseHandle } from "#db/client";
import { people } from "#db/schema";
import { createPerson } from "#tests/setup/db-builders";
import { createTestDatabase } from "#tests/setup/test-database";
import { findPersonByVerifiedEmail } from "./single-sign-on.server";

let handle: DatabaseHandle;
let adaId: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  adaId = (await createPerson(handle.db, { email: "ada@sso.test" })).id;
  await createPerson(handle.db, { email: "gone@sso.test", active: false });
});
afterAll(() => handle.close());

describe("findPersonByVerifiedEmail", () => {
  test("an active person's address signs them in, whatever its case and spacing", async () => {
    expect(await findPersonByVerifiedEmail(handle.db, " Ada@SSO.test ")).toEqual({ ok: true, personId: adaId });
  });

  test("a deactivated person's address is refused as deactivated", async () => {
    expect(await findPersonByVerifiedEmail(handle.db, "gone@sso.test")).toEqual({ ok: false, reason: "deactivated" });
  });

  test("an unknown address is refused, and no account is created for it", async () => {
    const before = await handle.db.select({ n: count() }).from(people);
    expect(await findPersonByVerifiedEmail(handle.db, "stranger@sso.test")).toEqual({ ok: false, reason: "unknown" });
    expect(await handle.db.select({ n: count() }).from(people)).toEqual(before);
  });

  test("a near miss is no match: no wildcard, no prefix", async () => {
    expect(await findPersonByVerifiedEmail(handle.db, "%@sso.test")).toEqual({ ok: false, reason: "unknown" });
    expect(await findPersonByVerifiedEmail(handle.db, "ada@sso.tes")).toEqual({ ok: false, reason: "unknown" });
  });
});
