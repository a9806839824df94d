import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { backupTables, SKIPPED_TABLES } from "#db/backup-tables";
import { rowsOf, type DatabaseHandle } from "#db/client";
import { latestSchemaVersion } from "#db/migrate";
import { accessReceipts, people, personRoles, securityEvents } from "#db/schema";
import { DEMO_LOGINS, seedDemoOrganisation } from "#db/seed/demo";
import type { Viewer } from "~/auth/policies";
import { BackupRefused, sealBackup } from "~/domain/backup-seal";
import { rereadEnv } from "~/env.server";
import { resolveBackupKey } from "~/services/backup-key.server";
import {
  BackupOff,
  makeBackup,
  parentsFirst,
  readBackupTables,
  restoreBackup,
  type BackupTables,
} from "~/services/backup.server";
import { useDatabaseForTests } from "~/services/db.server";
import { actionArgs, loaderArgs, statusOf } from "#tests/setup/requests";
import { createTestDatabase } from "#tests/setup/test-database";
import * as backupPage from "./admin.backup";
import * as backupDownload from "./admin.backup_.download";

/**
 * The sealed organisation backup (ADR 045), on PGlite and (with TEST_DATABASE_URL) PostgreSQL: the demo
 * organisation backed up and restored into a fresh database comes back row for row in every table the
 * schema has; a wrong key, a flipped byte, a newer schema and a non-empty target are refused with nothing
 * written; the page is the admin's alone and leaves a security event and a receipt for every person.
 */

const KEY = randomBytes(32);
let source: DatabaseHandle;
let admin: Viewer;
let before: BackupTables;
let file: Uint8Array;

const sorted = (tables: BackupTables) =>
  Object.fromEntries(Object.entries(tables).map(([name, rows]) => [name, rows.map((r) => JSON.stringify(r)).sort()]));

function setEnv(values: Record<string, string | undefined>) {
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  rereadEnv();
}

beforeAll(async () => {
  setEnv({ RAPPORT_BACKUP_KEY: KEY.toString("base64"), DATABASE_URL: undefined });
  source = await createTestDatabase();
  useDatabaseForTests(source);
  await seedDemoOrganisation(source.db, new Date("2026-11-20T10:00:00Z"));
  // Values whose text is easy to lose: microseconds, a json column's own spacing, a jsonb detail, quotes.
  await source.db.execute(
    sql`update people set created_at = '2024-02-29 23:59:59.123456+00' where email = ${DEMO_LOGINS[0].email}`,
  );
  await source.db.execute(
    sql`insert into trend_rollups (month, family, rows, built_at) values ('2026-10', 'pulse', '[ ["pulse" ,  null, 1]]', '2026-11-01 00:00:00.000001+00')`,
  );
  const [row] = await source.db.select().from(people).where(eq(people.email, DEMO_LOGINS[0].email));
  admin = { id: row!.id, name: row!.name, email: row!.email, roles: ["admin"] };
  before = await readBackupTables(source.db);
  file = (await makeBackup(source.db, admin, { address: "127.0.0.1" })).file;
}, 120_000);

afterAll(async () => {
  setEnv({ RAPPORT_BACKUP_KEY: undefined });
  await source?.close();
});

async function emptyTarget(): Promise<DatabaseHandle> {
  return createTestDatabase();
}

async function rowCounts(handle: DatabaseHandle): Promise<Record<string, number>> {
  const tables = await readBackupTables(handle.db);
  return Object.fromEntries(Object.entries(tables).map(([name, rows]) => [name, rows.length]));
}

describe("the backup's tables", () => {
  test("every table of the schema but the skipped ones, parents before children", () => {
    const names = backupTables().map((t) => t.name);
    for (const skipped of Object.keys(SKIPPED_TABLES)) expect(names).not.toContain(skipped);
    expect(names).toEqual(
      expect.arrayContaining(["people", "meeting_notes", "risks", "access_receipts", "security_events"]),
    );
    expect(names.indexOf("teams")).toBeLessThan(names.indexOf("people"));
    expect(names.indexOf("meetings")).toBeLessThan(names.indexOf("meeting_notes"));
    expect(Object.keys(before).sort()).toEqual([...names].sort());
  });

  test("a table that points into itself goes in managers first", () => {
    const rows = [
      { id: "c", manager_id: "b" },
      { id: "b", manager_id: "a" },
      { id: "a", manager_id: null },
    ];
    const order = parentsFirst(rows, { selfReferences: [{ column: "manager_id", target: "id" }] }).map((r) => r.id);
    expect(order).toEqual(["a", "b", "c"]);
  });
});

describe("round trip", () => {
  test("the demo organisation comes back row for row, in every table, exact", async () => {
    expect(before.people!.length).toBeGreaterThan(40);
    expect(before.meeting_notes!.length).toBeGreaterThan(0);
    const target = await emptyTarget();
    try {
      const counts = await restoreBackup(target.db, file, KEY);
      expect(counts.people).toBe(before.people!.length);
      const after = await readBackupTables(target.db);
      expect(sorted(after)).toEqual(sorted(before));
      // Exact values, spot-checked as they were written.
      expect(after.people!.find((p) => p.email === DEMO_LOGINS[0].email)!.created_at).toBe(
        "2024-02-29 23:59:59.123456+00",
      );
      expect(after.trend_rollups!.find((r) => r.month === "2026-10")!.rows).toBe('[ ["pulse" ,  null, 1]]');
      // The app's triggers are back on: a 1:1 made longer counts its calendar sequence up again.
      const [meeting] = before.meetings!;
      await target.db.execute(
        sql`update meetings set length_minutes = length_minutes + 1 where id = ${meeting!.id}::uuid`,
      );
      const [row] = rowsOf<{ sequence: number }>(
        await target.db.execute(sql`select sequence from meetings where id = ${meeting!.id}::uuid`),
      );
      expect(row!.sequence).toBe(Number(meeting!.sequence) + 1);
    } finally {
      await target.close();
    }
  }, 120_000);
});

describe("refusals write nothing", () => {
  const empty = async (target: DatabaseHandle) => {
    const counts = await rowCounts(target);
    for (const [name, n] of Object.entries(counts)) if (name !== "checklist_points") expect(n, name).toBe(0);
  };

  test("a wrong key, a flipped byte, a newer schema", async () => {
    const target = await emptyTarget();
    try {
      await expect(restoreBackup(target.db, file, randomBytes(32))).rejects.toThrow(BackupRefused);
      const flipped = new Uint8Array(file);
      flipped[Math.floor(flipped.length / 2)]! ^= 0x40;
      await expect(restoreBackup(target.db, flipped, KEY)).rejects.toThrow(/does not open with this key/);
      const future = sealBackup(
        JSON.stringify({ format: "rapport-backup", schemaVersion: "9999_future", createdAt: "", tables: {} }),
        KEY,
        "9999_future",
      );
      await expect(restoreBackup(target.db, future, KEY)).rejects.toThrow(/newer Rapport/);
      await empty(target);
    } finally {
      await target.close();
    }
  });

  test("a database that holds anything already", async () => {
    // The source holds the demo: restoring into it is refused and changes nothing.
    const now = await readBackupTables(source.db);
    await expect(restoreBackup(source.db, file, KEY)).rejects.toThrow(/not empty/);
    expect(sorted(await readBackupTables(source.db))).toEqual(sorted(now));
  });

  test("a row that breaks a rule rolls the whole restore back", async () => {
    const target = await emptyTarget();
    try {
      const broken = JSON.parse(JSON.stringify(before)) as BackupTables;
      broken.goals![0]!.progress = "not a number";
      const bad = sealBackup(
        JSON.stringify({
          format: "rapport-backup",
          schemaVersion: latestSchemaVersion(),
          createdAt: "",
          tables: broken,
        }),
        KEY,
        latestSchemaVersion(),
      );
      await expect(restoreBackup(target.db, bad, KEY)).rejects.toThrow();
      await empty(target);
    } finally {
      await target.close();
    }
  });
});

describe("the key", () => {
  test("PostgreSQL without RAPPORT_BACKUP_KEY: off, and says why", async () => {
    setEnv({ RAPPORT_BACKUP_KEY: undefined, DATABASE_URL: "postgres://nowhere.invalid/rapport" });
    try {
      expect(resolveBackupKey({ create: true })).toEqual({ off: expect.stringMatching(/RAPPORT_BACKUP_KEY/) });
      await expect(makeBackup(source.db, admin)).rejects.toThrow(BackupOff);
    } finally {
      setEnv({ RAPPORT_BACKUP_KEY: KEY.toString("base64"), DATABASE_URL: undefined });
    }
  });

  test("the embedded database: generated once in the data folder, 0600, and read back", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-backup-key-"));
    setEnv({ RAPPORT_BACKUP_KEY: undefined, RAPPORT_DATA_DIR: dir });
    try {
      expect(resolveBackupKey({ create: false })).toHaveProperty("off");
      const made = resolveBackupKey({ create: true });
      if (!("key" in made)) throw new Error("no key made");
      expect(fs.statSync(path.join(dir, "backup.key")).mode & 0o777).toBe(0o600);
      expect(resolveBackupKey({ create: false })).toEqual(made);
    } finally {
      setEnv({ RAPPORT_BACKUP_KEY: KEY.toString("base64"), RAPPORT_DATA_DIR: undefined });
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("/admin/backup", () => {
  test("only an admin: everyone else 403, nobody signed in goes to sign in", async () => {
    const others = await source.db
      .select({ id: people.id })
      .from(people)
      .where(
        sql`not exists (select 1 from ${personRoles} where ${personRoles.personId} = ${people.id} and ${personRoles.role} = 'admin')`,
      )
      .limit(2);
    for (const { id } of others) {
      expect(await statusOf(async () => backupPage.loader(await loaderArgs(id, "/admin/backup")))).toBe(403);
      expect(
        await statusOf(async () => backupDownload.action(await actionArgs(id, "/admin/backup/download", {}))),
      ).toBe(403);
    }
    expect(await statusOf(async () => backupPage.loader(await loaderArgs(null, "/admin/backup")))).toBe(302);
    expect(
      await statusOf(async () => backupDownload.action(await actionArgs(null, "/admin/backup/download", {}))),
    ).toBe(302);
  });

  test("the admin gets the file, once per form key, with a security event and a receipt for every person", async () => {
    const events = async () =>
      (await source.db.select({ n: count() }).from(securityEvents).where(eq(securityEvents.kind, "backup.made")))[0]!.n;
    const receipts = async () =>
      (
        await source.db
          .select({ n: count() })
          .from(accessReceipts)
          .where(
            and(
              eq(accessReceipts.readerId, admin.id),
              eq(accessReceipts.target, "export"),
              eq(accessReceipts.role, "export"),
            ),
          )
      )[0]!.n;
    const [eventsBefore, receiptsBefore] = [await events(), await receipts()];
    const everyone = (await source.db.select({ n: count() }).from(people))[0]!.n;
    const form = { submissionKey: "backup-form-key-1" };
    const answer = (await backupDownload.action(
      await actionArgs(admin.id, "/admin/backup/download", form),
    )) as Response;
    expect(answer.status).toBe(200);
    expect(answer.headers.get("Content-Disposition")).toMatch(
      /attachment; filename="rapport-backup-\d{4}-\d\d-\d\d\.rapport"/,
    );
    expect(answer.headers.get("Cache-Control")).toBe("private, no-store");
    const body = new Uint8Array(await answer.arrayBuffer());
    const target = await emptyTarget();
    try {
      expect((await restoreBackup(target.db, body, KEY)).people).toBe(everyone);
    } finally {
      await target.close();
    }
    expect(await events()).toBe(eventsBefore + 1);
    expect(await receipts()).toBe(receiptsBefore + everyone - 1);
    // The same form sent again (a double click) makes no second backup.
    const again = (await backupDownload.action(await actionArgs(admin.id, "/admin/backup/download", form))) as Response;
    expect(again.status).toBe(302);
    expect(again.headers.get("Location")).toBe("/admin/backup?twice=1");
    expect(await events()).toBe(eventsBefore + 1);
  }, 60_000);

  test("off on PostgreSQL without a key: the page says why, the download answers 409", async () => {
    setEnv({ RAPPORT_BACKUP_KEY: undefined, DATABASE_URL: "postgres://nowhere.invalid/rapport" });
    try {
      const page = await backupPage.loader(await loaderArgs(admin.id, "/admin/backup"));
      expect(page.status).toEqual({ on: false, why: expect.stringMatching(/RAPPORT_BACKUP_KEY/) });
      const refused = await backupDownload.action(
        await actionArgs(admin.id, "/admin/backup/download", { submissionKey: "backup-form-key-2" }),
      );
      expect(refused.status).toBe(409);
      expect(await refused.text()).toMatch(/RAPPORT_BACKUP_KEY/);
    } finally {
      setEnv({ RAPPORT_BACKUP_KEY: KEY.toString("base64"), DATABASE_URL: undefined });
    }
  });
});
