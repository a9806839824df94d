import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { authorize } from "~/auth/authorize.server";
import { requireViewer } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getAccountSummary } from "~/services/account.server";
import { getDb } from "~/services/db.server";
import { loadSubject } from "~/services/subjects.server";
import { formatDate } from "~/utils/format";
import { notFound } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.account.person.name} · Rapport` : "Rapport" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const db = await getDb();
  const subject = await loadSubject(db, params.personId ?? "");
  if (!subject) throw notFound();
  // 404, not 403: a refusal would confirm to a peer that the account exists.
  authorize(viewer, "account:read", { subject }, { hide: true });
  const account = await getAccountSummary(db, subject);
  if (!account) throw notFound();
  return { account };
}

export default function Account() {
  const { account } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{account.person.name}</h1>
      <p className="lede">{account.person.team ?? "No team"}</p>
      <section className="card" aria-labelledby="goals">
        <h2 id="goals">Their goals</h2>
        {account.goals.length ? (
          <table>
            <thead>
              <tr>
                <th scope="col">Goal</th>
                <th scope="col">Status</th>
                <th scope="col">Progress</th>
                <th scope="col">Target</th>
              </tr>
            </thead>
            <tbody>
              {account.goals.map((g) => (
                <tr key={g.id}>
                  <td>{g.title}</td>
                  <td>{g.status}</td>
                  <td>{g.progress}%</td>
                  <td>{formatDate(g.targetDate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="empty">No goals yet.</p>
        )}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
