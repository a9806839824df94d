/**
 * One simulated person's browser: their session cookie, form POSTs with the
 * Origin a browser sends, redirects not followed (a 302 after a POST is the
 * app saying "saved"). Every request lands in the shared request log.
 */

export interface RequestRecord {
  method: "GET" | "POST";
  /** The route pattern, not the URL, so figures group by page. */
  page: string;
  /** Milliseconds since the run started. */
  startedAt: number;
  ms: number;
  /** 0 when no HTTP answer came (refused, reset, timed out). */
  status: number;
  /** Why a request failed in a way no client should see: a network error, a hang, a 5xx that is not a clean 503. */
  unclean?: string;
}

export interface Answer {
  status: number;
  location: string | null;
  body: string;
  ok: boolean;
}

/** Any request slower than this is a hang, not an answer. */
const REQUEST_TIMEOUT_MS = 15_000;

const STACK_TRACE = /\n\s+at [^\n]+:\d+:\d+/;

export class RequestLog {
  readonly records: RequestRecord[] = [];
  constructor(readonly origin: number) {}
  now(): number {
    return performance.now() - this.origin;
  }
}

export class Browser {
  constructor(
    readonly base: string,
    private readonly cookie: string,
    private readonly log: RequestLog,
  ) {}

  get(path: string, page: string): Promise<Answer> {
    return this.send("GET", path, page);
  }

  /** A form as the browser posts it without JavaScript: urlencoded, to the form's action. */
  post(path: string, page: string, fields: Record<string, string | number>): Promise<Answer> {
    const body = new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, String(v)]));
    return this.send("POST", path, page, body);
  }

  private async send(method: "GET" | "POST", path: string, page: string, body?: URLSearchParams): Promise<Answer> {
    const startedAt = this.log.now();
    const headers: Record<string, string> = { cookie: this.cookie, accept: "text/html" };
    if (method === "POST") headers.origin = this.base;
    const record: RequestRecord = { method, page, startedAt, ms: 0, status: 0 };
    this.log.records.push(record);
    try {
      const response = await fetch(this.base + path, {
        method,
        headers,
        body,
        redirect: "manual",
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await response.text();
      record.status = response.status;
      record.ms = this.log.now() - startedAt;
      if (response.status >= 500) record.unclean = uncleanFailure(response, text);
      return {
        status: response.status,
        location: response.headers.get("location"),
        body: text,
        ok: response.status < 400,
      };
    } catch (error) {
      record.ms = this.log.now() - startedAt;
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      record.unclean =
        (error as Error).name === "TimeoutError"
          ? `no answer within ${REQUEST_TIMEOUT_MS} ms`
          : `network error ${cause ?? (error as Error).message}`;
      return { status: 0, location: null, body: "", ok: false };
    }
  }
}

/**
 * What makes a 5xx unclean, or undefined for the one clean kind: a 503 that
 * says to come back (Retry-After), in words a person reads, with no stack trace.
 */
function uncleanFailure(response: Response, body: string): string | undefined {
  if (response.status !== 503) return `status ${response.status}`;
  if (!response.headers.get("retry-after")) return "503 without Retry-After";
  if (STACK_TRACE.test(body)) return "503 with a stack trace";
  if (!/Briefly unavailable|can&#x27;t reach its database|can't reach its database/.test(body))
    return "503 without the outage message";
  return undefined;
}
