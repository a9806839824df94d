import { describe, expect, test } from "vitest";
import { providerErrorCode, ssoRefusal, verifiedEmail, type SsoRefusalReason } from "./single-sign-on";

describe("verifiedEmail", () => {
  test.each([
    [
      { email: "Ada@Example.COM ", email_verified: true },
      { ok: true, email: "ada@example.com" },
    ],
    [
      { email: "ada@example.com", email_verified: false },
      { ok: false, reason: "unverified", email: "ada@example.com" },
    ],
    [{ email: "ada@example.com" }, { ok: false, reason: "unverified", email: "ada@example.com" }],
    [
      { email: "ada@example.com", email_verified: "true" },
      { ok: false, reason: "unverified", email: "ada@example.com" },
    ],
    [
      { email: "ada@example.com", email_verified: 1 },
      { ok: false, reason: "unverified", email: "ada@example.com" },
    ],
    [{ email_verified: true }, { ok: false, reason: "no-email" }],
    [
      { email: "", email_verified: true },
      { ok: false, reason: "no-email" },
    ],
    [
      { email: "not an address", email_verified: true },
      { ok: false, reason: "no-email" },
    ],
    [
      { email: ["ada@example.com"], email_verified: true },
      { ok: false, reason: "no-email" },
    ],
    [
      { email: `${"a".repeat(250)}@example.com`, email_verified: true },
      { ok: false, reason: "no-email" },
    ],
  ])("%j", (claims, expected) => {
    expect(verifiedEmail(claims)).toEqual(expected);
  });
});

describe("providerErrorCode", () => {
  test("passes a short error code and nothing a provider (or a forged link) could write prose into", () => {
    expect(providerErrorCode("access_denied")).toBe("access_denied");
    expect(providerErrorCode("Call 555-0100 to restore your account")).toBeUndefined();
    expect(providerErrorCode("x".repeat(65))).toBeUndefined();
    expect(providerErrorCode(undefined)).toBeUndefined();
  });
});

describe("ssoRefusal", () => {
  const reasons: SsoRefusalReason[] = [
    "expired",
    "state-mismatch",
    "provider-refused",
    "provider-failed",
    "no-email",
    "unverified",
    "unknown",
    "deactivated",
  ];

  test.each(reasons)(
    "%s answers a 4xx or 502 with a title and a message naming the provider or the address",
    (reason) => {
      const refusal = ssoRefusal(reason, { provider: "Okta", email: "ada@example.com" });
      expect([400, 403, 502]).toContain(refusal.status);
      expect(refusal.title.length).toBeGreaterThan(0);
      expect(refusal.message).toMatch(/Okta|ada@example\.com/);
    },
  );

  test("an unknown address is told that signing in creates no account", () => {
    expect(ssoRefusal("unknown", { provider: "Okta", email: "ada@example.com" }).message).toMatch(
      /No Rapport account uses the address ada@example\.com\. Signing in does not create accounts/,
    );
  });
});
