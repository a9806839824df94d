/** What a stale save is told: the version now stored and the change that replaced the one the form read. */
export interface Conflict {
  currentVersion: number;
  changedBy: string | null;
  changedAt: string | null;
  changes: { field: string; before: unknown; after: unknown }[];
}
