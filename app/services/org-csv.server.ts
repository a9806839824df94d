import { parse } from "csv-parse/sync";
import { eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { people, teams } from "#db/schema";
import { allows } from "~/auth/authorize.server";
import type { Viewer } from "~/auth/policies";
import type { Role } from "~/domain/enums";
import { chartErrors } from "~/domain/org-chart";
import { CSV_COLUMNS, CsvRowSchema } from "~/schemas/people-admin";
import { recordAudit } from "./audit.server";
import { recordSecurityEvent, type SecurityOrigin } from "./security-log.server";
import type { Database } from "./db.server";
import { RecordNotFound } from "./errors.server";
import { changeReportingLine, setRoles } from "./org.server";
import { planCounts, planImport, type ChartPerson, type RowPlan } from "~/domain/org-import";

export const CSV_LIMITS = { bytes: 1024 * 1024, rows: 20_000 } as const;

interface ChartRow {
  row: number;
  email: string;
  name: string;
  team: string | null;
  managerEmail: string | null;
  roles: Role[];
}

export type ImportResult =
  | { ok: false; errors: string[] }
  | {
      ok: true;
      dryRun: boolean;
      created: number;
      /** Rows whose person changed in some field. */
      updated: number;
      /** Rows that state what is stored already: nothing is written for them. */
      unchanged: number;
      teamsCreated: string[];
      /** Each row's plan, in the file's order: what the preview shows and the import does. */
      rows: RowPlan[];
    };

/** Parses and checks every row; row numbers are the file's lines (the header is row 1). */
function readRows(text: string): { rows: ChartRow[]; errors: string[] } {
  if (Buffer.byteLength(text, "utf8") > CSV_LIMITS.bytes)
    return { rows: [], errors: ["The file is larger than 1 MB. Split it and import the parts."] };
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch (error) {
    return { rows: [], errors: [`The file is not valid CSV: ${(error as Error).message}`] };
  }
  const [header, ...data] = records;
  const expected = CSV_COLUMNS.join(",");
  if (!header || header.map((h) => h.toLowerCase()).join(",") !== expected) {
    return { rows: [], errors: [`Row 1: the header must be exactly ${expected}.`] };
  }
  if (!data.length) return { rows: [], errors: ["The file has no rows after the header."] };
  if (data.length > CSV_LIMITS.rows)
    return { rows: [], errors: [`The file has ${data.length} rows; import at most ${CSV_LIMITS.rows} at a time.`] };
  const rows: ChartRow[] = [];
  const errors: string[] = [];
  data.forEach((cells, i) => {
    const row = i + 2;
    if (cells.length !== CSV_COLUMNS.length) {
      errors.push(`Row ${row}: expected ${CSV_COLUMNS.length} columns, found ${cells.length}.`);
      return;
    }
    const parsed = CsvRowSchema.safeParse(Object.fromEntries(CSV_COLUMNS.map((c, j) => [c, cells[j] ?? ""])));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push(`Row ${row}: ${issue.message}`);
      return;
    }
    const v = parsed.data;
    // "manager;manager" is one role: stored once, and not a change against what is stored.
    const roles = [...new Set(v.roles)];
    rows.push({ row, email: v.email, name: v.name, team: v.team, managerEmail: v.manager_email, roles });
  });
  return { rows, errors };
}

/**
 * Imports an org chart (email,name,team,manager_email,roles). Every row is
 * checked first, across rows and against the database; with any error
 * nothing is written. Then each row is planned against what is stored
 * (app/domain/org-import.ts): created, changed field by field, or unchanged.
 * A preview returns the plan; an import carries it out in one transaction,
 * read and written there so the plan is what is stored when it is written:
 * missing teams are created, new people created, changed ones updated (their
 * version moves on, the audit says before and after), managers, reporting
 * lines and roles set where they differ. An unchanged row writes nothing.
 * People not in the file are left alone.
 */
export async function importOrgChart(
  db: Database,
  viewer: Viewer,
  text: string,
  { dryRun = false, now, origin }: { dryRun?: boolean; now: Date; origin?: SecurityOrigin },
): Promise<ImportResult> {
  if (!allows(viewer, "org:admin", null)) throw new RecordNotFound();
  const { rows, errors } = readRows(text);
  if (errors.length) return { ok: false, errors };
  if (dryRun) return (await plan(db, rows)).result;
  return db.transaction(async (tx) => {
    const { result, stored } = await plan(tx, rows);
    if (result.ok) await carryOut(tx, viewer, rows, stored, result, now, origin);
    return result;
  });
}

/** A person as stored, keyed by e-mail: what each row is compared with. */
interface StoredPerson extends ChartPerson {
  id: string;
  managerId: string | null;
  active: boolean;
}

async function readStored(db: Database): Promise<Map<string, StoredPerson>> {
  const manager = alias(people, "manager");
  const stored = await db
    .select({
      id: people.id,
      email: people.email,
      name: people.name,
      team: teams.name,
      managerId: people.managerId,
      managerEmail: manager.email,
      active: people.active,
      roles: sql<
        string[]
      >`coalesce((select array_agg(pr.role order by pr.role) from person_roles pr where pr.person_id = "people"."id"), '{}')`,
    })
    .from(people)
    .leftJoin(manager, eq(manager.id, people.managerId))
    .leftJoin(teams, eq(teams.id, people.teamId));
  return new Map(stored.map((p) => [p.email, p]));
}

type Planned = Extract<ImportResult, { ok: true }>;

async function plan(
  db: Database,
  rows: ChartRow[],
): Promise<{ result: ImportResult; stored: Map<string, StoredPerson> }> {
  const stored = await readStored(db);
  const storedChart = new Map([...stored].map(([email, p]) => [email, p.managerEmail]));
  const storedActive = new Set([...stored].filter(([, p]) => p.active).map(([email]) => email));
  const chartProblems = chartErrors(rows, storedChart, storedActive);
  if (chartProblems.length) return { result: { ok: false, errors: chartProblems }, stored };

  const existingTeams = await db.select({ name: teams.name }).from(teams);
  const known = new Set(existingTeams.map((t) => t.name.toLowerCase()));
  // Team names are unique whatever their case: "Platform" and "platform" are one new team, spelled as first seen.
  const newTeams = new Map<string, string>();
  for (const r of rows)
    if (r.team && !known.has(r.team.toLowerCase()) && !newTeams.has(r.team.toLowerCase()))
      newTeams.set(r.team.toLowerCase(), r.team);
  const planned = planImport(rows, stored);
  const counts = planCounts(planned);
  const result: ImportResult = {
    ok: true,
    dryRun: true,
    created: counts.created,
    updated: counts.changed,
    unchanged: counts.unchanged,
    teamsCreated: [...newTeams.values()],
    rows: planned,
  };
  return { result, stored };
}

async function carryOut(
  tx: Database,
  viewer: Viewer,
  rows: ChartRow[],
  stored: Map<string, StoredPerson>,
  planned: Planned,
  now: Date,
  origin: SecurityOrigin | undefined,
) {
  planned.dryRun = false;
  const teamIds = new Map(
    (await tx.select({ id: teams.id, name: teams.name }).from(teams)).map((t) => [t.name.toLowerCase(), t.id]),
  );
  for (const name of planned.teamsCreated) {
    const [team] = await tx.insert(teams).values({ name }).returning({ id: teams.id });
    teamIds.set(name.toLowerCase(), team!.id);
    await recordAudit(tx, {
      actorId: viewer.id,
      subjectId: null,
      entity: "team",
      entityId: team!.id,
      action: "import",
      changes: { name: [null, name] },
    });
  }
  const teamIdOf = (team: string | null) => (team ? teamIds.get(team.toLowerCase())! : null);
  const toWrite = rows.map((r, i) => ({ r, p: planned.rows[i]! })).filter((w) => w.p.kind !== "unchanged");
  // First everyone exists, then managers point at them: a file may list a report before their manager.
  const ids = new Map([...stored].map(([email, p]) => [email, p.id]));
  for (const { r, p } of toWrite) {
    if (p.kind !== "create") continue;
    const [person] = await tx
      .insert(people)
      .values({ email: r.email, name: r.name, teamId: teamIdOf(r.team) })
      .returning({ id: people.id });
    ids.set(r.email, person!.id);
  }
  for (const { r, p } of toWrite) {
    const id = ids.get(r.email)!;
    const before = stored.get(r.email);
    const fields = p.kind === "create" ? p.set : p.kind === "change" ? p.changes : [];
    const changed = new Set(fields.map((c) => c.field));
    const managerId = r.managerEmail ? ids.get(r.managerEmail)! : null;
    if (p.kind === "change") {
      // Not a versioned save (app/services/versioned-write.server.ts): the file names no version, it is the admin's
      // whole intent for each row. The version still moves on, so a form opened on this person before is refused as
      // stale. A deactivated person listed in the file is updated but stays deactivated: reactivating is a decision
      // of its own.
      await tx
        .update(people)
        .set({ name: r.name, teamId: teamIdOf(r.team), managerId, version: sql`${people.version} + 1`, updatedAt: now })
        .where(eq(people.id, id));
    } else if (managerId) {
      await tx.update(people).set({ managerId }).where(eq(people.id, id));
    }
    if (changed.has("manager")) {
      await changeReportingLine(tx, {
        personId: id,
        from: before?.managerId ?? null,
        to: managerId,
        actorId: viewer.id,
        now,
        newcomer: p.kind === "create",
      });
    }
    if (changed.has("roles")) await setRoles(tx, id, r.roles);
    await recordAudit(tx, {
      actorId: viewer.id,
      subjectId: id,
      entity: "person",
      entityId: id,
      action: "import",
      changes: Object.fromEntries(fields.map((c) => [c.field, [c.from, c.to]])),
    });
  }
  // One entry for the whole file: the audit trail above has each row that changed.
  await recordSecurityEvent(
    tx,
    {
      kind: "org.csv-imported",
      actorId: viewer.id,
      ...origin,
      detail: {
        count: rows.length,
        created: planned.created,
        updated: planned.updated,
        teams: planned.teamsCreated.length,
      },
    },
    now,
  );
}
