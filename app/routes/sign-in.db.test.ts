import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { AppLoadContext } from "@remix-run/node";
import type { DatabaseHandle } from "#db/client";
import { hashPassword } from "~/auth/password.server";
import { useDatabaseForTests } from "~/services/db.server";
import { THROTTLE } from "~/services/sign-in.server";
import { createPerson } from "#tests/setup/db-builders";
import { createTestDatabase } from "#tests/setup/test-database";
import * as signInRoute from "./sign-in";

/**
 * The sign-in page and its throttle: wrong guesses are refused with 429 and Retry-After, and a
 * browser that signed in as someone keeps working for them whatever strangers try elsewhere.
 */

let handle: DatabaseHandle;
const PASSWORD = "correct horse battery";

beforeAll(async () => {
  handle = await createTestDatabase();
  useDatabaseForTests(handle);
  const passwordHash = await hashPassword(PASSWORD);
  await createPerson(handle.db, { email: "owner@throttle.test", passwordHash });
  await createPerson(handle.db, { email: "other@throttle.test", passwordHash });
});
afterAll(() => handle.close());

type Reply = {
  data: { error?: Record<string, string[] | null> | null };
  init: { status: number; headers?: Record<string, string> };
};

/** A sign-in POST from `address`, with the browser's cookies if any; the response or the data reply. */
async function postSignIn(email: string, password: string, address: string, cookie?: string) {
  const headers = new Headers();
  if (cookie) headers.set("Cookie", cookie);
  const request = new Request("http://rapport.test/sign-in", {
    method: "POST",
    headers,
    body: new URLSearchParams({ email, password }),
  });
  return signInRoute.action({ request, params: {}, context: { clientAddress: address } as AppLoadContext });
}

/** The Cookie header a browser would send back after this response. */
function cookiesFrom(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

const deviceCookieOf = (response: Response) =>
  response.headers.getSetCookie().find((c) => c.startsWith("__rapport_device="));

describe("signing in", () => {
  test("marks the browser with a signed, HttpOnly device cookie that lasts a year and names nobody", async () => {
    const response = (await postSignIn("owner@throttle.test", PASSWORD, "10.20.0.1")) as Response;
    expect(response.status).toBe(302);
    const device = deviceCookieOf(response)!;
    expect(device).toMatch(/; HttpOnly/);
    expect(device).toMatch(/; SameSite=Lax/);
    expect(device).toMatch(/Max-Age=31536000/);
    const value = decodeURIComponent(device.split(";")[0]!.split("=").slice(1).join("="));
    expect(Buffer.from(value.split(".")[0]!, "base64").toString()).not.toContain("owner");
  });

  test("a stranger's 50 wrong guesses from other addresses get 429 with Retry-After; the owner's browser still signs in", async () => {
    const ownBrowser = cookiesFrom((await postSignIn("owner@throttle.test", PASSWORD, "10.21.0.1")) as Response);

    const statuses: number[] = [];
    let last: Reply | undefined;
    for (let i = 0; i < 50; i++) {
      last = (await postSignIn("owner@throttle.test", `guess ${i}`, `10.22.${i}.1`)) as unknown as Reply;
      statuses.push(last.init.status);
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(THROTTLE.perEmail);
    expect(statuses.slice(THROTTLE.perEmail).every((s) => s === 429)).toBe(true);
    expect(Number(last!.init.headers?.["Retry-After"])).toBeGreaterThanOrEqual(60);
    // The route passes it on to the page's response.
    const actionHeaders = new Headers(last!.init.headers);
    const pageHeaders = new Headers(
      signInRoute.headers({
        actionHeaders,
        loaderHeaders: new Headers(),
        parentHeaders: new Headers(),
        errorHeaders: undefined,
      }),
    );
    expect(pageHeaders.get("Retry-After")).toBe(actionHeaders.get("Retry-After"));
    expect(last!.data.error?.[""]?.[0]).toMatch(/^Too many sign-in attempts\. Please wait \d+ minutes/);

    // A browser that never signed in as the owner is refused even with the right password...
    expect(((await postSignIn("owner@throttle.test", PASSWORD, "10.23.0.1")) as unknown as Reply).init.status).toBe(
      429,
    );
    // ...and so is one that signed in as someone else, or that forged a device cookie.
    const otherBrowser = cookiesFrom((await postSignIn("other@throttle.test", PASSWORD, "10.24.0.1")) as Response);
    expect(
      ((await postSignIn("owner@throttle.test", PASSWORD, "10.24.0.1", otherBrowser)) as unknown as Reply).init.status,
    ).toBe(429);
    const forged = `__rapport_device=${encodeURIComponent(Buffer.from(JSON.stringify({ id: "a".repeat(22), tag: "x" })).toString("base64"))}`;
    expect(
      ((await postSignIn("owner@throttle.test", PASSWORD, "10.24.0.2", forged)) as unknown as Reply).init.status,
    ).toBe(429);

    // The owner's own browser, from any address, signs in.
    const signedIn = (await postSignIn("owner@throttle.test", PASSWORD, "10.25.0.1", ownBrowser)) as Response;
    expect(signedIn.status).toBe(302);
    expect(signedIn.headers.getSetCookie().some((c) => c.startsWith("__rapport=") && c.length > 30)).toBe(true);
  });
});
