import type { Role } from "./enums";

export interface NavItem {
  to: string;
  label: string;
}

/** Pages each role can go to, in the order of the header; everyone is an employee first. */
export function homeLinks(roles: readonly Role[]): NavItem[] {
  const links: NavItem[] = [];
  if (roles.includes("manager"))
    links.push({ to: "/people", label: "My people" }, { to: "/follow-ups", label: "Follow-ups" });
  // HR reads their own line inside the trends by team (a second slicing could be subtracted from it).
  if (roles.includes("manager") && !roles.includes("hr"))
    links.push({ to: "/my-team/trends", label: "My team's trends" });
  links.push({ to: "/me", label: "Me" }, { to: "/me/history", label: "My 1:1s" });
  // Everyone has follow-ups from their own 1:1s; a manager's come with their people's, next to them.
  if (!roles.includes("manager")) links.push({ to: "/follow-ups", label: "Follow-ups" });
  if (roles.includes("hr")) links.push({ to: "/trends", label: "Engagement trends" });
  if (roles.includes("admin")) links.push({ to: "/admin/people", label: "People & teams" });
  return links;
}

/** Where a person lands after signing in: the work they most likely came for. */
export function homePath(roles: readonly Role[]): string {
  if (roles.includes("manager")) return "/people";
  if (roles.includes("hr")) return "/trends";
  if (roles.includes("admin")) return "/admin/people";
  return "/me";
}

const LABELS: Record<Role, string> = { manager: "Manager", hr: "HR", admin: "Admin" };

export function roleLabels(roles: readonly Role[]): string[] {
  return ["Employee", ...roles.map((r) => LABELS[r])];
}
