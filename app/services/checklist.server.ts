import { asc } from "drizzle-orm";
import { checklistPoints } from "#db/schema";
import type { Lens } from "~/domain/enums";
import type { Database } from "./db.server";

export interface ChecklistPoint {
  key: number;
  lens: Lens;
  title: string;
  customerStatement: string;
  peopleTranslation: string;
  question: string;
  /** The report's own question, for rating themself (ADR 030). */
  selfQuestion: string;
}

let cached: Promise<ChecklistPoint[]> | undefined;

/** The fifteen points. They change only with a migration, so one read per process is enough. */
export function getChecklistPoints(db: Database): Promise<ChecklistPoint[]> {
  cached ??= db
    .select()
    .from(checklistPoints)
    .orderBy(asc(checklistPoints.key))
    .then((rows) => rows as ChecklistPoint[])
    .catch((error: unknown) => {
      cached = undefined;
      throw error;
    });
  return cached;
}
