import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { sessionCookieFor } from "~/http/session.server";

const BASE = "http://rapport.test";

/** A GET as `personId` (or anonymous with null), ready for a route's loader. */
export async function loaderArgs(
  personId: string | null,
  path: string,
  params: Record<string, string> = {},
): Promise<LoaderFunctionArgs> {
  const headers = new Headers();
  if (personId) headers.set("Cookie", await sessionCookieFor(personId));
  return { request: new Request(BASE + path, { headers }), params, context: {} as AppLoadContext };
}

/** A form POST as `personId`, ready for a route's action. */
export async function actionArgs(
  personId: string | null,
  path: string,
  form: Record<string, string | string[] | Blob> | FormData,
  params: Record<string, string> = {},
): Promise<ActionFunctionArgs> {
  const headers = new Headers();
  if (personId) headers.set("Cookie", await sessionCookieFor(personId));
  let body: FormData;
  if (form instanceof FormData) body = form;
  else {
    body = new FormData();
    for (const [key, value] of Object.entries(form)) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
    }
  }
  return {
    request: new Request(BASE + path, { method: "POST", headers, body }),
    params,
    context: { clientAddress: "127.0.0.1" } as AppLoadContext,
  };
}

/** Runs a loader/action and returns the thrown or returned Response's status, or 200 for plain data. */
export async function statusOf(run: () => Promise<unknown>): Promise<number> {
  try {
    const result = await run();
    return result instanceof Response ? result.status : statusOfData(result);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    const init = (thrown as { init?: { status?: number } } | null)?.init;
    if (init?.status) return init.status;
    throw thrown;
  }
}

function statusOfData(result: unknown): number {
  const init = (result as { init?: { status?: number } } | null)?.init;
  return init?.status ?? 200;
}

/**
 * A request as an identity provider sends it to /scim/v2: a bearer token (or
 * none), JSON as application/scim+json, and no cookie or Origin.
 */
export function scimArgs(
  token: string | null,
  method: string,
  path: string,
  options: { body?: unknown; params?: Record<string, string>; headers?: Record<string, string> } = {},
): ActionFunctionArgs {
  const headers = new Headers(options.headers);
  if (token) headers.set("Authorization", `Bearer ${token}`);
  const init: RequestInit = { method, headers };
  if (options.body !== undefined) {
    if (!headers.has("Content-Type")) headers.set("Content-Type", "application/scim+json");
    init.body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
  }
  return { request: new Request(BASE + path, init), params: options.params ?? {}, context: {} as AppLoadContext };
}
