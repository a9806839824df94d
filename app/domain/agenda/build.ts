import { ALTERNATIVES_POINT } from "../checklist";
import { checkInDueAt, describeCommitment, isRemorseCheckDue, isStalled } from "../commitments";
import { daysFrom, plural, toDate } from "../dates";
import { goalAttentionReasons } from "../goals";
import { allocateMinutes } from "./minutes";
import type { Agenda, AgendaInput, AgendaItem } from "./types";

/** An action item carried this many times asks to be done or dropped. */
export const DO_OR_DROP_AFTER = 3;

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function carried(count: number): string {
  return count === 0
    ? ""
    : count === 1
      ? "carried over once"
      : count === 2
        ? "carried over twice"
        : `carried over ${count} times`;
}

const join = (...parts: string[]) => parts.filter(Boolean).join(", ");

/**
 * An item while the agenda is built: `reason` is worded for the manager, `reportReason` for the report
 * where the two differ, so each view speaks to its reader ("added by you", "yours") and never names its
 * reader in the third person.
 */
type Draft = AgendaItem & { reportReason?: string };

function item(
  partial: Omit<AgendaItem, "minutes" | "managerOnly" | "privateTo" | "discussed"> &
    Partial<Pick<AgendaItem, "managerOnly" | "privateTo" | "discussed">> & { reportReason?: string },
): Draft {
  return { managerOnly: false, privateTo: null, minutes: 0, discussed: false, ...partial };
}

/**
 * The agenda for one 1:1: their topics, goals, commitments, follow-ups,
 * risks, checklist, then our topics; their success before ours. Pure: the same input and date always give the same agenda. Returns
 * the manager's view (everything but the report's private topics) and the
 * report's view (no risks, none of the manager's private topics).
 *
 * A discussed item stays where it is, marked: ticking it must not move the
 * agenda under the manager's finger, and unticking brings back nothing that
 * had gone. Only finishing the 1:1 decides what moves on (undiscussed topics).
 */
export function buildAgenda(input: AgendaInput, now: Date): Agenda {
  const { meeting } = input;
  const reportId = meeting.reportId;
  // When the meeting is ahead, include what will be due by then.
  const dueBy = new Date(Math.max(now.getTime(), toDate(meeting.scheduledAt).getTime()));
  const items: Draft[] = [];
  // What was ticked stays even when the talk itself changed it (progress saved, a follow-up done).
  const checked = new Set(input.checked ?? []);

  // 1. Topics the report added.
  const topics = [...input.topics].sort((a, b) => a.position - b.position || byId(a, b));
  for (const t of topics.filter((t) => t.source === "report" && t.authorId === reportId)) {
    items.push(
      item({
        key: `report-topic:${t.id}`,
        section: "report-topic",
        refId: t.id,
        title: t.title,
        reason: join(
          `added by ${input.people.reportName}`,
          carried(t.carriedCount),
          t.private ? "private to them" : "",
        ),
        reportReason: join("added by you", carried(t.carriedCount), t.private ? "private to you" : ""),
        reportsOwn: true,
        privateTo: t.private ? t.authorId : null,
        discussed: t.discussed ?? false,
      }),
    );
  }

  // 2. Their goals that need attention.
  const goals = input.goals
    .filter((g) => g.ownerId === reportId)
    .map((g) => ({ g, reasons: goalAttentionReasons(g, now) }))
    .filter(({ g, reasons }) => reasons.length > 0 || checked.has(`goal:${g.id}`))
    .sort(
      (a, b) =>
        b.reasons.length - a.reasons.length ||
        (a.g.targetDate ?? "9999").localeCompare(b.g.targetDate ?? "9999") ||
        byId(a.g, b.g),
    );
  for (const { g, reasons } of goals) {
    items.push(
      item({
        key: `goal:${g.id}`,
        section: "goal",
        refId: g.id,
        title: g.title,
        reason: reasons.length ? reasons.join(", ") : "talked through in this 1:1",
        reportsOwn: true,
      }),
    );
  }

  // 3. Change commitments: stalled first, then remorse checks, then check-ins due by the meeting.
  const commitments = input.commitments
    .filter((c) => c.personId === reportId)
    .map((c) => {
      const rank = isStalled(c, now)
        ? 0
        : isRemorseCheckDue(c, dueBy)
          ? 1
          : (checkInDueAt(c)?.getTime() ?? Infinity) <= dueBy.getTime()
            ? 2
            : checked.has(`commitment:${c.id}`)
              ? 3
              : -1;
      return { c, rank };
    })
    .filter(({ rank }) => rank >= 0)
    .sort((a, b) => a.rank - b.rank || byId(a.c, b.c));
  for (const { c, rank } of commitments) {
    const reason = rank === 1 ? "done a while ago: are they still glad of the change?" : describeCommitment(c, now);
    items.push(
      item({
        key: `commitment:${c.id}`,
        section: "commitment",
        refId: c.id,
        title: c.change,
        reason,
        ...(rank === 1 ? { reportReason: "done a while ago: are you still glad of the change?" } : {}),
        reportsOwn: true,
      }),
    );
  }

  // 4. Open action items from earlier 1:1s, overdue first; one settled while being discussed stays, settled.
  const actions = input.actionItems
    .filter((a) => a.reportId === reportId && (a.status === "open" || checked.has(`action-item:${a.id}`)))
    .map((a) => ({ a, overdue: a.dueOn ? daysFrom(a.dueOn, now) : -Infinity }))
    .sort(
      (x, y) =>
        (y.overdue > 0 ? y.overdue : 0) - (x.overdue > 0 ? x.overdue : 0) ||
        (x.a.dueOn ?? "9999").localeCompare(y.a.dueOn ?? "9999") ||
        byId(x.a, y.a),
    );
  for (const { a, overdue } of actions) {
    const reportOwns = a.ownerId === reportId;
    const timing =
      a.status !== "open"
        ? a.status
        : !a.dueOn
          ? "no due date"
          : overdue > 0
            ? `overdue by ${plural(overdue, "day")}`
            : overdue === 0
              ? "due today"
              : `due in ${plural(-overdue, "day")}`;
    const doOrDrop = a.status === "open" && a.carriedCount >= DO_OR_DROP_AFTER;
    items.push(
      item({
        key: `action-item:${a.id}`,
        section: "action-item",
        refId: a.id,
        title: a.title,
        reason: join(
          reportOwns ? `${input.people.reportName}'s` : "yours",
          timing,
          carried(a.carriedCount),
          doOrDrop ? "do it or drop it?" : "",
        ),
        reportReason: join(
          reportOwns ? "yours" : `${input.people.managerName}'s`,
          timing,
          carried(a.carriedCount),
          doOrDrop ? "do it or drop it?" : "",
        ),
        reportsOwn: a.ownerId === reportId,
        doOrDrop,
      }),
    );
  }

  // 5. Risks due for review: the manager's view only.
  const risks = input.risks
    .filter(
      (r) =>
        r.subjectId === reportId &&
        r.status === "open" &&
        r.reviewOn !== null &&
        toDate(r.reviewOn).getTime() <= dueBy.getTime(),
    )
    .sort((a, b) => a.reviewOn!.localeCompare(b.reviewOn!) || byId(a, b));
  for (const r of risks) {
    const late = daysFrom(r.reviewOn!, now);
    items.push(
      item({
        key: `risk:${r.id}`,
        section: "risk",
        refId: r.id,
        title: r.description,
        reason: late > 0 ? `review was due ${plural(late, "day")} ago` : "review due",
        reportsOwn: false,
        managerOnly: true,
      }),
    );
  }

  // 6. One or two checklist prompts: the widest manager/self gap, and the point least recently assessed.
  items.push(...checklistPrompts(input, now));

  // 7. Topics the manager added.
  for (const t of topics.filter((t) => t.source === "manager" && t.authorId === meeting.managerId)) {
    items.push(
      item({
        key: `manager-topic:${t.id}`,
        section: "manager-topic",
        refId: t.id,
        title: t.title,
        reason: join("added by you", carried(t.carriedCount), t.private ? "private to you" : ""),
        reportReason: join(`added by ${input.people.managerName}`, carried(t.carriedCount)),
        reportsOwn: false,
        privateTo: t.private ? t.authorId : null,
        discussed: t.discussed ?? false,
      }),
    );
  }

  return {
    manager: finish(
      items.filter((i) => i.privateTo === null || i.privateTo === meeting.managerId),
      input,
      "manager",
    ),
    report: finish(
      items.filter((i) => !i.managerOnly && (i.privateTo === null || i.privateTo === reportId)),
      input,
      "report",
    ),
  };
}

/**
 * Every 1:1 opens with the report: when they added no topic, open time for
 * whatever is on their mind comes first. Then the minutes are shared out.
 */
function finish(items: Draft[], input: AgendaInput, reader: "manager" | "report"): AgendaItem[] {
  const withTheirTime: Draft[] = items.some((i) => i.section === "report-topic")
    ? items
    : [
        item({
          key: `open-time:${input.meeting.id}`,
          section: "open-time",
          refId: input.meeting.id,
          title: "What is on your mind?",
          reason: `${input.people.reportName} added nothing yet: their time comes first`,
          reportReason: "You added nothing yet: your time comes first",
          reportsOwn: true,
        }),
        ...items,
      ];
  // Ticks on generated items are kept by key (a topic also carries its own flag).
  const checked = new Set(input.checked ?? []);
  return allocateMinutes(
    withTheirTime.map(({ reportReason, ...i }) => ({
      ...i,
      reason: reader === "report" ? (reportReason ?? i.reason) : i.reason,
      discussed: i.discussed || checked.has(i.key),
    })),
    input.meeting.lengthMinutes,
  );
}

function checklistPrompts(input: AgendaInput, now: Date): Draft[] {
  const points = new Map(input.checklist.points.map((p) => [p.key, p]));
  const scored = input.checklist.standings.filter((s) => s.pointKey !== ALTERNATIVES_POINT && points.has(s.pointKey));
  const picks: { key: number; reason: string; reportReason?: string }[] = [];
  const widest = scored
    .filter((s) => s.gap !== null && s.gap !== 0)
    .sort((a, b) => Math.abs(b.gap!) - Math.abs(a.gap!) || a.pointKey - b.pointKey)[0];
  if (widest) {
    picks.push({
      key: widest.pointKey,
      reason: `widest gap: you rated ${widest.manager}, ${input.people.reportName} rated ${widest.self}`,
      reportReason: `widest gap: ${input.people.managerName} rated ${widest.manager}, you rated ${widest.self}`,
    });
  }
  const stalest = scored
    .filter((s) => s.pointKey !== widest?.pointKey)
    .sort(
      (a, b) =>
        (a.lastAssessedAt?.getTime() ?? -Infinity) - (b.lastAssessedAt?.getTime() ?? -Infinity) ||
        a.pointKey - b.pointKey,
    )[0];
  if (stalest) {
    picks.push({
      key: stalest.pointKey,
      reason: stalest.lastAssessedAt
        ? `least recently assessed: ${plural(daysFrom(stalest.lastAssessedAt, now), "day")} ago`
        : "never assessed",
    });
  }
  return picks.map(({ key, reason, reportReason }) => {
    const p = points.get(key)!;
    return item({
      key: `checklist:${key}`,
      section: "checklist",
      refId: String(key),
      title: `${p.title}: ${p.question}`,
      reason,
      reportReason,
      reportsOwn: false,
    });
  });
}
