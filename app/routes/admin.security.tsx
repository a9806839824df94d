import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/http/guards.server";
import { AdminNav } from "~/components/admin/admin-nav";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SECURITY_EVENT_KINDS } from "~/domain/enums";
import {
  decodeCursor,
  listSecurityEvents,
  readSecurityLogFilter,
  securityLogPeople,
} from "~/services/security-log.server";
import { useDates } from "~/utils/dates";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction = () => [{ title: "Security log · Rapport" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer, db } = await requireAdmin(request);
  const params = new URL(request.url).searchParams;
  const filter = readSecurityLogFilter(params);
  const [page, people] = await Promise.all([
    listSecurityEvents(db, filter, decodeCursor(params.get("after"))),
    securityLogPeople(db),
  ]);
  return { ...page, filter, people, viewerId: viewer.id, first: !params.get("after") };
}

const detailText = (detail: Record<string, unknown>) =>
  Object.entries(detail)
    .map(([key, value]) => `${key}: ${value === null ? "—" : String(value)}`)
    .join("; ");

export default function SecurityLog() {
  const dates = useDates();
  const { rows, next, filter, people, viewerId, first } = useLoaderData<typeof loader>();
  const query = new URLSearchParams(
    Object.entries({ kind: filter.kind, person: filter.personId, from: filter.from, to: filter.to }).filter(
      (e): e is [string, string] => Boolean(e[1]),
    ),
  );
  const withQuery = (extra: Record<string, string>) =>
    `?${new URLSearchParams({ ...Object.fromEntries(query), ...extra })}`;
  const name = (id: string | null, label: string | null, fallback: string | null) =>
    id && id === viewerId ? "you" : (fallback ?? label ?? "—");
  return (
    <>
      <h1>Security log</h1>
      <p className="lede">
        Sign-ins and their failures, password and role changes, provisioning, token use and exports: who, from which
        address, when. Kept at least 400 days; it never holds a password, a token or what anyone wrote.
      </p>
      <AdminNav />
      <Form method="get" className="inline-fields" role="search">
        <label htmlFor="kind">Kind</label>
        <select id="kind" name="kind" defaultValue={filter.kind ?? ""}>
          <option value="">Any</option>
          {SECURITY_EVENT_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {kind}
            </option>
          ))}
        </select>
        <label htmlFor="person">Person</label>
        <select id="person" name="person" defaultValue={filter.personId ?? ""}>
          <option value="">Anyone</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({p.email})
            </option>
          ))}
        </select>
        <label htmlFor="from">From</label>
        <input id="from" name="from" type="date" defaultValue={filter.from ?? ""} />
        <label htmlFor="to">To</label>
        <input id="to" name="to" type="date" defaultValue={filter.to ?? ""} />
        <button type="submit" className="secondary">
          Filter
        </button>
      </Form>
      <p className="actions">
        <a href={`/admin/security.csv?${query}`} download>
          Export these rows (CSV)
        </a>
      </p>
      {rows.length ? (
        <TableScroll label="Security log table">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Event</th>
              <th scope="col">Outcome</th>
              <th scope="col">Actor</th>
              <th scope="col">Subject</th>
              <th scope="col">Address</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-testid="security-event">
                <td>{dates.dateTime(row.at)}</td>
                <th scope="row">{row.kind}</th>
                <td>{row.outcome === "success" ? row.outcome : <span className="badge">{row.outcome}</span>}</td>
                <td>{name(row.actorId, row.actorLabel, row.actorName)}</td>
                <td>{row.subjectId ? name(row.subjectId, null, row.subjectName) : "—"}</td>
                <td title={row.userAgent ?? undefined}>{row.clientAddress ?? "—"}</td>
                <td>{detailText(row.detail) || "—"}</td>
              </tr>
            ))}
          </tbody>
        </TableScroll>
      ) : (
        <p className="muted">Nothing in the log matches.</p>
      )}
      <nav aria-label="Pages" className="actions" style={{ marginTop: "1rem" }}>
        {!first ? <Link to={`?${query}`}>Newest</Link> : null}
        {next ? <Link to={withQuery({ after: next })}>Older</Link> : null}
      </nav>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
