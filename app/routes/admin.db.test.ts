import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { count } from "drizzle-orm";
import type { DatabaseHandle } from "#db/client";
import { people, teams as teamsTable } from "#db/schema";
import { useDatabaseForTests } from "~/services/db.server";
import { createPerson, createTeam } from "#tests/setup/db-builders";
import { actionArgs, loaderArgs, statusOf } from "#tests/setup/requests";
import { createTestDatabase } from "#tests/setup/test-database";
import * as importPage from "./admin.import";
import * as newPerson from "./admin.people.new";
import * as editPerson from "./admin.people.$personId";
import * as list from "./admin.people._index";
import * as teams from "./admin.teams";

let handle: DatabaseHandle;
const id: Record<string, string> = {};

beforeAll(async () => {
  handle = await createTestDatabase();
  useDatabaseForTests(handle);
  id.admin = (await createPerson(handle.db, { name: "Ada", roles: ["admin"] })).id;
  id.hr = (await createPerson(handle.db, { name: "Hal", roles: ["hr"] })).id;
  id.manager = (await createPerson(handle.db, { name: "Mo" })).id;
  id.report = (await createPerson(handle.db, { name: "Ana", managerId: id.manager })).id;
});
afterAll(() => handle.close());

const peopleCount = async () => (await handle.db.select({ n: count() }).from(people))[0]!.n;
const personForm = { name: "Zed", email: "zed@x.test", managerEmail: "", roles: "manager" };

describe("admin pages refuse everyone but admins, and write nothing for them", () => {
  test.each(["hr", "manager", "report"])("%s", async (who) => {
    const before = await peopleCount();
    const viewer = id[who]!;
    expect(await statusOf(async () => list.loader(await loaderArgs(viewer, "/admin/people")))).toBe(403);
    expect(await statusOf(async () => newPerson.loader(await loaderArgs(viewer, "/admin/people/new")))).toBe(403);
    expect(
      await statusOf(async () => newPerson.action(await actionArgs(viewer, "/admin/people/new", personForm))),
    ).toBe(403);
    expect(await statusOf(async () => editPerson.loader(await loaderArgs(viewer, "/", { personId: id.report! })))).toBe(
      403,
    );
    expect(
      await statusOf(async () =>
        editPerson.action(
          await actionArgs(viewer, "/", { intent: "active", version: "1", active: "false" }, { personId: id.report! }),
        ),
      ),
    ).toBe(403);
    expect(
      await statusOf(async () => teams.action(await actionArgs(viewer, "/admin/teams", { name: "Skunkworks" }))),
    ).toBe(403);
    expect(
      await statusOf(async () =>
        importPage.action(
          await actionArgs(viewer, "/admin/import", { csv: "email,name,team,manager_email,roles\nq@x.test,Q,,," }),
        ),
      ),
    ).toBe(403);
    expect(await peopleCount()).toBe(before);
  });
});

describe("as an admin", () => {
  test("the pages load and a person is created", async () => {
    expect(await statusOf(async () => list.loader(await loaderArgs(id.admin!, "/admin/people?q=an")))).toBe(200);
    expect(
      await statusOf(async () => newPerson.action(await actionArgs(id.admin!, "/admin/people/new", personForm))),
    ).toBe(302);
  });

  test("the edit form's own fields save (it sends intent=edit), and a malformed id is a 404, not a 500", async () => {
    const edit = {
      intent: "edit",
      version: "1",
      name: "Ana Renamed",
      email: "ana@x.test",
      managerEmail: "",
      roles: "manager",
    };
    expect(
      await statusOf(async () => editPerson.action(await actionArgs(id.admin!, "/", edit, { personId: id.report! }))),
    ).toBe(302);
    for (const personId of ["not-a-uuid", "00000000-0000-4000-8000-000000000000"]) {
      expect(
        await statusOf(async () =>
          editPerson.action(await actionArgs(id.admin!, "/", { ...edit, version: "2" }, { personId })),
        ),
      ).toBe(404);
      expect(
        await statusOf(async () =>
          editPerson.action(
            await actionArgs(id.admin!, "/", { intent: "active", version: "1", active: "false" }, { personId }),
          ),
        ),
      ).toBe(404);
    }
  });

  test("malformed forms get 400 with messages, never a 500", async () => {
    const before = await peopleCount();
    const forms: Record<string, string>[] = [
      {},
      { name: "", email: "nope" },
      { name: "x".repeat(500), email: "a@b.c", roles: "wizard" },
      { name: "A", email: "a@b.c", password: "short" },
    ];
    for (const form of forms) {
      expect(await statusOf(async () => newPerson.action(await actionArgs(id.admin!, "/admin/people/new", form)))).toBe(
        400,
      );
    }
    expect(
      await statusOf(async () =>
        editPerson.action(
          await actionArgs(
            id.admin!,
            "/",
            { intent: "edit", name: "A", email: "a@b.c", managerEmail: "ghost@x.test", version: "1" },
            { personId: id.report! },
          ),
        ),
      ),
    ).toBe(400);
    expect(
      await statusOf(async () => importPage.action(await actionArgs(id.admin!, "/admin/import", { csv: "garbage" }))),
    ).toBe(400);
    expect(await peopleCount()).toBe(before);
  });

  test("a team id that names no team is a message on the field, not a foreign-key 500", async () => {
    const before = await peopleCount();
    const form = { ...personForm, email: "nobody-team@x.test", teamId: "00000000-0000-4000-8000-000000000000" };
    const reply = (await newPerson.action(await actionArgs(id.admin!, "/admin/people/new", form))) as {
      data: { error: Record<string, string[]> };
      init: { status: number };
    };
    expect(reply.init.status).toBe(400);
    expect(reply.data.error.teamId).toEqual(["Choose a team from the list."]);
    const edit = {
      intent: "edit",
      version: "1",
      name: "Mo",
      email: "mo@x.test",
      managerEmail: "",
      teamId: "00000000-0000-4000-8000-000000000000",
    };
    const editReply = (await editPerson.action(
      await actionArgs(id.admin!, "/", edit, { personId: id.manager! }),
    )) as typeof reply;
    expect(editReply.init.status).toBe(400);
    expect(editReply.data.error.teamId).toEqual(["Choose a team from the list."]);
    expect(await peopleCount()).toBe(before);
  });

  test("an import that is not a multipart form is a 400, not 'larger than 1 MB'", async () => {
    const body = new URLSearchParams({ csv: "email,name,team,manager_email,roles\nq@x.test,Q,,," });
    const args = await actionArgs(id.admin!, "/admin/import", {});
    const request = new Request(args.request.url, {
      method: "POST",
      headers: { Cookie: args.request.headers.get("Cookie")! },
      body,
    });
    const reply = (await importPage.action({ ...args, request })) as {
      data: { errors: string[] };
      init: { status: number };
    };
    expect(reply.init.status).toBe(400);
    expect(reply.data.errors).toEqual(["Send the CSV through the import form."]);
  });

  test("teams: a rename lands back on the tree saying so; a refused removal is a 400 saying what is in it", async () => {
    const team = await createTeam(handle.db, { name: "Route Team" });
    await createPerson(handle.db, { name: "In It", teamId: team.id });
    const edit = { intent: "edit", teamId: team.id, name: "Route Team Renamed", parentTeamId: "" };
    const saved = (await teams.action(await actionArgs(id.admin!, "/admin/teams", edit))) as Response;
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe("/admin/teams?done=saved&team=Route+Team+Renamed");
    const again = (await teams.action(await actionArgs(id.admin!, "/admin/teams", edit))) as Response;
    expect(again.headers.get("Location")).toBe("/admin/teams?done=unchanged&team=Route+Team+Renamed");
    const refused = (await teams.action(
      await actionArgs(id.admin!, "/admin/teams", { intent: "remove", teamId: team.id }),
    )) as { data: { error: Record<string, string[]> }; init: { status: number } };
    expect(refused.init.status).toBe(400);
    expect(refused.data.error[""]).toEqual([
      "Route Team Renamed still has 1 person in it. Move the people to another team first: only an empty team can be removed.",
    ]);
    const malformed: Record<string, string>[] = [
      { intent: "remove" },
      { intent: "edit", teamId: "nope", name: "" },
      { intent: "rename" },
    ];
    for (const form of malformed) {
      expect(await statusOf(async () => teams.action(await actionArgs(id.admin!, "/admin/teams", form)))).toBe(400);
    }
    const empty = await createTeam(handle.db, { name: "Route Empty" });
    const removed = (await teams.action(
      await actionArgs(id.admin!, "/admin/teams", { intent: "remove", teamId: empty.id }),
    )) as Response;
    expect(removed.headers.get("Location")).toBe("/admin/teams?done=removed&team=Route+Empty");
    expect((await handle.db.select().from(teamsTable)).map((t) => t.name)).toEqual(["Route Team Renamed"]);
  });
});
