import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "#db/client";
import { actionItems } from "#db/schema";
import type { Viewer } from "~/auth/policies";
import { changeManager, createPerson } from "#tests/setup/db-builders";
import { createTestDatabase } from "#tests/setup/test-database";
import { getSettleableFollowUp, listOpenFollowUps, reopenActionItem, settleActionItem } from "./action-items.server";
import { RecordNotFound, RuleViolation } from "./errors.server";

let handle: DatabaseHandle;
const v: Record<string, Viewer> = {};
const now = new Date("2026-06-15T12:00:00Z");
const asViewer = (p: { id: string; name: string; email: string }): Viewer => ({ ...p, roles: [] });

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  const boss = await createPerson(db, { name: "Bea" });
  const m = await createPerson(db, { name: "Mo", managerId: boss.id });
  const other = await createPerson(db, { name: "Otto" });
  const hr = await createPerson(db, { name: "Hana", roles: ["hr"] });
  const admin = await createPerson(db, { name: "Adi", roles: ["admin"] });
  const ana = await createPerson(db, { name: "Ana", managerId: m.id });
  const ben = await createPerson(db, { name: "Ben", managerId: m.id });
  const cy = await createPerson(db, { name: "Cy", managerId: other.id });
  Object.assign(v, {
    boss: asViewer(boss),
    hr: { ...asViewer(hr), roles: ["hr"] },
    admin: { ...asViewer(admin), roles: ["admin"] },
    m: asViewer(m),
    other: asViewer(other),
    ana: asViewer(ana),
    ben: asViewer(ben),
    cy: asViewer(cy),
  });
  const item = (
    reportId: string,
    managerId: string,
    ownerId: string,
    title: string,
    dueOn: string | null,
    carriedCount = 0,
  ) => ({ reportId, managerId, ownerId, createdBy: managerId, title, dueOn, carriedCount });
  await db.insert(actionItems).values([
    item(ana.id, m.id, ana.id, "Ana: draft the plan", "2026-06-20"),
    item(ana.id, m.id, ana.id, "Ana: overdue review", "2026-06-01", 3),
    item(ben.id, m.id, m.id, "Mo: book Ben's course", "2026-06-30"),
    item(ben.id, m.id, m.id, "Mo: overdue intro", "2026-06-10"),
    item(cy.id, other.id, other.id, "Otto: something for Cy", "2026-06-01"),
    // Mo's own 1:1 with their manager Bea.
    item(m.id, boss.id, m.id, "Mo: write the budget", "2026-06-01"),
  ]);
});
afterAll(() => handle.close());

describe("follow-ups", () => {
  test("the manager's own promises first, overdue first within each, and nothing from another line", async () => {
    const titles = (await listOpenFollowUps(handle.db, v.m!, now)).map((i) => i.title);
    expect(titles).toEqual([
      "Mo: write the budget",
      "Mo: overdue intro",
      "Mo: book Ben's course",
      "Ana: overdue review",
      "Ana: draft the plan",
    ]);
  });

  test("a manager's own 1:1 with their manager names the manager, not the viewer", async () => {
    const own = (await listOpenFollowUps(handle.db, v.m!, now)).find((i) => i.title === "Mo: write the budget")!;
    expect(own).toMatchObject({ reportId: v.m!.id, managerId: v.boss!.id, managerName: "Bea" });
    expect(own.reportManagerId).toBe(v.boss!.id);
    const theirs = (await listOpenFollowUps(handle.db, v.m!, now)).find((i) => i.title === "Mo: overdue intro")!;
    expect(theirs).toMatchObject({ reportName: "Ben", managerName: "Mo" });
  });

  test("a report sees only their own 1:1's follow-ups", async () => {
    expect((await listOpenFollowUps(handle.db, v.ana!, now)).map((i) => i.title).sort()).toEqual([
      "Ana: draft the plan",
      "Ana: overdue review",
    ]);
    expect(await listOpenFollowUps(handle.db, v.cy!, now)).toHaveLength(1);
  });

  test("a former manager stops seeing the moved report's follow-ups", async () => {
    await changeManager(handle.db, v.ben!.id, v.other!.id);
    expect((await listOpenFollowUps(handle.db, v.m!, now)).map((i) => i.title)).toEqual([
      "Mo: write the budget",
      "Ana: overdue review",
      "Ana: draft the plan",
    ]);
    await changeManager(handle.db, v.ben!.id, v.m!.id);
  });

  test("the pair settles an item once; a peer or another manager cannot", async () => {
    const [target] = await handle.db.select().from(actionItems).where(eq(actionItems.title, "Ana: overdue review"));
    await expect(settleActionItem(handle.db, v.ben!, target!.id, "done", new Date())).rejects.toBeInstanceOf(
      RecordNotFound,
    );
    await expect(settleActionItem(handle.db, v.other!, target!.id, "dropped", new Date())).rejects.toBeInstanceOf(
      RecordNotFound,
    );
    await settleActionItem(handle.db, v.m!, target!.id, "dropped", now);
    const [after] = await handle.db.select().from(actionItems).where(eq(actionItems.id, target!.id));
    expect(after).toMatchObject({ status: "dropped", version: 2 });
    await expect(settleActionItem(handle.db, v.ana!, target!.id, "done", new Date())).rejects.toBeInstanceOf(
      RuleViolation,
    );
  });

  test("the report settles their own follow-up, once however often it is sent, and can undo it", async () => {
    const [target] = await handle.db.select().from(actionItems).where(eq(actionItems.title, "Ana: draft the plan"));
    expect(await settleActionItem(handle.db, v.ana!, target!.id, "done", now)).toEqual({
      title: "Ana: draft the plan",
      changed: true,
    });
    // A double click: the same answer again writes nothing.
    expect((await settleActionItem(handle.db, v.ana!, target!.id, "done", now)).changed).toBe(false);
    const [done] = await handle.db.select().from(actionItems).where(eq(actionItems.id, target!.id));
    expect(done).toMatchObject({ status: "done", version: 2 });
    expect((await listOpenFollowUps(handle.db, v.ana!, now)).map((i) => i.title)).not.toContain("Ana: draft the plan");
    expect(await getSettleableFollowUp(handle.db, v.ana!, target!.id)).toMatchObject({ status: "done" });

    expect((await reopenActionItem(handle.db, v.ana!, target!.id, now)).changed).toBe(true);
    expect((await reopenActionItem(handle.db, v.ana!, target!.id, now)).changed).toBe(false);
    const [open] = await handle.db.select().from(actionItems).where(eq(actionItems.id, target!.id));
    expect(open).toMatchObject({ status: "open", completedAt: null, version: 3 });
    expect((await listOpenFollowUps(handle.db, v.ana!, now)).map((i) => i.title)).toContain("Ana: draft the plan");

    // The manager drops it; the report's Undo reopens it: either of the pair may.
    await settleActionItem(handle.db, v.m!, target!.id, "dropped", now);
    await reopenActionItem(handle.db, v.ana!, target!.id, now);
    const [back] = await handle.db.select().from(actionItems).where(eq(actionItems.id, target!.id));
    expect(back).toMatchObject({ status: "open", version: 5 });
  });

  test("another manager, the manager's manager, HR and an admin can neither settle, undo nor see one", async () => {
    const [target] = await handle.db.select().from(actionItems).where(eq(actionItems.title, "Ana: draft the plan"));
    for (const who of ["other", "boss", "hr", "admin", "ben"]) {
      await expect(settleActionItem(handle.db, v[who]!, target!.id, "done", now)).rejects.toBeInstanceOf(
        RecordNotFound,
      );
      await expect(reopenActionItem(handle.db, v[who]!, target!.id, now)).rejects.toBeInstanceOf(RecordNotFound);
      expect(await getSettleableFollowUp(handle.db, v[who]!, target!.id)).toBeNull();
      expect((await listOpenFollowUps(handle.db, v[who]!, now)).map((i) => i.id)).not.toContain(target!.id);
    }
    const [still] = await handle.db.select().from(actionItems).where(eq(actionItems.id, target!.id));
    expect(still!.status).toBe("open");
    expect(await getSettleableFollowUp(handle.db, v.ana!, "not-an-id")).toBeNull();
  });
});
