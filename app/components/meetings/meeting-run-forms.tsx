import { getInputProps } from "@conform-to/react";
import type { z } from "zod";
import type { FinishMeetingSchema } from "~/schemas/meetings";
import type { CancelSchema, RescheduleSchema } from "~/schemas/rhythm";
import { wallTimeValue } from "~/domain/time-zones";
import { useDates } from "~/utils/dates";
import { FieldErrors, FormNotices, useFetcherForm, VersionInput } from "../forms";

interface Meeting {
  scheduledAt: string | Date;
  version: number;
}

/** Move a planned 1:1 to another time, typed on the reader's own clock. */
export function RescheduleForm({ meeting }: { meeting: Meeting }) {
  const dates = useDates();
  const { fetcher, reply, form, fields, submitting, formProps } = useFetcherForm<z.input<typeof RescheduleSchema>>({
    id: "reschedule",
    match: { intent: "reschedule" },
    defaultValue: { scheduledAt: wallTimeValue(new Date(meeting.scheduledAt), dates.zone) },
  });
  return (
    <fetcher.Form method="post" preventScrollReset {...formProps}>
      <FormNotices form={form} reply={reply} />
      <div className="inline-fields">
        <input type="hidden" name="intent" value="reschedule" />
        <VersionInput version={meeting.version} reply={reply} />
        <input type="hidden" name="timeZone" value={dates.zone} />
        <label htmlFor={fields.scheduledAt.id}>Move to ({dates.abbreviation(meeting.scheduledAt)})</label>
        <input {...getInputProps(fields.scheduledAt, { type: "datetime-local" })} required />
        <button type="submit" className="secondary" disabled={submitting}>
          {submitting ? "Moving…" : "Move"}
        </button>
      </div>
      <FieldErrors id={fields.scheduledAt.errorId} errors={fields.scheduledAt.errors} />
    </fetcher.Form>
  );
}

/** Cancel a planned 1:1; its topics move to the next one, where the page then goes. */
export function CancelMeetingForm({ meeting }: { meeting: Meeting }) {
  const { fetcher, reply, form, submitting, formProps } = useFetcherForm<z.input<typeof CancelSchema>>({
    id: "cancel",
    match: { intent: "cancel" },
  });
  return (
    <fetcher.Form method="post" {...formProps}>
      <FormNotices form={form} reply={reply} />
      <div className="inline-fields">
        <input type="hidden" name="intent" value="cancel" />
        <VersionInput version={meeting.version} reply={reply} />
        <button type="submit" className="danger" disabled={submitting}>
          {submitting ? "Cancelling…" : "Cancel this 1:1"}
        </button>
        <span className="muted">Its topics move to the next one.</span>
      </div>
    </fetcher.Form>
  );
}

/** Mark the 1:1 held: what is still open moves on to the next one. */
export function FinishMeetingForm({ meeting }: { meeting: Meeting }) {
  const { fetcher, reply, form, submitting, formProps } = useFetcherForm<z.input<typeof FinishMeetingSchema>>({
    id: "finish",
    match: { intent: "finish" },
  });
  return (
    <fetcher.Form method="post" style={{ marginTop: "1rem" }} {...formProps}>
      <FormNotices form={form} reply={reply} />
      <div className="actions">
        <input type="hidden" name="intent" value="finish" />
        <VersionInput version={meeting.version} reply={reply} />
        <button type="submit" disabled={submitting}>
          {submitting ? "Finishing…" : "Finish meeting"}
        </button>
        <span className="muted">Open follow-ups and topics not discussed move to the next 1:1.</span>
      </div>
    </fetcher.Form>
  );
}
