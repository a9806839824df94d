import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireOwnPrivacy } from "~/http/guards.server";
import { methodNotAllowed } from "~/http/errors.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { YourDataSection } from "~/components/privacy/your-data";
import { TableScroll } from "~/components/table-scroll";
import { countSentence, ROLE_WORDS, TARGET_WORDS } from "~/domain/access-receipts";
import { listAccessCounts, listAccessReceipts } from "~/services/access-receipts.server";
import { useDates } from "~/utils/dates";

export const meta: MetaFunction = () => [{ title: "Your privacy · Rapport" }];

/**
 * Who read what about the viewer (ADR 041): the receipts of every read by anyone but them and their direct
 * manager, newest first, and the direct manager's reads counted per week. Theirs alone (`privacy:read`);
 * nothing on this page, or anywhere, changes or removes a receipt, so it has no action.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { db, subject } = await requireOwnPrivacy(request);
  const [{ receipts, total }, counts] = await Promise.all([
    listAccessReceipts(db, subject.id),
    listAccessCounts(db, subject.id),
  ]);
  return { receipts, total, counts };
}

/** A forged form (an admin's "delete", anyone's) is refused and says why: no receipt is ever changed or removed. */
export async function action({ request }: ActionFunctionArgs) {
  await requireOwnPrivacy(request);
  throw methodNotAllowed("Nobody can change or remove who read what about a person, admins included.");
}

export default function Privacy() {
  const { receipts, total, counts } = useLoaderData<typeof loader>();
  const dates = useDates();
  return (
    <>
      <h1>Your privacy</h1>
      <p className="lede">
        Who read what about you. Every time someone other than you and your manager opens a page about you (your
        account, your commitments and 1:1s, your checklist, your 1:1 rhythm, a search of your 1:1s) or your record in
        the organisation chart, it is written down here. Nobody can change or remove these entries, admins included.
      </p>

      <section className="card" aria-labelledby="receipts-heading">
        <h2 id="receipts-heading">Who read what about you</h2>
        {receipts.length ? (
          <>
            <TableScroll label="Who read what about you, table">
              <thead>
                <tr>
                  <th scope="col">Who</th>
                  <th scope="col">As</th>
                  <th scope="col">What</th>
                  <th scope="col">When</th>
                </tr>
              </thead>
              <tbody>
                {receipts.map((r) => (
                  <tr key={r.id}>
                    <td>{r.readerName}</td>
                    <td>{ROLE_WORDS[r.role]}</td>
                    <td>
                      {r.target === "commitment" && r.recordId ? (
                        <Link to={`/commitments/${r.recordId}`}>{TARGET_WORDS[r.target]}</Link>
                      ) : (
                        TARGET_WORDS[r.target]
                      )}
                    </td>
                    <td>{dates.dateTime(r.readAt)}</td>
                  </tr>
                ))}
              </tbody>
            </TableScroll>
            {total > receipts.length ? (
              <p className="muted">
                The latest {receipts.length} of {total} reads. All of them are kept.
              </p>
            ) : null}
          </>
        ) : (
          <p className="empty">Nobody but you and your manager has read about you.</p>
        )}
      </section>

      <section className="card" aria-labelledby="manager-reads-heading">
        <h2 id="manager-reads-heading">Your manager&apos;s reads</h2>
        <p>
          Your manager opens the pages about you as part of their work, so their reads are counted per week rather than
          listed one by one.
        </p>
        {counts.length ? (
          <ul>
            {counts.map((c) => (
              <li key={`${c.readerId}-${c.weekStart}`}>
                {countSentence(c.readerName, c.reads)} in the week of {dates.date(c.weekStart)}.
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">Your manager has not opened them yet.</p>
        )}
      </section>

      <YourDataSection />

      <p>
        <Link to="/me/anonymity">How your answers are protected</Link>
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
