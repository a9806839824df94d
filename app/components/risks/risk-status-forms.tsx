import { Field, FormNotices, useFetcherForm, VersionInput } from "~/components/forms";
import { validateWith } from "~/components/forms-zod";
import { CloseRiskSchema, RISK_FIELD_LABELS, ReopenRiskSchema, ReviewRiskSchema } from "~/schemas/risks";

interface Props {
  /** The stored version. */
  version: number;
}

/** "I looked at this today": an optional note for the history, and when to look again. */
export function ReviewRiskForm({ version, suggestedNextReview }: Props & { suggestedNextReview: string }) {
  const { fetcher, reply, form, fields, submitting, formProps } = useFetcherForm({
    id: "risk-review",
    validate: validateWith(ReviewRiskSchema),
    match: { intent: "review" },
    shouldValidate: "onBlur",
    defaultValue: { nextReviewOn: suggestedNextReview },
  });
  return (
    <fetcher.Form method="post" className="stack" {...formProps}>
      <FormNotices form={form} reply={reply} labels={RISK_FIELD_LABELS} />
      <input type="hidden" name="intent" value="review" />
      <VersionInput version={version} reply={reply} />
      <Field label="What you found" hint="(optional, kept in the history)" meta={fields.note} as="textarea" rows={3} />
      <Field
        label="Next review"
        hint="(leave empty for none)"
        meta={fields.nextReviewOn}
        type="date"
        className="narrow-date"
      />
      <div className="actions">
        <button type="submit" disabled={submitting}>
          {submitting ? "Saving…" : "Mark reviewed"}
        </button>
      </div>
    </fetcher.Form>
  );
}

/** Close an open risk, with a word on how it ended. */
export function CloseRiskForm({ version }: Props) {
  const { fetcher, reply, form, fields, submitting, formProps } = useFetcherForm({
    id: "risk-close",
    validate: validateWith(CloseRiskSchema),
    match: { intent: "close" },
    shouldValidate: "onBlur",
  });
  return (
    <fetcher.Form method="post" className="stack" {...formProps}>
      <FormNotices form={form} reply={reply} labels={RISK_FIELD_LABELS} />
      <input type="hidden" name="intent" value="close" />
      <VersionInput version={version} reply={reply} />
      <Field label="How it ended" hint="(optional)" meta={fields.note} />
      <div className="actions">
        <button type="submit" className="secondary" disabled={submitting}>
          {submitting ? "Closing…" : "Close this risk"}
        </button>
      </div>
    </fetcher.Form>
  );
}

/** Open a closed risk again. */
export function ReopenRiskForm({ version }: Props) {
  const { fetcher, reply, form, submitting, formProps } = useFetcherForm({
    id: "risk-reopen",
    validate: validateWith(ReopenRiskSchema),
    match: { intent: "reopen" },
  });
  return (
    <fetcher.Form method="post" className="stack" {...formProps}>
      <FormNotices form={form} reply={reply} labels={RISK_FIELD_LABELS} />
      <input type="hidden" name="intent" value="reopen" />
      <VersionInput version={version} reply={reply} />
      <div className="actions">
        <button type="submit" className="secondary" disabled={submitting}>
          {submitting ? "Reopening…" : "Reopen this risk"}
        </button>
      </div>
    </fetcher.Form>
  );
}
