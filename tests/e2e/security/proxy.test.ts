import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { form, http } from "../http";
import { startServer, type RunningServer } from "../server";

/**
 * Behind one trusted proxy (RAPPORT_TRUST_PROXY=1) the client's address is the one that proxy appended
 * to X-Forwarded-For; whatever the client wrote before it is never read (app/http/proxy.server.ts). So
 * random values from one client all count against that one address in the sign-in throttle.
 */
let proxied: RunningServer;
beforeAll(async () => {
  proxied = await startServer({ port: 0, env: { RAPPORT_TRUST_PROXY: "1" } });
});
afterAll(() => proxied?.stop());

const PER_ADDRESS = 30;
const randomAddress = () => [...randomBytes(4)].join(".");

async function failedSignIn(forwardedFor: string, n: number): Promise<Response> {
  return http(proxied.baseUrl, "POST", "/sign-in", {
    headers: { "X-Forwarded-For": forwardedFor },
    body: form({ email: `nobody.${n}.${Date.now()}@proxy.test`, password: "not the password" }),
  });
}

describe("behind one trusted proxy", () => {
  test("random X-Forwarded-For values from one client all count as the address the proxy appended", async () => {
    const client = "198.51.100.7";
    for (let i = 0; i < PER_ADDRESS; i++) {
      const response = await failedSignIn(`${randomAddress()}, ${randomAddress()}, ${client}`, i);
      expect(response.status, `attempt ${i + 1}`).toBe(401);
    }
    const refused = await failedSignIn(`${randomAddress()}, ${client}`, PER_ADDRESS);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);

    // Another address behind the same proxy is its own client.
    expect((await failedSignIn(`${randomAddress()}, 198.51.100.8`, PER_ADDRESS + 1)).status).toBe(401);
  });
});
