// Reminders and the weekly digest (docs/decisions/037-reminders-and-digest.md): one recurring job that
// reads the current schedule, asks the rules in app/domain/messages.ts what is due, and queues each due
// message in the outbox under a dedupe key naming the thing and the time it is for. Running it twice, on
// two app servers at the same minute or after a restart, queues nothing new. A fixed number of queries
// per run, whatever the number of people: every read takes all the due things at once.
import { and, asc, eq, gt, gte, inArray, isNotNull, isNull, lt, lte, max, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import {
  actionItems,
  agendaTopics,
  commitments,
  goals,
  mailOutbox,
  meetings,
  meetingSeries,
  messagePreferences,
  people,
} from "#db/schema";
import { buildAgenda } from "~/domain/agenda/build";
import type { AgendaInput } from "~/domain/agenda/types";
import { cadenceStatus } from "~/domain/cadence";
import { isRemorseCheckDue, isStalled } from "~/domain/commitments";
import { addDays, daysFrom, isoDate, plural } from "~/domain/dates";
import type { MessageKind } from "~/domain/enums";
import {
  DEFAULT_PREFERENCES,
  digestDue,
  followUpMessage,
  localDate,
  MAX_LEAD_MINUTES,
  meetingWhen,
  messageKeys,
  reminderDue,
} from "~/domain/messages";
import { canonicalTimeZone, dateFormatters, DEFAULT_TIME_ZONE } from "~/domain/time-zones";
import type { Database } from "../db.server";
import { action, appLink, list, paragraph, renderMail, type MailDefinition } from "../mail/layout.server";
import { enqueueMail } from "../mail/outbox.server";
import { issueUnsubscribeToken, pruneUnsubscribeTokens } from "./preferences.server";
import { agendaGoalColumns } from "../agenda.server";
import { commitmentTimeline } from "../commitments.server";

/** One message the run found due. */
export interface DueMessage {
  personId: string;
  to: string;
  /** The preference it belongs to (and the unsubscribe link's kind). */
  kind: MessageKind;
  /** The outbox's kind. */
  mailKind: "report-reminder" | "manager-reminder" | "follow-up-due" | "follow-up-overdue" | "weekly-digest";
  dedupeKey: string;
  definition: MailDefinition;
}

const short = (text: string, length = 80) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);
const SETTINGS_NOTE = () =>
  `Choose which messages you get, and when, in your settings: ${appLink("/settings")}. ` +
  `Your mail app's unsubscribe button stops this kind of message at once.`;

/** Messages already in the outbox (or sent), by dedupe key: one query for all the candidates. */
async function alreadyQueued(db: Database, keys: string[]): Promise<Set<string>> {
  if (!keys.length) return new Set();
  const rows = await db
    .select({ key: mailOutbox.dedupeKey })
    .from(mailOutbox)
    .where(inArray(mailOutbox.dedupeKey, keys));
  return new Set(rows.map((r) => r.key));
}

/** A zone Intl does not know (it is checked on every write, but) reads as UTC rather than stopping the run. */
const zoneOf = (zone: string) => canonicalTimeZone(zone) ?? DEFAULT_TIME_ZONE;

const pref = <K extends keyof typeof DEFAULT_PREFERENCES>(value: (typeof DEFAULT_PREFERENCES)[K] | null, key: K) =>
  value ?? DEFAULT_PREFERENCES[key];

// ---------------------------------------------------------------- reminders before a 1:1

async function dueReminders(db: Database, now: Date): Promise<DueMessage[]> {
  const report = alias(people, "report");
  const manager = alias(people, "manager");
  const reportPrefs = alias(messagePreferences, "report_prefs");
  const managerPrefs = alias(messagePreferences, "manager_prefs");
  // Planned 1:1s not yet begun, as far ahead as the longest lead time: the schedule as it is now, so a
  // moved 1:1 is found at its new time and a cancelled one not at all.
  const rows = await db
    .select({
      id: meetings.id,
      scheduledAt: meetings.scheduledAt,
      lengthMinutes: meetings.lengthMinutes,
      reportId: meetings.reportId,
      managerId: meetings.managerId,
      reportName: report.name,
      reportEmail: report.email,
      reportZone: sql<string>`${report.timeZone}`.mapWith((z: string) => zoneOf(z)),
      reportActive: report.active,
      managerName: manager.name,
      managerEmail: manager.email,
      managerZone: sql<string>`${manager.timeZone}`.mapWith((z: string) => zoneOf(z)),
      managerActive: manager.active,
      reportWants: reportPrefs.reportReminder,
      reportLead: reportPrefs.reportLeadMinutes,
      managerWants: managerPrefs.managerReminder,
      managerLead: managerPrefs.managerLeadMinutes,
    })
    .from(meetings)
    .innerJoin(report, eq(report.id, meetings.reportId))
    .innerJoin(manager, eq(manager.id, meetings.managerId))
    .leftJoin(reportPrefs, eq(reportPrefs.personId, meetings.reportId))
    .leftJoin(managerPrefs, eq(managerPrefs.personId, meetings.managerId))
    .where(
      and(
        eq(meetings.status, "planned"),
        gt(meetings.scheduledAt, now),
        lte(meetings.scheduledAt, new Date(now.getTime() + MAX_LEAD_MINUTES * 60_000)),
      ),
    );

  const forReport = rows.filter(
    (m) =>
      m.reportActive &&
      pref(m.reportWants, "reportReminder") &&
      reminderDue(m.scheduledAt, pref(m.reportLead, "reportLeadMinutes"), now),
  );
  const forManager = rows.filter(
    (m) =>
      m.managerActive &&
      pref(m.managerWants, "managerReminder") &&
      reminderDue(m.scheduledAt, pref(m.managerLead, "managerLeadMinutes"), now),
  );
  const queued = await alreadyQueued(db, [
    ...forReport.map((m) => messageKeys.reportReminder(m.id, m.scheduledAt)),
    ...forManager.map((m) => messageKeys.managerReminder(m.id, m.scheduledAt)),
  ]);
  const reportDue = forReport.filter((m) => !queued.has(messageKeys.reportReminder(m.id, m.scheduledAt)));
  const managerDue = forManager.filter((m) => !queued.has(messageKeys.managerReminder(m.id, m.scheduledAt)));
  if (!reportDue.length && !managerDue.length) return [];

  // Everything the messages show, for all the due 1:1s at once. Private topics are never read, nor risks.
  const reportIds = [...new Set([...reportDue, ...managerDue].map((m) => m.reportId))];
  const managerMeetingIds = managerDue.map((m) => m.id);
  const managerReportIds = [...new Set(managerDue.map((m) => m.reportId))];
  const [openActions, topics, goalRows, commitmentRows] = await Promise.all([
    db
      .select({
        id: actionItems.id,
        reportId: actionItems.reportId,
        managerId: actionItems.managerId,
        ownerId: actionItems.ownerId,
        title: actionItems.title,
        dueOn: actionItems.dueOn,
        carriedCount: actionItems.carriedCount,
        status: actionItems.status,
      })
      .from(actionItems)
      .where(and(inArray(actionItems.reportId, reportIds), eq(actionItems.status, "open")))
      .orderBy(asc(actionItems.dueOn), asc(actionItems.id)),
    managerMeetingIds.length
      ? db
          .select({
            id: agendaTopics.id,
            meetingId: agendaTopics.meetingId,
            authorId: agendaTopics.authorId,
            source: agendaTopics.source,
            title: agendaTopics.title,
            private: agendaTopics.private,
            position: agendaTopics.position,
            carriedCount: agendaTopics.carriedCount,
            discussed: agendaTopics.discussed,
          })
          .from(agendaTopics)
          .where(and(inArray(agendaTopics.meetingId, managerMeetingIds), eq(agendaTopics.private, false)))
      : Promise.resolve([]),
    managerReportIds.length
      ? db
          .select({
            ...agendaGoalColumns,
          })
          .from(goals)
          .where(and(inArray(goals.ownerId, managerReportIds), eq(goals.status, "active")))
      : Promise.resolve([]),
    managerReportIds.length
      ? db
          .select({
            id: commitments.id,
            personId: commitments.personId,
            change: commitments.change,
            ...commitmentTimeline,
          })
          .from(commitments)
          .where(
            and(
              inArray(commitments.personId, managerReportIds),
              or(
                inArray(commitments.state, ["committed", "in_progress"]),
                and(eq(commitments.state, "done"), isNull(commitments.remorseAnsweredAt)),
              ),
            ),
          )
      : Promise.resolve([]),
  ]);

  const messages: DueMessage[] = [];
  for (const m of reportDue) {
    const f = dateFormatters(m.reportZone);
    const theirs = openActions.filter(
      (a) => a.reportId === m.reportId && a.managerId === m.managerId && a.ownerId === m.reportId,
    );
    const when = meetingWhen(m.scheduledAt, now, m.reportZone);
    messages.push({
      personId: m.reportId,
      to: m.reportEmail,
      kind: "report-reminder",
      mailKind: "report-reminder",
      dedupeKey: messageKeys.reportReminder(m.id, m.scheduledAt),
      definition: {
        subject: `Your 1:1 with ${short(m.managerName, 60)} is ${when}`,
        greeting: `Hello ${m.reportName},`,
        blocks: [
          paragraph(`Your 1:1 with ${m.managerName} is ${when}. Add what you want to talk about.`),
          ...(theirs.length
            ? [
                paragraph(`Your open follow-ups:`),
                list(theirs.map((a) => (a.dueOn ? `${a.title} (due ${f.date(a.dueOn)})` : a.title))),
              ]
            : []),
          action("Open your 1:1", appLink(`/meetings/${m.id}`)),
        ],
        footer: `You get this because you have a 1:1 with ${m.managerName}. ${SETTINGS_NOTE()}`,
      },
    });
  }
  for (const m of managerDue) {
    const input: AgendaInput = {
      meeting: {
        id: m.id,
        reportId: m.reportId,
        managerId: m.managerId,
        scheduledAt: m.scheduledAt,
        lengthMinutes: m.lengthMinutes,
      },
      people: { reportName: m.reportName, managerName: m.managerName },
      topics: topics.filter((t) => t.meetingId === m.id),
      goals: goalRows.filter((g) => g.ownerId === m.reportId),
      commitments: commitmentRows.filter((c) => c.personId === m.reportId),
      actionItems: openActions.filter((a) => a.reportId === m.reportId),
      // Risks are the manager's on the page, never in mail; the checklist prompts stay on the page too.
      risks: [],
      checklist: { points: [], standings: [] },
    };
    // The manager's view, less anything manager-only or private: what both of them will see.
    const headlines = buildAgenda(input, now).manager.filter((i) => !i.managerOnly && i.privateTo === null);
    const when = meetingWhen(m.scheduledAt, now, m.managerZone);
    messages.push({
      personId: m.managerId,
      to: m.managerEmail,
      kind: "manager-reminder",
      mailKind: "manager-reminder",
      dedupeKey: messageKeys.managerReminder(m.id, m.scheduledAt),
      definition: {
        subject: `Your 1:1 with ${short(m.reportName, 60)} is ${when}`,
        greeting: `Hello ${m.managerName},`,
        blocks: [
          paragraph(`Your 1:1 with ${m.reportName} is ${when}. The agenda so far:`),
          list(headlines.map((i) => `${i.title} (${i.reason})`)),
          action("Open the agenda", appLink(`/meetings/${m.id}`)),
        ],
        footer: `You get this because you manage ${m.reportName}. ${SETTINGS_NOTE()}`,
      },
    });
  }
  return messages;
}

// ---------------------------------------------------------------- follow-ups due and overdue

async function dueFollowUps(db: Database, now: Date): Promise<DueMessage[]> {
  const owner = alias(people, "owner");
  // Every zone's "today" lies within a day of UTC's; an overdue message is sent for three days at most.
  const rows = await db
    .select({
      id: actionItems.id,
      title: actionItems.title,
      dueOn: actionItems.dueOn,
      ownerId: actionItems.ownerId,
      ownerName: owner.name,
      ownerEmail: owner.email,
      ownerZone: sql<string>`${owner.timeZone}`.mapWith((z: string) => zoneOf(z)),
      wants: messagePreferences.followUps,
    })
    .from(actionItems)
    .innerJoin(owner, eq(owner.id, actionItems.ownerId))
    .leftJoin(messagePreferences, eq(messagePreferences.personId, actionItems.ownerId))
    .where(
      and(
        eq(actionItems.status, "open"),
        isNotNull(actionItems.dueOn),
        gte(actionItems.dueOn, isoDate(addDays(now, -5))),
        lte(actionItems.dueOn, isoDate(addDays(now, 1))),
        eq(owner.active, true),
      ),
    );
  const found = rows.flatMap((r) => {
    if (!pref(r.wants, "followUps") || !r.dueOn) return [];
    const which = followUpMessage(r.dueOn, r.ownerZone, now);
    return which ? [{ ...r, dueOn: r.dueOn, which, key: messageKeys.followUp(which, r.id, r.dueOn) }] : [];
  });
  const queued = await alreadyQueued(
    db,
    found.map((r) => r.key),
  );
  return found
    .filter((r) => !queued.has(r.key))
    .map((r) => {
      const f = dateFormatters(r.ownerZone);
      return {
        personId: r.ownerId,
        to: r.ownerEmail,
        kind: "follow-ups",
        mailKind: r.which === "due" ? "follow-up-due" : "follow-up-overdue",
        dedupeKey: r.key,
        definition: {
          subject:
            r.which === "due" ? `Due today: ${short(r.title)}` : `Overdue since ${f.date(r.dueOn)}: ${short(r.title)}`,
          greeting: `Hello ${r.ownerName},`,
          blocks: [
            paragraph(
              r.which === "due"
                ? `Your follow-up "${r.title}" is due today.`
                : `Your follow-up "${r.title}" was due on ${f.date(r.dueOn)} and is still open.`,
            ),
            paragraph("Mark it done, or drop it if it no longer matters."),
            action("Open your follow-ups", appLink("/follow-ups")),
          ],
          footer: `You get this because the follow-up is yours. ${SETTINGS_NOTE()}`,
        },
      } satisfies DueMessage;
    });
}

// ---------------------------------------------------------------- the weekly digest

async function dueDigests(db: Database, now: Date): Promise<DueMessage[]> {
  const report = alias(people, "report");
  const manager = alias(people, "manager");
  const managers = await db
    .selectDistinct({
      id: manager.id,
      name: manager.name,
      email: manager.email,
      zone: sql<string>`${manager.timeZone}`.mapWith((z: string) => zoneOf(z)),
      wants: messagePreferences.weeklyDigest,
      weekday: messagePreferences.digestWeekday,
      hour: messagePreferences.digestHour,
    })
    .from(report)
    .innerJoin(manager, eq(manager.id, report.managerId))
    .leftJoin(messagePreferences, eq(messagePreferences.personId, manager.id))
    .where(and(eq(report.active, true), eq(manager.active, true)));
  const candidates = managers.flatMap((m) => {
    if (!pref(m.wants, "weeklyDigest")) return [];
    const date = digestDue(pref(m.weekday, "digestWeekday"), pref(m.hour, "digestHour"), m.zone, now);
    return date ? [{ ...m, date, key: messageKeys.digest(m.id, date) }] : [];
  });
  const queued = await alreadyQueued(
    db,
    candidates.map((m) => m.key),
  );
  const due = candidates.filter((m) => !queued.has(m.key));
  if (!due.length) return [];
  const ids = due.map((m) => m.id);

  const owner = alias(people, "owner");
  const [overdue, openCommitments, series, lastHeld] = await Promise.all([
    db
      .select({
        id: actionItems.id,
        managerId: actionItems.managerId,
        ownerId: actionItems.ownerId,
        ownerName: owner.name,
        reportName: report.name,
        title: actionItems.title,
        dueOn: actionItems.dueOn,
      })
      .from(actionItems)
      .innerJoin(owner, eq(owner.id, actionItems.ownerId))
      .innerJoin(report, eq(report.id, actionItems.reportId))
      .where(
        and(
          inArray(actionItems.managerId, ids),
          eq(actionItems.status, "open"),
          isNotNull(actionItems.dueOn),
          lt(actionItems.dueOn, isoDate(addDays(now, 1))),
          eq(report.active, true),
        ),
      )
      .orderBy(asc(actionItems.dueOn), asc(actionItems.id)),
    db
      .select({
        id: commitments.id,
        managerId: report.managerId,
        personName: report.name,
        change: commitments.change,
        ...commitmentTimeline,
      })
      .from(commitments)
      .innerJoin(report, eq(report.id, commitments.personId))
      .where(
        and(
          inArray(report.managerId, ids),
          eq(report.active, true),
          or(
            inArray(commitments.state, ["committed", "in_progress"]),
            and(eq(commitments.state, "done"), isNull(commitments.remorseAnsweredAt)),
          ),
        ),
      )
      .orderBy(asc(report.name), asc(commitments.id)),
    db
      .select({
        managerId: meetingSeries.managerId,
        reportId: meetingSeries.reportId,
        reportName: report.name,
        intervalDays: meetingSeries.intervalDays,
        startedAt: meetingSeries.createdAt,
      })
      .from(meetingSeries)
      .innerJoin(report, eq(report.id, meetingSeries.reportId))
      .where(
        and(
          inArray(meetingSeries.managerId, ids),
          eq(meetingSeries.active, true),
          eq(report.active, true),
          // The pair is the current line: a series left over from a former manager is not theirs to keep.
          sql`${report.managerId} = ${meetingSeries.managerId}`,
        ),
      )
      .orderBy(asc(report.name)),
    db
      .select({ managerId: meetings.managerId, reportId: meetings.reportId, lastHeldAt: max(meetings.heldAt) })
      .from(meetings)
      .where(and(inArray(meetings.managerId, ids), eq(meetings.status, "held")))
      .groupBy(meetings.managerId, meetings.reportId),
  ]);

  const messages: DueMessage[] = [];
  for (const m of due) {
    const f = dateFormatters(m.zone);
    const today = localDate(now, m.zone);
    const late = overdue
      .filter((a) => a.managerId === m.id && a.dueOn !== null && a.dueOn < today)
      .sort((a, b) => Number(b.ownerId === m.id) - Number(a.ownerId === m.id));
    const lateLines = late.map((a) => {
      const whose = a.ownerId === m.id ? "yours" : `${a.ownerName}'s`;
      return `${a.title} (${whose}, with ${a.reportName}; overdue by ${plural(daysFrom(a.dueOn!, today), "day")})`;
    });
    const theirs = openCommitments.filter((c) => c.managerId === m.id);
    const stalled = theirs.filter((c) => isStalled(c, now)).map((c) => `${c.personName}: ${c.change}`);
    const remorse = theirs
      .filter((c) => isRemorseCheckDue(c, now))
      .map((c) => `${c.personName}: ${c.change} (done ${f.date(c.finishedAt)})`);
    const pairs = series
      .filter((s) => s.managerId === m.id)
      .map((s) => {
        const held = lastHeld.find((h) => h.managerId === m.id && h.reportId === s.reportId)?.lastHeldAt ?? null;
        const status = cadenceStatus({
          intervalDays: s.intervalDays,
          lastHeldAt: held,
          seriesStartedAt: s.startedAt,
          now,
        });
        return { ...s, status };
      })
      .filter((s) => s.status.health !== "ok")
      .map((s) => `${s.reportName}: ${s.status.health === "overdue" ? "red" : "yellow"}, ${s.status.reason}`);

    const sections: [string, string[]][] = [
      ["Overdue follow-ups", lateLines],
      ["Stalled commitments", stalled],
      ["1:1s past their rhythm", pairs],
      ["Ask whether they are still glad of the change", remorse],
    ];
    const present = sections.filter(([, lines]) => lines.length > 0);
    // Nothing needs them this week: no message (a digest that says nothing teaches people to skip it).
    if (!present.length) continue;
    const counts = [
      late.length ? plural(late.length, "overdue follow-up") : "",
      stalled.length ? plural(stalled.length, "stalled commitment") : "",
      pairs.length ? plural(pairs.length, "1:1 past its rhythm", "1:1s past their rhythm") : "",
      remorse.length ? plural(remorse.length, "check to ask", "checks to ask") : "",
    ].filter(Boolean);
    messages.push({
      personId: m.id,
      to: m.email,
      kind: "weekly-digest",
      mailKind: "weekly-digest",
      dedupeKey: m.key,
      definition: {
        subject: `Your week with your people: ${counts.join(", ")}`,
        greeting: `Hello ${m.name},`,
        blocks: [
          paragraph(`What needs you this week (${f.date(today)}):`),
          ...present.flatMap(([title, lines]) => [paragraph(`${title}:`), list(lines)]),
          action("Open My people", appLink("/people")),
        ],
        footer: `You get this weekly because you manage people in Rapport. ${SETTINGS_NOTE()}`,
      },
    });
  }
  return messages;
}

// ---------------------------------------------------------------- queueing

class AlreadyQueued extends Error {}

/**
 * Queues one message with its own one-click unsubscribe link, in one transaction: if another server
 * queued the same key first, the transaction rolls back and leaves no token behind.
 */
async function queue(db: Database, message: DueMessage, now: Date): Promise<boolean> {
  try {
    await db.transaction(async (tx) => {
      const token = await issueUnsubscribeToken(tx, message.personId, message.kind, now);
      const queued = await enqueueMail(
        tx,
        {
          ...renderMail(message.definition),
          to: message.to,
          kind: message.mailKind,
          dedupeKey: message.dedupeKey,
          headers: {
            "List-Unsubscribe": `<${appLink(`/unsubscribe/${token}`)}>`,
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
          },
        },
        now,
      );
      if (!queued.queued) throw new AlreadyQueued();
    });
    return true;
  } catch (error) {
    if (error instanceof AlreadyQueued) return false;
    throw error;
  }
}

/** Everything due as of `now` (exported for the privacy test, which reads what would be sent). */
export async function findDueMessages(db: Database, now: Date): Promise<DueMessage[]> {
  const [reminders, followUps, digests] = await Promise.all([
    dueReminders(db, now),
    dueFollowUps(db, now),
    dueDigests(db, now),
  ]);
  return [...reminders, ...followUps, ...digests];
}

/** One pass: queues what is due and not yet queued. Returns how many it queued. */
export async function runMessages(db: Database, now: Date): Promise<number> {
  const due = await findDueMessages(db, now);
  let queued = 0;
  const failures: unknown[] = [];
  for (const message of due) {
    try {
      if (await queue(db, message, now)) queued++;
    } catch (error) {
      // One message that can not be queued (an address the outbox refuses) must not hold back the rest.
      failures.push(error);
      console.warn(`messages: could not queue ${message.mailKind} ${message.dedupeKey}: ${String(error)}`);
    }
  }
  if (now.getUTCMinutes() === 0) await pruneUnsubscribeTokens(db, now);
  return queued;
}

/** Listed in app/services/jobs/registry.server.ts (which types it: importing the type here would be a circle). */
export const MESSAGES_JOB = {
  name: "messages",
  cron: "* * * * *",
  // A 1:1 moved into its lead time is reminded within a minute (issue 13), not at the next cron pass.
  everySeconds: 20,
  run: async (db: Database, now: Date) => {
    await runMessages(db, now);
  },
};
