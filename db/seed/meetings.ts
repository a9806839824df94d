import type { CadenceKind } from "~/domain/enums";
import { actionItems, agendaTopics, meetingNotes, meetings, meetingSeries } from "../schema";
import type { RowBuffer } from "./bulk";
import type { Pair } from "./org";
import type { IdFactory, Random } from "./random";
import type { Context } from "./texts-account";
import { actionText, privateNote, sharedNote, topicText } from "./texts-meetings";

const DAY = 86_400_000;
const MINUTE = 60_000;

export interface Seeding {
  buffer: RowBuffer;
  ids: IdFactory;
  random: Random;
  now: Date;
  historyStart: Date;
  context: Context;
  /** The demo report: every feature visible on their account. */
  showcase: boolean;
}

export interface HeldMeeting {
  id: string;
  heldAt: Date;
  lengthMinutes: number;
}

export interface PairHistory {
  /** The pair's held 1:1s, oldest first: pulses and assessments hang off them. */
  held: HeldMeeting[];
}

const CADENCES: [CadenceKind, number, number[], number][] = [
  ["biweekly", 14, [30, 30, 45, 60], 62],
  ["weekly", 7, [30, 30, 45], 20],
  ["monthly", 28, [45, 60], 12],
  ["days", 21, [30, 45], 6],
];
const START_TIMES = ["09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "13:30", "14:00", "15:00", "16:00"];

/** The UTC instant of a wall-clock time in a time zone (offsets cached per zone and day). */
const offsets = new Map<string, number>();
const formatters = new Map<string, Intl.DateTimeFormat>();
function zonedInstant(dayIndex: number, hhmm: string, timeZone: string): Date {
  const key = `${timeZone}|${dayIndex}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    let format = formatters.get(timeZone);
    if (!format) {
      format = new Intl.DateTimeFormat("en-GB", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
      });
      formatters.set(timeZone, format);
    }
    const noon = dayIndex * DAY + 12 * 3_600_000;
    const parts = Object.fromEntries(format.formatToParts(new Date(noon)).map((p) => [p.type, p.value]));
    const local = Date.UTC(
      Number(parts.year),
      Number(parts.month) - 1,
      Number(parts.day),
      Number(parts.hour),
      Number(parts.minute),
    );
    offset = local - noon;
    offsets.set(key, offset);
  }
  const [h, m] = hhmm.split(":").map(Number);
  return new Date(dayIndex * DAY + (h! * 60 + m!) * MINUTE - offset);
}

interface Occurrence {
  id: string;
  scheduledAt: Date;
  status: "planned" | "held" | "cancelled";
  heldAt: Date | null;
  createdAt: Date;
}

/** One manager-report pair's 1:1s: the series, its meetings, topics, notes and follow-ups. */
export function writeMeetings(s: Seeding, pair: Pair): PairHistory {
  const { random: r, ids, buffer, now } = s;
  const [cadence, intervalDays, lengths] = s.showcase
    ? CADENCES[0]!
    : r.weighted(CADENCES.map((c) => [c, c[3]] as const));
  const lengthMinutes = s.showcase ? 30 : r.pick(lengths);
  const weekday = r.int(1, 5);
  const startTime = r.pick(START_TIMES);
  const timezone = pair.manager.team.timezone;
  const seriesId = ids.next();
  const active = pair.end === null;
  buffer.add(meetingSeries, {
    id: seriesId,
    managerId: pair.manager.id,
    reportId: pair.report.id,
    cadence,
    intervalDays,
    lengthMinutes,
    weekday,
    startTime,
    timezone,
    active,
    version: 1,
    createdAt: pair.start,
    updatedAt: pair.end ?? pair.start,
  });

  // Occurrences from the later of the pair's start and the history's, on the series' weekday.
  const from = Math.max(pair.start.getTime(), s.historyStart.getTime()) + r.int(1, intervalDays) * DAY;
  let day = Math.ceil(from / DAY);
  while (((new Date(day * DAY).getUTCDay() + 6) % 7) + 1 !== weekday) day++;
  const until = pair.end ? pair.end.getTime() : now.getTime() + (r.chance(0.6) ? 2 : 1) * intervalDays * DAY;
  const cancelRate = s.showcase ? 0.04 : r.next() * 0.14 + 0.02;
  const occurrences: Occurrence[] = [];
  let previous = pair.start;
  for (; day * DAY < until; day += intervalDays) {
    const scheduledAt = zonedInstant(day, startTime, timezone);
    if (scheduledAt.getTime() >= until) break;
    const past = scheduledAt < now;
    const status: Occurrence["status"] = past ? (r.chance(cancelRate) ? "cancelled" : "held") : "planned";
    let heldAt: Date | null = null;
    if (status === "held") {
      const moved = r.chance(0.08) ? r.int(1, 2) * DAY : 0;
      heldAt = new Date(scheduledAt.getTime() + moved + r.int(0, 8) * MINUTE);
      if (heldAt > now) heldAt = scheduledAt;
    }
    occurrences.push({
      id: ids.next(),
      scheduledAt,
      status,
      heldAt,
      createdAt: previous < scheduledAt ? previous : scheduledAt,
    });
    previous = scheduledAt;
  }
  // A few pairs have lost their rhythm: the last meetings were all cancelled.
  if (active && !s.showcase && r.chance(0.08)) {
    const pastOnes = occurrences.filter((o) => o.status !== "planned");
    for (const o of pastOnes.slice(-r.int(2, 3))) Object.assign(o, { status: "cancelled", heldAt: null });
  }

  const held = occurrences.filter((o) => o.status === "held");
  let carry: {
    id: string;
    source: "report" | "manager";
    title: string;
    details: string;
    private: boolean;
    count: number;
  }[] = [];
  let heldSoFar = 0;
  for (const o of occurrences) {
    buffer.add(meetings, {
      id: o.id,
      seriesId,
      managerId: pair.manager.id,
      reportId: pair.report.id,
      scheduledAt: o.scheduledAt,
      lengthMinutes,
      status: o.status,
      heldAt: o.heldAt,
      teamId: o.status === "held" ? pair.team.id : null,
      version: o.status === "planned" ? 1 : 2,
      createdAt: o.createdAt,
      updatedAt:
        o.heldAt ??
        (o.status === "cancelled" ? new Date(o.scheduledAt.getTime() - r.int(1, 48) * 3_600_000) : o.createdAt),
    });
    if (o.status === "cancelled") continue;
    const isNext =
      o.status === "planned" && !occurrences.some((x) => x.status === "planned" && x.scheduledAt < o.scheduledAt);
    // Topics: carried ones first, then fresh ones from the report and the manager.
    const topics: typeof carry = carry.map((t) => ({ ...t, count: t.count + 1 }));
    const carriedFrom = carry.map((t) => t.id);
    const reportTopics =
      o.status === "held"
        ? r.chance(0.45)
          ? r.int(1, 2)
          : 0
        : isNext && (s.showcase || r.chance(0.6))
          ? r.int(1, 2)
          : 0;
    const managerTopics =
      o.status === "held" ? (r.chance(0.3) ? 1 : 0) : isNext && (s.showcase || r.chance(0.4)) ? 1 : 0;
    for (let k = 0; k < reportTopics + managerTopics; k++) {
      const source = k < reportTopics ? "report" : "manager";
      const [title, details] = topicText(r.pick, source, s.context);
      topics.push({ id: "", source, title, details, private: r.chance(0.1), count: 0 });
    }
    carry = [];
    topics.forEach((t, position) => {
      const id = ids.next();
      const discussed = o.status === "held" && (t.count >= 3 || r.chance(0.88));
      buffer.add(agendaTopics, {
        id,
        meetingId: o.id,
        authorId: t.source === "report" ? pair.report.id : pair.manager.id,
        source: t.source,
        title: t.title,
        details: t.details,
        private: t.private,
        position,
        discussed,
        carriedCount: t.count,
        carriedFromId: t.count > 0 ? (carriedFrom[position] ?? null) : null,
        createdAt: new Date(Math.min(o.scheduledAt.getTime() - r.int(1, 72) * 3_600_000, now.getTime() - MINUTE)),
      });
      if (o.status === "held" && !discussed) carry.push({ ...t, id });
    });
    if (o.status !== "held") continue;
    heldSoFar++;
    const at = o.heldAt!;
    const after = (minutes: number) =>
      new Date(Math.min(at.getTime() + (lengthMinutes + minutes) * MINUTE, now.getTime()));
    if (r.chance(0.85)) {
      const byManager = r.chance(0.75);
      note(
        s,
        o.id,
        byManager ? pair.manager.id : pair.report.id,
        "shared",
        sharedNote(r.pick, s.context),
        after(r.int(0, 90)),
      );
    }
    if (r.chance(0.35))
      note(s, o.id, pair.manager.id, "private", privateNote(r.pick, "manager", s.context), after(r.int(0, 240)));
    if (r.chance(0.1))
      note(s, o.id, pair.report.id, "private", privateNote(r.pick, "report", s.context), after(r.int(0, 600)));
    const laterHeld = held.slice(heldSoFar).map((h) => h.heldAt!);
    const count =
      s.showcase && heldSoFar >= held.length - 2
        ? 1
        : r.weighted([
            [0, 30],
            [1, 40],
            [2, 22],
            [3, 8],
          ] as const);
    for (let k = 0; k < count; k++)
      writeAction(
        s,
        pair,
        o.id,
        at,
        laterHeld,
        active,
        s.showcase && heldSoFar === held.length - 2 ? "overdue" : undefined,
      );
  }
  return { held: held.map((o) => ({ id: o.id, heldAt: o.heldAt!, lengthMinutes })) };
}

function note(
  s: Seeding,
  meetingId: string,
  authorId: string,
  visibility: "shared" | "private",
  body: string,
  at: Date,
) {
  s.buffer.add(meetingNotes, {
    id: s.ids.next(),
    meetingId,
    authorId,
    visibility,
    body,
    version: 1,
    createdAt: at,
    updatedAt: at,
  });
}

/** A follow-up from a held 1:1; its fate depends on its due date and the 1:1s that followed. */
function writeAction(
  s: Seeding,
  pair: Pair,
  meetingId: string,
  at: Date,
  laterHeld: Date[],
  active: boolean,
  force?: "overdue",
) {
  const r = s.random;
  const owner = force === "overdue" || r.chance(0.6) ? "report" : "manager";
  const due = new Date(at.getTime() + (force ? 4 : r.int(3, 21)) * DAY);
  const dueOn = due.toISOString().slice(0, 10);
  const now = s.now;
  let status: "open" | "done" | "dropped";
  if (force === "overdue") status = "open";
  else if (due < now)
    status = r.weighted([
      ["done", 84],
      ["dropped", 5],
      ["open", active ? 11 : 0],
    ] as const);
  else status = r.chance(0.15) ? "done" : "open";
  const createdAt = new Date(Math.min(at.getTime() + 20 * MINUTE, now.getTime()));
  let completedAt: Date | null = null;
  let carried: number;
  if (status === "open") {
    carried = laterHeld.length;
    if (carried > 4 && !force) {
      // Carried too long: finally done, or dropped when "do or drop" was asked.
      carried = r.int(2, 4);
      status = r.chance(0.35) ? "dropped" : "done";
      completedAt = laterHeld[carried - 1]!;
    }
  } else {
    const latest = Math.min(due.getTime() + 5 * DAY, now.getTime());
    completedAt = new Date(createdAt.getTime() + r.next() * Math.max(DAY, latest - createdAt.getTime()));
    if (completedAt > now) completedAt = now;
    carried = laterHeld.filter((h) => h < completedAt!).length;
  }
  const ownerId = owner === "report" ? pair.report.id : pair.manager.id;
  s.buffer.add(actionItems, {
    id: s.ids.next(),
    reportId: pair.report.id,
    managerId: pair.manager.id,
    ownerId,
    meetingId,
    title: actionText(r.pick, owner, s.context),
    dueOn,
    status,
    carriedCount: carried,
    completedAt,
    createdBy: r.chance(0.8) ? pair.manager.id : ownerId,
    version: 1 + (completedAt ? 1 : 0) + carried,
    createdAt,
    updatedAt: completedAt ?? laterHeld[laterHeld.length - 1] ?? at,
  });
}
