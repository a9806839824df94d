import type { Role } from "~/domain/enums";
import {
  people as peopleTable,
  personRoles as personRolesTable,
  reportingLines as reportingLinesTable,
  teams as teamsTable,
} from "../schema";
import type { RowBuffer } from "./bulk";
import { DEPARTMENTS, emailPart, FIRST_NAMES, LAST_NAMES, REGIONS, TEAM_FOCUS, type DepartmentKind } from "./names";
import type { IdFactory, Random } from "./random";

export type DemoKey = "admin" | "hr" | "manager" | "report" | "otherManager";
type Level = "ceo" | "head" | "manager" | "ic";

export interface TeamSeed {
  id: string;
  name: string;
  parentId: string | null;
  kind: DepartmentKind;
  timezone: string;
}

export interface PersonSeed {
  index: number;
  id: string;
  name: string;
  firstName: string;
  email: string;
  level: Level;
  team: TeamSeed;
  manager: PersonSeed | null;
  hiredAt: Date;
  demo?: DemoKey;
  roles: Role[];
}

/** A manager-report relation over a period: the current one (end null) or a former one. */
export interface Pair {
  manager: PersonSeed;
  report: PersonSeed;
  /** The report's team during the relation, for pulses. */
  team: TeamSeed;
  start: Date;
  end: Date | null;
}

export interface Organisation {
  teams: TeamSeed[];
  people: PersonSeed[];
  /** Former relations (ended reporting lines), at most one per person. */
  formerPairs: Map<PersonSeed, Pair>;
  /** When each current relation began. */
  currentSince: Map<PersonSeed, Date>;
}

const DAY = 86_400_000;
const DOMAIN = "demo.rapport";

export const DEMO_PEOPLE: Record<DemoKey, { email: string; name: string }> = {
  admin: { email: `admin@${DOMAIN}`, name: "Tomasz Nowak" },
  hr: { email: `hr@${DOMAIN}`, name: "Grace Osei" },
  manager: { email: `manager@${DOMAIN}`, name: "Maya Thompson" },
  report: { email: `report@${DOMAIN}`, name: "Sam Okafor" },
  otherManager: { email: `other.manager@${DOMAIN}`, name: "Daniel Becker" },
};

/** Splits `total` into parts proportional to `weights`, each at least `min` (largest remainder). */
function apportion(total: number, weights: number[], min: number): number[] {
  const base = weights.map(() => min);
  const rest = total - min * weights.length;
  if (rest <= 0) return base;
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (rest * w) / sum);
  const parts = exact.map((x, i) => base[i]! + Math.floor(x));
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) parts[order[k]![1]]!++;
  return parts;
}

const KIND_WEIGHT: Record<DepartmentKind, number> = {
  engineering: 3,
  sales: 1.5,
  operations: 1.2,
  product: 1,
  customer: 1.5,
  marketing: 1,
};

/** The shape of the organisation: teams, people, who manages whom, and since when. */
export function buildOrganisation(
  random: Random,
  ids: IdFactory,
  options: { people: number; historyStart: Date; now: Date; demoLogins: boolean },
): Organisation {
  const total = options.people;
  if (total < 20) throw new Error("generateOrganisation needs at least 20 people");
  const childCount = Math.max(4, Math.round(total / 8.5));
  const deptCount = Math.min(DEPARTMENTS.length * REGIONS.length, Math.max(3, Math.round(Math.sqrt(childCount))));

  const teams: TeamSeed[] = [];
  const leadership: TeamSeed = {
    id: ids.next(),
    name: "Leadership",
    parentId: null,
    kind: "operations",
    timezone: REGIONS[0].timezone,
  };
  teams.push(leadership);
  const departments = Array.from({ length: deptCount }, (_, i) => {
    const base = DEPARTMENTS[i % DEPARTMENTS.length]!;
    const region = REGIONS[Math.floor(i / DEPARTMENTS.length)]!;
    const team: TeamSeed = {
      id: ids.next(),
      name: [base.name, region.suffix].filter(Boolean).join(" "),
      parentId: null,
      kind: base.kind,
      timezone: region.timezone,
    };
    teams.push(team);
    return { base, region, team, children: [] as TeamSeed[] };
  });
  const perDept = apportion(
    childCount,
    departments.map((d) => KIND_WEIGHT[d.base.kind]),
    1,
  );
  // People & Operations hosts HR and IT: give it two teams when it can spare them.
  const ops = departments.findIndex((d) => d.base.kind === "operations");
  const richest = perDept.indexOf(Math.max(...perDept));
  if (ops >= 0 && perDept[ops]! < 2 && perDept[richest]! > 2) {
    perDept[ops]!++;
    perDept[richest]!--;
  }
  const usedNames = new Set(teams.map((t) => t.name.toLowerCase()));
  departments.forEach((dept, d) => {
    for (let j = 0; j < perDept[d]!; j++) {
      const names = dept.base.teams;
      const focus = j >= names.length ? TEAM_FOCUS[(Math.floor(j / names.length) - 1) % TEAM_FOCUS.length] : "";
      let name = [names[j % names.length], focus, dept.region.suffix].filter(Boolean).join(" ");
      for (let n = 2; usedNames.has(name.toLowerCase()); n++)
        name = `${[names[j % names.length], focus, dept.region.suffix].filter(Boolean).join(" ")} ${n}`;
      usedNames.add(name.toLowerCase());
      const team: TeamSeed = {
        id: ids.next(),
        name,
        parentId: dept.team.id,
        kind: dept.base.kind,
        timezone: dept.region.timezone,
      };
      dept.children.push(team);
      teams.push(team);
    }
  });

  // Who is who. Demo people take fixed seats: manager@ leads an Engineering team, other.manager@ a Sales team.
  const people: PersonSeed[] = [];
  const emails = new Set(Object.values(DEMO_PEOPLE).map((p) => p.email));
  const person = (level: Level, team: TeamSeed, manager: PersonSeed | null, demo?: DemoKey): PersonSeed => {
    let name: string;
    let email: string;
    if (demo && options.demoLogins) {
      ({ name, email } = DEMO_PEOPLE[demo]);
    } else {
      const first = random.pick(FIRST_NAMES);
      const last = random.pick(LAST_NAMES);
      name = `${first} ${last}`;
      const local = `${emailPart(first)}.${emailPart(last)}`;
      email = `${local}@${DOMAIN}`;
      for (let n = 2; emails.has(email); n++) email = `${local}${n}@${DOMAIN}`;
    }
    emails.add(email);
    // Most people were here before the history starts; some ICs joined during it.
    const joinedLater = level === "ic" && !demo && random.chance(0.08);
    const hiredAt = joinedLater
      ? random.between(new Date(options.historyStart.getTime() + 20 * DAY), new Date(options.now.getTime() - 25 * DAY))
      : new Date(options.historyStart.getTime() - random.int(20, 1500) * DAY);
    const p: PersonSeed = {
      index: people.length,
      id: ids.next(),
      name,
      firstName: name.split(" ")[0]!,
      email,
      level,
      team,
      manager,
      hiredAt,
      demo: options.demoLogins ? demo : undefined,
      roles: [],
    };
    people.push(p);
    return p;
  };

  const ceo = person("ceo", leadership, null);
  const heads = departments.map((d) => person("head", d.team, ceo));
  const engineering = departments.findIndex((d) => d.base.kind === "engineering");
  const sales = departments.findIndex((d) => d.base.kind === "sales");
  const demoManagerTeam =
    departments[engineering]!.children[Math.min(1, departments[engineering]!.children.length - 1)]!;
  const otherManagerTeam = departments[sales]!.children[0]!;
  const managers = new Map<TeamSeed, PersonSeed>();
  departments.forEach((dept, d) => {
    for (const team of dept.children) {
      const demo = team === demoManagerTeam ? "manager" : team === otherManagerTeam ? "otherManager" : undefined;
      managers.set(team, person("manager", team, heads[d]!, demo));
    }
  });

  const childTeams = departments.flatMap((d) => d.children);
  const icCount = total - people.length;
  const weights = childTeams.map((t) => (t === demoManagerTeam && options.demoLogins ? 2 : 0.55 + random.next()));
  const sizes = apportion(icCount, weights, Math.min(3, Math.floor(icCount / childTeams.length)));
  const hrTeam = childTeams.find((t) => t.name.startsWith("People Partners")) ?? childTeams[0]!;
  const itTeam = childTeams.find((t) => t.name.startsWith("IT & Workplace")) ?? hrTeam;
  childTeams.forEach((team, t) => {
    for (let k = 0; k < sizes[t]!; k++) {
      const demo: DemoKey | undefined =
        team === demoManagerTeam && k === 0
          ? "report"
          : team === hrTeam && k === 0
            ? "hr"
            : team === itTeam && k === (itTeam === hrTeam ? 1 : 0)
              ? "admin"
              : undefined;
      person("ic", team, managers.get(team)!, demo);
    }
  });

  for (const p of people) if (p.manager && !p.manager.roles.includes("manager")) p.manager.roles.push("manager");
  people.find((p) => p.team === hrTeam && p.level === "ic")!.roles.push("hr");
  people.find((p) => p.team === itTeam && p.level === "ic" && !p.roles.includes("hr"))!.roles.push("admin");

  // When each current line began; a few ICs changed manager (and team) during the history.
  const currentSince = new Map<PersonSeed, Date>();
  const formerPairs = new Map<PersonSeed, Pair>();
  const span = options.now.getTime() - options.historyStart.getTime();
  for (const p of people) {
    if (p.manager)
      currentSince.set(
        p,
        new Date(Math.max(p.hiredAt.getTime(), options.historyStart.getTime() - random.int(10, 400) * DAY)),
      );
  }
  const movable = people.filter(
    (p) =>
      p.level === "ic" &&
      !p.demo &&
      !p.manager!.demo &&
      currentSince.get(p)! < options.historyStart &&
      span > 120 * DAY,
  );
  for (const p of random.sample(movable, Math.max(1, Math.round(movable.length * 0.05)))) {
    const siblings = childTeams.filter((t) => t.parentId === p.team.parentId && t !== p.team && !managers.get(t)!.demo);
    if (!siblings.length) continue;
    const team = random.pick(siblings);
    const moved = new Date(options.historyStart.getTime() + 30 * DAY + random.next() * (span - 90 * DAY));
    formerPairs.set(p, { manager: managers.get(team)!, report: p, team, start: currentSince.get(p)!, end: moved });
    currentSince.set(p, moved);
  }
  return { teams, people, formerPairs, currentSince };
}

/** The organisation's rows: teams, people, roles and reporting lines (current and ended). */
export function writeOrganisation(
  buffer: RowBuffer,
  ids: IdFactory,
  org: Organisation,
  passwordHash: string,
  now: Date,
): void {
  for (const t of org.teams) {
    buffer.add(teamsTable, {
      id: t.id,
      name: t.name,
      parentTeamId: t.parentId,
      createdAt: new Date(now.getTime() - 1200 * DAY),
    });
  }
  for (const p of org.people) {
    buffer.add(peopleTable, {
      id: p.id,
      email: p.email,
      name: p.name,
      teamId: p.team.id,
      managerId: p.manager?.id ?? null,
      passwordHash,
      active: true,
      createdAt: p.hiredAt,
      updatedAt: org.currentSince.get(p) ?? p.hiredAt,
    });
    for (const role of p.roles) buffer.add(personRolesTable, { personId: p.id, role });
    const former = org.formerPairs.get(p);
    if (former) {
      buffer.add(reportingLinesTable, {
        id: ids.next(),
        personId: p.id,
        managerId: former.manager.id,
        startedAt: former.start,
        endedAt: former.end,
      });
    }
    if (p.manager) {
      buffer.add(reportingLinesTable, {
        id: ids.next(),
        personId: p.id,
        managerId: p.manager.id,
        startedAt: org.currentSince.get(p)!,
        endedAt: null,
      });
    }
  }
}
