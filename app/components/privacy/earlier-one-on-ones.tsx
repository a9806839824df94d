import { FormNotices, replyErrors, useFetcherForm } from "~/components/forms";
import { TableScroll } from "~/components/table-scroll";
import { useDates } from "~/utils/dates";

/** The two things a form in this section asks; "all" or a 1:1's id says which 1:1s. */
export const HISTORY_SHARE_INTENTS = { share: "share-history", stop: "stop-sharing-history" } as const;

export interface EarlierOneOnOneRow {
  id: string;
  at: string | Date;
  managerName: string;
  shared: boolean;
}

/**
 * "Your earlier 1:1s" on /me/privacy (ADR 043): the 1:1s the reader held with an earlier manager, which
 * their manager now reads only once they share them, and takes back here.
 */
export function EarlierOneOnOnesSection({
  manager,
  allShared,
  meetings,
}: {
  manager: { id: string; name: string } | null;
  allShared: boolean;
  meetings: EarlierOneOnOneRow[];
}) {
  const dates = useDates();
  return (
    <section className="card stack" aria-labelledby="earlier-heading">
      <h2 id="earlier-heading">Your earlier 1:1s</h2>
      <p>
        Your 1:1s with an earlier manager stay between you and them.{" "}
        {manager ? `${manager.name}, your manager now,` : "A new manager"} reads them only if you share them, and you
        can stop sharing at any time. Private notes and topics are never shared: they stay with whoever wrote them.
      </p>
      {!meetings.length ? (
        <p className="empty">You have no 1:1s with an earlier manager.</p>
      ) : !manager ? (
        <p className="empty">You have no manager now, so there is nobody to share them with.</p>
      ) : (
        <>
          <ShareForm
            id="share-all"
            intent={allShared ? HISTORY_SHARE_INTENTS.stop : HISTORY_SHARE_INTENTS.share}
            scope="all"
            label={allShared ? `Stop sharing all with ${manager.name}` : `Share all with ${manager.name}`}
            saved={allShared ? `${manager.name} can now read all of them.` : "You have stopped sharing them."}
            danger={allShared}
          />
          <TableScroll label="Your earlier 1:1s, table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">With</th>
                <th scope="col">Shared with {manager.name}</th>
              </tr>
            </thead>
            <tbody>
              {meetings.map((m) => (
                <tr key={m.id}>
                  <td>{dates.date(m.at)}</td>
                  <td>{m.managerName}</td>
                  <td>
                    <span className={`badge ${m.shared ? "ok" : ""}`}>{m.shared ? "shared" : "not shared"}</span>
                    <ShareForm
                      id={`share-${m.id}`}
                      intent={m.shared ? HISTORY_SHARE_INTENTS.stop : HISTORY_SHARE_INTENTS.share}
                      scope={m.id}
                      label={m.shared ? "Stop sharing" : "Share"}
                      accessibleLabel={`${m.shared ? "Stop sharing" : "Share"} your 1:1 of ${dates.date(m.at)} with ${m.managerName}`}
                      saved={m.shared ? `${manager.name} can now read it.` : "You have stopped sharing it."}
                      danger={m.shared}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </TableScroll>
        </>
      )}
    </section>
  );
}

/**
 * One button's form. Its "saved" message is what is true once it went through; the page reloads with the
 * button turned the other way, so the message is written for the state the page now shows.
 */
function ShareForm({
  id,
  intent,
  scope,
  label,
  accessibleLabel,
  saved: savedMessage,
  danger,
}: {
  id: string;
  intent: string;
  scope: string;
  label: string;
  accessibleLabel?: string;
  saved: string;
  danger: boolean;
}) {
  const { fetcher, reply, form, submitting, formProps, saved } = useFetcherForm({
    id,
    match: { scope },
    savedMessage,
  });
  return (
    <fetcher.Form method="post" preventScrollReset {...formProps}>
      <FormNotices form={form} reply={reply} saved={saved} errors={replyErrors(reply)} />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="scope" value={scope} />
      <button
        type="submit"
        className={danger ? "secondary" : undefined}
        disabled={submitting}
        aria-label={accessibleLabel}
      >
        {submitting ? "Saving…" : label}
      </button>
    </fetcher.Form>
  );
}
