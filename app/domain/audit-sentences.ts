import type { Changes } from "./audit";
import { personWord } from "./voice";

/*
 * The "Changes" trail of an account in sentences, from the reader's point of
 * view: "Sam set the progress of the goal “Speak at the guild” to 40%", "You
 * closed the risk “Quietly interviewing”". The trail stores field diffs
 * (app/services/audit.server.ts); this turns one event into words, so the
 * page never shows a field name or a raw value. Pure: no database, no dates
 * in the reader's zone (the values worded here are calendar dates).
 */

/** One audit event as the account trail reads it. */
export interface TrailEvent {
  actorId: string | null;
  actorName: string | null;
  entity: string;
  action: string;
  changes: Changes;
  /** What the record is called now: a goal's title, a commitment's change, a risk's description. */
  label?: string | null;
}

export interface TrailReader {
  /** Who reads the trail: their own doings read "You …". */
  readerId: string;
  /** Checklist point titles by key, for "rated “Their goals, not ours” 4 of 5". */
  pointTitles?: Readonly<Record<number, string>>;
}

const LABEL_LENGTH = 60;
const LEVELS: Record<number, string> = { 1: "low", 2: "medium", 3: "high" };
const RISK_KINDS: Record<string, string> = {
  flight: "a flight risk",
  change: "a change risk",
  overload: "an overload risk",
  indecision: "an indecision risk",
  remorse: "a remorse risk",
  other: "a risk",
};

const dateWords = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});

/** A calendar date (YYYY-MM-DD) or instant in words; the days of targets and reviews, not times. */
function onDate(value: unknown): string {
  const text = String(value);
  const date = new Date(text.length === 10 ? `${text}T00:00:00Z` : text);
  return Number.isNaN(date.getTime()) ? text : dateWords.format(date);
}

/** Someone's words, quoted and cut short: the trail is a list of what happened, not a copy of it. */
export function quote(text: unknown): string {
  const clean = String(text ?? "")
    .replace(/\s+/g, " ")
    .trim();
  const short = clean.length > LABEL_LENGTH ? `${clean.slice(0, LABEL_LENGTH - 1).trimEnd()}…` : clean;
  return `“${short}”`;
}

const isEmpty = (v: unknown) => v === null || v === undefined || v === "";
const after = (changes: Changes, field: string): unknown => changes[field]?.[1];
const changed = (changes: Changes, field: string) => field in changes;

/** The record as the sentence names it: its label now, else the one it was created with, else just its kind. */
function named(kind: string, event: TrailEvent, labelField: string): string {
  const label = event.label ?? after(event.changes, labelField);
  return isEmpty(label) ? `the ${kind}` : `the ${kind} ${quote(label)}`;
}

function joinClauses(clauses: string[]): string {
  if (clauses.length <= 1) return clauses.join("");
  return `${clauses.slice(0, -1).join(", ")} and ${clauses[clauses.length - 1]}`;
}

/** "You" when the reader did it, their name otherwise; "Someone" for a directory sync or a removed person. */
export function actorWord(event: Pick<TrailEvent, "actorId" | "actorName">, readerId: string): string {
  return personWord(readerId, { id: event.actorId, name: event.actorName }, { capital: true });
}

type Clause = (value: unknown, before: unknown) => string;

/** An edit: "Sam edited the goal “X”: moved its target date to 3 Mar 2027 and rewrote why it matters." */
function edited(intro: string, changes: Changes, clauses: Record<string, Clause>): string {
  const words = Object.entries(clauses)
    .filter(([field]) => changed(changes, field))
    .map(([field, clause]) => clause(changes[field]![1], changes[field]![0]));
  return words.length ? `${intro}: ${joinClauses(words)}` : intro;
}

const GOAL_EDITS: Record<string, Clause> = {
  title: (v, before) => `renamed it from ${quote(before)} to ${quote(v)}`,
  whyItMatters: () => "rewrote why it matters",
  successMeasure: () => "rewrote how success will be known",
  targetDate: (v) => (isEmpty(v) ? "removed its target date" : `moved its target date to ${onDate(v)}`),
};

function goalSentence(actor: string, event: TrailEvent): string {
  const { changes } = event;
  const goal = named("goal", event, "title");
  switch (event.action) {
    case "create":
      return `${actor} added ${goal}`;
    case "progress":
      return `${actor} set the progress of ${goal} to ${String(after(changes, "progress") ?? "?")}%`;
    case "achieved":
      return `${actor} marked ${goal} achieved`;
    case "dropped":
      return `${actor} dropped ${goal}`;
    case "reopen":
      return `${actor} reopened ${goal}`;
    case "update":
      return edited(`${actor} edited ${goal}`, changes, GOAL_EDITS);
    default:
      return `${actor} updated ${goal}`;
  }
}

const RISK_EDITS: Record<string, Clause> = {
  kind: (v) => `made it ${RISK_KINDS[String(v)] ?? "a risk"}`,
  pointKey: (v) => (isEmpty(v) ? "unlinked it from the checklist" : `linked it to checklist point ${String(v)}`),
  description: () => "reworded it",
  likelihood: (v) => `set its likelihood to ${LEVELS[Number(v)] ?? String(v)}`,
  impact: (v) => `set its impact to ${LEVELS[Number(v)] ?? String(v)}`,
  mitigation: (v) => (isEmpty(v) ? "removed its mitigation" : "rewrote its mitigation"),
  reviewOn: (v) => (isEmpty(v) ? "removed its review date" : `set its next review for ${onDate(v)}`),
};

const withNote = (sentence: string, note: unknown) => (isEmpty(note) ? sentence : `${sentence}, noting ${quote(note)}`);

function riskSentence(actor: string, event: TrailEvent): string {
  const { changes } = event;
  const risk = named("risk", event, "description");
  const note = after(changes, "note");
  switch (event.action) {
    case "create": {
      const kind = RISK_KINDS[String(after(changes, "kind"))] ?? "a risk";
      const label = event.label ?? after(changes, "description");
      return `${actor} recorded ${kind}${isEmpty(label) ? "" : ` ${quote(label)}`}`;
    }
    case "review": {
      const next = after(changes, "reviewOn");
      const reviewed = `${actor} reviewed ${risk}`;
      const withNext = isEmpty(next) ? reviewed : `${reviewed} (next review ${onDate(next)})`;
      return withNote(withNext, note);
    }
    case "close":
      return withNote(`${actor} closed ${risk}`, note);
    case "reopen":
      return `${actor} reopened ${risk}`;
    case "update":
      return edited(`${actor} edited ${risk}`, changes, RISK_EDITS);
    default:
      return `${actor} updated ${risk}`;
  }
}

const COMMITMENT_EDITS: Record<string, Clause> = {
  change: () => "reworded the change",
  painOfDoingNothing: () => "rewrote why now",
  firstStep: () => "rewrote the first step",
  managerSupport: () => "rewrote the support promised",
  checkInEveryDays: (v) => `set check-ins every ${String(v)} days`,
};

/** "They" for the subject in a sentence about someone else; "you" when the reader is the one who answered. */
function commitmentSentence(actor: string, event: TrailEvent, actorIsReader: boolean): string {
  const { changes } = event;
  const change = named("change", event, "change");
  switch (event.action) {
    case "propose":
    case "create": // the demo seed's word for a new commitment
      return `${actor} proposed ${change}`;
    case "commit":
      return `${actor} marked ${change} committed`;
    case "start":
      return `${actor} marked ${change} under way`;
    case "complete":
      return `${actor} marked ${change} done`;
    case "abandon":
      return `${actor} abandoned ${change}`;
    case "edit":
      return edited(`${actor} edited ${change}`, changes, COMMITMENT_EDITS);
    case "check-in": {
      const firstStep = after(changes, "firstStepDone") === true ? " and did the first step" : "";
      return withNote(`${actor} checked in on ${change}${firstStep}`, after(changes, "checkIn"));
    }
    case "remorse-check": {
      const who = actorIsReader ? "you are" : "they are";
      const glad = after(changes, "stillGlad") === false ? "not really glad" : "still glad";
      return withNote(`${actor} said ${who} ${glad} of ${change}`, after(changes, "remorseNote"));
    }
    default:
      return `${actor} updated ${change}`;
  }
}

/** Assessments record one point each: { "point 3": [null, 4] }. */
function assessmentSentence(actor: string, event: TrailEvent, reader: TrailReader, actorIsReader: boolean): string {
  const [field, values] = Object.entries(event.changes)[0] ?? ["", [null, null]];
  const key = Number(field.replace(/^point /, ""));
  const title = reader.pointTitles?.[key];
  const point = title ? quote(title) : Number.isFinite(key) && key > 0 ? `point ${key}` : "a checklist point";
  const rating = isEmpty(values[1]) ? "" : ` ${String(values[1])} of 5`;
  if (event.action === "assess-self") {
    const self = actorIsReader ? "yourself" : "themself";
    return `${actor} rated ${self}${rating} on ${point}`;
  }
  return `${actor} rated ${point}${rating}`;
}

/** One event of an account's trail as a sentence, without a full stop, from `reader`'s point of view. */
export function auditSentence(event: TrailEvent, reader: TrailReader): string {
  const actor = actorWord(event, reader.readerId);
  const actorIsReader = event.actorId !== null && event.actorId === reader.readerId;
  switch (event.entity) {
    case "goal":
      return goalSentence(actor, event);
    case "risk":
      return riskSentence(actor, event);
    case "commitment":
      return commitmentSentence(actor, event, actorIsReader);
    case "assessment":
      return assessmentSentence(actor, event, reader, actorIsReader);
    default: {
      const kind = event.entity.replace(/_/g, " ");
      return `${actor} updated ${event.label ? quote(event.label) : `${/^[aeiou]/.test(kind) ? "an" : "a"} ${kind}`}`;
    }
  }
}
