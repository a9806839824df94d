import type { SubmissionResult } from "@conform-to/react";
import type { Conflict } from "./conflict";

/**
 * What a form's action answers when it does not redirect: conform's result
 * (the errors per field and for the whole form, and the values as typed, so
 * nothing is lost) plus, for a stale save (409), what changed and by whom.
 * Shared by the server, which builds it, and the forms, which show it.
 */
export type FormReply = SubmissionResult<string[]> & { conflict: Conflict | null };
