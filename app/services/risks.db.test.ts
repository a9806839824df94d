import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { and, asc, count, eq } from "drizzle-orm";
import type { DatabaseHandle } from "#db/client";
import { auditEvents, risks } from "#db/schema";
import type { Subject, Viewer } from "~/auth/policies";
import { changeManager, createPerson } from "#tests/setup/db-builders";
import { createTestDatabase } from "#tests/setup/test-database";
import { RecordNotFound, RuleViolation, StaleRecordError } from "./errors.server";
import {
  closeRisk,
  createRisk,
  getRisk,
  listPointChoices,
  listRiskHistory,
  listRisksForAccount,
  reopenRisk,
  reviewRisk,
  updateRisk,
  type RiskInput,
} from "./risks.server";
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
  const ceo = await createPerson(db, { name: "Cleo Ceo" });
  const manager = await createPerson(db, { name: "Mo Manager", managerId: ceo.id });
  const other = await createPerson(db, { name: "Otto Other", managerId: ceo.id });
  const a = await createPerson(db, { name: "Alice Report", managerId: manager.id });
  const peer = await createPerson(db, { name: "Pat Peer", managerId: manager.id });
  const hr = await createPerson(db, { name: "Hana Hr", roles: ["hr"] });
  const admin = await createPerson(db, { name: "Adam Admin", roles: ["admin"] });
  Object.assign(v, {
    ceo: viewer(ceo, ["manager"]),
    manager: viewer(manager, ["manager"]),
    other: viewer(other, ["manager"]),
    alice: viewer(a),
    peer: viewer(peer),
    hr: viewer(hr, ["hr"]),
    admin: viewer(admin, ["admin"]),
  });
  alice = (await loadSubject(db, a.id))!;
});
afterAll(() => handle.close());

const input = (over: Partial<RiskInput> = {}): RiskInput => ({
  kind: "flight",
  pointKey: 14,
  description: "Talking to a competitor about a lead role",
  likelihood: 2,
  impact: 3,
  mitigation: "Ask what would make them stay; scope the lead role here",
  reviewOn: "2026-04-01",
  ...over,
});

const newRisk = (over: Partial<RiskInput> = {}) => createRisk(handle.db, v.manager!, alice, input(over));
const stored = async (id: string) => (await handle.db.select().from(risks).where(eq(risks.id, id)))[0]!;
const auditOf = (id: string) =>
  handle.db.select().from(auditEvents).where(eq(auditEvents.entityId, id)).orderBy(asc(auditEvents.createdAt));
const riskCount = async () => (await handle.db.select({ n: count() }).from(risks))[0]!.n;
const auditCount = async () => (await handle.db.select({ n: count() }).from(auditEvents))[0]!.n;

describe("the direct manager keeps the report's risks", () => {
  test("recording a risk writes it and its audit row", async () => {
    const risk = await newRisk();
    expect(risk).toMatchObject({
      subjectId: alice.id,
      authorId: v.manager!.id,
      status: "open",
      version: 1,
      closedAt: null,
      lastReviewedAt: null,
    });
    const audit = await auditOf(risk.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: v.manager!.id, subjectId: alice.id, entity: "risk", action: "create" });
    expect(audit[0]!.changes).toMatchObject({
      kind: [null, "flight"],
      pointKey: [null, 14],
      likelihood: [null, 2],
      impact: [null, 3],
      status: [null, "open"],
    });
  });

  test("a risk need not name a checklist point or a review date", async () => {
    const risk = await newRisk({ pointKey: undefined, reviewOn: undefined, mitigation: "" });
    expect(risk).toMatchObject({ pointKey: null, reviewOn: null, mitigation: "" });
  });

  test("editing moves the version and records what changed", async () => {
    const risk = await newRisk();
    const after = await updateRisk(
      handle.db,
      v.manager!,
      alice,
      risk.id,
      { ...input({ kind: "overload", likelihood: 3, pointKey: undefined }), version: 1 },
      new Date(),
    );
    expect(after).toMatchObject({ kind: "overload", likelihood: 3, pointKey: null, version: 2 });
    const audit = await auditOf(risk.id);
    expect(audit.map((a) => a.action)).toEqual(["create", "update"]);
    expect(audit[1]!.changes).toEqual({ kind: ["flight", "overload"], likelihood: [2, 3], pointKey: [14, null] });
  });

  test("reviewing stamps the review, sets the next date and keeps the note in the history", async () => {
    const risk = await newRisk();
    const now = new Date("2026-04-01T09:00:00Z");
    const after = await reviewRisk(
      handle.db,
      v.manager!,
      alice,
      risk.id,
      { version: 1, note: "Calmer since the re-scope", nextReviewOn: "2026-05-01" },
      now,
    );
    expect(after).toMatchObject({ version: 2, reviewOn: "2026-05-01", status: "open" });
    expect(after.lastReviewedAt?.toISOString()).toBe(now.toISOString());
    const [, review] = await auditOf(risk.id);
    expect(review).toMatchObject({ action: "review", actorId: v.manager!.id, subjectId: alice.id });
    expect(review!.changes).toMatchObject({
      reviewOn: ["2026-04-01", "2026-05-01"],
      note: [null, "Calmer since the re-scope"],
    });

    const history = await listRiskHistory(handle.db, v.manager!, alice, risk.id);
    expect(history.map((h) => h.action)).toEqual(["review", "create"]);
    expect(history[0]).toMatchObject({ actorName: "Mo Manager" });
  });

  test("a review with no next date leaves none planned", async () => {
    const risk = await newRisk();
    expect(await reviewRisk(handle.db, v.manager!, alice, risk.id, { version: 1 }, new Date())).toMatchObject({
      reviewOn: null,
      version: 2,
    });
  });

  test("a next review today or earlier is refused on its field, and nothing is written", async () => {
    const risk = await newRisk();
    const now = new Date("2026-04-01T09:00:00Z");
    const refused = reviewRisk(handle.db, v.manager!, alice, risk.id, { version: 1, nextReviewOn: "2026-04-01" }, now);
    await expect(refused).rejects.toBeInstanceOf(RuleViolation);
    expect(((await refused.catch((e: unknown) => e)) as RuleViolation).field).toBe("nextReviewOn");
    expect(await stored(risk.id)).toMatchObject({ version: 1, lastReviewedAt: null, reviewOn: "2026-04-01" });
    expect(await auditOf(risk.id)).toHaveLength(1);
  });

  test("closing sets closed_at; reopening clears it; each is audited", async () => {
    const risk = await newRisk();
    const closed = await closeRisk(
      handle.db,
      v.manager!,
      alice,
      risk.id,
      { version: 1, note: "Took the internal lead role" },
      new Date(),
    );
    expect(closed).toMatchObject({ status: "closed", version: 2 });
    expect(closed.closedAt).toBeInstanceOf(Date);
    const reopened = await reopenRisk(handle.db, v.manager!, alice, risk.id, { version: 2 }, new Date());
    expect(reopened).toMatchObject({ status: "open", closedAt: null, version: 3 });
    const audit = await auditOf(risk.id);
    expect(audit.map((a) => a.action)).toEqual(["create", "close", "reopen"]);
    expect(audit[1]!.changes).toEqual({ status: ["open", "closed"], note: [null, "Took the internal lead role"] });
    expect(audit[2]!.changes).toEqual({ status: ["closed", "open"] });
  });

  test("a closed risk cannot be closed again or reviewed; an open one cannot be reopened", async () => {
    const risk = await newRisk();
    await expect(reopenRisk(handle.db, v.manager!, alice, risk.id, { version: 1 }, new Date())).rejects.toBeInstanceOf(
      RuleViolation,
    );
    await closeRisk(handle.db, v.manager!, alice, risk.id, { version: 1 }, new Date());
    await expect(closeRisk(handle.db, v.manager!, alice, risk.id, { version: 2 }, new Date())).rejects.toBeInstanceOf(
      RuleViolation,
    );
    await expect(reviewRisk(handle.db, v.manager!, alice, risk.id, { version: 2 }, new Date())).rejects.toBeInstanceOf(
      RuleViolation,
    );
    expect(await stored(risk.id)).toMatchObject({ status: "closed", version: 2 });
  });

  test("a write the database refuses leaves neither the risk nor an audit row", async () => {
    const [risksBefore, auditBefore] = [await riskCount(), await auditCount()];
    // Past the schema's limit, as if a caller skipped the form's validation.
    await expect(newRisk({ description: "x".repeat(2001) })).rejects.toThrow();
    expect([await riskCount(), await auditCount()]).toEqual([risksBefore, auditBefore]);
  });

  test("the list is open first, the most serious first, with the author's name", async () => {
    const db = handle.db;
    const lead = v.manager!;
    const subject = (await loadSubject(db, (await createPerson(db, { name: "Rae Report", managerId: lead.id })).id))!;
    const low = await createRisk(db, lead, subject, input({ description: "low", likelihood: 1, impact: 1 }));
    const high = await createRisk(db, lead, subject, input({ description: "high", likelihood: 3, impact: 3 }));
    const closed = await createRisk(db, lead, subject, input({ description: "closed", likelihood: 3, impact: 3 }));
    await closeRisk(db, lead, subject, closed.id, { version: 1 }, new Date());
    const medium = await createRisk(db, lead, subject, input({ description: "medium", likelihood: 2, impact: 2 }));
    const list = await listRisksForAccount(db, lead, subject);
    expect(list.map((x) => x.id)).toEqual([high.id, medium.id, low.id, closed.id]);
    expect(list[0]).toMatchObject({ authorName: "Mo Manager", description: "high" });
  });

  test("the related point can be chosen from the fifteen", async () => {
    const points = await listPointChoices(handle.db);
    expect(points.map((p) => p.key)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect(points.every((p) => p.title.length > 0)).toBe(true);
  });
});

describe("lost updates are refused", () => {
  test("a save from a stale form is refused with who changed what, and nothing is written", async () => {
    const risk = await newRisk();
    await updateRisk(handle.db, v.manager!, alice, risk.id, { ...input({ likelihood: 3 }), version: 1 }, new Date());
    const auditBefore = await auditCount();
    const stale = updateRisk(
      handle.db,
      v.manager!,
      alice,
      risk.id,
      { ...input({ description: "Stale wording" }), version: 1 },
      new Date(),
    );
    await expect(stale).rejects.toBeInstanceOf(StaleRecordError);
    const error = (await stale.catch((e: unknown) => e)) as StaleRecordError;
    expect(error.currentVersion).toBe(2);
    expect(error.lastChange).toMatchObject({
      actorName: "Mo Manager",
      action: "update",
      changes: { likelihood: [2, 3] },
    });
    expect(await stored(risk.id)).toMatchObject({ description: input().description, likelihood: 3, version: 2 });
    expect(await auditCount()).toBe(auditBefore);
  });

  test.each([
    [
      "review",
      (id: string) =>
        reviewRisk(handle.db, v.manager!, alice, id, { version: 1, nextReviewOn: "2099-01-01" }, new Date()),
    ],
    ["close", (id: string) => closeRisk(handle.db, v.manager!, alice, id, { version: 1 }, new Date())],
  ])("a stale %s is refused too", async (_label, write) => {
    const risk = await newRisk();
    await updateRisk(handle.db, v.manager!, alice, risk.id, { ...input({ impact: 1 }), version: 1 }, new Date());
    await expect(write(risk.id)).rejects.toBeInstanceOf(StaleRecordError);
    expect(await stored(risk.id)).toMatchObject({ version: 2, status: "open", lastReviewedAt: null });
  });

  test("two closes racing from the same version: exactly one wins", async () => {
    const risk = await newRisk();
    const results = await Promise.allSettled(
      [1, 2, 3].map(() => closeRisk(handle.db, v.manager!, alice, risk.id, { version: 1 }, new Date())),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected" && r.reason instanceof StaleRecordError)).toHaveLength(2);
    const closes = await handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, risk.id), eq(auditEvents.action, "close")));
    expect(closes).toHaveLength(1);
  });
});

describe("risks never leave the manager line", () => {
  const outsiders = ["alice", "peer", "other", "hr", "admin"] as const;

  test.each(outsiders)("%s cannot record, edit, review, close or reopen one", async (who) => {
    const risk = await newRisk();
    const [risksBefore, auditBefore] = [await riskCount(), await auditCount()];
    const as = v[who]!;
    await expect(createRisk(handle.db, as, alice, input())).rejects.toBeInstanceOf(RecordNotFound);
    await expect(
      updateRisk(handle.db, as, alice, risk.id, { ...input({ description: "Not yours" }), version: 1 }, new Date()),
    ).rejects.toBeInstanceOf(RecordNotFound);
    await expect(reviewRisk(handle.db, as, alice, risk.id, { version: 1 }, new Date())).rejects.toBeInstanceOf(
      RecordNotFound,
    );
    await expect(closeRisk(handle.db, as, alice, risk.id, { version: 1 }, new Date())).rejects.toBeInstanceOf(
      RecordNotFound,
    );
    await expect(reopenRisk(handle.db, as, alice, risk.id, { version: 1 }, new Date())).rejects.toBeInstanceOf(
      RecordNotFound,
    );
    expect([await riskCount(), await auditCount()]).toEqual([risksBefore, auditBefore]);
    expect(await stored(risk.id)).toMatchObject({ version: 1, status: "open" });
  });

  test.each(outsiders)("%s reads nothing: no list, no risk, no history", async (who) => {
    const risk = await newRisk();
    const as = v[who]!;
    expect(await listRisksForAccount(handle.db, as, alice)).toEqual([]);
    expect(await getRisk(handle.db, as, alice, risk.id)).toBeNull();
    expect(await listRiskHistory(handle.db, as, alice, risk.id)).toEqual([]);
  });

  test("the skip-level manager reads them but cannot change them", async () => {
    const risk = await newRisk({ description: "Visible up the line" });
    const list = await listRisksForAccount(handle.db, v.ceo!, alice);
    expect(list.map((r) => r.id)).toContain(risk.id);
    expect(await getRisk(handle.db, v.ceo!, alice, risk.id)).toMatchObject({ id: risk.id, authorName: "Mo Manager" });
    await expect(createRisk(handle.db, v.ceo!, alice, input())).rejects.toBeInstanceOf(RecordNotFound);
    await expect(
      updateRisk(handle.db, v.ceo!, alice, risk.id, { ...input(), version: 1 }, new Date()),
    ).rejects.toBeInstanceOf(RecordNotFound);
    await expect(closeRisk(handle.db, v.ceo!, alice, risk.id, { version: 1 }, new Date())).rejects.toBeInstanceOf(
      RecordNotFound,
    );
  });

  test("a forged subject does not get past the query's own scope", async () => {
    const risk = await newRisk();
    // As if a caller built the subject itself and named HR as the manager: the policy would say yes, the data says no.
    const forged: Subject = { id: alice.id, managerChain: [v.hr!.id] };
    expect(await listRisksForAccount(handle.db, v.hr!, forged)).toEqual([]);
    expect(await getRisk(handle.db, v.hr!, forged, risk.id)).toBeNull();
    expect(await listRiskHistory(handle.db, v.hr!, forged, risk.id)).toEqual([]);
    await expect(createRisk(handle.db, v.hr!, forged, input())).rejects.toBeInstanceOf(RecordNotFound);
    await expect(closeRisk(handle.db, v.hr!, forged, risk.id, { version: 1 }, new Date())).rejects.toBeInstanceOf(
      RecordNotFound,
    );
  });

  test("a risk is reached only through its own subject, and a malformed id is simply not found", async () => {
    const risk = await newRisk();
    const peer = (await loadSubject(handle.db, v.peer!.id))!;
    expect(await getRisk(handle.db, v.manager!, peer, risk.id)).toBeNull();
    await expect(closeRisk(handle.db, v.manager!, peer, risk.id, { version: 1 }, new Date())).rejects.toBeInstanceOf(
      RecordNotFound,
    );
    expect(await getRisk(handle.db, v.manager!, alice, "not-a-uuid")).toBeNull();
    await expect(
      closeRisk(handle.db, v.manager!, alice, "' or 1=1 --", { version: 1 }, new Date()),
    ).rejects.toBeInstanceOf(RecordNotFound);
  });

  test("a former manager loses the risks they wrote, and the new manager does not inherit them", async () => {
    const db = handle.db;
    const bobPerson = await createPerson(db, { name: "Bob Moving", managerId: v.manager!.id });
    const before = (await loadSubject(db, bobPerson.id))!;
    const risk = await createRisk(db, v.manager!, before, input({ description: "Unsettled by the re-org" }));

    await changeManager(db, bobPerson.id, v.other!.id);
    const bob = (await loadSubject(db, bobPerson.id))!;

    expect(await listRisksForAccount(db, v.manager!, bob)).toEqual([]);
    expect(await getRisk(db, v.manager!, bob, risk.id)).toBeNull();
    await expect(createRisk(db, v.manager!, bob, input())).rejects.toBeInstanceOf(RecordNotFound);
    await expect(
      updateRisk(db, v.manager!, bob, risk.id, { ...input(), version: 1 }, new Date()),
    ).rejects.toBeInstanceOf(RecordNotFound);
    // Even holding the subject as it was loaded before the move.
    await expect(closeRisk(db, v.manager!, before, risk.id, { version: 1 }, new Date())).rejects.toBeInstanceOf(
      RecordNotFound,
    );
    expect(await listRisksForAccount(db, v.manager!, before)).toEqual([]);

    // The change of line alone hands nothing over (docs/decisions/024-reporting-line-changes.md).
    expect(await listRisksForAccount(db, v.other!, bob)).toEqual([]);
    expect(await getRisk(db, v.other!, bob, risk.id)).toBeNull();
    expect(await listRiskHistory(db, v.other!, bob, risk.id)).toEqual([]);
    await expect(closeRisk(db, v.other!, bob, risk.id, { version: 1 }, new Date())).rejects.toBeInstanceOf(
      RecordNotFound,
    );
    // What the new manager writes is theirs to read, and their manager's.
    const fresh = await createRisk(db, v.other!, bob, input({ description: "Settling in" }));
    expect((await listRisksForAccount(db, v.other!, bob)).map((r) => r.id)).toEqual([fresh.id]);
    expect((await listRisksForAccount(db, v.ceo!, bob)).map((r) => r.id)).toEqual([fresh.id]);
  });
});
