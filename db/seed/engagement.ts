import { checklistAssessments, pulses } from "../schema";
import type { HeldMeeting, Seeding } from "./meetings";
import type { Pair, TeamSeed } from "./org";
import { hash32, type Random } from "./random";
import { assessmentNote } from "./texts-account";

const DAY = 86_400_000;
const MINUTE = 60_000;
const POINTS = Array.from({ length: 15 }, (_, i) => i + 1);

const clamp = (value: number, min: number, max: number) => Math.max(min, Math.min(max, Math.round(value)));

/** How a person tends to feel, fixed for the whole history, so trends move slowly and people differ. */
export interface Disposition {
  mood: number;
  responsiveness: number;
  /** Where each checklist point truly stands for them (1-5, fractional). */
  points: number[];
}

export function dispositionFor(r: Random, showcase: boolean): Disposition {
  const mood = showcase ? 0.3 : r.gaussian() * 0.8;
  return {
    mood,
    responsiveness: showcase ? 1 : 0.55 + r.next() * 0.4,
    points: POINTS.map(() => 3.2 + mood * 0.6 + r.gaussian() * 0.8),
  };
}

/**
 * A team's weather: most teams are steady; some have overload building over
 * the last months (a release crunch), some improve after a change. Derived
 * from the seed and the team alone, so every member of a team shares it.
 */
function teamStrain(seed: number, team: TeamSeed, when: number, now: number): number {
  const h = hash32(seed, "team", team.id);
  const kind = h % 10;
  const monthsAgo = (now - when) / (30 * DAY);
  if (kind < 2) return Math.max(0, 4 - monthsAgo) * 0.35; // crunch building over the last four months
  if (kind === 2) return Math.max(0, monthsAgo - 3) * 0.12; // was overloaded, better since
  return 0;
}

/** The report's answers after each held 1:1 of a pair, when they answered. */
export function writePulses(s: Seeding, seed: number, pair: Pair, held: HeldMeeting[], me: Disposition): void {
  const r = s.random;
  const now = s.now.getTime();
  for (const m of held) {
    if (!r.chance(me.responsiveness)) continue;
    const answeredAt = m.heldAt.getTime() + (m.lengthMinutes + r.int(2, 480)) * MINUTE;
    if (answeredAt >= now) continue;
    const strain = teamStrain(seed, pair.team, m.heldAt.getTime(), now);
    const noise = () => r.gaussian() * 0.6;
    s.buffer.add(pulses, {
      id: s.ids.next(),
      meetingId: m.id,
      respondentId: pair.report.id,
      teamId: pair.team.id,
      understood: clamp(3.9 + me.mood * 0.6 - strain * 0.3 + noise(), 1, 5),
      progressing: clamp(3.5 + me.mood * 0.6 - strain * 0.5 + noise(), 1, 5),
      overloaded: clamp(2.5 - me.mood * 0.4 + strain + noise(), 1, 5),
      enps: clamp(7.2 + me.mood * 1.6 - strain * 1.2 + r.gaussian() * 1.2, 0, 10),
      answeredAt: new Date(answeredAt),
    });
  }
}

/**
 * Checklist assessments about every two months: the manager rates a few
 * points after a 1:1, and most reports rate themselves before it. Some
 * managers see things rosier than their report does: that gap is the signal.
 */
export function writeAssessments(s: Seeding, pair: Pair, held: HeldMeeting[], me: Disposition): void {
  const r = s.random;
  const now = s.now.getTime();
  const bias = r.weighted([
    [0.9, 35],
    [0, 50],
    [-0.5, 15],
  ] as const);
  const selfRater = s.showcase || r.chance(0.65);
  let lastRound = -Infinity;
  let gap = r.int(50, 75) * DAY;
  held.forEach((m, index) => {
    const t = m.heldAt.getTime();
    const lastMeeting = index === held.length - 1;
    if (t - lastRound < gap && !(s.showcase && lastMeeting)) return;
    lastRound = t;
    gap = r.int(50, 75) * DAY;
    const drift = (t - now) / (365 * DAY); // things were a little worse a year ago
    const first = index === 0;
    const managerPoints = r.sample(POINTS, first ? r.int(6, 15) : r.int(3, 6));
    for (const point of managerPoints) {
      const rating = clamp(me.points[point - 1]! + bias + drift * 0.4 + r.gaussian() * 0.5, 1, 5);
      const createdAt = Math.min(now - MINUTE, t + (m.lengthMinutes + r.int(5, 120)) * MINUTE);
      add(s, pair, "manager", point, rating, m.id, createdAt);
    }
    if (!selfRater || (!s.showcase && r.chance(0.2))) return;
    const selfPoints = [...r.sample(managerPoints, 2), ...r.sample(POINTS, r.int(1, 4))].filter(
      (p, i, all) => all.indexOf(p) === i,
    );
    for (const point of selfPoints) {
      const rating = clamp(me.points[point - 1]! + drift * 0.4 + r.gaussian() * 0.5, 1, 5);
      add(s, pair, "self", point, rating, m.id, Math.min(now - MINUTE, t - r.int(60, 2880) * MINUTE));
    }
  });
}

function add(
  s: Seeding,
  pair: Pair,
  perspective: "manager" | "self",
  pointKey: number,
  rating: number,
  meetingId: string,
  createdAt: number,
) {
  const r = s.random;
  const assessorId = perspective === "manager" ? pair.manager.id : pair.report.id;
  s.buffer.add(checklistAssessments, {
    id: s.ids.next(),
    subjectId: pair.report.id,
    assessorId,
    perspective,
    pointKey,
    rating,
    note: r.chance(0.55) ? assessmentNote(r.pick, perspective, rating, s.context) : "",
    meetingId,
    teamId: pair.team.id,
    createdAt: new Date(createdAt),
  });
}
