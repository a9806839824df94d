import { describe, expect, test } from "vitest";
import { parseEnv, publicUrl } from "./env.server";

const OIDC = { OIDC_ISSUER: "https://example.okta.com", OIDC_CLIENT_ID: "rapport", OIDC_CLIENT_SECRET: "s3cret" };
describe("mail settings", () => {
  test("all have defaults that work on the embedded database with nothing set", () => {
    const parsed = parseEnv({});
    expect(parsed.SMTP_URL).toBeUndefined();
    expect(parsed.RAPPORT_MAIL_FROM).toBe("Rapport <rapport@localhost>");
    expect(publicUrl(parsed)).toBe("http://localhost:3000");
    expect(publicUrl(parseEnv({ PORT: "8080" }))).toBe("http://localhost:8080");
  });

  test("take the documented forms", () => {
    const parsed = parseEnv({
      SMTP_URL: "smtps://user:secret@mail.example.test:465",
      RAPPORT_MAIL_FROM: "rapport@example.test",
      RAPPORT_PUBLIC_URL: "https://rapport.example.test/",
    });
    expect(parsed.SMTP_URL).toBe("smtps://user:secret@mail.example.test:465");
    expect(publicUrl(parsed)).toBe("https://rapport.example.test");
    expect(parseEnv({ RAPPORT_MAIL_FROM: "Team Rapport <team@example.test>" }).RAPPORT_MAIL_FROM).toBe(
      "Team Rapport <team@example.test>",
    );
  });

  test("refuse a bad value by name, never repeating it (SMTP_URL may hold a password)", () => {
    expect(() => parseEnv({ SMTP_URL: "http://user:hunter2@mail.example.test" })).toThrow(/SMTP_URL must look like/);
    expect(() => parseEnv({ SMTP_URL: "http://user:hunter2@mail.example.test" })).not.toThrow(/hunter2/);
    expect(() => parseEnv({ RAPPORT_MAIL_FROM: "not an address" })).toThrow(/RAPPORT_MAIL_FROM/);
    expect(() => parseEnv({ RAPPORT_MAIL_FROM: "a@b.test\r\nBcc: x@y.test" })).toThrow(/RAPPORT_MAIL_FROM/);
    expect(() => parseEnv({ RAPPORT_PUBLIC_URL: "rapport.example.test" })).toThrow(/RAPPORT_PUBLIC_URL/);
    expect(() => parseEnv({ RAPPORT_PUBLIC_URL: "javascript:alert(1)" })).toThrow(/RAPPORT_PUBLIC_URL/);
  });

  test("blank counts as unset", () => {
    expect(parseEnv({ SMTP_URL: "", RAPPORT_PUBLIC_URL: "" }).SMTP_URL).toBeUndefined();
  });
});

describe("single sign-on settings", () => {
  test("are optional, and password sign-in is on by default", () => {
    expect(parseEnv({}).RAPPORT_PASSWORD_SIGN_IN).toBe("on");
    expect(parseEnv({}).OIDC_ISSUER).toBeUndefined();
    expect(parseEnv({ ...OIDC, OIDC_NAME: "Okta" })).toMatchObject({ ...OIDC, OIDC_NAME: "Okta" });
  });

  test("come all together or not at all, with a message naming what is missing", () => {
    expect(() => parseEnv({ OIDC_ISSUER: OIDC.OIDC_ISSUER })).toThrow(
      "single sign-on needs OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET together: OIDC_ISSUER is set but OIDC_CLIENT_ID, OIDC_CLIENT_SECRET are not",
    );
    expect(() => parseEnv({ ...OIDC, OIDC_CLIENT_SECRET: "" })).toThrow(
      /OIDC_CLIENT_SECRET: .*OIDC_CLIENT_SECRET is not/,
    );
    expect(() => parseEnv({ OIDC_NAME: "Okta" })).toThrow(/OIDC_NAME names a provider/);
  });

  test("take an https issuer, and plain http only on localhost", () => {
    expect(() => parseEnv({ ...OIDC, OIDC_ISSUER: "http://example.okta.com" })).toThrow(
      /OIDC_ISSUER must be an https:\/\/ URL/,
    );
    expect(() => parseEnv({ ...OIDC, OIDC_ISSUER: "not a url" })).toThrow(/OIDC_ISSUER must be a URL/);
    for (const issuer of ["http://localhost:8080", "http://127.0.0.1:9000/realms/x", "http://[::1]:9000"]) {
      expect(parseEnv({ ...OIDC, OIDC_ISSUER: issuer }).OIDC_ISSUER).toBe(issuer);
    }
  });

  test("refuse password sign-in off without single sign-on, since nobody could sign in", () => {
    expect(() => parseEnv({ RAPPORT_PASSWORD_SIGN_IN: "off" })).toThrow(
      /RAPPORT_PASSWORD_SIGN_IN=off needs single sign-on/,
    );
    expect(parseEnv({ ...OIDC, RAPPORT_PASSWORD_SIGN_IN: "off" }).RAPPORT_PASSWORD_SIGN_IN).toBe("off");
    expect(() => parseEnv({ ...OIDC, RAPPORT_PASSWORD_SIGN_IN: "no" })).toThrow(/RAPPORT_PASSWORD_SIGN_IN/);
  });
});

describe("RAPPORT_TRUST_PROXY", () => {
  test("is a number of proxies, none by default", () => {
    expect(parseEnv({}).RAPPORT_TRUST_PROXY).toBe(0);
    expect(parseEnv({ RAPPORT_TRUST_PROXY: "" }).RAPPORT_TRUST_PROXY).toBe(0);
    expect(parseEnv({ RAPPORT_TRUST_PROXY: "0" }).RAPPORT_TRUST_PROXY).toBe(0);
    expect(parseEnv({ RAPPORT_TRUST_PROXY: "1" }).RAPPORT_TRUST_PROXY).toBe(1);
    expect(parseEnv({ RAPPORT_TRUST_PROXY: "2" }).RAPPORT_TRUST_PROXY).toBe(2);
  });

  test.each(["true", "yes", "-1", "1.5", " 1", "all", "100"])(
    "refuses %j with a message that says what it wants",
    (value) => {
      expect(() => parseEnv({ RAPPORT_TRUST_PROXY: value })).toThrow(
        /RAPPORT_TRUST_PROXY must be the number of proxies/,
      );
    },
  );
});
