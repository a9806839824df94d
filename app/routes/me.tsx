import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireViewer } from "~/auth/session.server";
import { getDb } from "~/services/db.server";
import { getMyHome } from "~/services/me.server";
import { formatDate, formatDateTime } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Me · Rapport" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  return { home: await getMyHome(await getDb(), viewer) };
}

export default function Me() {
  const { home } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Me</h1>
      <p className="lede">Your goals, the changes you are working on, and what you promised to do.</p>
      <section className="card" aria-labelledby="next-1on1">
        <h2 id="next-1on1">Next 1:1</h2>
        {home.nextMeeting ? (
          <p>
            {formatDateTime(home.nextMeeting.scheduledAt)} with {home.nextMeeting.managerName}
          </p>
        ) : (
          <p className="empty">No 1:1 planned yet.</p>
        )}
      </section>
      <div className="grid">
        <section className="card" aria-labelledby="my-goals">
          <h2 id="my-goals">My goals</h2>
          {home.goals.length ? (
            <ul>
              {home.goals.map((g) => (
                <li key={g.id}>
                  {g.title} <span className="muted">({g.progress}% · target {formatDate(g.targetDate)})</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="empty">No active goals.</p>
          )}
        </section>
        <section className="card" aria-labelledby="my-commitments">
          <h2 id="my-commitments">Changes I committed to</h2>
          {home.commitments.length ? (
            <ul>
              {home.commitments.map((c) => (
                <li key={c.id}>
                  {c.change} <span className="badge">{c.state.replace("_", " ")}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="empty">No open commitments.</p>
          )}
        </section>
        <section className="card" aria-labelledby="my-actions">
          <h2 id="my-actions">My action items</h2>
          {home.actionItems.length ? (
            <ul>
              {home.actionItems.map((a) => (
                <li key={a.id}>
                  {a.title} <span className="muted">(due {formatDate(a.dueOn)})</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="empty">Nothing open. Well done.</p>
          )}
        </section>
      </div>
    </>
  );
}
