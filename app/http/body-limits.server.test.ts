import { describe, expect, test } from "vitest";
import { CSV_LIMITS } from "~/services/org-csv.server";
import { BODY_LIMITS, bodyLimitFor } from "./body-limits.server";

describe("bodyLimitFor", () => {
  test("forms everywhere get the small limit", () => {
    for (const path of [
      "/",
      "/sign-in",
      "/me/goals/new",
      "/meetings/abc",
      "/_root.data",
      "/meetings/abc.data",
      "/admin/import-other",
    ]) {
      expect(bodyLimitFor(path), path).toBe(BODY_LIMITS.form);
    }
  });

  test("the org-chart import, as a page or a Remix data request, gets room for its file and a pasted copy", () => {
    for (const path of ["/admin/import", "/admin/import/", "/admin/import.data"])
      expect(bodyLimitFor(path), path).toBe(BODY_LIMITS.import);
    expect(BODY_LIMITS.import).toBeGreaterThan(2 * CSV_LIMITS.bytes);
  });

  test("the SCIM service gets a limit of its own, wherever under it and in any case", () => {
    for (const path of ["/scim/v2", "/scim/v2/Users", "/SCIM/v2/Users/abc", "/scim/v2/Users.data"])
      expect(bodyLimitFor(path), path).toBe(BODY_LIMITS.scim);
    expect(bodyLimitFor("/scim/v2x")).toBe(BODY_LIMITS.form);
  });

  test("the form limit holds the longest field (a 20,000-character note) URL-encoded at its worst", () => {
    // "€" is 3 UTF-8 bytes, each sent as a 3-byte %XX escape.
    const encoded = new URLSearchParams({ intent: "add-note", body: "€".repeat(20_000) }).toString();
    expect(encoded.length).toBeLessThan(BODY_LIMITS.form);
  });
});
