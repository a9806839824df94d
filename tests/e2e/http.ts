import { expect } from "vitest";
import { DEMO_PASSWORD } from "./browser";

/**
 * Plain HTTP against the built server, for what a browser hides: headers,
 * cookie flags, and requests no page of ours would send. Redirects are not
 * followed, so each answer is the server's own.
 */
export interface HttpOptions {
  cookie?: string;
  /** Sent as-is; `null` sends no Origin header. Defaults to the server's own origin. */
  origin?: string | null;
  referer?: string;
  headers?: Record<string, string>;
  body?: BodyInit;
}

export async function http(
  baseUrl: string,
  method: string,
  path: string,
  options: HttpOptions = {},
): Promise<Response> {
  const headers = new Headers(options.headers);
  if (options.cookie) headers.set("Cookie", options.cookie);
  const origin = options.origin === undefined ? baseUrl : options.origin;
  if (origin !== null && method !== "GET" && method !== "HEAD") headers.set("Origin", origin);
  if (options.referer) headers.set("Referer", options.referer);
  return fetch(new URL(path, baseUrl), { method, headers, body: options.body, redirect: "manual" });
}

export const form = (fields: Record<string, string>) => new URLSearchParams(fields);

/** Signs in through the real sign-in form's POST, from our own origin; returns the Set-Cookie and the Cookie to send. */
export async function signInOverHttp(
  baseUrl: string,
  email: string,
  options: Omit<HttpOptions, "body"> = {},
): Promise<{ response: Response; setCookie: string; cookie: string }> {
  const response = await http(baseUrl, "POST", "/sign-in", {
    ...options,
    body: form({ email, password: DEMO_PASSWORD }),
  });
  expect(response.status, `sign-in as ${email}`).toBe(302);
  const setCookie = response.headers.getSetCookie().find((c) => c.startsWith("__rapport="));
  if (!setCookie) throw new Error(`sign-in as ${email} set no session cookie`);
  return { response, setCookie, cookie: setCookie.split(";")[0]! };
}

/** The attributes of one Set-Cookie header, names lower-cased. */
export function cookieAttributes(setCookie: string): Map<string, string> {
  const [, ...parts] = setCookie.split(";");
  return new Map(
    parts.map((part) => {
      const [name, ...value] = part.trim().split("=");
      return [name!.toLowerCase(), value.join("=")] as const;
    }),
  );
}

/** The CSP's script nonce, after checking the headers every response must carry. */
export function expectSecurityHeaders(response: Response, label: string): string {
  const csp = response.headers.get("content-security-policy") ?? "";
  expect(csp, `${label}: CSP`).toContain("frame-ancestors 'none'");
  expect(csp, `${label}: CSP`).toContain("default-src 'self'");
  expect(csp, `${label}: CSP`).toContain("object-src 'none'");
  const scriptSrc =
    csp
      .split(";")
      .map((d) => d.trim())
      .find((d) => d.startsWith("script-src ")) ?? "";
  expect(scriptSrc, `${label}: script-src`).not.toContain("'unsafe-inline'");
  const nonce = scriptSrc.match(/'nonce-([A-Za-z0-9+/=]{22,})'/)?.[1];
  expect(nonce, `${label}: a nonce in script-src`).toBeTruthy();
  expect(response.headers.get("x-content-type-options"), `${label}: nosniff`).toBe("nosniff");
  expect(response.headers.get("referrer-policy"), `${label}: referrer policy`).toBe("same-origin");
  expect(response.headers.get("x-frame-options"), `${label}: X-Frame-Options`).toBe("DENY");
  return nonce!;
}
