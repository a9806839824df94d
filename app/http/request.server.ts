import type { AppLoadContext } from "@remix-run/node";
import { env, publicUrl } from "~/env.server";

/** The client's address as the HTTP server saw it (app/server.ts puts it in the load context). */
export function clientAddress(_request: Request, context: AppLoadContext): string {
  const address = (context as { clientAddress?: unknown }).clientAddress;
  return typeof address === "string" && address ? address : "unknown";
}

/** Where a request came from, as the security log records it. */
export function requestOrigin(
  request: Request,
  context: AppLoadContext,
): { address: string; userAgent: string | null } {
  return { address: clientAddress(request, context), userAgent: request.headers.get("User-Agent") };
}

/**
 * Where people and their apps reach Rapport from outside: RAPPORT_PUBLIC_URL when set (behind a proxy the
 * request's own origin may be an inside one), else the origin this request came to.
 */
export function publicOrigin(request: Request): string {
  return env().RAPPORT_PUBLIC_URL ? publicUrl() : new URL(request.url).origin;
}
