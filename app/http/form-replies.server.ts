import type { Submission } from "@conform-to/react";
import { data } from "@remix-run/node";
import { RecordNotFound, RuleViolation, StaleRecordError } from "~/services/errors.server";
import type { Conflict } from "~/schemas/conflict";
import type { FormReply } from "~/schemas/form-reply";
import { notFound } from "./errors.server";

/**
 * Turns what a service refused into the same form's reply: a stale save
 * (409, with what changed and by whom, the typed values kept), a broken rule
 * (400, on its field), or a missing record (404). Anything else is a bug.
 */
export function replyToServiceError<Schema>(submission: Submission<Schema>, error: unknown) {
  if (error instanceof StaleRecordError) {
    const conflict: Conflict = {
      currentVersion: error.currentVersion,
      changedBy: error.lastChange?.actorName ?? null,
      changedAt: error.lastChange?.at.toISOString() ?? null,
      changes: Object.entries(error.lastChange?.changes ?? {}).map(([field, [before, after]]) => ({
        field,
        before,
        after,
      })),
    };
    return data<FormReply>(
      {
        ...submission.reply({
          formErrors: [
            "Someone saved a change to this while you were editing. Your text is kept below: check it against theirs and save again.",
          ],
        }),
        conflict,
      },
      { status: 409 },
    );
  }
  if (error instanceof RuleViolation) {
    const reply = error.field
      ? submission.reply({ fieldErrors: { [error.field]: [error.message] } })
      : submission.reply({ formErrors: [error.message] });
    return data<FormReply>({ ...reply, conflict: null }, { status: 400 });
  }
  if (error instanceof RecordNotFound) throw notFound();
  throw error;
}
