import { describe, expect, test } from "vitest";
import { parseEnv } from "./env.server";

const OIDC = { OIDC_ISSUER: "https://example.okta.com", OIDC_CLIENT_ID: "rapport", OIDC_CLIENT_SECRET: "s3cret" };

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
    expect(() => parseEnv({ ...OIDC, OIDC_CLIENT_SECRET: "" })).toThrow(/OIDC_CLIENT_SECRET: .*OIDC_CLIENT_SECRET is not/);
    expect(() => parseEnv({ OIDC_NAME: "Okta" })).toThrow(/OIDC_NAME names a provider/);
  });

  test("take an https issuer, and plain http only on localhost", () => {
    expect(() => parseEnv({ ...OIDC, OIDC_ISSUER: "http://example.okta.com" })).toThrow(/OIDC_ISSUER must be an https:\/\/ URL/);
    expect(() => parseEnv({ ...OIDC, OIDC_ISSUER: "not a url" })).toThrow(/OIDC_ISSUER must be a URL/);
    for (const issuer of ["http://localhost:8080", "http://127.0.0.1:9000/realms/x", "http://[::1]:9000"]) {
      expect(parseEnv({ ...OIDC, OIDC_ISSUER: issuer }).OIDC_ISSUER).toBe(issuer);
    }
  });

  test("refuse password sign-in off without single sign-on, since nobody could sign in", () => {
    expect(() => parseEnv({ RAPPORT_PASSWORD_SIGN_IN: "off" })).toThrow(/RAPPORT_PASSWORD_SIGN_IN=off needs single sign-on/);
    expect(parseEnv({ ...OIDC, RAPPORT_PASSWORD_SIGN_IN: "off" }).RAPPORT_PASSWORD_SIGN_IN).toBe("off");
    expect(() => parseEnv({ ...OIDC, RAPPORT_PASSWORD_SIGN_IN: "no" })).toThrow(/RAPPORT_PASSWORD_SIGN_IN/);
  });
});
