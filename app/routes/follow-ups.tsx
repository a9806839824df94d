import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useFetcher, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireViewer } from "~/http/guards.server";
import { safeRedirect } from "~/http/session.server";
import { FormErrors, replyErrors, UnclaimedReplyErrors, useIsSubmitting, useReply } from "~/components/forms";
import { DO_OR_DROP_AFTER } from "~/domain/agenda/build";
import { daysFrom, plural } from "~/domain/dates";
import { listOpenFollowUps, settleActionItem } from "~/services/action-items.server";
import { readFormData } from "~/http/form-data.server";
import { useDates } from "~/utils/dates";
import { replyToServiceError } from "~/http/form-replies.server";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction = () => [{ title: "Follow-ups · Rapport" }];

const SettleSchema = z.object({ itemId: z.uuid({ error: "Unknown follow-up." }), status: z.enum(["done", "dropped"]) });

export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer, db } = await requireViewer(request);
  const now = new Date();
  // Scoped in the query: the viewer's direct reports' items and their own; nothing else.
  const items = await listOpenFollowUps(db, viewer, now);
  return {
    viewerId: viewer.id,
    items: items.map((i) => ({ ...i, overdueDays: i.dueOn ? Math.max(0, daysFrom(i.dueOn, now)) : 0 })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { viewer, db } = await requireViewer(request);
  const formData = await readFormData(request);
  const submission = parseWithZod(formData, { schema: SettleSchema });
  if (submission.status !== "success") return data({ ...submission.reply(), conflict: null }, { status: 400 });
  try {
    await settleActionItem(db, viewer, submission.value.itemId, submission.value.status, new Date());
  } catch (error) {
    return replyToServiceError(submission, error);
  }
  return redirect(safeRedirect(formData.get("redirectTo"), "/follow-ups"));
}

type Item = ReturnType<typeof useLoaderData<typeof loader>>["items"][number];

export default function FollowUps() {
  const { items, viewerId } = useLoaderData<typeof loader>();
  const mine = items.filter((i) => i.ownerId === viewerId);
  const theirs = items.filter((i) => i.ownerId !== viewerId);
  return (
    <>
      <h1>Follow-ups</h1>
      <p className="lede">
        Everything promised in a 1:1 and not yet done. Your own promises come first: trust is built there.
      </p>
      <UnclaimedReplyErrors id="follow-up-errors" claims={items.map((i) => ({ itemId: i.id }))} />
      <FollowUpTable caption="My promises" items={mine} empty="You owe nobody anything right now." />
      <FollowUpTable caption="Theirs" items={theirs} empty="Nothing open." />
    </>
  );
}

function FollowUpTable({ caption, items, empty }: { caption: string; items: Item[]; empty: string }) {
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
                <td>{i.ownerName}</td>
                <td>
                  <Link to={`/people/${i.reportId}`}>{i.reportName}</Link>
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

/** Done or dropped, from the row's own fetcher: the row leaves the list and the page keeps its scroll. */
function SettleForm({ item }: { item: Item }) {
  const fetcher = useFetcher();
  const reply = useReply(fetcher, { itemId: item.id });
  const busy = useIsSubmitting(fetcher);
  return (
    <fetcher.Form method="post" preventScrollReset>
      <div className="actions">
        <input type="hidden" name="itemId" value={item.id} />
        <button type="submit" name="status" value="done" className="secondary small-button" disabled={busy}>
          Done
        </button>
        <button type="submit" name="status" value="dropped" className="secondary small-button" disabled={busy}>
          Drop
        </button>
      </div>
      <FormErrors id={`follow-up-${item.id}-errors`} errors={replyErrors(reply)} />
    </fetcher.Form>
  );
}
