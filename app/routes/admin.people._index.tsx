import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/http/guards.server";
import { AdminNav } from "~/components/admin/admin-nav";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { listPeople } from "~/services/org.server";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction = () => [{ title: "People · Rapport" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer, db } = await requireAdmin(request);
  const url = new URL(request.url);
  const q = url.searchParams.get("q")?.slice(0, 100) ?? "";
  const page = Number.parseInt(url.searchParams.get("page") ?? "1", 10);
  const inactive = url.searchParams.get("inactive") === "1";
  const result = await listPeople(db, viewer, { q, page: Number.isFinite(page) ? page : 1, inactive });
  return { ...result, q, inactive };
}

export default function AdminPeople() {
  const { rows, total, page, pages, q, inactive } = useLoaderData<typeof loader>();
  const pageLink = (p: number) =>
    `?${new URLSearchParams({ q, page: String(p), ...(inactive ? { inactive: "1" } : {}) })}`;
  return (
    <>
      <h1>People</h1>
      <p className="lede">
        The organisation: who works here, in which team, reporting to whom. Nobody's 1:1s are visible from here.
      </p>
      <AdminNav />
      <Form method="get" className="inline-fields" role="search">
        <label htmlFor="q">Search</label>
        <input id="q" name="q" type="text" defaultValue={q} placeholder="Name or email" />
        <label className="checks">
          <input type="checkbox" name="inactive" value="1" defaultChecked={inactive} /> include deactivated
        </label>
        <button type="submit" className="secondary">
          Search
        </button>
      </Form>
      <p className="muted">
        {total} {total === 1 ? "person" : "people"}
      </p>
      <TableScroll label="People table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Team</th>
            <th scope="col">Manager</th>
            <th scope="col">Roles</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.id}>
              <th scope="row">
                <Link to={`/admin/people/${p.id}`}>{p.name}</Link>
              </th>
              <td>{p.email}</td>
              <td>{p.team ?? "—"}</td>
              <td>{p.managerName ?? "—"}</td>
              <td>{["employee", ...p.roles].join(", ")}</td>
              <td>{p.active ? "active" : <span className="badge">deactivated</span>}</td>
            </tr>
          ))}
        </tbody>
      </TableScroll>
      {pages > 1 ? (
        <nav aria-label="Pages" className="actions" style={{ marginTop: "1rem" }}>
          {page > 1 ? <Link to={pageLink(page - 1)}>Previous</Link> : null}
          <span>
            Page {page} of {pages}
          </span>
          {page < pages ? <Link to={pageLink(page + 1)}>Next</Link> : null}
        </nav>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
