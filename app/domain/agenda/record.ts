import type { MEETING_STATUSES } from "../enums";
import type { AgendaSection } from "./types";

type MeetingStatus = (typeof MEETING_STATUSES)[number];

/**
 * The time a 1:1 is shown at, the same on every page: when it was held for a
 * held one (a 1:1 run late is remembered when it happened), when it is or
 * was planned otherwise.
 */
export function meetingTime(meeting: {
  status: MeetingStatus;
  scheduledAt: Date | string;
  heldAt: Date | string | null;
}): { at: Date | string; word: "held" | "planned" | "cancelled" } {
  if (meeting.status === "held" && meeting.heldAt) return { at: meeting.heldAt, word: "held" };
  return { at: meeting.scheduledAt, word: meeting.status === "cancelled" ? "cancelled" : "planned" };
}

/** The agenda's order (docs/decisions/009-the-agenda.md), for listing what a held 1:1 covered. */
export const SECTION_ORDER: readonly AgendaSection[] = [
  "open-time",
  "report-topic",
  "goal",
  "commitment",
  "action-item",
  "risk",
  "checklist",
  "manager-topic",
];

/** The section of an agenda item's key ("goal:<id>" is a goal); null for a key no agenda makes. */
export function sectionOfKey(key: string): { section: AgendaSection; refId: string } | null {
  const at = key.indexOf(":");
  const section = key.slice(0, at) as AgendaSection;
  const refId = key.slice(at + 1);
  return at > 0 && refId && SECTION_ORDER.includes(section) ? { section, refId } : null;
}
