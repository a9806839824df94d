import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireSelf } from "~/http/guards.server";
import { GoalProgressForm } from "~/components/goals/progress-form";
import { NextMeetingTopicForm } from "~/components/meetings/topic-panel";
import { goalAttentionReasons } from "~/domain/goals";
import { lineChangeConsequence, lineChangeSentence } from "~/domain/org-chart";
import { getMyHome } from "~/services/me.server";
import { pendingPulse } from "~/services/pulses.server";
import { CommitmentList } from "~/components/commitments/commitment-list";
import { listCommitmentsFor } from "~/services/commitments.server";
import { useDates } from "~/utils/dates";

export const meta: MetaFunction = () => [{ title: "Me · Rapport" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer, db, subject: self } = await requireSelf(request);
  const now = new Date();
  const [home, pulse, commitments] = await Promise.all([
    getMyHome(db, viewer, now),
    pendingPulse(db, viewer, now),
    listCommitmentsFor(db, viewer, self, now),
  ]);
  return {
    pulse,
    commitments,
    home: {
      ...home,
      goals: home.goals.map((g) => ({ ...g, attention: goalAttentionReasons(g, now) })),
    },
  };
}

export default function Me() {
  const dates = useDates();
  const { home, pulse, commitments } = useLoaderData<typeof loader>();
  const active = home.goals.filter((g) => g.status === "active");
  const closed = home.goals.filter((g) => g.status !== "active");
  const [params] = useSearchParams();
  return (
    <>
      <h1>Me</h1>
      <p className="lede">Your goals, the changes you are working on, and what you promised to do.</p>
      {home.lineChanges.map((c) => (
        <div className="alert warn" role="status" key={c.id}>
          <p>{lineChangeSentence({ ...c, on: dates.date(c.at) })}</p>
          <p>{lineChangeConsequence(c.toName)}</p>
        </div>
      ))}
      {/* The pulse form sends the report back here: say it arrived (issue 12, finding 6). */}
      {useSearchParams()[0].get("pulse") === "thanks" ? (
        <p className="alert ok" role="status">
          Thank you: your pulse is in. Only anonymized totals ever leave it; nobody reads your answers.{" "}
          <Link to="/me/anonymity">How your answers are protected</Link>
        </p>
      ) : null}
      {pulse ? (
        <p className="alert ok">
          How was your last 1:1? <Link to={`/meetings/${pulse.meetingId}/pulse`}>Answer the four-question pulse</Link>.
        </p>
      ) : null}
      <section className="card" aria-labelledby="next-1on1">
        <h2 id="next-1on1">Next 1:1</h2>
        {home.nextMeeting ? (
          <>
            <p>
              <Link to={`/meetings/${home.nextMeeting.id}`}>
                {dates.dateTime(home.nextMeeting.scheduledAt)} with {home.nextMeeting.managerName}
              </Link>
            </p>
            <NextMeetingTopicForm meetingId={home.nextMeeting.id} redirectTo="/me" />
          </>
        ) : (
          <p className="empty">No 1:1 planned yet.</p>
        )}
        <p>
          <Link to="/me/history">Your past 1:1s: notes, what you discussed and agreed, and a search</Link>
        </p>
        <p>
          <Link to="/me/privacy">Who read what about you</Link>
        </p>
      </section>

      <section className="card" aria-labelledby="my-goals">
        <div className="section-head">
          <h2 id="my-goals">My goals</h2>
          <Link to="/me/goals/new" className="button">
            Add a goal
          </Link>
        </div>
        {active.length ? (
          active.map((g) => (
            <article className="goal" key={g.id} aria-labelledby={`goal-${g.id}`}>
              <h3 id={`goal-${g.id}`}>
                <Link to={`/me/goals/${g.id}`}>{g.title}</Link>
              </h3>
              {g.whyItMatters ? <p className="why">{g.whyItMatters}</p> : null}
              <p className="muted">
                Target {dates.date(g.targetDate)}
                {g.attention.map((reason) => (
                  <span key={reason} className="badge warn" style={{ marginLeft: ".4rem" }}>
                    {reason}
                  </span>
                ))}
              </p>
              <GoalProgressForm goal={g} redirectTo="/me" />
            </article>
          ))
        ) : (
          <p className="empty">No active goals. What would make the next three months a success for you?</p>
        )}
        {closed.length ? (
          <details>
            <summary>{closed.length} achieved or dropped</summary>
            <ul>
              {closed.map((g) => (
                <li key={g.id}>
                  <Link to={`/me/goals/${g.id}`}>{g.title}</Link> <span className="badge">{g.status}</span>
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </section>

      <section className="card" aria-labelledby="my-checklist">
        <div className="section-head">
          <h2 id="my-checklist">How things stand for me</h2>
          <Link to="/me/checklist" className="button secondary">
            Rate myself
          </Link>
        </div>
        {params.get("rated") === "1" ? (
          <p className="alert ok" role="status">
            Your answers are saved. Your manager will see them beside their own view.
          </p>
        ) : null}
        <p className="muted">
          Answer the questions that matter to you, from 1 (not at all) to 5 (fully). Your manager sees your answers
          beside their own view, so the two of you can talk about where you see things differently.
        </p>
      </section>

      <div className="grid">
        <section className="card" aria-labelledby="my-commitments">
          <div className="section-head">
            <h2 id="my-commitments">Changes I committed to</h2>
            <Link to="/me/commitments/new?redirectTo=/me" className="button secondary">
              Propose a change
            </Link>
          </div>
          <CommitmentList commitments={commitments} viewerRole="report" redirectTo="/me" />
        </section>
        <section className="card" aria-labelledby="my-actions">
          <h2 id="my-actions">My action items</h2>
          {home.actionItems.length ? (
            <ul>
              {home.actionItems.map((a) => (
                <li key={a.id}>
                  {a.title} <span className="muted">(due {dates.date(a.dueOn)})</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="empty">Nothing open. Well done.</p>
          )}
        </section>
      </div>
      <p className="muted">
        <Link to="/me/anonymity">How your answers are protected</Link>: who sees your pulse, your notes and your
        ratings.
      </p>
    </>
  );
}
