/** The name of the hidden field that carries a form's key (the forms kit's SubmissionKey). */
export const SUBMISSION_KEY_FIELD = "submissionKey";

const SHAPE = /^[\w:.-]{8,100}$/;

/**
 * The key a form was sent with, for writeOnce (app/services/submissions.server.ts);
 * null when there is none or it is not one a page of ours makes, and the
 * write then simply goes ahead, as it did before forms carried keys.
 */
export function submissionKey(form: FormData): string | null {
  const key = form.get(SUBMISSION_KEY_FIELD);
  return typeof key === "string" && SHAPE.test(key) ? key : null;
}
