import { NavLink } from "@remix-run/react";

export function AdminNav() {
  return (
    <nav aria-label="Organisation" className="actions" style={{ marginBottom: "1rem" }}>
      <NavLink to="/admin/people" end className="button secondary">
        People
      </NavLink>
      <NavLink to="/admin/people/new" className="button secondary">
        Add a person
      </NavLink>
      <NavLink to="/admin/teams" className="button secondary">
        Teams
      </NavLink>
      <NavLink to="/admin/import" className="button secondary">
        Import CSV
      </NavLink>
      <NavLink to="/admin/scim" className="button secondary">
        SCIM
      </NavLink>
      <NavLink to="/admin/security" className="button secondary">
        Security log
      </NavLink>
    </nav>
  );
}
