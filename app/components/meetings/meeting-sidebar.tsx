import type { z } from "zod";
import type { AddActionItemSchema, AddNoteSchema } from "~/schemas/meetings";
import { useDates } from "~/utils/dates";
import { ChoiceField, Field, FormNotices, useFetcherForm } from "../forms";

interface Note {
  id: string;
  authorName: string;
  visibility: "shared" | "private";
  body: string;
  createdAt: string | Date;
}

/** Notes (shared with both, or private to the author) and new follow-ups. */
export function MeetingSidebar({
  notes,
  viewerIsReport,
  otherName,
  canWrite = true,
}: {
  notes: Note[];
  viewerIsReport: boolean;
  otherName: string;
  /** False for a shared earlier 1:1 (ADR 043): its notes are read, never added to. */
  canWrite?: boolean;
}) {
  const dates = useDates();
  return (
    <>
      <section className="card" aria-labelledby="notes">
        <h2 id="notes">Notes</h2>
        {notes.length ? (
          <ul className="plain">
            {notes.map((n) => (
              <li key={n.id}>
                <span className="muted small">
                  {n.authorName} · {dates.dateTime(n.createdAt)} ·{" "}
                  {n.visibility === "private" ? "private: only you" : "shared"}
                </span>
                <p style={{ margin: ".2rem 0", whiteSpace: "pre-wrap" }}>{n.body}</p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">No notes yet.</p>
        )}
        {canWrite ? <NoteForm otherName={otherName} /> : null}
      </section>
      {canWrite ? (
        <section className="card" aria-labelledby="new-action">
          <h2 id="new-action">New follow-up</h2>
          <FollowUpForm viewerIsReport={viewerIsReport} otherName={otherName} />
        </section>
      ) : null}
    </>
  );
}

function NoteForm({ otherName }: { otherName: string }) {
  const { fetcher, reply, form, fields, submitting, formProps, saved } = useFetcherForm<z.input<typeof AddNoteSchema>>({
    id: "add-note",
    match: { intent: "add-note" },
    savedMessage: "Note saved.",
    defaultValue: { visibility: "shared" },
  });
  return (
    <fetcher.Form method="post" preventScrollReset className="stack" style={{ marginTop: ".6rem" }} {...formProps}>
      <FormNotices form={form} reply={reply} saved={saved} />
      <input type="hidden" name="intent" value="add-note" />
      <Field label="Add a note" meta={fields.body} as="textarea" required maxLength={20000} />
      <ChoiceField
        legend="Who can read it"
        legendHidden
        className="bare"
        meta={fields.visibility}
        options={[
          { value: "shared", label: `Shared with ${otherName}` },
          { value: "private", label: "Private: only me" },
        ]}
      />
      <div className="actions">
        <button type="submit" disabled={submitting}>
          {submitting ? "Saving…" : "Save note"}
        </button>
      </div>
    </fetcher.Form>
  );
}

function FollowUpForm({ viewerIsReport, otherName }: { viewerIsReport: boolean; otherName: string }) {
  const { fetcher, reply, form, fields, submitting, formProps, saved } = useFetcherForm<
    z.input<typeof AddActionItemSchema>
  >({
    id: "add-action",
    match: { intent: "add-action" },
    savedMessage: "Follow-up added.",
    defaultValue: { owner: viewerIsReport ? "report" : "manager" },
  });
  return (
    <fetcher.Form method="post" preventScrollReset className="stack" {...formProps}>
      <FormNotices form={form} reply={reply} saved={saved} />
      <input type="hidden" name="intent" value="add-action" />
      <Field label="What will be done" meta={fields.title} required maxLength={300} />
      <Field label="Who owns it" meta={fields.owner} as="select">
        <option value="report">{viewerIsReport ? "Me" : otherName}</option>
        <option value="manager">{viewerIsReport ? otherName : "Me"}</option>
      </Field>
      <Field label="Due" hint="(optional)" meta={fields.dueOn} type="date" />
      <div className="actions">
        <button type="submit" disabled={submitting}>
          {submitting ? "Adding…" : "Add follow-up"}
        </button>
      </div>
    </fetcher.Form>
  );
}
