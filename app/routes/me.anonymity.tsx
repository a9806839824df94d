import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireSelf } from "~/http/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { trendsOptions } from "~/services/trends/filters.server";

export const meta: MetaFunction = () => [{ title: "How your answers are protected · Rapport" }];

/**
 * What happens to a person's answers, in their words: the live threshold
 * (RAPPORT_MIN_GROUP), who sees what, and what stays when someone leaves
 * (ADR 040). Every signed-in person may read it; it reads nothing about them.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireSelf(request);
  const { k, skipLevelRead } = trendsOptions();
  return { k, skipLevelRead };
}

export default function HowAnswersAreProtected() {
  const { k, skipLevelRead } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>How your answers are protected</h1>
      <p className="lede">
        What happens to the pulse you answer after a 1:1, who can see what, and what stays when someone leaves.
      </p>

      <section className="stack" aria-labelledby="pulse-heading">
        <h2 id="pulse-heading">Your pulse answers</h2>
        <ul>
          <li>
            Nobody reads your answers one by one: not your manager, not HR, not an admin. Only you can open your pulse,
            and your manager is not shown whether you answered it.
          </li>
          <li>
            Your answers only ever count in totals of <strong>at least {k} people</strong>. That number is set for your
            whole organisation and can never be lower than 3. A smaller group shows as “suppressed”, never as a number.
          </li>
          <li>
            A total in which everyone gave the same lowest or highest answer is hidden too, since it would say what each
            of them answered.
          </li>
        </ul>
      </section>

      <section className="stack" aria-labelledby="hr-heading">
        <h2 id="hr-heading">What HR can and cannot see</h2>
        <ul>
          <li>
            HR sees engagement trends by team: only for teams of at least {k} people (a smaller team counts in the team
            above it) and only for months that have finished, so two visits a day apart cannot be compared.
          </li>
          <li>
            When fewer than {k} people joined or left a team since the month before, that team’s month is hidden, so the
            two months cannot be subtracted to find a newcomer’s or a leaver’s answers. A total that would reveal a
            smaller group by subtracting one team from another is hidden as well.
          </li>
          <li>HR never sees your name next to an answer, and never sees a single answer.</li>
        </ul>
      </section>

      <section className="stack" aria-labelledby="manager-heading">
        <h2 id="manager-heading">What your manager can and cannot see</h2>
        <ul>
          <li>
            Of pulses, your manager sees only the trends of everyone below them taken together, under the same rules as
            HR: nothing for fewer than {k} people, and nothing if they are HR too.
          </li>
          <li>
            Your 1:1s, shared notes, goals and commitments are shared with your current manager: that is what they are
            for.{" "}
            {skipLevelRead
              ? "Your manager’s own manager (and those above) can read your account too."
              : "Managers further up cannot read your account."}
          </li>
          <li>
            Your checklist self-ratings are part of your 1:1s: your manager
            {skipLevelRead ? " and the managers above them" : ""} read them one by one. HR sees them only as totals of
            at least {k} people.
          </li>
        </ul>
      </section>

      <section className="stack" aria-labelledby="private-heading">
        <h2 id="private-heading">Private notes and topics</h2>
        <p>
          A private note or a private topic is yours alone. Nobody else reads it: not your manager, not HR, and not an
          admin. It is never sent in an email or put in an export.
        </p>
      </section>

      <section className="stack" aria-labelledby="leave-heading">
        <h2 id="leave-heading">When someone leaves</h2>
        <p>
          Today, when an admin deactivates your account you can no longer sign in, and what you wrote and answered stays
          in Rapport as it was: nothing is erased automatically yet. Your past pulse answers keep counting in the
          anonymized totals of the months they were given in; those months store only counts and sums, never a name or
          an answer. If you want something erased, ask your admin.
        </p>
      </section>

      <p>
        <Link to="/me">Back to your page</Link>
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
