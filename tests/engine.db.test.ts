import { expect, test } from "vitest";
import { sql } from "drizzle-orm";
import { rowsOf } from "#db/client";
import { createTestDatabase, testEngine } from "./setup/test-database";

// CI looks for this test's title to prove the PostgreSQL run happened.
test(`data-layer tests run on ${testEngine()}`, async () => {
  const handle = await createTestDatabase();
  try {
    expect(handle.engine).toBe(testEngine());
    const [row] = rowsOf<{ n: number }>(await handle.db.execute(sql`select count(*)::int as n from checklist_points`));
    expect(row?.n).toBe(15);
  } finally {
    await handle.close();
  }
});
