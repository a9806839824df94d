import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { count, eq } from "drizzle-orm";
import type { DatabaseHandle } from "#db/client";
import { auditEvents, checklistAssessments } from "#db/schema";
import type { Subject, Viewer } from "~/auth/policies";
import { changeManager, createPerson } from "#tests/setup/db-builders";
import { createTestDatabase } from "#tests/setup/test-database";
import { listAssessments, recordAssessments } from "./assessments.server";
import { RecordNotFound, RuleViolation } from "./errors.server";
import { loadSubject } from "./subjects.server";

let handle: DatabaseHandle;
const v: Record<string, Viewer> = {};
let alice: Subject;

const viewer = (p: { id: string; name: string; email: string }, roles: Viewer["roles"] = []): Viewer => ({
  ...p,
  roles,
});

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  const ceo = await createPerson(db, { name: "Ceo" });
  const manager = await createPerson(db, { name: "Manager", managerId: ceo.id });
  const other = await createPerson(db, { name: "Other", managerId: ceo.id });
  const a = await createPerson(db, { name: "Alice", managerId: manager.id });
  const peer = await createPerson(db, { name: "Peer", managerId: manager.id });
  const hr = await createPerson(db, { name: "Hr", roles: ["hr", "admin"] });
  Object.assign(v, {
    ceo: viewer(ceo, ["manager"]),
    manager: viewer(manager, ["manager"]),
    other: viewer(other, ["manager"]),
    alice: viewer(a),
    peer: viewer(peer),
    hr: viewer(hr, ["hr", "admin"]),
  });
  alice = (await loadSubject(db, a.id))!;
});
afterAll(() => handle.close());

const rows = async () => (await handle.db.select({ n: count() }).from(checklistAssessments))[0]!.n;

describe("who rates", () => {
  test("the report rates themself and the direct manager rates them; history is kept", async () => {
    await recordAssessments(handle.db, v.alice!, alice, "self", [
      { pointKey: 2, rating: 2, note: "I don't see growth" },
    ]);
    await recordAssessments(handle.db, v.manager!, alice, "manager", [
      { pointKey: 2, rating: 4, note: "" },
      { pointKey: 7, rating: 3, note: "" },
    ]);
    await recordAssessments(handle.db, v.manager!, alice, "manager", [{ pointKey: 2, rating: 5, note: "" }]);
    const history = await listAssessments(handle.db, v.manager!, alice);
    expect(
      history
        .filter((a) => a.pointKey === 2)
        .map((a) => [a.perspective, a.rating])
        .sort(),
    ).toEqual([
      ["manager", 4],
      ["manager", 5],
      ["self", 2],
    ]);
    const [audits] = await handle.db
      .select({ n: count() })
      .from(auditEvents)
      .where(eq(auditEvents.entity, "assessment"));
    expect(audits!.n).toBe(4);
  });

  test.each(["peer", "other", "hr", "ceo"])(
    "%s cannot rate Alice as her manager, and nothing is written",
    async (who) => {
      const before = await rows();
      await expect(
        recordAssessments(handle.db, v[who]!, alice, "manager", [{ pointKey: 1, rating: 1, note: "" }]),
      ).rejects.toBeInstanceOf(RecordNotFound);
      expect(await rows()).toBe(before);
    },
  );

  test("the manager cannot rate on the report's behalf", async () => {
    await expect(
      recordAssessments(handle.db, v.manager!, alice, "self", [{ pointKey: 1, rating: 5, note: "" }]),
    ).rejects.toBeInstanceOf(RecordNotFound);
  });

  test("point 14 is never scored", async () => {
    await expect(
      recordAssessments(handle.db, v.manager!, alice, "manager", [{ pointKey: 14, rating: 1, note: "" }]),
    ).rejects.toBeInstanceOf(RuleViolation);
    await expect(
      recordAssessments(handle.db, v.alice!, alice, "self", [{ pointKey: 14, rating: 1, note: "" }]),
    ).rejects.toBeInstanceOf(RuleViolation);
  });

  test("the database refuses a rating out of range even if a service forgot to check", async () => {
    await expect(
      recordAssessments(handle.db, v.alice!, alice, "self", [{ pointKey: 3, rating: 6, note: "" }]),
    ).rejects.toThrow();
  });
});

describe("who reads", () => {
  test("the report sees only their own self-ratings", async () => {
    const seen = await listAssessments(handle.db, v.alice!, alice);
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen.map((a) => a.perspective))).toEqual(new Set(["self"]));
  });

  test("the manager line sees both sides; a peer, another manager and HR see nothing", async () => {
    expect(new Set((await listAssessments(handle.db, v.ceo!, alice)).map((a) => a.perspective))).toEqual(
      new Set(["self", "manager"]),
    );
    for (const who of ["peer", "other", "hr"])
      expect(await listAssessments(handle.db, v[who]!, alice), who).toEqual([]);
  });

  test("a former manager loses access the moment the report moves", async () => {
    await changeManager(handle.db, alice.id, v.other!.id);
    const moved = (await loadSubject(handle.db, alice.id))!;
    expect(await listAssessments(handle.db, v.manager!, moved)).toEqual([]);
    await expect(
      recordAssessments(handle.db, v.manager!, moved, "manager", [{ pointKey: 1, rating: 3, note: "" }]),
    ).rejects.toBeInstanceOf(RecordNotFound);
    await changeManager(handle.db, alice.id, v.manager!.id);
  });
});
