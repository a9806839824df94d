import type { ChangeRecord } from "~/domain/audit";

/**
 * A save that named a version someone else has already replaced. The route
 * shows what changed and by whom, and keeps the text the person typed.
 */
export class StaleRecordError extends Error {
  constructor(
    readonly currentVersion: number,
    readonly lastChange: ChangeRecord | null,
  ) {
    super("This record changed since you opened it.");
  }
}

/** A rule of the domain said no (an invalid transition, a cycle); the message is for the person. */
export class RuleViolation extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** The record is not there, or not this viewer's to touch: the route answers 404. */
export class RecordNotFound extends Error {
  constructor() {
    super("not found");
  }
}
