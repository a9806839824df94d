import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { changeManager, createPerson } from "#tests/setup/db-builders";
import { createTestDatabase } from "#tests/setup/test-database";
import { loadPerson, loadSubject } from "./subjects.server";
import { findViewer } from "./viewer.server";

let handle: DatabaseHandle;
const ids: Record<string, string> = {};

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  ids.ceo = (await createPerson(db, { name: "Ceo", roles: ["admin"] })).id;
  ids.manager = (await createPerson(db, { name: "Manager", managerId: ids.ceo })).id;
  ids.alice = (await createPerson(db, { name: "Alice", managerId: ids.manager })).id;
  ids.other = (await createPerson(db, { name: "Other", managerId: ids.ceo })).id;
  ids.gone = (await createPerson(db, { name: "Gone", managerId: ids.manager, active: false })).id;
});
afterAll(() => handle.close());

describe("loadSubject", () => {
  test("returns the manager chain, nearest first", async () => {
    expect(await loadSubject(handle.db, ids.alice!)).toEqual({ id: ids.alice, managerChain: [ids.manager, ids.ceo] });
    expect(await loadSubject(handle.db, ids.ceo!)).toEqual({ id: ids.ceo, managerChain: [] });
  });

  test("follows a change of manager at once: the former manager drops out of the chain", async () => {
    await changeManager(handle.db, ids.alice!, ids.other!);
    expect((await loadSubject(handle.db, ids.alice!))?.managerChain).toEqual([ids.other, ids.ceo]);
    await changeManager(handle.db, ids.alice!, ids.manager!);
  });

  test("nobody for an unknown, malformed or inactive id", async () => {
    expect(await loadSubject(handle.db, "00000000-0000-4000-8000-000000000000")).toBeNull();
    expect(await loadSubject(handle.db, "'; drop table people; --")).toBeNull();
    expect(await loadSubject(handle.db, ids.gone!)).toBeNull();
  });
});

describe("findViewer", () => {
  test("a person with active reports is a manager; granted roles are kept", async () => {
    expect((await findViewer(handle.db, ids.ceo!))?.roles).toEqual(["admin", "manager"]);
    expect((await findViewer(handle.db, ids.manager!))?.roles).toEqual(["manager"]);
    expect((await findViewer(handle.db, ids.alice!))?.roles).toEqual([]);
  });

  test("a deactivated person has no session", async () => {
    expect(await findViewer(handle.db, ids.gone!)).toBeNull();
  });
});

describe("loadPerson", () => {
  test("the subject loadSubject gives, with the name from the same row", async () => {
    expect(await loadPerson(handle.db, ids.alice!)).toEqual({
      subject: await loadSubject(handle.db, ids.alice!),
      person: { id: ids.alice, name: "Alice" },
    });
  });

  test("nobody for an unknown, malformed or inactive id", async () => {
    expect(await loadPerson(handle.db, "00000000-0000-4000-8000-000000000000")).toBeNull();
    expect(await loadPerson(handle.db, "not-a-uuid")).toBeNull();
    expect(await loadPerson(handle.db, ids.gone!)).toBeNull();
  });
});
