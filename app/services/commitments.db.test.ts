import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { count, eq } from "drizzle-orm";
import type { DatabaseHandle } from "#db/client";
import { auditEvents, commitmentCheckIns, commitments } from "#db/schema";
import type { Subject, Viewer } from "~/auth/policies";
import { checkTransition, remorseCheckDate } from "~/domain/commitments";
import { DAY_MS } from "~/domain/dates";
import type { CommitmentState } from "~/domain/enums";
import { changeManager, createPerson } from "#tests/setup/db-builders";
import { createTestDatabase } from "#tests/setup/test-database";
import {
  answerRemorseCheck,
  checkIn,
  editCommitment,
  getCommitment,
  listCommitmentsFor,
  loadCommitmentSubject,
  proposeCommitment,
  transitionCommitment,
} from "./commitments.server";
import { RecordNotFound, RuleViolation, StaleRecordError } from "./errors.server";
import { loadSubject } from "./subjects.server";

let handle: DatabaseHandle;
let alice: Subject;
const v: Record<string, Viewer> = {};

const t0 = new Date("2026-03-02T09:00:00Z");
const day = (n: number) => new Date(t0.getTime() + n * DAY_MS);

const asViewer = (p: { id: string; name: string; email: string }, roles: Viewer["roles"] = []): Viewer => ({
  ...p,
  roles,
});

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  const ceo = await createPerson(db, { name: "Cleo Ceo" });
  const manager = await createPerson(db, { name: "Mo Manager", managerId: ceo.id });
  const other = await createPerson(db, { name: "Otto Other", managerId: ceo.id });
  const former = await createPerson(db, { name: "Fay Former", managerId: ceo.id });
  const report = await createPerson(db, { name: "Alice Report", managerId: former.id });
  await changeManager(db, report.id, manager.id);
  const peer = await createPerson(db, { name: "Pat Peer", managerId: manager.id });
  const hr = await createPerson(db, { name: "Hana Hr", roles: ["hr"] });
  const admin = await createPerson(db, { name: "Adam Admin", roles: ["admin"] });
  Object.assign(v, {
    ceo: asViewer(ceo, ["manager"]),
    manager: asViewer(manager, ["manager"]),
    other: asViewer(other),
    former: asViewer(former),
    alice: asViewer(report),
    peer: asViewer(peer),
    hr: asViewer(hr, ["hr"]),
    admin: asViewer(admin, ["admin"]),
  });
  alice = (await loadSubject(db, report.id))!;
});
afterAll(() => handle.close());

const wording = {
  change: "Say no to meetings without an agenda",
  painOfDoingNothing: "Three afternoons a week lost to status meetings",
  firstStep: "Decline next Tuesday's sync with a note",
  managerSupport: "I will back the decline with the team lead",
  checkInEveryDays: 14,
};

const propose = (by: Viewer = v.manager!, now = t0) => proposeCommitment(handle.db, by, alice, wording, now);

/** A commitment walked to `state` along the happy path, at t0. */
async function inState(state: CommitmentState) {
  let row = await propose();
  const path: CommitmentState[] = {
    proposed: [],
    committed: ["committed"],
    in_progress: ["committed", "in_progress"],
    done: ["committed", "in_progress", "done"],
    abandoned: ["abandoned"],
  }[state] as CommitmentState[];
  for (const to of path)
    row = await transitionCommitment(handle.db, v.manager!, alice, row.id, { version: row.version, to }, t0);
  return row;
}

const stored = async (id: string) => (await handle.db.select().from(commitments).where(eq(commitments.id, id)))[0]!;
const auditCount = async (id: string) =>
  (await handle.db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.entityId, id)))[0]!.n;
const lastAudit = async (id: string) => {
  const rows = await handle.db.select().from(auditEvents).where(eq(auditEvents.entityId, id));
  return rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).at(-1)!;
};

describe("proposing", () => {
  test.each(["manager", "alice"])(
    "%s proposes a commitment for the report; it starts as proposed, with its audit row",
    async (who) => {
      const row = await propose(v[who]!);
      expect(row).toMatchObject({
        ...wording,
        personId: alice.id,
        createdBy: v[who]!.id,
        state: "proposed",
        version: 1,
        firstStepDone: false,
      });
      const audit = await lastAudit(row.id);
      expect(audit).toMatchObject({
        actorId: v[who]!.id,
        subjectId: alice.id,
        entity: "commitment",
        action: "propose",
      });
      expect(audit.changes).toMatchObject({ state: [null, "proposed"], change: [null, wording.change] });
    },
  );

  test("the database refuses what the form would refuse too", async () => {
    await expect(
      proposeCommitment(handle.db, v.manager!, alice, { ...wording, checkInEveryDays: 0 }, new Date()),
    ).rejects.toThrow();
  });
});

describe("the state machine", () => {
  test("proposed -> committed -> in progress -> done, with the dates each step sets", async () => {
    const proposed = await propose();
    const committed = await transitionCommitment(
      handle.db,
      v.alice!,
      alice,
      proposed.id,
      { version: 1, to: "committed" },
      day(1),
    );
    expect(committed).toMatchObject({ state: "committed", committedAt: day(1), finishedAt: null, version: 2 });
    const started = await transitionCommitment(
      handle.db,
      v.manager!,
      alice,
      proposed.id,
      { version: 2, to: "in_progress" },
      day(2),
    );
    expect(started).toMatchObject({ state: "in_progress", version: 3 });
    const done = await transitionCommitment(
      handle.db,
      v.alice!,
      alice,
      proposed.id,
      { version: 3, to: "done" },
      day(40),
    );
    expect(done).toMatchObject({
      state: "done",
      finishedAt: day(40),
      remorseCheckDueOn: remorseCheckDate(day(40)),
      version: 4,
    });
    expect(done.remorseCheckDueOn).toBe("2026-05-11");

    const trail = await handle.db.select().from(auditEvents).where(eq(auditEvents.entityId, proposed.id));
    expect(trail.map((e) => e.action).sort()).toEqual(["commit", "complete", "propose", "start"]);
    expect(trail.find((e) => e.action === "complete")!.changes).toMatchObject({
      state: ["in_progress", "done"],
      finishedAt: [null, day(40).toISOString()],
      remorseCheckDueOn: [null, "2026-05-11"],
    });
  });

  test.each(["proposed", "committed", "in_progress"] as const)("%s -> abandoned sets the finish date", async (from) => {
    const row = await inState(from);
    const after = await transitionCommitment(
      handle.db,
      v.alice!,
      alice,
      row.id,
      { version: row.version, to: "abandoned" },
      day(5),
    );
    expect(after).toMatchObject({ state: "abandoned", finishedAt: day(5), remorseCheckDueOn: null });
    expect((await lastAudit(row.id)).changes).toMatchObject({ state: [from, "abandoned"] });
  });

  test.each([
    ["proposed", "done"],
    ["proposed", "in_progress"],
    ["proposed", "proposed"],
    ["committed", "done"],
    ["committed", "proposed"],
    ["in_progress", "committed"],
    ["done", "in_progress"],
    ["done", "abandoned"],
    ["abandoned", "committed"],
  ] as [CommitmentState, CommitmentState][])(
    "%s -> %s is refused with its message, and nothing is written",
    async (from, to) => {
      const row = await inState(from);
      const audits = await auditCount(row.id);
      const attempt = transitionCommitment(handle.db, v.manager!, alice, row.id, { version: row.version, to }, day(3));
      await expect(attempt).rejects.toBeInstanceOf(RuleViolation);
      await expect(attempt).rejects.toThrow((checkTransition(from, to) as { message: string }).message);
      expect(await stored(row.id)).toEqual(row);
      expect(await auditCount(row.id)).toBe(audits);
    },
  );
});

describe("stalled is derived from check-ins", () => {
  test("appears when the last sign of life is older than the cadence, and goes after a check-in", async () => {
    const row = await inState("committed");
    const find = async (now: Date) =>
      (await listCommitmentsFor(handle.db, v.manager!, alice, now)).find((c) => c.id === row.id)!;

    expect(await find(day(10))).toMatchObject({ stalled: false, description: "next check-in in 4 days" });
    expect(await find(day(20))).toMatchObject({
      stalled: true,
      daysOverdue: 6,
      description: "stalled: check-in overdue by 6 days",
    });

    await checkIn(handle.db, v.alice!, alice, row.id, { version: row.version, note: "Declined two syncs" }, day(20));
    const after = await find(day(20));
    expect(after).toMatchObject({
      stalled: false,
      lastCheckInAt: day(20),
      checkInDueAt: day(34),
      description: "next check-in in 14 days",
    });
    expect(after.checkIns).toEqual([
      expect.objectContaining({
        note: "Declined two syncs",
        authorId: v.alice!.id,
        authorName: "Alice Report",
        createdAt: day(20),
      }),
    ]);
    expect(await find(day(35))).toMatchObject({ stalled: true });
  });

  test("a proposal is never stalled, and finished ones never are", async () => {
    for (const state of ["proposed", "done", "abandoned"] as const) {
      const row = await inState(state);
      const listed = (await listCommitmentsFor(handle.db, v.alice!, alice, day(300))).find((c) => c.id === row.id)!;
      expect(listed.stalled).toBe(false);
    }
  });
});

describe("check-ins", () => {
  test("a check-in on a proposal is refused", async () => {
    const row = await propose();
    await expect(checkIn(handle.db, v.alice!, alice, row.id, { version: 1, note: "Started" }, day(1))).rejects.toThrow(
      "Check-ins start once the change is committed",
    );
    expect(
      await handle.db.select().from(commitmentCheckIns).where(eq(commitmentCheckIns.commitmentId, row.id)),
    ).toEqual([]);
  });

  test("ticking the first step on a committed change puts it in progress", async () => {
    const row = await inState("committed");
    const after = await checkIn(
      handle.db,
      v.alice!,
      alice,
      row.id,
      { version: row.version, note: "", firstStepDone: true },
      day(3),
    );
    expect(after).toMatchObject({
      state: "in_progress",
      firstStepDone: true,
      lastCheckInAt: day(3),
      version: row.version + 1,
    });
    expect(await lastAudit(row.id)).toMatchObject({ action: "check-in", actorId: v.alice!.id });
    expect((await lastAudit(row.id)).changes).toMatchObject({
      state: ["committed", "in_progress"],
      firstStepDone: [false, true],
    });
  });

  test("the manager can check in too; a check-in without a note or a step is refused on the note", async () => {
    const row = await inState("in_progress");
    const empty = checkIn(handle.db, v.manager!, alice, row.id, { version: row.version, note: "  " }, day(3));
    await expect(empty).rejects.toMatchObject({ field: "note" });
    const after = await checkIn(
      handle.db,
      v.manager!,
      alice,
      row.id,
      { version: row.version, note: "Talked it through" },
      day(3),
    );
    expect(after).toMatchObject({ state: "in_progress", firstStepDone: false, lastCheckInAt: day(3) });
    expect((await lastAudit(row.id)).changes).toMatchObject({ checkIn: [null, "Talked it through"] });
  });

  test("the list carries the three latest check-ins of each commitment, from one query for all of them", async () => {
    const { db } = handle;
    const rows = [await inState("in_progress"), await inState("in_progress")];
    for (const [i, row] of rows.entries()) {
      let version = row.version;
      for (let n = 1; n <= 4; n++)
        version = (await checkIn(db, v.alice!, alice, row.id, { version, note: `note ${i}.${n}` }, day(n))).version;
    }
    const before = handle.queryCount();
    const list = await listCommitmentsFor(db, v.alice!, alice, day(5));
    expect(handle.queryCount() - before).toBe(1);
    for (const [i, row] of rows.entries()) {
      expect(list.find((c) => c.id === row.id)!.checkIns.map((c) => c.note)).toEqual([
        `note ${i}.4`,
        `note ${i}.3`,
        `note ${i}.2`,
      ]);
    }
    const page = await getCommitment(db, v.manager!, alice, rows[0]!.id, day(5));
    expect(page!.checkIns.map((c) => c.note)).toEqual(["note 0.4", "note 0.3", "note 0.2", "note 0.1"]);
  });
});

describe("editing the wording", () => {
  test("is version-checked, and a finished commitment keeps its words", async () => {
    const row = await inState("committed");
    const after = await editCommitment(
      handle.db,
      v.alice!,
      alice,
      row.id,
      { ...wording, firstStep: "Decline one sync", version: row.version },
      day(1),
    );
    expect(after).toMatchObject({ firstStep: "Decline one sync", version: row.version + 1 });
    expect((await lastAudit(row.id)).changes).toEqual({ firstStep: [wording.firstStep, "Decline one sync"] });

    const done = await inState("done");
    await expect(
      editCommitment(handle.db, v.alice!, alice, done.id, { ...wording, version: done.version }, new Date()),
    ).rejects.toThrow("its wording stays as it was");
  });
});

describe("the remorse check", () => {
  test("comes due after done, is answerable only then, only by the report, and only once", async () => {
    const row = await inState("in_progress");
    const done = await transitionCommitment(
      handle.db,
      v.alice!,
      alice,
      row.id,
      { version: row.version, to: "done" },
      day(10),
    );
    const due = new Date(`${done.remorseCheckDueOn}T00:00:00Z`);
    const answer = { version: done.version, stillGlad: true, note: "Afternoons are mine again" };

    const early = answerRemorseCheck(handle.db, v.alice!, alice, row.id, answer, day(20));
    await expect(early).rejects.toBeInstanceOf(RuleViolation);
    await expect(early).rejects.toThrow("too early");
    const listedEarly = (await listCommitmentsFor(handle.db, v.alice!, alice, day(20))).find((c) => c.id === row.id)!;
    expect(listedEarly.remorseDue).toBe(false);

    await expect(answerRemorseCheck(handle.db, v.manager!, alice, row.id, answer, due)).rejects.toThrow(
      "Only the person who made the change",
    );
    for (const who of ["peer", "hr", "admin", "former", "other"]) {
      await expect(answerRemorseCheck(handle.db, v[who]!, alice, row.id, answer, due)).rejects.toBeInstanceOf(
        RecordNotFound,
      );
    }
    expect(await stored(row.id)).toEqual(done);

    const listedDue = (await listCommitmentsFor(handle.db, v.manager!, alice, due)).find((c) => c.id === row.id)!;
    expect(listedDue).toMatchObject({ remorseDue: true, stalled: false });

    const answered = await answerRemorseCheck(handle.db, v.alice!, alice, row.id, answer, due);
    expect(answered).toMatchObject({
      stillGlad: true,
      remorseNote: "Afternoons are mine again",
      remorseAnsweredAt: due,
      version: done.version + 1,
    });
    expect(await lastAudit(row.id)).toMatchObject({ action: "remorse-check" });
    expect((await lastAudit(row.id)).changes).toMatchObject({ stillGlad: [null, true] });

    await expect(
      answerRemorseCheck(handle.db, v.alice!, alice, row.id, { ...answer, version: answered.version }, due),
    ).rejects.toThrow("already been answered");
  });

  test("an abandoned change is never asked about", async () => {
    const row = await inState("abandoned");
    await expect(
      answerRemorseCheck(
        handle.db,
        v.alice!,
        alice,
        row.id,
        { version: row.version, stillGlad: false, note: "" },
        day(100),
      ),
    ).rejects.toThrow("once the change is done");
  });
});

describe("lost updates are refused", () => {
  test("a save from a stale form is refused with who changed what, and nothing is written", async () => {
    const row = await inState("committed");
    await checkIn(
      handle.db,
      v.alice!,
      alice,
      row.id,
      { version: row.version, note: "First week done", firstStepDone: true },
      day(7),
    );
    const audits = await auditCount(row.id);
    const current = await stored(row.id);

    const stale = transitionCommitment(
      handle.db,
      v.manager!,
      alice,
      row.id,
      { version: row.version, to: "abandoned" },
      day(8),
    );
    await expect(stale).rejects.toBeInstanceOf(StaleRecordError);
    const error = (await stale.catch((e: unknown) => e)) as StaleRecordError;
    expect(error.currentVersion).toBe(row.version + 1);
    expect(error.lastChange).toMatchObject({ actorName: "Alice Report", action: "check-in" });
    expect(error.lastChange!.changes.state).toEqual(["committed", "in_progress"]);

    await expect(
      checkIn(handle.db, v.manager!, alice, row.id, { version: row.version, note: "Also" }, day(8)),
    ).rejects.toBeInstanceOf(StaleRecordError);
    await expect(
      editCommitment(
        handle.db,
        v.manager!,
        alice,
        row.id,
        { ...wording, change: "Other", version: row.version },
        new Date(),
      ),
    ).rejects.toBeInstanceOf(StaleRecordError);
    expect(await stored(row.id)).toEqual(current);
    expect(await auditCount(row.id)).toBe(audits);
    expect(
      await handle.db.select().from(commitmentCheckIns).where(eq(commitmentCheckIns.commitmentId, row.id)),
    ).toHaveLength(1);
  });

  test("two transitions racing from the same version: exactly one wins", async () => {
    const row = await inState("in_progress");
    const results = await Promise.allSettled(
      (["done", "abandoned"] as const).map((to) =>
        transitionCommitment(handle.db, v.alice!, alice, row.id, { version: row.version, to }, day(9)),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected" && r.reason instanceof StaleRecordError)).toHaveLength(1);
  });
});

describe("who reads and who writes", () => {
  test("the report, the manager and the skip-level manager read; nobody else learns anything", async () => {
    const row = await propose();
    for (const who of ["alice", "manager", "ceo"]) {
      expect((await listCommitmentsFor(handle.db, v[who]!, alice, new Date())).map((c) => c.id)).toContain(row.id);
      expect(await getCommitment(handle.db, v[who]!, alice, row.id, new Date())).toMatchObject({
        id: row.id,
        createdByName: "Mo Manager",
      });
    }
    for (const who of ["peer", "hr", "admin", "other", "former"]) {
      expect(await listCommitmentsFor(handle.db, v[who]!, alice, new Date())).toEqual([]);
      expect(await getCommitment(handle.db, v[who]!, alice, row.id, new Date())).toBeNull();
    }
  });

  test.each(["ceo", "peer", "hr", "admin", "other", "former"])(
    "%s cannot propose, edit, move or check in",
    async (who) => {
      const viewer = v[who]!;
      const row = await inState("committed");
      const audits = await auditCount(row.id);
      await expect(proposeCommitment(handle.db, viewer, alice, wording, new Date())).rejects.toBeInstanceOf(
        RecordNotFound,
      );
      await expect(
        editCommitment(
          handle.db,
          viewer,
          alice,
          row.id,
          { ...wording, change: "Theirs", version: row.version },
          new Date(),
        ),
      ).rejects.toBeInstanceOf(RecordNotFound);
      await expect(
        transitionCommitment(handle.db, viewer, alice, row.id, { version: row.version, to: "abandoned" }, new Date()),
      ).rejects.toBeInstanceOf(RecordNotFound);
      await expect(
        checkIn(handle.db, viewer, alice, row.id, { version: row.version, note: "Mine" }, new Date()),
      ).rejects.toBeInstanceOf(RecordNotFound);
      expect(await stored(row.id)).toEqual(row);
      expect(await auditCount(row.id)).toBe(audits);
    },
  );

  test("an id from another account finds nothing, even for a writer of this one", async () => {
    const peerSubject = (await loadSubject(handle.db, v.peer!.id))!;
    const peers = await proposeCommitment(
      handle.db,
      v.peer!,
      peerSubject,
      { ...wording, change: "Pat's change" },
      new Date(),
    );
    // Alice is a report of the same manager, but the record is not hers.
    await expect(
      transitionCommitment(handle.db, v.alice!, alice, peers.id, { version: 1, to: "committed" }, new Date()),
    ).rejects.toBeInstanceOf(RecordNotFound);
    expect(await getCommitment(handle.db, v.alice!, alice, peers.id, new Date())).toBeNull();
    expect(await getCommitment(handle.db, v.alice!, alice, "not-a-uuid", new Date())).toBeNull();
  });

  test("loadCommitmentSubject names the report and their current manager line", async () => {
    const row = await propose();
    expect(await loadCommitmentSubject(handle.db, row.id)).toEqual(alice);
    expect(alice.managerChain).toEqual([v.manager!.id, v.ceo!.id]);
    expect(await loadCommitmentSubject(handle.db, "00000000-0000-4000-8000-000000000000")).toBeNull();
    expect(await loadCommitmentSubject(handle.db, "' or 1=1 --")).toBeNull();
  });
});
