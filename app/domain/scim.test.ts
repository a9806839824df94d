import { describe, expect, test } from "vitest";
import { parseFilter, parsePaging, parsePath, SCIM, ScimError, scimErrorBody } from "./scim";

const scimTypeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof ScimError) return `${error.status} ${error.scimType ?? ""}`.trim();
    throw error;
  }
  return "passed";
};

describe("parseFilter", () => {
  test.each([
    ['userName eq "alice@x.test"', "userName", "alice@x.test"],
    ['USERNAME EQ "Alice@X.test"', "userName", "Alice@X.test"],
    ['  externalId eq "00u1a2b3"  ', "externalId", "00u1a2b3"],
    ['externalid Eq "a \\"quoted\\" id"', "externalId", 'a "quoted" id'],
    [`${SCIM.user}:userName eq "a@x.test"`, "userName", "a@x.test"],
  ])("%s", (text, attribute, value) => {
    expect(parseFilter(text)).toEqual({ attribute, value });
  });

  test.each([
    'emails.value eq "a@x.test"',
    'userName sw "a"',
    'userName eq "a" and externalId eq "b"',
    'userName eq "a" or userName eq "b"',
    "userName eq a@x.test",
    'userName eq "unterminated',
    "userName eq true",
    "userName pr",
    'displayName eq "Alice"',
    '"userName" eq "x"',
    `userName eq "${"x".repeat(1000)}"`,
    'userName eq "nul\\u0000"',
    'userName eq "half \\ud800 a pair"',
    "",
  ])("refuses %s as invalidFilter", (text) => {
    expect(scimTypeOf(() => parseFilter(text))).toBe("400 invalidFilter");
  });
});

describe("parsePath", () => {
  test.each([
    ["active", { schema: "core", attribute: "active" }],
    ["name.givenName", { schema: "core", attribute: "name", subAttribute: "givenname" }],
    [
      'emails[type eq "work"].value',
      { schema: "core", attribute: "emails", filter: 'type eq "work"', subAttribute: "value" },
    ],
    [
      "emails[type eq 'work'].value",
      { schema: "core", attribute: "emails", filter: "type eq 'work'", subAttribute: "value" },
    ],
    [`${SCIM.user}:userName`, { schema: "core", attribute: "username" }],
    [`${SCIM.enterpriseUser}:manager`, { schema: "enterprise", attribute: "manager" }],
    [
      `${SCIM.enterpriseUser.toUpperCase()}:Manager.Value`,
      { schema: "enterprise", attribute: "manager", subAttribute: "value" },
    ],
    [SCIM.enterpriseUser, { schema: "enterprise", attribute: "" }],
    [
      "urn:ietf:params:scim:schemas:extension:Microsoft:Entra:2.0:User:onPremisesSamAccountName",
      { schema: "other", attribute: "onpremisessamaccountname" },
    ],
  ])("%s", (text, path) => {
    expect(parsePath(text)).toEqual(path);
  });

  test.each([
    "",
    "   ",
    "__proto__",
    "name..givenName",
    "emails[type eq",
    'emails[type eq "work"]].value',
    "emails[]",
    "a b",
    "1abc",
    "x".repeat(301),
  ])("refuses %j as invalidPath", (text) => {
    expect(scimTypeOf(() => parsePath(text))).toBe("400 invalidPath");
  });
});

describe("parsePaging", () => {
  test("defaults to the first page of the most results", () => {
    expect(parsePaging(null, null)).toEqual({ startIndex: 1, count: 100 });
  });

  test("below 1 means 1, below 0 means 0, above the maximum means the maximum (RFC 7644 §3.4.2.4)", () => {
    expect(parsePaging("0", "-5")).toEqual({ startIndex: 1, count: 0 });
    expect(parsePaging("-3", "1000")).toEqual({ startIndex: 1, count: 100 });
    expect(parsePaging("99999999999999", "7")).toEqual({ startIndex: 2_147_483_647, count: 7 });
  });

  test.each([
    ["1.5", null],
    ["x", null],
    [null, "1e3"],
    [null, "NaN"],
  ])("refuses startIndex=%s count=%s", (startIndex, count) => {
    expect(scimTypeOf(() => parsePaging(startIndex, count))).toBe("400 invalidValue");
  });
});

test("an error body has the status as a string and scimType only when given", () => {
  expect(scimErrorBody(409, "taken", "uniqueness")).toEqual({
    schemas: [SCIM.error],
    status: "409",
    scimType: "uniqueness",
    detail: "taken",
  });
  expect(scimErrorBody(404, "gone")).toEqual({ schemas: [SCIM.error], status: "404", detail: "gone" });
});
