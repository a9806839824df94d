import { Form } from "@remix-run/react";
import { formatDateTime } from "~/utils/format";
import { FieldErrors } from "../forms";

interface Note {
  id: string;
  authorName: string;
  visibility: "shared" | "private";
  body: string;
  createdAt: string | Date;
}

/** Notes (shared with both, or private to the author) and new follow-ups. */
export function MeetingSidebar({ notes, viewerIsReport, otherName, errors }: { notes: Note[]; viewerIsReport: boolean; otherName: string; errors?: Record<string, string[] | null> | null }) {
  return (
    <>
      <section className="card" aria-labelledby="notes">
        <h2 id="notes">Notes</h2>
        {notes.length ? (
          <ul className="plain">
            {notes.map((n) => (
              <li key={n.id}>
                <span className="muted small">
                  {n.authorName} · {formatDateTime(n.createdAt)} · {n.visibility === "private" ? "private: only you" : "shared"}
                </span>
                <p style={{ margin: ".2rem 0", whiteSpace: "pre-wrap" }}>{n.body}</p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">No notes yet.</p>
        )}
        <Form method="post" className="stack" style={{ marginTop: ".6rem" }}>
          <input type="hidden" name="intent" value="add-note" />
          <div>
            <label htmlFor="note-body">Add a note</label>
            <textarea id="note-body" name="body" maxLength={20000} required aria-describedby={errors?.body ? "note-body-error" : undefined} aria-invalid={errors?.body ? true : undefined} />
            <FieldErrors id="note-body-error" errors={errors?.body} />
          </div>
          <div className="checks" role="radiogroup" aria-label="Who can read it">
            <label>
              <input type="radio" name="visibility" value="shared" defaultChecked /> Shared with {otherName}
            </label>
            <label>
              <input type="radio" name="visibility" value="private" /> Private: only me
            </label>
          </div>
          <div className="actions">
            <button type="submit">Save note</button>
          </div>
        </Form>
      </section>
      <section className="card" aria-labelledby="new-action">
        <h2 id="new-action">New follow-up</h2>
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="add-action" />
          <div>
            <label htmlFor="action-title">What will be done</label>
            <input id="action-title" name="title" type="text" maxLength={300} required aria-describedby={errors?.title ? "action-title-error" : undefined} aria-invalid={errors?.title ? true : undefined} />
            <FieldErrors id="action-title-error" errors={errors?.title} />
          </div>
          <div>
            <label htmlFor="action-owner">Who owns it</label>
            <select id="action-owner" name="owner" defaultValue={viewerIsReport ? "report" : "manager"}>
              <option value="report">{viewerIsReport ? "Me" : otherName}</option>
              <option value="manager">{viewerIsReport ? otherName : "Me"}</option>
            </select>
          </div>
          <div>
            <label htmlFor="action-due">
              Due <span className="hint">(optional)</span>
            </label>
            <input id="action-due" name="dueOn" type="date" aria-describedby={errors?.dueOn ? "action-due-error" : undefined} aria-invalid={errors?.dueOn ? true : undefined} />
            <FieldErrors id="action-due-error" errors={errors?.dueOn} />
          </div>
          <div className="actions">
            <button type="submit">Add follow-up</button>
          </div>
        </Form>
      </section>
    </>
  );
}
