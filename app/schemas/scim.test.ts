import { describe, expect, test } from "vitest";
import { SCIM, ScimError } from "~/domain/scim";
import { userFromPatch, userFromResource } from "./scim";

const MANAGER = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b";
const ENTERPRISE = SCIM.enterpriseUser;
const patch = (...Operations: unknown[]) => userFromPatch({ schemas: [SCIM.patchOp], Operations });

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof ScimError) return { status: error.status, scimType: error.scimType, detail: error.detail };
    throw error;
  }
  throw new Error("expected a refusal");
};

describe("a User resource (POST, PUT)", () => {
  test("Okta's create: userName lower-cased is the e-mail, given and family name make the name", () => {
    const body = {
      schemas: [SCIM.user],
      userName: "Alice.Example@Corp.Test",
      name: { givenName: "Alice", familyName: "Example" },
      emails: [{ primary: true, value: "alice.example@corp.test", type: "work" }],
      displayName: "Alice Example",
      locale: "en-US",
      externalId: "00u1abcdE2fGhIJ3k4l5",
      groups: [],
      password: "never-read",
      active: true,
    };
    expect(userFromResource(body, "create")).toEqual({
      email: "alice.example@corp.test",
      name: "Alice Example",
      externalId: "00u1abcdE2fGhIJ3k4l5",
      active: true,
    });
  });

  test("Entra's create: name.formatted wins, the enterprise extension carries manager and department", () => {
    const body = {
      schemas: [SCIM.user, ENTERPRISE],
      externalId: "alice",
      userName: "alice@corp.test",
      active: true,
      displayName: "Ali Example",
      title: "Engineer",
      emails: [{ primary: true, type: "work", value: "alice@corp.test" }],
      meta: { resourceType: "User" },
      name: { formatted: "Alice Example", familyName: "Example", givenName: "Alice" },
      [ENTERPRISE]: { manager: { value: MANAGER }, department: "Platform", employeeNumber: "42" },
      "urn:ietf:params:scim:schemas:extension:Microsoft:Entra:2.0:User": { onPremisesSamAccountName: "alice" },
    };
    expect(userFromResource(body, "create")).toEqual({
      email: "alice@corp.test",
      name: "Alice Example",
      externalId: "alice",
      active: true,
      managerId: MANAGER,
      department: "Platform",
    });
  });

  test("attribute names in any case; displayName names someone with no name sent", () => {
    expect(userFromResource({ USERNAME: "a@x.test", DisplayName: "Ann", Active: "False" }, "create")).toEqual({
      email: "a@x.test",
      name: "Ann",
      active: false,
    });
  });

  test("a single name part names a new person, not an existing one", () => {
    expect(userFromResource({ userName: "cher@x.test", name: { givenName: "Cher" } }, "create").name).toBe("Cher");
    expect(userFromResource({ userName: "cher@x.test", name: { givenName: "Cher" } }, "replace")).toEqual({
      email: "cher@x.test",
    });
  });

  test("a replace leaves out what it does not send: no manager key, no manager change", () => {
    expect(userFromResource({ userName: "a@x.test" }, "replace")).toEqual({ email: "a@x.test" });
    expect(userFromResource({ userName: "a@x.test", [ENTERPRISE]: { manager: null } }, "replace")).toEqual({
      email: "a@x.test",
      managerId: null,
    });
    expect(userFromResource({ userName: "a@x.test", externalId: null }, "replace")).toEqual({
      email: "a@x.test",
      externalId: null,
    });
  });

  test("id, meta and keys that are no attribute name (a hostile __proto__) are ignored", () => {
    const body = JSON.parse(
      '{"userName":"a@x.test","displayName":"A","id":"x","meta":{},"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}',
    ) as unknown;
    expect(userFromResource(body, "create")).toEqual({ email: "a@x.test", name: "A" });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test.each([
    [null, 400, "invalidSyntax"],
    [[], 400, "invalidSyntax"],
    [{ displayName: "No Email" }, 400, "invalidValue"],
    [{ userName: "not-an-email", displayName: "A" }, 400, "invalidValue"],
    [{ userName: 7, displayName: "A" }, 400, "invalidValue"],
    [{ userName: "a@x.test" }, 400, "invalidValue"],
    [{ userName: "a@x.test", displayName: "x".repeat(121) }, 400, "invalidValue"],
    [{ userName: "a@x.test", name: { givenName: "x".repeat(100), familyName: "y".repeat(100) } }, 400, "invalidValue"],
    [{ userName: "a@x.test", displayName: "A\u0000B" }, 400, "invalidValue"],
    [{ userName: "a@x.test", displayName: "A", active: "maybe" }, 400, "invalidValue"],
    [
      { userName: "a@x.test", displayName: "A", [ENTERPRISE]: { manager: { value: "not-an-id" } } },
      400,
      "invalidValue",
    ],
    [{ userName: "a@x.test", displayName: "A", [ENTERPRISE]: "Platform" }, 400, "invalidValue"],
    [{ schemas: ["urn:something:else"], userName: "a@x.test", displayName: "A" }, 400, "invalidSyntax"],
    [{ userName: "a@x.test", name: "Alice" }, 400, "invalidValue"],
  ])("%j is refused", (body, status, scimType) => {
    expect(refusal(() => userFromResource(body, "create"))).toMatchObject({ status, scimType });
  });
});

describe("a PatchOp", () => {
  test("Okta's deactivation: replace with no path and an object of attributes", () => {
    expect(patch({ op: "replace", value: { active: false } })).toEqual({ active: false });
  });

  test("Entra's shapes: op in any case, paths, booleans as strings, the e-mail by its filter left to userName", () => {
    expect(
      patch(
        { op: "Replace", path: "active", value: "False" },
        { op: "Replace", path: 'emails[type eq "work"].value', value: "new@corp.test" },
        { op: "Replace", path: "name.givenName", value: "Alicia" },
        { op: "Replace", path: "name.familyName", value: "Example" },
        { op: "Add", path: "title", value: "Lead" },
        { op: "Replace", path: "userName", value: "New@Corp.test" },
      ),
    ).toEqual({ active: false, name: "Alicia Example", email: "new@corp.test" });
  });

  test.each([[{ value: MANAGER }], [MANAGER], [[{ value: MANAGER }]], [MANAGER.toUpperCase()]])(
    "Entra's manager %j",
    (value) => {
      expect(patch({ op: "Add", path: `${ENTERPRISE}:manager`, value })).toEqual({ managerId: MANAGER });
    },
  );

  test("the manager ends with remove, with null or with an empty value; manager.value works as a path too", () => {
    expect(patch({ op: "Remove", path: `${ENTERPRISE}:manager` })).toEqual({ managerId: null });
    expect(patch({ op: "replace", path: `${ENTERPRISE}:manager`, value: { value: "" } })).toEqual({ managerId: null });
    expect(patch({ op: "replace", path: `${ENTERPRISE}:manager`, value: null })).toEqual({ managerId: null });
    expect(patch({ op: "replace", path: `${ENTERPRISE}:manager.value`, value: MANAGER })).toEqual({
      managerId: MANAGER,
    });
  });

  test("path-less values may name the enterprise extension, its qualified attributes, or dotted sub-attributes", () => {
    expect(patch({ op: "replace", value: { [ENTERPRISE]: { manager: { value: MANAGER } } } })).toEqual({
      managerId: MANAGER,
    });
    expect(
      patch({ op: "replace", value: { [`${ENTERPRISE}:department`]: "Platform", "name.formatted": "A B" } }),
    ).toEqual({
      department: "Platform",
      name: "A B",
    });
  });

  test("operations apply in order: the last one wins", () => {
    expect(
      patch({ op: "replace", path: "active", value: false }, { op: "replace", path: "active", value: true }),
    ).toEqual({ active: true });
  });

  test("a single name part changes no name; name.formatted beside it does", () => {
    expect(patch({ op: "replace", path: "name.givenName", value: "Alicia" })).toEqual({});
    expect(
      patch(
        { op: "replace", path: "name.givenName", value: "Alicia" },
        { op: "replace", path: "name.formatted", value: "Alicia E" },
      ),
    ).toEqual({
      name: "Alicia E",
    });
  });

  test("removing a name part, the department, or attributes Rapport does not keep changes nothing", () => {
    expect(
      patch(
        { op: "remove", path: "displayName" },
        { op: "remove", path: "name.givenName" },
        { op: "remove", path: `${ENTERPRISE}:department` },
        { op: "remove", path: 'phoneNumbers[type eq "work"]' },
        { op: "remove", path: "urn:custom:ext:User:shoeSize" },
      ),
    ).toEqual({});
    expect(patch({ op: "remove", path: "externalId" })).toEqual({ externalId: null });
  });

  test.each([
    [{ schemas: [SCIM.patchOp] }, "invalidSyntax"],
    [{ schemas: [SCIM.patchOp], Operations: [] }, "invalidSyntax"],
    [{ schemas: ["urn:wrong"], Operations: [{ op: "replace", path: "active", value: false }] }, "invalidSyntax"],
    [
      { Operations: Array.from({ length: 101 }, () => ({ op: "replace", path: "active", value: true })) },
      "invalidSyntax",
    ],
    [{ Operations: ["replace"] }, "invalidSyntax"],
    [{ Operations: [{ op: "delete", path: "active" }] }, "invalidSyntax"],
    [{ Operations: [{ op: "replace", path: 7, value: true }] }, "invalidSyntax"],
    [{ Operations: [{ op: "remove" }] }, "noTarget"],
    [{ Operations: [{ op: "replace", value: false }] }, "invalidValue"],
    [{ Operations: [{ op: "replace", path: "active" }] }, "invalidValue"],
    [{ Operations: [{ op: "remove", path: "active" }] }, "invalidValue"],
    [{ Operations: [{ op: "remove", path: "userName" }] }, "invalidValue"],
    [{ Operations: [{ op: "replace", path: "emails[type eq", value: "x" }] }, "invalidPath"],
    [{ Operations: [{ op: "replace", path: 'active[value eq "x"]', value: true }] }, "invalidPath"],
    [{ Operations: [{ op: "replace", path: "id", value: MANAGER }] }, "mutability"],
    [{ Operations: [{ op: "replace", path: "meta.created", value: "2020-01-01" }] }, "mutability"],
    [{ Operations: [{ op: "replace", path: `${ENTERPRISE}:manager`, value: { value: 42 } }] }, "invalidValue"],
    [
      {
        Operations: [
          { op: "replace", path: "active", value: true },
          { op: "replace", path: "userName", value: "nope" },
        ],
      },
      "invalidValue",
    ],
  ])("%j is refused as %s", (body, scimType) => {
    expect(refusal(() => userFromPatch(body))).toMatchObject({ status: 400, scimType });
  });

  test("keys are found in any case and a hostile __proto__ is never copied", () => {
    const body = JSON.parse(
      '{"operations":[{"OP":"replace","Path":"active","VALUE":false}],"__proto__":{"polluted":1}}',
    ) as unknown;
    expect(userFromPatch(body)).toEqual({ active: false });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
