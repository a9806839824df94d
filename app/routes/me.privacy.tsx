import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireOwnPrivacy } from "~/http/guards.server";
import { methodNotAllowed } from "~/http/errors.server";
import { readFormData } from "~/http/form-data.server";
import { replyToServiceError } from "~/http/form-replies.server";
import { requestOrigin } from "~/http/request.server";
import { submissionKey } from "~/http/submission-key.server";
import { EarlierOneOnOnesSection, HISTORY_SHARE_INTENTS } from "~/components/privacy/earlier-one-on-ones";
import {
  listEarlierOneOnOnes,
  shareHistory,
  stopSharingHistory,
  type ShareScope,
} from "~/services/history-shares.server";
import { writeOnce } from "~/services/submissions.server";
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
 * nothing on this page, or anywhere, changes or removes a receipt. And the 1:1s they held with an earlier
 * manager, which they share with their manager now or take back (ADR 043).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { db, subject, viewer } = await requireOwnPrivacy(request);
  const [{ receipts, total }, counts, earlier] = await Promise.all([
    listAccessReceipts(db, subject.id),
    listAccessCounts(db, subject.id),
    listEarlierOneOnOnes(db, viewer),
  ]);
  return { receipts, total, counts, earlier };
}

const ShareSchema = z.object({
  intent: z.enum([HISTORY_SHARE_INTENTS.share, HISTORY_SHARE_INTENTS.stop]),
  scope: z.union([z.literal("all"), z.uuid({ error: "Choose one of your earlier 1:1s." })], {
    error: "Choose one of your earlier 1:1s.",
  }),
});

/**
 * Sharing earlier 1:1s and taking them back (ADR 043); nothing else. A forged form (an admin's "delete",
 * anyone's) is refused and says why: no receipt is ever changed or removed.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const { db, viewer } = await requireOwnPrivacy(request);
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  if (intent !== HISTORY_SHARE_INTENTS.share && intent !== HISTORY_SHARE_INTENTS.stop)
    throw methodNotAllowed("Nobody can change or remove who read what about a person, admins included.");
  const submission = parseWithZod(formData, { schema: ShareSchema });
  if (submission.status !== "success") return data({ ...submission.reply(), conflict: null }, { status: 400 });
  const { scope: chosen } = submission.value;
  const scope: ShareScope = chosen === "all" ? { all: true } : { all: false, meetingId: chosen };
  const origin = requestOrigin(request, context);
  const now = new Date();
  try {
    // Two copies of one click write once: the form's key, and the one live share per 1:1 besides.
    await writeOnce(db, viewer.id, submissionKey(formData), now, async (tx) => {
      if (intent === HISTORY_SHARE_INTENTS.share) await shareHistory(tx, viewer, scope, origin, now);
      else await stopSharingHistory(tx, viewer, scope, origin, now);
    });
  } catch (error) {
    return replyToServiceError(submission, error);
  }
  // A success reply (not a reset one, which carries no status): the form says what is true now.
  return data({ ...submission.reply(), conflict: null });
}

export default function Privacy() {
  const { receipts, total, counts, earlier } = useLoaderData<typeof loader>();
  const dates = useDates();
  return (
    <>
      <h1>Your privacy</h1>
      <p className="lede">
        Who read what about you, and which of your earlier 1:1s you share. Every time someone other than you and your
        manager opens a page about you (your account, your commitments and 1:1s, your checklist, your 1:1 rhythm, a
        search of your 1:1s) or your record in the organisation chart, it is written down here. Nobody can change or
        remove these entries, admins included.
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

      <EarlierOneOnOnesSection {...earlier} />

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
