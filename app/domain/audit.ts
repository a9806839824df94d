/** Field -> [before, after], as the audit trail keeps one change. */
export type Changes = Record<string, [unknown, unknown]>;

/** The latest change to one record, for "changed by X at Y" when a save is stale. */
export interface ChangeRecord {
  actorName: string | null;
  action: string;
  at: Date;
  changes: Changes;
}
