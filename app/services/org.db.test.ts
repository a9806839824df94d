import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { and, eq, isNull, like } from "drizzle-orm";
import type { DatabaseHandle } from "#db/client";
import { people, reportingLines } from "#db/schema";
import { hashPassword } from "~/auth/password.server";
import type { Viewer } from "~/auth/policies";
import { createPerson } from "#tests/setup/db-builders";
import { createTestDatabase } from "#tests/setup/test-database";
import { RecordNotFound, RuleViolation, StaleRecordError } from "./errors.server";
import {
  createPersonAsAdmin,
  getPersonForAdmin,
  listManagerChoices,
  MANAGER_LIST_MAX,
  setPersonActive,
  updatePersonAsAdmin,
} from "./org.server";
import { signIn } from "./sign-in.server";

let handle: DatabaseHandle;
let admin: Viewer;
const ids: Record<string, string> = {};

beforeAll(async () => {
  handle = await createTestDatabase();
  const a = await createPerson(handle.db, { email: "admin@x.test", name: "Ada", roles: ["admin"] });
  admin = { ...a, roles: ["admin"] };
  ids.ceo = (await createPerson(handle.db, { email: "ceo@x.test", name: "Ceo" })).id;
  ids.vp = (await createPerson(handle.db, { email: "vp@x.test", name: "Vp", managerId: ids.ceo })).id;
  ids.dev = (await createPerson(handle.db, { email: "dev@x.test", name: "Dev", managerId: ids.vp })).id;
});
afterAll(() => handle.close());

const edit = async (id: string, over: Partial<Parameters<typeof updatePersonAsAdmin>[3]> = {}) => {
  const p = (await getPersonForAdmin(handle.db, admin, id))!;
  return updatePersonAsAdmin(
    handle.db,
    admin,
    id,
    {
      name: p.name,
      email: p.email,
      teamId: p.teamId ?? undefined,
      managerEmail: p.managerEmail ?? undefined,
      roles: p.roles,
      version: p.version,
      ...over,
    },
    new Date(),
  );
};

describe("people, as an admin", () => {
  test("a new person with a password can sign in; the email is lowercased and unique", async () => {
    const person = await createPersonAsAdmin(
      handle.db,
      admin,
      { name: "New Hire", email: "new@x.test", managerEmail: "vp@x.test", roles: [] },
      new Date(),
    );
    // An admin sets no password (ADR 025): the person would choose it through their invitation.
    await handle.db
      .update(people)
      .set({ passwordHash: await hashPassword("a long enough password") })
      .where(eq(people.id, person.id));
    expect(
      (await signIn(handle.db, { email: "new@x.test", password: "a long enough password", ip: "1.1.1.1" }, new Date()))
        .ok,
    ).toBe(true);
    const lines = await handle.db.select().from(reportingLines).where(eq(reportingLines.personId, person.id));
    expect(lines).toEqual([expect.objectContaining({ managerId: ids.vp, endedAt: null })]);
    await expect(
      createPersonAsAdmin(handle.db, admin, { name: "Dup", email: "new@x.test", roles: [] }, new Date()),
    ).rejects.toMatchObject({ field: "email" });
  });

  test("a manager change ends the old reporting line and starts a new one", async () => {
    await edit(ids.dev!, { managerEmail: "ceo@x.test" });
    const lines = await handle.db.select().from(reportingLines).where(eq(reportingLines.personId, ids.dev!));
    expect(lines.filter((l) => l.endedAt === null).map((l) => l.managerId)).toEqual([ids.ceo]);
    expect(lines.some((l) => l.managerId === ids.vp && l.endedAt !== null)).toBe(true);
    await edit(ids.dev!, { managerEmail: "vp@x.test" });
  });

  test("a loop in the reporting line is refused with who is in it, and nothing changes", async () => {
    const error = await edit(ids.ceo!, { managerEmail: "dev@x.test" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuleViolation);
    expect((error as RuleViolation).message).toBe(
      "That would make a loop in the reporting line: Ceo → Dev → Vp → Ceo.",
    );
    const [ceo] = await handle.db.select().from(people).where(eq(people.id, ids.ceo!));
    expect(ceo!.managerId).toBeNull();
    expect(
      await handle.db
        .select()
        .from(reportingLines)
        .where(and(eq(reportingLines.personId, ids.ceo!), isNull(reportingLines.endedAt))),
    ).toEqual([]);
  });

  test("a stale edit is refused", async () => {
    const p = (await getPersonForAdmin(handle.db, admin, ids.vp!))!;
    await edit(ids.vp!, { name: "Vp One" });
    await expect(
      updatePersonAsAdmin(
        handle.db,
        admin,
        ids.vp!,
        { name: "Vp Two", email: p.email, managerEmail: "ceo@x.test", roles: [], version: p.version },
        new Date(),
      ),
    ).rejects.toBeInstanceOf(StaleRecordError);
  });

  test("someone who still manages people cannot be deactivated; a deactivated person cannot sign in", async () => {
    const vp = (await getPersonForAdmin(handle.db, admin, ids.vp!))!;
    await expect(
      setPersonActive(handle.db, admin, ids.vp!, { version: vp.version, active: false }, new Date()),
    ).rejects.toThrow(/Move their 2 reports to another manager first/);
    const person = await createPersonAsAdmin(
      handle.db,
      admin,
      { name: "Leaver", email: "leaver@x.test", roles: [] },
      new Date(),
    );
    await handle.db
      .update(people)
      .set({ passwordHash: await hashPassword("a long enough password") })
      .where(eq(people.id, person.id));
    await setPersonActive(handle.db, admin, person.id, { version: 1, active: false }, new Date());
    expect(
      (
        await signIn(
          handle.db,
          { email: "leaver@x.test", password: "a long enough password", ip: "1.1.1.2" },
          new Date(),
        )
      ).ok,
    ).toBe(false);
  });

  test("only an admin manages people", async () => {
    const hr: Viewer = { id: ids.vp!, name: "Vp", email: "vp@x.test", roles: ["hr", "manager"] };
    await expect(
      createPersonAsAdmin(handle.db, hr, { name: "X", email: "x@x.test", roles: [] }, new Date()),
    ).rejects.toBeInstanceOf(RecordNotFound);
    await expect(getPersonForAdmin(handle.db, hr, ids.dev!)).rejects.toBeInstanceOf(RecordNotFound);
  });
});

describe("choosing a manager", () => {
  test("oneself is refused on the field with a plain reason", async () => {
    await expect(edit(ids.dev!, { managerEmail: "dev@x.test" })).rejects.toMatchObject({
      field: "managerEmail",
      message: "Nobody can be their own manager: choose someone else, or nobody.",
    });
  });

  test("the list holds active people by name with their e-mail, without the person or anyone below them", async () => {
    const choices = await listManagerChoices(handle.db, admin, ids.vp!);
    expect(choices.kind).toBe("list");
    const emails = choices.people.map((p) => p.email);
    expect(emails).toContain("ceo@x.test");
    expect(emails).not.toContain("vp@x.test");
    expect(emails).not.toContain("dev@x.test"); // reports to vp
    expect(emails).not.toContain("leaver@x.test"); // deactivated
    const names = choices.people.map((p) => p.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    // A new person may report to anyone active.
    expect((await listManagerChoices(handle.db, admin, null)).people.map((p) => p.email)).toContain("dev@x.test");
  });

  test("a current manager who is no longer active stays on the list, so a save never drops them unasked", async () => {
    const choices = await listManagerChoices(handle.db, admin, ids.dev!, "leaver@x.test");
    expect(choices.people.map((p) => p.email)).toContain("leaver@x.test");
  });

  test(`above ${MANAGER_LIST_MAX} active people, the e-mail is typed and current managers are suggested`, async () => {
    const many = Array.from({ length: MANAGER_LIST_MAX }, (_, i) => ({
      name: `Many ${i}`,
      email: `many${i}@x.test`,
    }));
    await handle.db.insert(people).values(many);
    const choices = await listManagerChoices(handle.db, admin, ids.dev!);
    expect(choices.kind).toBe("suggest");
    expect(choices.people.map((p) => p.email).sort()).toEqual(["ceo@x.test", "vp@x.test"]);
    await handle.db.delete(people).where(like(people.email, "many%"));
  });
});
