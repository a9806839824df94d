import { describe, expect, test } from "vitest";
import { currentAdminSection } from "./admin-nav";

describe("the admin sub-navigation knows where you are", () => {
  test.each([
    ["/admin/people", { to: "/admin/people", exact: true }],
    ["/admin/people/", { to: "/admin/people", exact: true }],
    ["/admin/people/new", { to: "/admin/people/new", exact: true }],
    ["/admin/people/0b7c2f0e-1111-4222-8333-444455556666", { to: "/admin/people", exact: false }],
    ["/admin/teams", { to: "/admin/teams", exact: true }],
    ["/admin/import", { to: "/admin/import", exact: true }],
    ["/admin/scim", { to: "/admin/scim", exact: true }],
    ["/admin/security", { to: "/admin/security", exact: true }],
    ["/admin/security.csv", { to: "/admin/security", exact: false }],
    ["/people", null],
  ])("%s", (path, current) => {
    expect(currentAdminSection(path)).toEqual(current);
  });
});
