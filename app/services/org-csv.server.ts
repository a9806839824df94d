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
  | { ok: true; dryRun: boolean; created: number; updated: number; teamsCreated: string[] };

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
    rows.push({ row, email: v.email, name: v.name, team: v.team, managerEmail: v.manager_email, roles: v.roles });
  });
  return { rows, errors };
}

/**
 * Imports an org chart (email,name,team,manager_email,roles). Every row is
 * checked first, across rows and against the database; with any error
 * nothing is written. Otherwise one transaction creates missing teams,
 * creates or updates each person (people not in the file are left alone),
 * sets managers, reporting lines and roles, and writes the audit trail.
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

  const manager = alias(people, "manager");
  const stored = await db
    .select({ email: people.email, managerEmail: manager.email, active: people.active })
    .from(people)
    .leftJoin(manager, eq(manager.id, people.managerId));
  const storedChart = new Map(stored.map((p) => [p.email, p.managerEmail]));
  const storedActive = new Set(stored.filter((p) => p.active).map((p) => p.email));
  const chartProblems = chartErrors(rows, storedChart, storedActive);
  if (chartProblems.length) return { ok: false, errors: chartProblems };

  const existingTeams = await db.select({ id: teams.id, name: teams.name }).from(teams);
  const teamIds = new Map(existingTeams.map((t) => [t.name.toLowerCase(), t.id]));
  // Team names are unique whatever their case: "Platform" and "platform" are one new team, spelled as first seen.
  const newTeams = new Map<string, string>();
  for (const r of rows)
    if (r.team && !teamIds.has(r.team.toLowerCase()) && !newTeams.has(r.team.toLowerCase()))
      newTeams.set(r.team.toLowerCase(), r.team);
  const teamsToCreate = [...newTeams.values()];
  const created = rows.filter((r) => !storedChart.has(r.email)).length;
  const summary = { created, updated: rows.length - created, teamsCreated: teamsToCreate };
  if (dryRun) return { ok: true, dryRun: true, ...summary };

  await db.transaction(async (tx) => {
    for (const name of teamsToCreate) {
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
    // First everyone exists, then managers point at them: a file may list a report before their manager.
    const ids = new Map<string, { id: string; managerId: string | null }>();
    for (const r of rows) {
      const teamId = r.team ? teamIds.get(r.team.toLowerCase())! : null;
      const [person] = await tx
        .insert(people)
        .values({ email: r.email, name: r.name, teamId })
        // A deactivated person listed in the file is updated but stays deactivated: reactivating is a decision of its own.
        // Not a versioned save (app/services/versioned-write.server.ts): the file names no version, it is the admin's
        // whole intent for each row, and one statement creates or updates by email without reading the row first.
        // The version still moves on, so a form opened on this person before the import is refused as stale.
        .onConflictDoUpdate({
          target: people.email,
          set: { name: r.name, teamId, version: sql`${people.version} + 1`, updatedAt: now },
        })
        .returning({ id: people.id });
      const [before] = await tx.select({ managerId: people.managerId }).from(people).where(eq(people.id, person!.id));
      ids.set(r.email, { id: person!.id, managerId: before?.managerId ?? null });
    }
    for (const r of rows) {
      const self = ids.get(r.email)!;
      const managerId = r.managerEmail ? (ids.get(r.managerEmail)?.id ?? (await idByEmail(tx, r.managerEmail))) : null;
      await tx.update(people).set({ managerId }).where(eq(people.id, self.id));
      await changeReportingLine(tx, {
        personId: self.id,
        from: self.managerId,
        to: managerId,
        actorId: viewer.id,
        now,
        newcomer: !storedChart.has(r.email),
      });
      await setRoles(tx, self.id, r.roles);
      await recordAudit(tx, {
        actorId: viewer.id,
        subjectId: self.id,
        entity: "person",
        entityId: self.id,
        action: "import",
        changes: {
          name: [null, r.name],
          team: [null, r.team],
          manager: [null, r.managerEmail],
          roles: [null, r.roles.join(", ")],
        },
      });
    }
    // One entry for the whole file: the audit trail above has each row.
    await recordSecurityEvent(
      tx,
      {
        kind: "org.csv-imported",
        actorId: viewer.id,
        ...origin,
        detail: { count: rows.length, created, updated: summary.updated, teams: teamsToCreate.length },
      },
      now,
    );
  });
  return { ok: true, dryRun: false, ...summary };
}

async function idByEmail(tx: Database, email: string): Promise<string> {
  const [row] = await tx.select({ id: people.id }).from(people).where(eq(people.email, email));
  if (!row) throw new Error(`manager ${email} vanished during the import`);
  return row.id;
}
