import { describe, expect, test } from "vitest";
import { clientAddressOf, forwardedValue } from "./proxy.server";

const PROXY = "10.0.0.2";

describe("clientAddressOf", () => {
  test("without a trusted proxy, the socket's peer, whatever X-Forwarded-For says", () => {
    expect(clientAddressOf({ remoteAddress: "203.0.113.9", forwardedFor: "1.2.3.4", hops: 0 })).toBe("203.0.113.9");
    expect(clientAddressOf({ remoteAddress: undefined, forwardedFor: null, hops: 0 })).toBe("unknown");
  });

  test("behind one proxy, the address it appended; what the client wrote before it is never read", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const spoofed = `${i % 256}.${(i * 7) % 256}.1.${i}, 2001:db8::${i.toString(16)}, not-an-ip`;
      seen.add(clientAddressOf({ remoteAddress: PROXY, forwardedFor: `${spoofed}, 198.51.100.7`, hops: 1 }));
    }
    expect([...seen]).toEqual(["198.51.100.7"]);
  });

  test("behind two proxies, the address the outer one saw", () => {
    expect(clientAddressOf({ remoteAddress: PROXY, forwardedFor: "6.6.6.6, 198.51.100.7, 10.0.0.1", hops: 2 })).toBe(
      "198.51.100.7",
    );
    // Fewer entries than proxies: the leftmost, as Express does.
    expect(clientAddressOf({ remoteAddress: PROXY, forwardedFor: "198.51.100.7", hops: 2 })).toBe("198.51.100.7");
    expect(clientAddressOf({ remoteAddress: PROXY, forwardedFor: null, hops: 1 })).toBe(PROXY);
  });

  test("ports and brackets some proxies write are dropped; what is no address falls back to the nearest that is", () => {
    expect(clientAddressOf({ remoteAddress: PROXY, forwardedFor: "198.51.100.7:51234", hops: 1 })).toBe("198.51.100.7");
    expect(clientAddressOf({ remoteAddress: PROXY, forwardedFor: "[2001:db8::1]:443", hops: 1 })).toBe("2001:db8::1");
    expect(clientAddressOf({ remoteAddress: PROXY, forwardedFor: "1.1.1.1, unknown", hops: 1 })).toBe(PROXY);
    expect(
      clientAddressOf({ remoteAddress: PROXY, forwardedFor: `1.1.1.1, ${"x".repeat(500)}, 10.0.0.1`, hops: 2 }),
    ).toBe("10.0.0.1");
  });
});

describe("forwardedValue", () => {
  test("is the value the outermost trusted proxy set, never one the client put before it", () => {
    expect(forwardedValue("https", 1)).toBe("https");
    expect(forwardedValue("evil.example, rapport.example", 1)).toBe("rapport.example");
    expect(forwardedValue("evil.example, rapport.example, 10.0.0.1:3000", 2)).toBe("rapport.example");
    expect(forwardedValue("rapport.example", 2)).toBe("rapport.example");
  });

  test("is nothing without a trusted proxy or a header", () => {
    expect(forwardedValue("rapport.example", 0)).toBeUndefined();
    expect(forwardedValue(null, 1)).toBeUndefined();
    expect(forwardedValue(" , ", 1)).toBeUndefined();
  });
});
