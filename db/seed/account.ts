import { remorseCheckDate } from "~/domain/commitments";
import type { CommitmentState, GoalStatus, RiskKind } from "~/domain/enums";
import { auditEvents, commitmentCheckIns, commitments, goals, goalUpdates, risks } from "../schema";
import type { Seeding } from "./meetings";
import type { PersonSeed } from "./org";
import {
  CHECK_IN_NOTES,
  commitmentText,
  fill,
  GOAL_UPDATE_NOTES,
  goalText,
  REMORSE_NOTES,
  RISK_POINTS,
  riskText,
} from "./texts-account";

const DAY = 86_400_000;
const iso = (d: Date) => d.toISOString().slice(0, 10);
const at = (ms: number) => new Date(Math.round(ms));

/** A report's account: their goals, the risks their manager sees, their change commitments. */
export function writeAccount(s: Seeding, report: PersonSeed, manager: PersonSeed, since: Date): void {
  const from = Math.max(report.hiredAt.getTime(), s.historyStart.getTime());
  writeGoals(s, report, from);
  writeRisks(s, report, manager, Math.max(from, since.getTime()));
  writeCommitments(s, report, manager, Math.max(from, since.getTime()));
}

function audit(
  s: Seeding,
  actorId: string,
  subjectId: string,
  entity: "goal" | "risk" | "commitment",
  entityId: string,
  createdAt: Date,
) {
  s.buffer.add(auditEvents, {
    id: s.ids.next(),
    actorId,
    subjectId,
    entity,
    entityId,
    action: "create",
    changes: {},
    createdAt,
  });
}

function writeGoals(s: Seeding, report: PersonSeed, from: number) {
  const r = s.random;
  const now = s.now.getTime();
  const window = now - from;
  const count = s.showcase ? 4 : r.int(2, 4) + Math.floor(r.next() * (window / (365 * DAY)));
  const titles = new Set<string>();
  for (let g = 0; g < count; g++) {
    let text = goalText(r.pick, s.context);
    for (let tries = 0; titles.has(text[0]) && tries < 5; tries++) text = goalText(r.pick, s.context);
    if (titles.has(text[0])) continue;
    titles.add(text[0]);
    const created = from + r.next() * Math.max(DAY, window - 3 * DAY);
    const age = now - created;
    const status: GoalStatus = s.showcase
      ? g === 3
        ? "achieved"
        : "active"
      : r.weighted(
          age > 120 * DAY
            ? ([
                ["achieved", 45],
                ["dropped", 15],
                ["active", 40],
              ] as const)
            : ([
                ["active", 88],
                ["achieved", 8],
                ["dropped", 4],
              ] as const),
        );
    const span = r.int(60, 270) * DAY;
    // Most active goals still have their target ahead (re-planned when it passed); a few are overdue.
    const target =
      status === "active" && created + span < now && !r.chance(0.2) ? now + r.int(14, 150) * DAY : created + span;
    let progress: number;
    let last: number;
    if (status === "achieved") {
      progress = 100;
      last = Math.min(now - DAY, created + r.next() * Math.min(span, age));
    } else if (status === "dropped") {
      progress = 5 * r.int(1, 12);
      last = created + r.next() * age * 0.7;
    } else {
      const expected = Math.min(100, (100 * age) / span);
      progress = Math.max(0, Math.min(95, 5 * Math.round((expected + r.gaussian() * 25) / 5)));
      const stale = s.showcase ? g === 1 : r.chance(0.25);
      last = stale ? Math.max(created, now - r.int(31, 90) * DAY) : Math.max(created, now - r.int(0, 20) * DAY);
    }
    last = Math.max(created, Math.min(last, now - 60_000));
    const id = s.ids.next();
    const updates =
      progress === 0 ? 0 : Math.max(1, Math.min(6, Math.round((last - created) / (30 * DAY)) + r.int(0, 1)));
    if (updates === 0) last = created;
    s.buffer.add(goals, {
      id,
      ownerId: report.id,
      title: text[0],
      whyItMatters: text[1],
      successMeasure: text[2],
      targetDate: iso(at(target)),
      progress,
      status,
      lastProgressAt: at(last),
      version: 1 + updates + (status === "active" ? 0 : 1),
      createdAt: at(created),
      updatedAt: at(last),
      updatedBy: report.id,
    });
    audit(s, report.id, report.id, "goal", id, at(created));
    for (let u = 1; u <= updates; u++) {
      const when =
        u === updates
          ? last
          : Math.min(last, created + ((last - created) * u) / (updates + 0.5) + r.int(0, 3) * 3_600_000);
      const value = u === updates ? progress : Math.min(progress, 5 * Math.round((progress * u) / updates / 5));
      s.buffer.add(goalUpdates, {
        id: s.ids.next(),
        goalId: id,
        authorId: report.id,
        progress: value,
        note: fill(r.pick(GOAL_UPDATE_NOTES), s.context),
        createdAt: at(when),
      });
    }
  }
}

const KINDS: [RiskKind, number][] = [
  ["flight", 25],
  ["overload", 25],
  ["change", 15],
  ["indecision", 12],
  ["remorse", 8],
  ["other", 15],
];

function writeRisks(s: Seeding, report: PersonSeed, manager: PersonSeed, from: number) {
  const r = s.random;
  const now = s.now.getTime();
  const count = s.showcase
    ? 1
    : r.weighted([
        [0, 50],
        [1, 35],
        [2, 15],
      ] as const);
  for (let k = 0; k < count; k++) {
    const kind = s.showcase ? "flight" : r.weighted(KINDS);
    const created = from + r.next() * Math.max(DAY, now - from - DAY);
    const age = now - created;
    const closed = !s.showcase && age > 45 * DAY && r.chance(0.5);
    const closedAt = closed ? created + r.int(14, Math.floor(age / DAY) - 1) * DAY : null;
    // Open risks come up for review every few weeks; about a third are due now.
    const reviewDue = s.showcase ? now - 2 * DAY : r.chance(0.3) ? now - r.int(0, 14) * DAY : now + r.int(1, 45) * DAY;
    const lookedAgain = age > 20 * DAY && r.chance(0.7);
    const reviewed =
      closedAt ??
      (lookedAgain ? Math.max(created + DAY, Math.min(now - DAY, reviewDue - r.pick([21, 30, 45]) * DAY)) : null);
    const reviewOn = closed ? null : iso(at(reviewDue));
    const [description, mitigation] = riskText(r.pick, kind, s.context);
    const id = s.ids.next();
    s.buffer.add(risks, {
      id,
      subjectId: report.id,
      authorId: manager.id,
      kind,
      pointKey: r.chance(0.9) ? r.pick(RISK_POINTS[kind]) : null,
      description,
      likelihood: r.int(1, 3),
      impact: s.showcase ? 3 : r.int(1, 3),
      mitigation: r.chance(0.85) ? mitigation : "",
      reviewOn,
      status: closed ? "closed" : "open",
      lastReviewedAt: reviewed === null ? null : at(reviewed),
      closedAt: closedAt === null ? null : at(closedAt),
      version: 1 + (reviewed ? 1 : 0),
      createdAt: at(created),
      updatedAt: at(reviewed ?? created),
    });
    audit(s, manager.id, report.id, "risk", id, at(created));
  }
}

const STATES: [CommitmentState, number][] = [
  ["proposed", 12],
  ["committed", 14],
  ["in_progress", 30],
  ["done", 30],
  ["abandoned", 14],
];
const SHOWCASE_STATES: CommitmentState[] = ["in_progress", "done", "proposed", "committed", "abandoned"];

function writeCommitments(s: Seeding, report: PersonSeed, manager: PersonSeed, from: number) {
  const r = s.random;
  const now = s.now.getTime();
  const window = now - from;
  const count = s.showcase
    ? 5
    : r.weighted([
        [0, 15],
        [1, 40],
        [2, 30],
        [3, 15],
      ] as const) + Math.floor(window / (365 * DAY));
  for (let k = 0; k < count; k++) {
    let state = s.showcase ? SHOWCASE_STATES[k]! : r.weighted(STATES);
    const every = r.pick([7, 14, 14, 21, 30]);
    // How far back each state can start: proposals are recent, finished ones need room.
    const minAge = { proposed: 1, committed: 3, in_progress: 20, done: 45, abandoned: 14 }[state] * DAY;
    const maxAge = { proposed: 30, committed: 28, in_progress: 240, done: 720, abandoned: 720 }[state] * DAY;
    if (window < minAge + DAY) state = "proposed";
    const oldest = Math.min(window, state === "proposed" ? 30 * DAY : maxAge);
    const created =
      s.showcase && state === "done"
        ? now - 80 * DAY
        : now - (Math.min(minAge, oldest) + r.next() * Math.max(0, oldest - minAge));
    const committedAt =
      state === "proposed" || (state === "abandoned" && r.chance(0.4))
        ? null
        : Math.min(created + r.int(1, 7) * DAY, now - 3_600_000);
    let finishedAt: number | null = null;
    if (state === "done")
      finishedAt = s.showcase ? now - 35 * DAY : Math.min(now - DAY, committedAt! + r.int(21, 120) * DAY);
    if (state === "abandoned") finishedAt = Math.min(now - DAY, (committedAt ?? created) + r.int(7, 60) * DAY);
    // Check-ins every `every` days from the commitment until it finished, or until it stalled.
    const stalled = state === "in_progress" && (s.showcase || r.chance(0.45));
    const stop =
      finishedAt ?? (stalled ? now - r.int(Math.ceil(every * 1.5), every * 4) * DAY : now - r.int(0, every - 1) * DAY);
    const id = s.ids.next();
    const checkIns: number[] = [];
    if (committedAt !== null && state !== "committed") {
      for (
        let t = committedAt + every * DAY * (0.7 + r.next() * 0.5);
        t <= stop;
        t += every * DAY * (0.8 + r.next() * 0.4)
      )
        checkIns.push(t);
      const last = checkIns[checkIns.length - 1];
      if (state === "in_progress" && (last === undefined || (!stalled && last < stop - every * DAY * 0.3)))
        checkIns.push(Math.max(committedAt + DAY, stop));
    }
    const lastCheckIn = checkIns.length ? checkIns[checkIns.length - 1]! : null;
    const remorseDue = state === "done" ? remorseCheckDate(at(finishedAt!)) : null;
    const dueMs = remorseDue ? Date.parse(`${remorseDue}T00:00:00Z`) : null;
    const answered =
      dueMs !== null && dueMs < now && !s.showcase && r.chance(0.55)
        ? Math.min(now - 60_000, dueMs + r.int(0, 10) * DAY)
        : null;
    const glad = answered === null ? null : r.chance(0.8);
    const [change, pain, firstStep, support] = commitmentText(r.pick);
    const createdBy = r.chance(0.5) ? manager.id : report.id;
    const transitions =
      (committedAt ? 1 : 0) + (state === "in_progress" || state === "done" ? 1 : 0) + (finishedAt ? 1 : 0);
    s.buffer.add(commitments, {
      id,
      personId: report.id,
      createdBy,
      change,
      painOfDoingNothing: pain,
      firstStep,
      managerSupport: r.chance(0.8) ? support : "",
      checkInEveryDays: every,
      state,
      firstStepDone: state === "in_progress" || state === "done",
      lastCheckInAt: lastCheckIn === null ? null : at(lastCheckIn),
      committedAt: committedAt === null ? null : at(committedAt),
      finishedAt: finishedAt === null ? null : at(finishedAt),
      remorseCheckDueOn: remorseDue,
      remorseAnsweredAt: answered === null ? null : at(answered),
      stillGlad: glad,
      remorseNote: glad === null ? null : r.pick(glad ? REMORSE_NOTES.glad : REMORSE_NOTES.sorry),
      version: 1 + transitions + checkIns.length + (answered ? 1 : 0),
      createdAt: at(created),
      updatedAt: at(Math.max(created, committedAt ?? 0, lastCheckIn ?? 0, finishedAt ?? 0, answered ?? 0)),
    });
    audit(s, createdBy, report.id, "commitment", id, at(created));
    for (const t of checkIns) {
      s.buffer.add(commitmentCheckIns, {
        id: s.ids.next(),
        commitmentId: id,
        authorId: r.chance(0.7) ? report.id : manager.id,
        note: fill(r.pick(CHECK_IN_NOTES), s.context),
        createdAt: at(t),
      });
    }
  }
}
