/**
 * Generates a believable organisation with months of 1:1 history into an
 * already migrated database (checklist points present). Deterministic: the
 * same seed and `now` give the same rows, ids included.
 */
import { sql } from "drizzle-orm";
import { getTableConfig } from "drizzle-orm/pg-core";
import { hashPassword } from "~/auth/password.server";
import type { Database } from "../client";
import { writeAccount } from "./account";
import { RowBuffer, TABLE_ORDER } from "./bulk";
import { dispositionFor, writeAssessments, writePulses } from "./engagement";
import { writeMeetings, type Seeding } from "./meetings";
import { buildOrganisation, DEMO_PEOPLE, writeOrganisation, type Pair } from "./org";
import { IdFactory, Random } from "./random";

export const DEMO_PASSWORD = "rapport-demo";

export const DEMO_LOGINS = [
  { email: DEMO_PEOPLE.admin.email, role: "admin", description: "admin: people, teams, reporting lines" },
  { email: DEMO_PEOPLE.hr.email, role: "hr", description: "HR: anonymized engagement trends" },
  { email: DEMO_PEOPLE.manager.email, role: "manager", description: "manager of an Engineering team" },
  { email: DEMO_PEOPLE.report.email, role: "employee", description: "report of manager@, with a full account" },
  { email: DEMO_PEOPLE.otherManager.email, role: "manager", description: "manager of a Sales team (another line)" },
] as const;

export interface GenerateOptions {
  people: number;
  months: number;
  seed: number;
  /** The present of the generated history; defaults to the real now. */
  now?: Date;
  /** Give five people the demo logins (admin@, hr@, manager@, report@, other.manager@demo.rapport). */
  demoLogins?: boolean;
  /** A password hash for everyone; by default one hash of DEMO_PASSWORD, computed once. */
  passwordHash?: string;
  /**
   * Chunks written at once, each in its own transaction on its own pooled
   * connection: 2-3 speeds up a PostgreSQL server. Keep 1 (the default) for
   * PGlite, which runs one query at a time, and when `db` is a transaction.
   */
  writers?: number;
  onProgress?: (done: number, total: number, phase: string) => void;
}

export interface GenerateSummary {
  people: number;
  teams: number;
  months: number;
  /** Rows written per table. */
  rows: Record<string, number>;
  totalRows: number;
  statements: number;
}

const DAY = 86_400_000;
/** Flush to the database once this many rows are waiting. */
const FLUSH_AT = 20_000;

export async function generateOrganisation(db: Database, options: GenerateOptions): Promise<GenerateSummary> {
  const now = options.now ?? new Date();
  if (!Number.isInteger(options.months) || options.months < 1) throw new Error("months must be a positive integer");
  const historyStart = new Date(now.getTime() - Math.round(options.months * 30.44) * DAY);
  const seed = options.seed;
  const ids = new IdFactory(seed);
  const buffer = new RowBuffer();
  const progress = options.onProgress ?? (() => {});

  const org = buildOrganisation(new Random(seed, "org"), ids, {
    people: options.people,
    historyStart,
    now,
    demoLogins: options.demoLogins ?? false,
  });
  const reports = org.people.filter((p) => p.manager);
  const total = reports.length + 1;
  progress(0, total, "organisation");
  const passwordHash = options.passwordHash ?? (await hashPassword(DEMO_PASSWORD));
  writeOrganisation(buffer, ids, org, passwordHash, now);
  await buffer.flush(db);

  let done = 1;
  progress(done, total, "history");
  const writing = new Writers(Math.max(1, options.writers ?? 1));
  for (const report of reports) {
    const random = new Random(seed, "person", report.index);
    const manager = report.manager!;
    const seeding = (pair: Pair): Seeding => ({
      buffer,
      ids,
      random,
      now,
      historyStart,
      showcase: report.demo === "report",
      context: {
        first: report.firstName,
        team: pair.team.name,
        managerFirst: pair.manager.firstName,
        kind: pair.team.kind,
      },
    });
    const me = dispositionFor(random, report.demo === "report");
    const pairs: Pair[] = [];
    const former = org.formerPairs.get(report);
    if (former) pairs.push(former);
    pairs.push({ manager, report, team: report.team, start: org.currentSince.get(report)!, end: null });
    for (const pair of pairs) {
      const s = seeding(pair);
      const history = writeMeetings(s, pair);
      writePulses(s, seed, pair, history.held, me);
      writeAssessments(s, pair, history.held, me);
    }
    writeAccount(seeding(pairs[pairs.length - 1]!), report, manager, org.currentSince.get(report)!);
    done++;
    if (buffer.pending >= FLUSH_AT) {
      // Chunks hold whole reports, so they are independent: write this one while generating the next.
      await writing.start(() => buffer.flush(db));
      progress(done, total, "history");
    }
    if (done % 16 === 0) await writing.breathe();
  }
  await writing.start(() => buffer.flush(db));
  await writing.drain();
  // Fresh statistics, as autovacuum would give a while later: without them the planner takes a
  // just-loaded table for empty and picks plans no production database would.
  await db.execute(sql`analyze`);
  progress(total, total, "done");

  const rows: Record<string, number> = {};
  for (const table of TABLE_ORDER) {
    const name = getTableConfig(table).name;
    rows[name] = buffer.written.get(name) ?? 0;
  }
  return {
    people: org.people.length,
    teams: org.teams.length,
    months: options.months,
    rows,
    totalRows: Object.values(rows).reduce((a, b) => a + b, 0),
    statements: buffer.statements,
  };
}

/** The chunks being written while the next is generated; a failure surfaces at the next call. */
class Writers {
  private running: Promise<void>[] = [];
  private failure: { error: unknown } | null = null;

  constructor(private readonly limit: number) {}

  /** Waits for a free slot, then starts the write without waiting for it. */
  async start(write: () => Promise<void>): Promise<void> {
    while (this.running.length >= this.limit) await Promise.race(this.running);
    this.check();
    const done: Promise<void> = write()
      .catch((error: unknown) => {
        this.failure ??= { error };
      })
      .finally(() => {
        this.running = this.running.filter((p) => p !== done);
      });
    this.running.push(done);
  }

  /** Lets the driver send the next statement of the chunks in flight. */
  async breathe(): Promise<void> {
    if (this.running.length) await new Promise<void>((resolve) => setImmediate(resolve));
    this.check();
  }

  async drain(): Promise<void> {
    await Promise.all(this.running);
    this.check();
  }

  private check(): void {
    if (this.failure) throw this.failure.error;
  }
}
