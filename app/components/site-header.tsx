import { Form, NavLink } from "@remix-run/react";
import type { Viewer } from "~/auth/policies";
import { homeLinks, roleLabels } from "~/domain/navigation";

/** The header: the signed-in person, their roles, what they can go to, and sign-out. */
export function SiteHeader({ viewer }: { viewer: Viewer | null }) {
  return (
    <header className="site-header">
      <div className="bar">
        <a className="brand" href="/">
          Rapport
        </a>
        {viewer ? (
          <>
            <nav aria-label="Main">
              <ul>
                {homeLinks(viewer.roles).map((link) => (
                  <li key={link.to}>
                    <NavLink to={link.to} prefetch="intent">
                      {link.label}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </nav>
            <div className="who">
              <span>
                <strong data-testid="viewer-name">{viewer.name}</strong>{" "}
                <span className="roles">({roleLabels(viewer.roles).join(", ")})</span>
              </span>
              <Form method="post" action="/sign-out">
                <button type="submit">Sign out</button>
              </Form>
            </div>
          </>
        ) : null}
      </div>
    </header>
  );
}
