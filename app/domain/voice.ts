/*
 * Each view speaks to its reader: the person reading is "you", everyone else
 * is named. Small helpers, so a page never writes "proposed by Sam Okafor"
 * to Sam.
 */

/** "you" for the reader, their name for anyone else, `nobody` when there is no person (a sync, a removed account). */
export function personWord(
  readerId: string,
  person: { id: string | null; name: string | null },
  options: { capital?: boolean; nobody?: string } = {},
): string {
  if (person.id !== null && person.id === readerId) return options.capital ? "You" : "you";
  return person.name ?? options.nobody ?? (options.capital ? "Someone" : "someone");
}

/** The manager's side of a commitment, as its reader says it: "your manager" to the report, "you" to the manager. */
export function managerWords(reader: "report" | "manager" | "skip-level"): string {
  return reader === "report" ? "your manager" : reader === "manager" ? "you" : "the manager";
}
