import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eq, sql } from "drizzle-orm";
import { rowsOf, type DatabaseHandle } from "#db/client";
import { appSettings, checklistPoints } from "#db/schema";
import { CHECKLIST_POINTS } from "#db/seed/checklist-points";
import { createPerson, createTeam } from "./setup/db-builders";
import { createTestDatabase, resetDatabase, resetStatements } from "./setup/test-database";

/**
 * Test files take turns on their worker's database (ADR 018): what one file
 * wrote must be gone when the next one starts, and a fresh database's rows,
 * the checklist points, must be back as the code words them.
 */

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await createTestDatabase();
});

afterAll(async () => {
  await handle?.close();
});

/** Rows in every table of the public schema, those the migrations made and any added later. */
async function rowCounts(db: DatabaseHandle["db"]): Promise<Record<string, number>> {
  const tables = rowsOf<{ name: string }>(
    await db.execute(sql`select tablename as name from pg_tables where schemaname = 'public' order by 1`),
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from ${sql.identifier(name)}`));
    counts[name] = row!.n;
  }
  return counts;
}

const onlyPoints = (counts: Record<string, number>) =>
  Object.fromEntries(
    Object.keys(counts).map((name) => [name, name === "checklist_points" ? CHECKLIST_POINTS.length : 0]),
  );

describe("a test file's database", () => {
  test("starts with nothing in it but the checklist points, whichever file had it before", async () => {
    const counts = await rowCounts(handle.db);
    expect(Object.keys(counts).length).toBeGreaterThanOrEqual(20);
    expect(counts).toEqual(onlyPoints(counts));
  });

  test("is emptied by a reset, and the checklist points get their wording back", async () => {
    const team = await createTeam(handle.db, { name: "Leftovers" });
    await createPerson(handle.db, { name: "Lee Leftover", teamId: team.id, roles: ["hr"] });
    await handle.db.insert(appSettings).values({ key: "leftover", value: "x" });
    const point = CHECKLIST_POINTS[0]!;
    await handle.db
      .update(checklistPoints)
      .set({ title: "Changed by a test" })
      .where(eq(checklistPoints.key, point.key));
    expect((await rowCounts(handle.db)).people).toBe(1);

    await resetDatabase(handle);

    const counts = await rowCounts(handle.db);
    expect(counts).toEqual(onlyPoints(counts));
    const [row] = await handle.db.select().from(checklistPoints).where(eq(checklistPoints.key, point.key));
    expect(row?.title).toBe(point.title);
  });

  test("a role that may not switch the triggers off gets the same by TRUNCATE", async () => {
    await createPerson(handle.db, { name: "Tru Truncated" });
    await resetDatabase(handle, { ...(await resetStatements(handle)), canSkipTriggers: false });
    const counts = await rowCounts(handle.db);
    expect(counts).toEqual(onlyPoints(counts));
  });

  test("a second one in the same file, while the first is open, is a separate database", async () => {
    const second = await createTestDatabase();
    try {
      await createPerson(second.db, { name: "Only In Second" });
      expect((await rowCounts(second.db)).people).toBe(1);
      expect((await rowCounts(handle.db)).people).toBe(0);
    } finally {
      await second.close();
    }
  });
});
