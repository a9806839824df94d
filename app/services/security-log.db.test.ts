import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "#db/client";
import { securityEvents } from "#db/schema";
import { createPerson } from "#tests/setup/db-builders";
import { createTestDatabase } from "#tests/setup/test-database";
import {
  decodeCursor,
  listSecurityEvents,
  readSecurityLogFilter,
  recordSecurityEvent,
  securityLogCsv,
  typedEmailLabel,
  type SecurityDetail,
} from "./security-log.server";

let handle: DatabaseHandle;
const id: Record<string, string> = {};
const at = (day: number, minute = 0) => new Date(Date.UTC(2026, 10, day, 9, minute));

beforeAll(async () => {
  handle = await createTestDatabase();
  id.ada = (await createPerson(handle.db, { name: "Ada", roles: ["admin"] })).id;
  id.bob = (await createPerson(handle.db, { name: "Bob" })).id;
  // Five events a day for four days, two of them Bob's sign-ins; two in the same millisecond to test the cursor's tie-break.
  for (let day = 1; day <= 4; day++) {
    for (let minute = 0; minute < 5; minute++) {
      const bob = minute < 2;
      await recordSecurityEvent(
        handle.db,
        {
          kind: bob ? "sign-in.password" : "person.role-changed",
          actorId: bob ? id.bob : id.ada,
          subjectId: id.bob,
          address: "10.0.0.1",
        },
        at(day, minute === 4 ? 3 : minute),
      );
    }
  }
});
afterAll(() => handle.close());

describe("recording", () => {
  test("keeps only allow-listed detail keys, short values, and clips the user agent and label", async () => {
    const detail = {
      reason: "invalid",
      password: "hunter2",
      note: "private words",
      token: "Okta",
    } as unknown as SecurityDetail;
    await recordSecurityEvent(
      handle.db,
      { kind: "scim.token-used", actorLabel: "x".repeat(400), userAgent: "U".repeat(1000), detail },
      at(20),
    );
    const [row] = await handle.db
      .select()
      .from(securityEvents)
      .where(eq(securityEvents.at, at(20)));
    expect(row!.detail).toEqual({ reason: "invalid", token: "Okta" });
    expect(row!.userAgent).toHaveLength(256);
    expect(row!.actorLabel).toHaveLength(160);
    expect(row!.outcome).toBe("success");
    await handle.db.delete(securityEvents).where(eq(securityEvents.at, at(20)));
  });

  test("a kind or outcome outside the enum is refused by the table", async () => {
    await expect(handle.db.execute(sql`insert into security_events (kind) values ('made-up')`)).rejects.toThrow();
    await expect(
      handle.db.execute(sql`insert into security_events (kind, outcome) values ('sign-out', 'maybe')`),
    ).rejects.toThrow();
  });

  test("a typed e-mail is kept normalised when it looks like one, and not at all otherwise", () => {
    expect(typedEmailLabel("  Ada@Example.COM ")).toBe("ada@example.com");
    expect(typedEmailLabel("correct horse battery staple")).toBe("(not an address)");
    expect(typedEmailLabel("Tr0ub4dor&3")).toBe("(not an address)");
    expect(typedEmailLabel("")).toBe("(not an address)");
  });
});

describe("reading", () => {
  test("newest first, paged by (at, id) with nothing skipped or repeated", async () => {
    const seen: string[] = [];
    let cursor = null;
    let pages = 0;
    do {
      const page = await listSecurityEvents(handle.db, {}, cursor, 3);
      seen.push(...page.rows.map((r) => r.id));
      for (let i = 1; i < page.rows.length; i++) expect(page.rows[i - 1]!.at >= page.rows[i]!.at).toBe(true);
      cursor = decodeCursor(page.next);
      pages++;
    } while (cursor);
    expect(seen).toHaveLength(20);
    expect(new Set(seen).size).toBe(20);
    expect(pages).toBe(7);
    const all = await listSecurityEvents(handle.db, {}, null, 100);
    expect(all.rows.map((r) => r.id)).toEqual(seen);
    expect(all.rows[0]).toMatchObject({ actorName: "Ada", subjectName: "Bob", clientAddress: "10.0.0.1" });
  });

  test("filters by kind, person (actor or subject) and an inclusive date range", async () => {
    const count = async (params: string) =>
      (await listSecurityEvents(handle.db, readSecurityLogFilter(new URLSearchParams(params)), null, 100)).rows.length;
    expect(await count("kind=sign-in.password")).toBe(8);
    expect(await count(`person=${id.ada}`)).toBe(12);
    expect(await count(`person=${id.bob}`)).toBe(20);
    expect(await count("from=2026-11-02&to=2026-11-03")).toBe(10);
    expect(await count("from=2026-11-04")).toBe(5);
    expect(await count(`kind=sign-in.password&person=${id.ada}`)).toBe(0);
    // Malformed filters are left out, never an error.
    expect(await count("kind=nope&person=not-a-uuid&from=yesterday&to=2026-13-45")).toBe(20);
    expect(decodeCursor("garbage")).toBeNull();
  });

  test("the CSV holds the filtered rows with a header, and defuses formula-looking cells", async () => {
    await recordSecurityEvent(
      handle.db,
      { kind: "sign-in.password", outcome: "failure", actorLabel: "=cmd@evil.test", detail: { reason: "invalid" } },
      at(10),
    );
    const csv = await securityLogCsv(
      handle.db,
      readSecurityLogFilter(new URLSearchParams("from=2026-11-10&to=2026-11-10")),
    );
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe("time,kind,outcome,actor,actor_id,subject,subject_id,address,user_agent,detail");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("2026-11-10T09:00:00.000Z,sign-in.password,failure,'=cmd@evil.test");
    expect(lines[1]).toContain('"{""reason"":""invalid""}"');
  });
});
