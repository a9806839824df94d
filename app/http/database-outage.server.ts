/**
 * While PostgreSQL is down or restarting, every page and form answers 503
 * with Retry-After and a short page that says so (GeneralErrorBoundary's
 * 503 message), never a 500 with a stack trace. Nothing else is needed to
 * recover: the postgres driver opens fresh connections on the next query
 * once the server is back. docs/decisions/017-database-outages.md.
 */
import type { ServerBuild } from "@remix-run/node";

/** Seconds a client is asked to wait: about one PostgreSQL restart. */
const RETRY_AFTER_SECONDS = 5;

/** Socket errors (Node) and the postgres driver's own connection errors. */
const CONNECTION_ERROR_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
]);

/**
 * SQLSTATEs that mean "the server can not serve you now", not "your query is
 * wrong": admin_shutdown, crash_shutdown, cannot_connect_now (starting up or
 * shutting down) and too_many_connections. Class 08 (connection exception) is
 * matched by its prefix.
 */
const UNAVAILABLE_SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300"]);

function codeOf(error: object): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : undefined;
}

/**
 * Whether `error` says the database is unreachable, however it is wrapped:
 * drizzle puts the driver's error in `cause`, Node puts each failed address
 * of a host name in an AggregateError's `errors`.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 5) return false;
  const code = codeOf(error);
  if (code && (CONNECTION_ERROR_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code)))
    return true;
  const nested = [
    (error as { cause?: unknown }).cause,
    ...((error as { errors?: unknown }).errors instanceof Array ? (error as { errors: unknown[] }).errors : []),
  ];
  return nested.some((inner) => isDatabaseUnavailable(inner, depth + 1));
}

/** The error's code, for the log line (the first one found down its causes). */
function describe(error: unknown, depth = 0): string {
  if (!error || typeof error !== "object" || depth > 5) return "unknown";
  return codeOf(error) ?? describe((error as { cause?: unknown }).cause, depth + 1);
}

function databaseUnavailable(): Response {
  return new Response("Rapport can't reach its database right now. Please try again in a moment.", {
    status: 503,
    statusText: "Service Unavailable",
    headers: { "Retry-After": String(RETRY_AFTER_SECONDS), "Content-Type": "text/plain; charset=utf-8" },
  });
}

/** Whether a request failed on an outage and none has succeeded since. */
let outageOpen = false;

const LOG_EVERY_MS = 10_000;
let lastLoggedAt = -Infinity;
let unlogged = 0;

/** One line when an outage starts and then every ten seconds, not a stack trace per request. */
function noteOutage(error: unknown) {
  const now = Date.now();
  if (now - lastLoggedAt < LOG_EVERY_MS) {
    unlogged++;
    return;
  }
  console.warn(
    `Database unavailable (${describe(error)}): answering 503${unlogged ? ` (${unlogged} more since the last notice)` : ""}`,
  );
  lastLoggedAt = now;
  unlogged = 0;
}

type Handler = (...args: never[]) => unknown;

/**
 * The same loader or action, with a database outage thrown as a 503
 * Response. The first success after an outage calls `recovered` once.
 */
export function answerOutagesWith503<F extends Handler>(handler: F, recovered: () => void = () => {}): F {
  const guarded = async (...args: Parameters<F>) => {
    try {
      const result = await handler(...args);
      if (outageOpen) {
        outageOpen = false;
        recovered();
      }
      return result;
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      outageOpen = true;
      noteOutage(error);
      throw databaseUnavailable();
    }
  };
  return guarded as unknown as F;
}

/**
 * postgres-js 3.4.9 throws from a timer, where nobody can catch it, when a
 * transaction writes its ROLLBACK to a connection that has just died: a
 * PostgreSQL restart under write load took the whole app down
 * (porsager/postgres#1154 and #1208; fixes proposed, none released).
 */
export function isDriverClosedSocketCrash(error: unknown): boolean {
  if (!(error instanceof TypeError) || !/reading 'write'|evaluating 'socket\.write'/.test(error.message)) return false;
  const stack = error.stack ?? "";
  return /\bnextWrite\b/.test(stack) && /postgres[\\/]src[\\/]connection\.js/.test(stack);
}

/**
 * Keeps the server up through that one driver crash. The connection it
 * broke would never send again, so the whole pool is replaced; any other
 * uncaught error still ends the process, as it would without this handler.
 */
export function surviveDriverCrashes(resetConnections: () => Promise<void>): void {
  process.on("uncaughtException", (error) => {
    if (!isDriverClosedSocketCrash(error)) {
      console.error(error);
      process.exit(1);
    }
    console.warn(
      "The postgres driver lost a connection mid-transaction (porsager/postgres#1208): replacing the connection pool",
    );
    void resetConnections();
  });
}

function withRetryAfter(response: Response): Response {
  if (response.status === 503 && !response.headers.has("Retry-After"))
    response.headers.set("Retry-After", String(RETRY_AFTER_SECONDS));
  return response;
}

/**
 * The server build with every loader and action guarded. Remix renders a
 * thrown Response through the ErrorBoundary with its status, for documents
 * and for client-side data requests alike; only the Retry-After header is
 * lost on the way, so the entry's two response hooks put it back.
 *
 * `resetConnections` runs once the database answers again after an outage:
 * postgres-js reuses a closed connection's slot with state left from before
 * (an old 57P01 error rejected a query seconds after PostgreSQL was back,
 * in tests/load), so the pool starts afresh instead.
 */
export function withDatabaseOutageHandling(
  build: ServerBuild,
  resetConnections: () => Promise<void> = async () => {},
): ServerBuild {
  const recovered = () => {
    console.warn("Database reachable again: opening fresh connections");
    void resetConnections();
  };
  const routes = Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => {
      const { loader, action } = route.module;
      const module = {
        ...route.module,
        ...(loader ? { loader: answerOutagesWith503(loader, recovered) } : {}),
        ...(action ? { action: answerOutagesWith503(action, recovered) } : {}),
      };
      return [id, { ...route, module }];
    }),
  );
  const entry = build.entry.module;
  const handleDocument = entry.default;
  const handleData = entry.handleDataRequest;
  return {
    ...build,
    routes,
    entry: {
      module: {
        ...entry,
        default: (request, status, headers, context, loadContext) => {
          if (status === 503) headers.set("Retry-After", String(RETRY_AFTER_SECONDS));
          return handleDocument(request, status, headers, context, loadContext);
        },
        handleDataRequest: async (response, args) =>
          withRetryAfter(handleData ? await handleData(response, args) : response),
      },
    },
  };
}
