import { getInputProps } from "@conform-to/react";
import { useFetcher } from "@remix-run/react";
import type { z } from "zod";
import type { AddTopicSchema } from "~/schemas/meetings";
import {
  Field,
  FieldErrors,
  FormErrors,
  FormNotices,
  replyErrors,
  useFetcherForm,
  useIsSubmitting,
  useReply,
} from "../forms";

type TopicFields = z.input<typeof AddTopicSchema>;

interface Topic {
  id: string;
  title: string;
  private: boolean;
  carriedCount: number;
}

/** The viewer's own topics for this 1:1: add, reorder, remove. Nobody touches someone else's. */
export function TopicPanel({ topics }: { topics: Topic[] }) {
  return (
    <section className="card" aria-labelledby="my-topics">
      <h2 id="my-topics">My topics</h2>
      {topics.length ? (
        <ul className="plain">
          {topics.map((t, i) => (
            <TopicRow key={t.id} topic={t} first={i === 0} last={i === topics.length - 1} />
          ))}
        </ul>
      ) : (
        <p className="empty">Nothing yet. What do you want to talk about?</p>
      )}
      <AddTopicForm />
    </section>
  );
}

/** Moving and removing go through the row's own fetcher: the list changes in place and the page keeps its scroll. */
function TopicRow({ topic: t, first, last }: { topic: Topic; first: boolean; last: boolean }) {
  const fetcher = useFetcher();
  const reply = useReply(fetcher, { topicId: t.id });
  const busy = useIsSubmitting(fetcher);
  return (
    <li>
      {t.title} {t.private ? <span className="badge">private</span> : null}
      {t.carriedCount ? <span className="badge">carried {t.carriedCount}×</span> : null}
      <fetcher.Form
        method="post"
        preventScrollReset
        className="actions"
        style={{ display: "inline-flex", marginLeft: ".5rem" }}
      >
        <input type="hidden" name="topicId" value={t.id} />
        <input type="hidden" name="intent" value="move-topic" />
        <button
          type="submit"
          name="direction"
          value="up"
          className="secondary small-button"
          disabled={first || busy}
          aria-label={`Move “${t.title}” up`}
        >
          ↑
        </button>
        <button
          type="submit"
          name="direction"
          value="down"
          className="secondary small-button"
          disabled={last || busy}
          aria-label={`Move “${t.title}” down`}
        >
          ↓
        </button>
      </fetcher.Form>
      <fetcher.Form method="post" preventScrollReset style={{ display: "inline" }}>
        <input type="hidden" name="topicId" value={t.id} />
        <button
          type="submit"
          name="intent"
          value="remove-topic"
          className="secondary small-button"
          disabled={busy}
          aria-label={`Remove “${t.title}”`}
        >
          Remove
        </button>
      </fetcher.Form>
      <FormErrors id={`topic-${t.id}-errors`} errors={replyErrors(reply)} />
    </li>
  );
}

/** A topic of one's own for this 1:1, with optional details; private ones only the author sees. */
function AddTopicForm() {
  const { fetcher, reply, form, fields, submitting, formProps, saved } = useFetcherForm<TopicFields>({
    id: "add-topic",
    match: { intent: "add-topic" },
    savedMessage: "Topic added.",
  });
  return (
    <fetcher.Form method="post" preventScrollReset className="stack" style={{ marginTop: ".8rem" }} {...formProps}>
      <FormNotices form={form} reply={reply} saved={saved} />
      <input type="hidden" name="intent" value="add-topic" />
      <Field label="Add a topic" meta={fields.title} required maxLength={200} />
      <Field label="Details" hint="(optional)" meta={fields.details} as="textarea" maxLength={2000} />
      <div className="checks">
        <label>
          <input {...getInputProps(fields.private, { type: "checkbox" })} /> Private: only I see it
        </label>
      </div>
      <div className="actions">
        <button type="submit" disabled={submitting}>
          {submitting ? "Adding…" : "Add topic"}
        </button>
      </div>
    </fetcher.Form>
  );
}

/**
 * Adding a topic to the next 1:1 from the home page, in one line. It posts
 * to the 1:1 itself (without JavaScript, a refusal shows there).
 */
export function NextMeetingTopicForm({ meetingId, redirectTo }: { meetingId: string; redirectTo: string }) {
  const { fetcher, reply, form, fields, submitting, formProps, saved } = useFetcherForm<TopicFields>({
    id: "home-topic",
    match: { intent: "add-topic" },
    savedMessage: "Topic added to your next 1:1.",
  });
  return (
    <fetcher.Form method="post" action={`/meetings/${meetingId}`} preventScrollReset {...formProps}>
      <FormNotices form={form} reply={reply} saved={saved} />
      <div className="inline-fields">
        <input type="hidden" name="intent" value="add-topic" />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <label htmlFor={fields.title.id}>Add a topic</label>
        <input
          {...getInputProps(fields.title, { type: "text" })}
          placeholder="What do you want to talk about?"
          required
          maxLength={200}
        />
        <label className="checks">
          <input {...getInputProps(fields.private, { type: "checkbox" })} /> only me
        </label>
        <button type="submit" className="secondary" disabled={submitting}>
          {submitting ? "Adding…" : "Add"}
        </button>
      </div>
      <FieldErrors id={fields.title.errorId} errors={fields.title.errors} />
    </fetcher.Form>
  );
}
