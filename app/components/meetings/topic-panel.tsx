import { Form } from "@remix-run/react";
import { FieldErrors } from "../forms";

interface Topic {
  id: string;
  title: string;
  private: boolean;
  carriedCount: number;
}

/** The viewer's own topics for this 1:1: add, reorder, remove. Nobody touches someone else's. */
export function TopicPanel({ topics, errors, action }: { topics: Topic[]; errors?: Record<string, string[] | null> | null; action?: string }) {
  return (
    <section className="card" aria-labelledby="my-topics">
      <h2 id="my-topics">My topics</h2>
      {topics.length ? (
        <ul className="plain">
          {topics.map((t, i) => (
            <li key={t.id}>
              {t.title} {t.private ? <span className="badge">private</span> : null}
              {t.carriedCount ? <span className="badge">carried {t.carriedCount}×</span> : null}
              <Form method="post" action={action} className="actions" style={{ display: "inline-flex", marginLeft: ".5rem" }}>
                <input type="hidden" name="topicId" value={t.id} />
                <input type="hidden" name="intent" value="move-topic" />
                <button type="submit" name="direction" value="up" className="secondary small-button" disabled={i === 0} aria-label={`Move “${t.title}” up`}>
                  ↑
                </button>
                <button type="submit" name="direction" value="down" className="secondary small-button" disabled={i === topics.length - 1} aria-label={`Move “${t.title}” down`}>
                  ↓
                </button>
              </Form>
              <Form method="post" action={action} style={{ display: "inline" }}>
                <input type="hidden" name="topicId" value={t.id} />
                <button type="submit" name="intent" value="remove-topic" className="secondary small-button" aria-label={`Remove “${t.title}”`}>
                  Remove
                </button>
              </Form>
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">Nothing yet. What do you want to talk about?</p>
      )}
      <Form method="post" action={action} className="stack" style={{ marginTop: ".8rem" }}>
        <input type="hidden" name="intent" value="add-topic" />
        <div>
          <label htmlFor="topic-title">Add a topic</label>
          <input id="topic-title" name="title" type="text" maxLength={200} required aria-describedby={errors?.title ? "topic-title-error" : undefined} aria-invalid={errors?.title ? true : undefined} />
          <FieldErrors id="topic-title-error" errors={errors?.title} />
        </div>
        <div>
          <label htmlFor="topic-details">
            Details <span className="hint">(optional)</span>
          </label>
          <textarea id="topic-details" name="details" maxLength={2000} />
        </div>
        <div className="checks">
          <label>
            <input type="checkbox" name="private" value="on" /> Private: only I see it
          </label>
        </div>
        <div className="actions">
          <button type="submit">Add topic</button>
        </div>
      </Form>
    </section>
  );
}
