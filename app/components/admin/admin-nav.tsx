import { Link, useLocation } from "@remix-run/react";

const SECTIONS = [
  { to: "/admin/people", label: "People" },
  { to: "/admin/people/new", label: "Add a person" },
  { to: "/admin/teams", label: "Teams" },
  { to: "/admin/import", label: "Import CSV" },
  { to: "/admin/scim", label: "SCIM" },
  { to: "/admin/security", label: "Security log" },
  { to: "/admin/backup", label: "Backup" },
] as const;

/**
 * Where an admin is: the page's own link is aria-current="page"; a person's page (/admin/people/<id>)
 * lies under People, which is then aria-current="true" (the section, not the page itself). The current
 * one is drawn filled, the others outlined, so it shows without relying on colour alone.
 */
export function currentAdminSection(pathname: string): { to: string; exact: boolean } | null {
  const path = pathname.replace(/\/+$/, "") || "/";
  const exact = SECTIONS.find((s) => s.to === path);
  if (exact) return { to: exact.to, exact: true };
  if (path.startsWith("/admin/security")) return { to: "/admin/security", exact: false };
  if (path.startsWith("/admin/people/")) return { to: "/admin/people", exact: false };
  return null;
}

export function AdminNav() {
  const current = currentAdminSection(useLocation().pathname);
  return (
    <nav aria-label="Organisation" className="actions" style={{ marginBottom: "1rem" }}>
      {SECTIONS.map((s) => {
        const here = current?.to === s.to;
        return (
          <Link
            key={s.to}
            to={s.to}
            className={here ? "button" : "button secondary"}
            aria-current={here ? (current.exact ? "page" : "true") : undefined}
          >
            {s.label}
          </Link>
        );
      })}
    </nav>
  );
}
