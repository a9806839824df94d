import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useFetcher, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireViewer } from "~/http/guards.server";
import { safeRedirect } from "~/http/session.server";
import { FormErrors, replyErrors, UnclaimedReplyErrors, useIsSubmitting, useReply } from "~/components/forms";
import { DO_OR_DROP_AFTER } from "~/domain/agenda/build";
import { daysFrom, plural } from "~/domain/dates";
import {
  getSettleableFollowUp,
  listOpenFollowUps,
  reopenActionItem,
  settleActionItem,
} from "~/services/action-items.server";
import { readFormData } from "~/http/form-data.server";
import { useDates } from "~/utils/dates";
import { replyToServiceError } from "~/http/form-replies.server";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction = () => [{ title: "Follow-ups · Rapport" }];

const itemId = z.uuid({ error: "Unknown follow-up." });
// Forms from before Undo existed send no intent: they settle.
const FollowUpActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("settle"), itemId, status: z.enum(["done", "dropped"], { error: "Done or drop?" }) }),
  z.object({ intent: z.literal("reopen"), itemId }),
]);

export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer, db } = await requireViewer(request);
  const now = new Date();
  const url = new URL(request.url);
  const settledId = url.searchParams.get("settled");
  const reopenedId = url.searchParams.get("reopened");
  // Scoped in the query: the viewer's direct reports' items and their own; nothing else.
  const [items, touched] = await Promise.all([
    listOpenFollowUps(db, viewer, now),
    // What the viewer just did, said back once, with Undo; only for an item they may settle.
    settledId || reopenedId ? getSettleableFollowUp(db, viewer, (settledId ?? reopenedId)!) : Promise.resolve(null),
  ]);
  const notice =
    touched && settledId && touched.status !== "open"
      ? { kind: "settled" as const, ...touched }
      : touched && reopenedId && touched.status === "open"
        ? { kind: "reopened" as const, ...touched }
        : null;
  return {
    viewerId: viewer.id,
    notice,
    items: items.map((i) => ({ ...i, overdueDays: i.dueOn ? Math.max(0, daysFrom(i.dueOn, now)) : 0 })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { viewer, db } = await requireViewer(request);
  const formData = await readFormData(request);
  if (!formData.has("intent")) formData.set("intent", "settle");
  const submission = parseWithZod(formData, { schema: FollowUpActionSchema });
  if (submission.status !== "success") return data({ ...submission.reply(), conflict: null }, { status: 400 });
  const input = submission.value;
  try {
    if (input.intent === "reopen") {
      await reopenActionItem(db, viewer, input.itemId, new Date());
      return redirect(`/follow-ups?reopened=${input.itemId}`);
    }
    await settleActionItem(db, viewer, input.itemId, input.status, new Date());
  } catch (error) {
    return replyToServiceError(submission, error);
  }
  const back = formData.get("redirectTo");
  return redirect(back ? safeRedirect(back, "/follow-ups") : `/follow-ups?settled=${input.itemId}`);
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Item = Data["items"][number];

export default function FollowUps() {
  const { items, viewerId, notice } = useLoaderData<typeof loader>();
  const mine = items.filter((i) => i.ownerId === viewerId);
  const theirs = items.filter((i) => i.ownerId !== viewerId);
  return (
    <>
      <h1>Follow-ups</h1>
      <p className="lede">
        Everything promised in your 1:1s and not yet done. Your own promises come first: trust is built there.
      </p>
      {notice ? <SettledNotice notice={notice} /> : null}
      <UnclaimedReplyErrors
        id="follow-up-errors"
        claims={[...items.map((i) => ({ itemId: i.id })), { intent: "reopen" }]}
      />
      <FollowUpTable
        caption="Your promises"
        items={mine}
        viewerId={viewerId}
        empty="You owe nobody anything right now."
      />
      <FollowUpTable caption="Promised to you" items={theirs} viewerId={viewerId} empty="Nothing open." />
    </>
  );
}

/** "You dropped …" with Undo; a role=status line, so a screen reader hears it without moving focus. */
function SettledNotice({ notice }: { notice: NonNullable<Data["notice"]> }) {
  const fetcher = useFetcher();
  const reply = useReply(fetcher, { intent: "reopen" });
  const busy = useIsSubmitting(fetcher);
  return (
    <div className="alert ok" role="status" data-testid="follow-up-notice">
      {notice.kind === "reopened" ? (
        <>“{notice.title}” is open again.</>
      ) : (
        <fetcher.Form method="post" preventScrollReset className="inline-fields">
          <span>
            {notice.status === "done" ? `You marked “${notice.title}” done.` : `You dropped “${notice.title}”.`}
          </span>
          <input type="hidden" name="intent" value="reopen" />
          <input type="hidden" name="itemId" value={notice.id} />
          <button type="submit" className="secondary small-button" disabled={busy}>
            {busy ? "Undoing…" : "Undo"}
          </button>
        </fetcher.Form>
      )}
      <FormErrors id="follow-up-undo-errors" errors={replyErrors(reply)} />
    </div>
  );
}

/** The other side of the follow-up's 1:1, named from where the viewer sits, with a page they can open. */
function OtherSide({ item, viewerId }: { item: Item; viewerId: string }) {
  if (item.reportId !== viewerId) return <Link to={`/people/${item.reportId}`}>{item.reportName}</Link>;
  const who = item.reportManagerId === item.managerId ? "your manager" : "your manager then,";
  return (
    <>
      {who} <Link to={item.meetingId ? `/meetings/${item.meetingId}` : "/me"}>{item.managerName}</Link>
    </>
  );
}

function FollowUpTable({
  caption,
  items,
  viewerId,
  empty,
}: {
  caption: string;
  items: Item[];
  viewerId: string;
  empty: string;
}) {
  const dates = useDates();
  return (
    <section className="card" aria-label={caption}>
      <h2>{caption}</h2>
      {items.length ? (
        <TableScroll label={`${caption} table`}>
          <thead>
            <tr>
              <th scope="col">Follow-up</th>
              <th scope="col">Owner</th>
              <th scope="col">1:1 with</th>
              <th scope="col">Due</th>
              <th scope="col">Carried</th>
              <th scope="col">Settle</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.id}>
                <td>
                  {i.title}
                  {i.carriedCount >= DO_OR_DROP_AFTER ? <strong className="badge warn">do or drop?</strong> : null}
                </td>
                <td>{i.ownerId === viewerId ? "You" : i.ownerName}</td>
                <td>
                  <OtherSide item={i} viewerId={viewerId} />
                </td>
                <td>
                  {dates.date(i.dueOn)}{" "}
                  {i.overdueDays ? <span className="badge bad">overdue by {plural(i.overdueDays, "day")}</span> : null}
                </td>
                <td>{i.carriedCount ? `${i.carriedCount}×` : "—"}</td>
                <td>
                  <SettleForm item={i} />
                </td>
              </tr>
            ))}
          </tbody>
        </TableScroll>
      ) : (
        <p className="empty">{empty}</p>
      )}
    </section>
  );
}

/** Done or dropped, from the row's own fetcher: the row leaves the list and the page says so, with Undo. */
function SettleForm({ item }: { item: Item }) {
  const fetcher = useFetcher();
  const reply = useReply(fetcher, { itemId: item.id });
  const busy = useIsSubmitting(fetcher);
  return (
    <fetcher.Form method="post" preventScrollReset>
      <div className="actions">
        <input type="hidden" name="intent" value="settle" />
        <input type="hidden" name="itemId" value={item.id} />
        <button
          type="submit"
          name="status"
          value="done"
          className="secondary small-button"
          disabled={busy}
          aria-label={`Done: ${item.title}`}
        >
          Done
        </button>
        <button
          type="submit"
          name="status"
          value="dropped"
          className="secondary small-button"
          disabled={busy}
          aria-label={`Drop: ${item.title}`}
        >
          Drop
        </button>
      </div>
      <FormErrors id={`follow-up-${item.id}-errors`} errors={replyErrors(reply)} />
    </fetcher.Form>
  );
}
