import { and, asc, eq, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { strToU8, zipSync } from "fflate";
import {
  actionItems,
  agendaTopics,
  auditEvents,
  checklistAssessments,
  checklistPoints,
  commitmentCheckIns,
  commitments,
  goals,
  goalUpdates,
  meetingNotes,
  meetings,
  people,
  personRoles,
  pulses,
  teams,
} from "#db/schema";
import type { Viewer } from "~/auth/policies";
import { auditSentence } from "~/domain/audit-sentences";
import type { Changes } from "~/domain/audit";
import type { Database } from "./db.server";
import { recordSecurityEvent, type SecurityOrigin } from "./security-log.server";
import { toCsv } from "./trends/csv.server";

/**
 * "Download your data" (ADR 042): everything about a person that they may read themselves, as one typed
 * object, in a fixed number of statements however much there is. Every statement is scoped to the viewer:
 * their own goals (with their updates and the audit trail of them), commitments (with check-ins), the 1:1s
 * in which they are the report, and of those 1:1s the topics and notes that are not someone else's private
 * ones, the follow-ups, their own checklist self-ratings and their own pulse answers.
 *
 * Never in it: a risk, the manager's side of the checklist, another person's private note or topic, another
 * person's records, a password hash, session, token or security-log row. It is built from an allow-list of
 * columns, so a column added to a table later stays out until someone adds it here.
 */

/** One row of one kind: plain values only, so the JSON and each CSV hold the same cells. */
export type DataCell = string | number | boolean | null;

export interface YourDataProfile {
  name: string;
  email: string;
  team: string | null;
  manager: string | null;
  timeZone: string;
  roles: string;
  memberSince: string;
}

export interface YourData {
  /** When the file was made (ISO 8601, UTC). */
  exportedAt: string;
  profile: YourDataProfile;
  goals: {
    id: string;
    title: string;
    whyItMatters: string;
    successMeasure: string;
    targetDate: string | null;
    progress: number;
    status: string;
    createdAt: string;
    lastProgressAt: string;
  }[];
  goalUpdates: { id: string; goalId: string; progress: number; note: string; by: string; at: string }[];
  /** The audit trail of their goals: a sentence, and the raw field changes as JSON ({ field: [before, after] }). */
  goalHistory: { id: string; goalId: string; at: string; by: string | null; sentence: string; changes: string }[];
  commitments: {
    id: string;
    change: string;
    painOfDoingNothing: string;
    firstStep: string;
    managerSupport: string;
    checkInEveryDays: number;
    state: string;
    firstStepDone: boolean;
    proposedBy: string;
    createdAt: string;
    committedAt: string | null;
    lastCheckInAt: string | null;
    finishedAt: string | null;
    stillGlad: boolean | null;
    remorseNote: string | null;
  }[];
  commitmentCheckIns: { id: string; commitmentId: string; by: string; note: string; at: string }[];
  /** The 1:1s in which they are the report, with any manager they had. */
  meetings: {
    id: string;
    manager: string;
    scheduledAt: string;
    lengthMinutes: number;
    status: string;
    heldAt: string | null;
  }[];
  topics: {
    id: string;
    meetingId: string;
    author: string;
    yours: boolean;
    private: boolean;
    title: string;
    details: string;
    discussed: boolean;
    createdAt: string;
  }[];
  notes: {
    id: string;
    meetingId: string;
    author: string;
    yours: boolean;
    visibility: string;
    body: string;
    createdAt: string;
    updatedAt: string;
  }[];
  followUps: {
    id: string;
    meetingId: string | null;
    title: string;
    owner: string;
    dueOn: string | null;
    status: string;
    completedAt: string | null;
    createdAt: string;
  }[];
  /** Their own ratings of themself; the manager's ratings stay in the manager line. */
  checklistSelfRatings: { id: string; point: number; title: string; rating: number; note: string; at: string }[];
  /** Their own pulse answers: only they ever see them one by one. */
  pulseAnswers: {
    id: string;
    meetingId: string;
    understood: number;
    progressing: number;
    overloaded: number;
    enps: number;
    answeredAt: string;
  }[];
}

/** The kinds that are lists of rows, each one CSV in the zip, in the README's order. */
export const DATA_KINDS = [
  "goals",
  "goalUpdates",
  "goalHistory",
  "commitments",
  "commitmentCheckIns",
  "meetings",
  "topics",
  "notes",
  "followUps",
  "checklistSelfRatings",
  "pulseAnswers",
] as const satisfies readonly (keyof YourData)[];
export type DataKind = (typeof DATA_KINDS)[number];

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());
const isoNow = (value: Date | string) => new Date(value).toISOString();

/** Everything the person may read about themself, read in one snapshot (13 statements). */
export async function buildYourData(db: Database, viewer: Viewer, now = new Date()): Promise<YourData> {
  const me = viewer.id;
  const manager = alias(people, "manager");
  const author = alias(people, "author");
  const ownMeeting = eq(meetings.reportId, me);
  return db.transaction(async (tx) => {
    const [profileRows, roleRows, goalRows, updateRows, historyRows, commitmentRows, checkInRows] = await Promise.all([
      tx
        .select({
          name: people.name,
          email: people.email,
          team: teams.name,
          manager: manager.name,
          timeZone: people.timeZone,
          createdAt: people.createdAt,
        })
        .from(people)
        .leftJoin(teams, eq(teams.id, people.teamId))
        .leftJoin(manager, eq(manager.id, people.managerId))
        .where(eq(people.id, me)),
      tx
        .select({ role: personRoles.role })
        .from(personRoles)
        .where(eq(personRoles.personId, me))
        .orderBy(asc(personRoles.role)),
      tx.select().from(goals).where(eq(goals.ownerId, me)).orderBy(asc(goals.createdAt), asc(goals.id)),
      tx
        .select({
          id: goalUpdates.id,
          goalId: goalUpdates.goalId,
          progress: goalUpdates.progress,
          note: goalUpdates.note,
          by: author.name,
          at: goalUpdates.createdAt,
        })
        .from(goalUpdates)
        .innerJoin(goals, eq(goals.id, goalUpdates.goalId))
        .innerJoin(author, eq(author.id, goalUpdates.authorId))
        .where(eq(goals.ownerId, me))
        .orderBy(asc(goalUpdates.createdAt), asc(goalUpdates.id)),
      // The trail of their goals only: the same table holds risks and the manager's ratings about them.
      tx
        .select({
          id: auditEvents.id,
          goalId: auditEvents.entityId,
          actorId: auditEvents.actorId,
          by: author.name,
          action: auditEvents.action,
          changes: auditEvents.changes,
          label: goals.title,
          at: auditEvents.createdAt,
        })
        .from(auditEvents)
        .innerJoin(goals, and(eq(goals.id, auditEvents.entityId), eq(goals.ownerId, me)))
        .leftJoin(author, eq(author.id, auditEvents.actorId))
        .where(and(eq(auditEvents.entity, "goal"), eq(auditEvents.subjectId, me)))
        .orderBy(asc(auditEvents.createdAt), asc(auditEvents.id)),
      tx
        .select({ commitment: commitments, proposedBy: author.name })
        .from(commitments)
        .innerJoin(author, eq(author.id, commitments.createdBy))
        .where(eq(commitments.personId, me))
        .orderBy(asc(commitments.createdAt), asc(commitments.id)),
      tx
        .select({
          id: commitmentCheckIns.id,
          commitmentId: commitmentCheckIns.commitmentId,
          by: author.name,
          note: commitmentCheckIns.note,
          at: commitmentCheckIns.createdAt,
        })
        .from(commitmentCheckIns)
        .innerJoin(commitments, eq(commitments.id, commitmentCheckIns.commitmentId))
        .innerJoin(author, eq(author.id, commitmentCheckIns.authorId))
        .where(eq(commitments.personId, me))
        .orderBy(asc(commitmentCheckIns.createdAt), asc(commitmentCheckIns.id)),
    ]);
    const [meetingRows, topicRows, noteRows, followUpRows, ratingRows, pulseRows] = await Promise.all([
      tx
        .select({
          id: meetings.id,
          manager: manager.name,
          scheduledAt: meetings.scheduledAt,
          lengthMinutes: meetings.lengthMinutes,
          status: meetings.status,
          heldAt: meetings.heldAt,
        })
        .from(meetings)
        .innerJoin(manager, eq(manager.id, meetings.managerId))
        .where(ownMeeting)
        .orderBy(asc(meetings.scheduledAt), asc(meetings.id)),
      // Someone else's private topic is theirs alone (authored:read): never in this file.
      tx
        .select({
          id: agendaTopics.id,
          meetingId: agendaTopics.meetingId,
          authorId: agendaTopics.authorId,
          author: author.name,
          private: agendaTopics.private,
          title: agendaTopics.title,
          details: agendaTopics.details,
          discussed: agendaTopics.discussed,
          createdAt: agendaTopics.createdAt,
        })
        .from(agendaTopics)
        .innerJoin(meetings, eq(meetings.id, agendaTopics.meetingId))
        .innerJoin(author, eq(author.id, agendaTopics.authorId))
        .where(and(ownMeeting, or(eq(agendaTopics.private, false), eq(agendaTopics.authorId, me))))
        .orderBy(asc(meetings.scheduledAt), asc(agendaTopics.position), asc(agendaTopics.createdAt)),
      tx
        .select({
          id: meetingNotes.id,
          meetingId: meetingNotes.meetingId,
          authorId: meetingNotes.authorId,
          author: author.name,
          visibility: meetingNotes.visibility,
          body: meetingNotes.body,
          createdAt: meetingNotes.createdAt,
          updatedAt: meetingNotes.updatedAt,
        })
        .from(meetingNotes)
        .innerJoin(meetings, eq(meetings.id, meetingNotes.meetingId))
        .innerJoin(author, eq(author.id, meetingNotes.authorId))
        .where(and(ownMeeting, or(eq(meetingNotes.visibility, "shared"), eq(meetingNotes.authorId, me))))
        .orderBy(asc(meetings.scheduledAt), asc(meetingNotes.createdAt), asc(meetingNotes.id)),
      tx
        .select({
          id: actionItems.id,
          meetingId: actionItems.meetingId,
          title: actionItems.title,
          owner: author.name,
          dueOn: actionItems.dueOn,
          status: actionItems.status,
          completedAt: actionItems.completedAt,
          createdAt: actionItems.createdAt,
        })
        .from(actionItems)
        .innerJoin(author, eq(author.id, actionItems.ownerId))
        .where(eq(actionItems.reportId, me))
        .orderBy(asc(actionItems.createdAt), asc(actionItems.id)),
      // Their own side of the checklist only: the manager's ratings stay in the manager line.
      tx
        .select({
          id: checklistAssessments.id,
          point: checklistAssessments.pointKey,
          title: checklistPoints.title,
          rating: checklistAssessments.rating,
          note: checklistAssessments.note,
          at: checklistAssessments.createdAt,
        })
        .from(checklistAssessments)
        .innerJoin(checklistPoints, eq(checklistPoints.key, checklistAssessments.pointKey))
        .where(
          and(
            eq(checklistAssessments.subjectId, me),
            eq(checklistAssessments.assessorId, me),
            eq(checklistAssessments.perspective, "self"),
          ),
        )
        .orderBy(asc(checklistAssessments.createdAt), asc(checklistAssessments.id)),
      tx
        .select({
          id: pulses.id,
          meetingId: pulses.meetingId,
          understood: pulses.understood,
          progressing: pulses.progressing,
          overloaded: pulses.overloaded,
          enps: pulses.enps,
          answeredAt: pulses.answeredAt,
        })
        .from(pulses)
        .where(eq(pulses.respondentId, me))
        .orderBy(asc(pulses.answeredAt), asc(pulses.id)),
    ]);
    const profile = profileRows[0];
    if (!profile) throw new Error("The person downloading their data was not found.");
    return {
      exportedAt: now.toISOString(),
      profile: {
        name: profile.name,
        email: profile.email,
        team: profile.team,
        manager: profile.manager,
        timeZone: profile.timeZone,
        roles: ["employee", ...roleRows.map((r) => r.role)].join(", "),
        memberSince: isoNow(profile.createdAt),
      },
      goals: goalRows.map((g) => ({
        id: g.id,
        title: g.title,
        whyItMatters: g.whyItMatters,
        successMeasure: g.successMeasure,
        targetDate: g.targetDate,
        progress: g.progress,
        status: g.status,
        createdAt: isoNow(g.createdAt),
        lastProgressAt: isoNow(g.lastProgressAt),
      })),
      goalUpdates: updateRows.map((u) => ({ ...u, at: isoNow(u.at) })),
      goalHistory: historyRows.map((h) => ({
        id: h.id,
        goalId: h.goalId,
        at: isoNow(h.at),
        by: h.by,
        sentence: auditSentence(
          {
            actorId: h.actorId,
            actorName: h.by,
            entity: "goal",
            action: h.action,
            changes: h.changes as Changes,
            label: h.label,
          },
          { readerId: me },
        ),
        changes: JSON.stringify(h.changes),
      })),
      commitments: commitmentRows.map(({ commitment: c, proposedBy }) => ({
        id: c.id,
        change: c.change,
        painOfDoingNothing: c.painOfDoingNothing,
        firstStep: c.firstStep,
        managerSupport: c.managerSupport,
        checkInEveryDays: c.checkInEveryDays,
        state: c.state,
        firstStepDone: c.firstStepDone,
        proposedBy,
        createdAt: isoNow(c.createdAt),
        committedAt: iso(c.committedAt),
        lastCheckInAt: iso(c.lastCheckInAt),
        finishedAt: iso(c.finishedAt),
        stillGlad: c.stillGlad,
        remorseNote: c.remorseNote,
      })),
      commitmentCheckIns: checkInRows.map((c) => ({ ...c, at: isoNow(c.at) })),
      meetings: meetingRows.map((m) => ({ ...m, scheduledAt: isoNow(m.scheduledAt), heldAt: iso(m.heldAt) })),
      topics: topicRows.map(({ authorId, ...t }) => ({
        id: t.id,
        meetingId: t.meetingId,
        author: t.author,
        yours: authorId === me,
        private: t.private,
        title: t.title,
        details: t.details,
        discussed: t.discussed,
        createdAt: isoNow(t.createdAt),
      })),
      notes: noteRows.map(({ authorId, ...n }) => ({
        id: n.id,
        meetingId: n.meetingId,
        author: n.author,
        yours: authorId === me,
        visibility: n.visibility,
        body: n.body,
        createdAt: isoNow(n.createdAt),
        updatedAt: isoNow(n.updatedAt),
      })),
      followUps: followUpRows.map((f) => ({
        ...f,
        completedAt: iso(f.completedAt),
        createdAt: isoNow(f.createdAt),
      })),
      checklistSelfRatings: ratingRows.map((r) => ({ ...r, at: isoNow(r.at) })),
      pulseAnswers: pulseRows.map((p) => ({ ...p, answeredAt: isoNow(p.answeredAt) })),
    };
  });
}

/** A cell as the CSV writes it: empty for nothing, true/false, numbers as they are. */
export function csvText(value: DataCell): string {
  return value === null ? "" : String(value);
}

/** One kind (or the profile, as one row) as CSV, a header of the JSON's keys first; formula-safe (toCsv). */
export function dataCsv(rows: readonly Record<string, DataCell>[], columns: readonly string[]): string {
  return toCsv([[...columns], ...rows.map((row) => columns.map((c) => csvText(row[c] ?? null)))]);
}

/** The columns of each kind, in the order of its type; written even when the person has none of that kind. */
export const DATA_COLUMNS: Record<DataKind | "profile", readonly string[]> = {
  profile: ["name", "email", "team", "manager", "timeZone", "roles", "memberSince"],
  goals: [
    "id",
    "title",
    "whyItMatters",
    "successMeasure",
    "targetDate",
    "progress",
    "status",
    "createdAt",
    "lastProgressAt",
  ],
  goalUpdates: ["id", "goalId", "progress", "note", "by", "at"],
  goalHistory: ["id", "goalId", "at", "by", "sentence", "changes"],
  commitments: [
    "id",
    "change",
    "painOfDoingNothing",
    "firstStep",
    "managerSupport",
    "checkInEveryDays",
    "state",
    "firstStepDone",
    "proposedBy",
    "createdAt",
    "committedAt",
    "lastCheckInAt",
    "finishedAt",
    "stillGlad",
    "remorseNote",
  ],
  commitmentCheckIns: ["id", "commitmentId", "by", "note", "at"],
  meetings: ["id", "manager", "scheduledAt", "lengthMinutes", "status", "heldAt"],
  topics: ["id", "meetingId", "author", "yours", "private", "title", "details", "discussed", "createdAt"],
  notes: ["id", "meetingId", "author", "yours", "visibility", "body", "createdAt", "updatedAt"],
  followUps: ["id", "meetingId", "title", "owner", "dueOn", "status", "completedAt", "createdAt"],
  checklistSelfRatings: ["id", "point", "title", "rating", "note", "at"],
  pulseAnswers: ["id", "meetingId", "understood", "progressing", "overloaded", "enps", "answeredAt"],
};

/** What each file in the zip holds, for README.txt. */
const FILE_WORDS: Record<DataKind | "profile", string> = {
  profile: "your name, e-mail, team, manager, time zone and roles",
  goals: "your goals",
  goalUpdates: "the progress updates on your goals",
  goalHistory: "every change to your goals, as a sentence and as the fields changed ({field: [before, after]})",
  commitments: "your change commitments",
  commitmentCheckIns: "the check-ins on your commitments",
  meetings: "your 1:1s as the report: when, with whom, and whether they were held",
  topics: "the topics of those 1:1s: yours (private ones too) and the other person's shared ones",
  notes: "the notes of those 1:1s: yours (private ones too) and the shared ones",
  followUps: "the follow-ups agreed in your 1:1s",
  checklistSelfRatings: "your own checklist ratings of yourself",
  pulseAnswers: "your own pulse answers",
};

export const fileNameOf = (kind: DataKind | "profile") => `${kind.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}.csv`;

function readme(data: YourData): string {
  const lines = [
    `Your data from Rapport, for ${data.profile.name} (${data.profile.email}), made ${data.exportedAt} (UTC).`,
    "",
    "What is in it (one CSV file per kind, UTF-8, comma-separated, a header row first; times in UTC, ISO 8601):",
    ...(["profile", ...DATA_KINDS] as const).map((kind) => `- ${fileNameOf(kind)}: ${FILE_WORDS[kind]}`),
    "",
    "What is never in it: anything your manager records about you in their line (risks, their side of the",
    "checklist), anyone else's private notes or topics, other people's records, your password, sessions or",
    "access tokens. A cell that starts with = + - or @ is written with a ' before it, so a spreadsheet shows",
    "it as text and never runs it.",
    "",
    "The same data as one file: data.json on your privacy page (Me > Your privacy).",
    "",
  ];
  return lines.join("\r\n");
}

/** The zip: README.txt and one CSV per kind. */
export function yourDataZip(data: YourData): Uint8Array {
  const files: Record<string, Uint8Array> = { "README.txt": strToU8(readme(data)) };
  files[fileNameOf("profile")] = strToU8(
    dataCsv([data.profile as unknown as Record<string, DataCell>], DATA_COLUMNS.profile),
  );
  for (const kind of DATA_KINDS) {
    files[fileNameOf(kind)] = strToU8(dataCsv(data[kind] as unknown as Record<string, DataCell>[], DATA_COLUMNS[kind]));
  }
  return zipSync(files, { level: 6, mtime: new Date(data.exportedAt) });
}

/** The day in the person's zone, for the file's name: rapport-data-2026-12-02.json. */
export function dataFileName(data: YourData, extension: "json" | "zip"): string {
  let day: string;
  try {
    day = new Intl.DateTimeFormat("en-CA", { timeZone: data.profile.timeZone }).format(new Date(data.exportedAt));
  } catch {
    day = data.exportedAt.slice(0, 10);
  }
  return `rapport-data-${day}.${extension}`;
}

/**
 * The person's download, logged on the security log in the same transaction (who, which file; never what it
 * holds), so the log and the file stand or fall together.
 */
export async function downloadYourData(
  db: Database,
  viewer: Viewer,
  format: "json" | "zip",
  origin: SecurityOrigin,
  now = new Date(),
): Promise<{ body: string | Uint8Array<ArrayBuffer>; fileName: string; contentType: string }> {
  return db.transaction(async (tx) => {
    const data = await buildYourData(tx, viewer, now);
    await recordSecurityEvent(
      tx,
      { kind: "export.your-data", actorId: viewer.id, subjectId: viewer.id, ...origin, detail: { method: format } },
      now,
    );
    return format === "json"
      ? {
          body: JSON.stringify(data, null, 2) + "\n",
          fileName: dataFileName(data, "json"),
          contentType: "application/json; charset=utf-8",
        }
      : {
          body: new Uint8Array(yourDataZip(data)),
          fileName: dataFileName(data, "zip"),
          contentType: "application/zip",
        };
  });
}
