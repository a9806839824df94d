import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireViewer } from "~/auth/session.server";
import { getDb } from "~/services/db.server";
import { listMyPeople } from "~/services/my-people.server";
import { formatDate, formatDateTime } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "My people · Rapport" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  // Listing one's own direct reports needs no role: the query is scoped to the viewer.
  return { people: await listMyPeople(await getDb(), viewer) };
}

export default function MyPeople() {
  const { people } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>My people</h1>
      <p className="lede">Each of your reports, like a customer account: their success first.</p>
      {people.length ? (
        <table>
          <caption className="visually-hidden">Your direct reports</caption>
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Team</th>
              <th scope="col">Last 1:1</th>
              <th scope="col">Next 1:1</th>
              <th scope="col">Active goals</th>
              <th scope="col">Open follow-ups</th>
            </tr>
          </thead>
          <tbody>
            {people.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link to={`/people/${p.id}`}>{p.name}</Link>
                </td>
                <td>{p.team ?? "—"}</td>
                <td>{formatDate(p.lastHeldAt)}</td>
                <td>{formatDateTime(p.nextMeetingAt)}</td>
                <td>{p.activeGoals}</td>
                <td>{p.openActionItems}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="empty">Nobody reports to you yet.</p>
      )}
    </>
  );
}
