import net from "node:net";
import type { ServerBuild } from "@remix-run/node";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { beforeAll, describe, expect, test, vi } from "vitest";
import { StaleRecordError } from "~/services/errors.server";
import {
  answerOutagesWith503,
  isDatabaseUnavailable,
  isDriverClosedSocketCrash,
  withDatabaseOutageHandling,
} from "./database-outage.server";

/** A port nothing listens on: bound by us a moment ago, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** What the app's own stack (drizzle over postgres-js) throws when the server is not there. */
async function refusedQueryError(): Promise<unknown> {
  const client = postgres(`postgres://postgres@127.0.0.1:${await closedPort()}/none`, {
    max: 1,
    connect_timeout: 2,
    onnotice: () => {},
  });
  try {
    await drizzle(client).execute(sql`select 1`);
    throw new Error("the query should not have reached a server");
  } catch (error) {
    return error;
  } finally {
    await client.end({ timeout: 1 });
  }
}

let refused: unknown;
beforeAll(async () => {
  refused = await refusedQueryError();
});

describe("isDatabaseUnavailable", () => {
  test("a refused connection, as drizzle wraps it, is an outage", () => {
    expect((refused as Error).cause).toMatchObject({ code: "ECONNREFUSED" });
    expect(isDatabaseUnavailable(refused)).toBe(true);
  });

  test.each([
    ["57P01", "terminating connection due to administrator command"],
    ["57P02", "terminating connection due to crash of another server process"],
    ["57P03", "the database system is starting up"],
    ["53300", "sorry, too many clients already"],
    ["08006", "connection failure"],
  ])("the server's %s (%s) is an outage", (code, message) => {
    const error = new postgres.PostgresError({ code, message, severity: "FATAL" } as never);
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(isDatabaseUnavailable(new Error("Failed query", { cause: error }))).toBe(true);
  });

  test.each([
    "CONNECTION_CLOSED",
    "CONNECTION_ENDED",
    "CONNECTION_DESTROYED",
    "CONNECT_TIMEOUT",
    "ECONNRESET",
    "EPIPE",
  ])("the driver's or socket's %s is an outage", (code) => {
    expect(isDatabaseUnavailable(Object.assign(new Error(code), { code }))).toBe(true);
  });

  test("a host name whose every address refused (an AggregateError) is an outage", () => {
    const each = Object.assign(new Error("connect ECONNREFUSED ::1:5432"), { code: "ECONNREFUSED" });
    expect(isDatabaseUnavailable(new AggregateError([each], "connect failed"))).toBe(true);
  });

  test.each([
    ["42601", 'syntax error at or near "selec"'],
    ["42P01", 'relation "no_such_table" does not exist'],
    ["23505", "duplicate key value violates unique constraint"],
    ["40001", "could not serialize access due to concurrent update"],
    ["57014", "canceling statement due to statement timeout"],
  ])("the server's %s (%s) is not an outage: it stays what it was", (code, message) => {
    const error = new postgres.PostgresError({ code, message, severity: "ERROR" } as never);
    expect(isDatabaseUnavailable(new Error("Failed query", { cause: error }))).toBe(false);
  });

  test("the app's own refusals and anything else are not outages", () => {
    for (const error of [
      new StaleRecordError(2, null),
      new Error("boom"),
      new Response(null, { status: 404 }),
      null,
      undefined,
      "ECONNREFUSED",
      { code: 57 },
    ]) {
      expect(isDatabaseUnavailable(error)).toBe(false);
    }
  });

  test("a cause chain that loops ends", () => {
    const a = new Error("a") as Error & { cause?: unknown };
    a.cause = new Error("b", { cause: a });
    expect(isDatabaseUnavailable(a)).toBe(false);
  });
});

describe("answerOutagesWith503", () => {
  test("an outage becomes a thrown 503 with Retry-After and a short message, logged once", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const loader = answerOutagesWith503(async () => {
      throw refused;
    });
    const thrown = await loader().catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    const response = thrown as Response;
    expect(response.status).toBe(503);
    expect(Number(response.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await response.text()).toMatch(/can't reach its database/);
    await loader().catch(() => {});
    expect(warn.mock.calls.length).toBeLessThanOrEqual(1);
  });

  test("other errors, thrown Responses and results pass through untouched", async () => {
    const bug = new Error("bug");
    await expect(answerOutagesWith503(async () => Promise.reject(bug))()).rejects.toBe(bug);
    const notFound = new Response(null, { status: 404 });
    await expect(answerOutagesWith503(async () => Promise.reject(notFound))()).rejects.toBe(notFound);
    await expect(answerOutagesWith503(async (n: number) => n + 1)(1)).resolves.toBe(2);
  });
});

test("the first success after an outage says so once, so the pool can start afresh", async () => {
  vi.spyOn(console, "warn").mockImplementation(() => {});
  const recovered = vi.fn();
  let down = true;
  const loader = answerOutagesWith503(async () => {
    if (down) throw refused;
    return "page";
  }, recovered);
  await loader().catch(() => {});
  await loader().catch(() => {});
  expect(recovered).not.toHaveBeenCalled();
  down = false;
  await loader();
  await loader();
  expect(recovered).toHaveBeenCalledTimes(1);
});

describe("withDatabaseOutageHandling", () => {
  const failing = async () => {
    throw refused;
  };
  const render = vi.fn(
    (_request: Request, status: number, headers: Headers) => new Response("page", { status, headers }),
  );
  const build = {
    entry: { module: { default: render, startRapport: () => "kept" } },
    routes: {
      root: { id: "root", path: "", module: { loader: failing, default: () => null } },
      "routes/form": { id: "routes/form", parentId: "root", path: "form", module: { action: failing } },
    },
  } as unknown as ServerBuild;
  const wrapped = withDatabaseOutageHandling(build);
  const args = { request: new Request("http://rapport.test/form"), params: {}, context: {} };

  test("guards every loader and action and keeps the rest of each module", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    await expect(wrapped.routes.root!.module.loader!(args)).rejects.toMatchObject({ status: 503 });
    await expect(wrapped.routes["routes/form"]!.module.action!(args)).rejects.toMatchObject({ status: 503 });
    expect(wrapped.routes.root!.module.default).toBe(build.routes.root!.module.default);
    expect((wrapped.entry.module as unknown as { startRapport: () => string }).startRapport()).toBe("kept");
  });

  test("puts Retry-After on 503 documents and data responses, and only on those", async () => {
    const headers = new Headers();
    await wrapped.entry.module.default(args.request, 503, headers, {} as never, {});
    expect(headers.get("Retry-After")).not.toBeNull();
    const okHeaders = new Headers();
    await wrapped.entry.module.default(args.request, 200, okHeaders, {} as never, {});
    expect(okHeaders.get("Retry-After")).toBeNull();
    const data = await wrapped.entry.module.handleDataRequest!(new Response(null, { status: 503 }), args);
    expect(data.headers.get("Retry-After")).not.toBeNull();
    const fine = await wrapped.entry.module.handleDataRequest!(new Response(null, { status: 200 }), args);
    expect(fine.headers.get("Retry-After")).toBeNull();
  });
});

describe("isDriverClosedSocketCrash", () => {
  const withStack = (error: Error, stack: string) =>
    Object.assign(error, { stack: `${error.name}: ${error.message}\n${stack}` });

  test("recognises the driver's write to a dead connection, as Node reports it", () => {
    const crash = withStack(
      new TypeError("Cannot read properties of null (reading 'write')"),
      "    at Immediate.nextWrite (file:///srv/rapport/node_modules/postgres/src/connection.js:255:22)\n    at process.processImmediate (node:internal/timers:483:21)",
    );
    expect(isDriverClosedSocketCrash(crash)).toBe(true);
  });

  test("leaves every other crash alone, even the same message from our own code", () => {
    const ours = withStack(
      new TypeError("Cannot read properties of null (reading 'write')"),
      "    at renderPage (file:///srv/rapport/build/server/index.js:10:5)",
    );
    const otherDriverBug = withStack(
      new TypeError("Cannot read properties of undefined (reading 'replace')"),
      "    at queryError (file:///srv/rapport/node_modules/postgres/src/connection.js:389:48)",
    );
    for (const error of [ours, otherDriverBug, new Error("boom"), refused, null])
      expect(isDriverClosedSocketCrash(error)).toBe(false);
  });
});
