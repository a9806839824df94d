import { Form, NavLink, useSearchParams } from "@remix-run/react";
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
              <NavLink to="/settings">Settings</NavLink>
              <Form method="post" action="/sign-out">
                <button type="submit">Sign out</button>
              </Form>
            </div>
          </>
        ) : null}
      </div>
      {viewer ? <PasswordNotice /> : null}
    </header>
  );
}

const NOTICES: Record<string, string> = {
  welcome: "Your password is set. Welcome to Rapport.",
  "password-reset": "Your new password is set. Every other browser that was signed in as you has been signed out.",
};

/** What a password link's page says once it has signed the person in and sent them home. */
function PasswordNotice() {
  const [params] = useSearchParams();
  const notice = NOTICES[params.get("notice") ?? ""];
  return notice ? (
    <p className="alert ok" role="status">
      {notice}
    </p>
  ) : null;
}
