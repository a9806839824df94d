/**
 * Hands Express requests to Remix, as @remix-run/express does, with two
 * differences: the request's URL and Host are the same origin the CSRF check trusts
 * (X-Forwarded-* only as far as RAPPORT_TRUST_PROXY says, and never passed on), and a body that
 * app/http/middleware.server.ts already read (a chunked one, counted against
 * its limit) is passed on from memory instead of from the spent socket.
 */
import {
  createReadableStreamFromReadable,
  createRequestHandler,
  writeReadableStreamToWritable,
  type AppLoadContext,
  type ServerBuild,
} from "@remix-run/node";
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { bufferedBody } from "./middleware.server";
import { checkOneClickUnsubscribe, ownOrigin } from "./same-origin.server";

export function remixHandler(options: {
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode: string | undefined;
  /** How many proxies in front of us to believe (RAPPORT_TRUST_PROXY). */
  proxyHops: number;
  getLoadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext;
}) {
  const handle = createRequestHandler(options.build, options.mode);
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    // An absolute URL in the request line (proxy style) is no path of ours.
    if (!req.originalUrl.startsWith("/")) return void res.status(400).type("text/plain").send("Bad request.");
    try {
      const request = toFetchRequest(req, res, options.proxyHops);
      const response = await handle(request, options.getLoadContext(req, res));
      res.statusMessage = response.statusText;
      res.status(response.status);
      for (const [name, value] of response.headers) res.append(name, value);
      if (response.body) await writeReadableStreamToWritable(response.body, res);
      else res.end();
    } catch (error) {
      next(error);
    }
  };
}

function toFetchRequest(req: ExpressRequest, res: ExpressResponse, proxyHops: number): Request {
  const origin =
    ownOrigin({ headers: { get: (name) => req.get(name) }, encrypted: isEncrypted(req), proxyHops }) ??
    "http://localhost";
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    // Decided above, once: Remix reading them again (its own action check takes the first, client-written
    // value of X-Forwarded-Host) could only disagree. The client's address reaches routes in the load context.
    if (name.startsWith("x-forwarded-")) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  headers.set("host", new URL(origin).host);
  // A one-click unsubscribe comes from a mail provider's server, under its own Origin: our check let it
  // through on that one path (./same-origin.server.ts), and Remix's own would refuse it with a 500.
  if (checkOneClickUnsubscribe({ method: req.method, url: req.originalUrl })?.ok) headers.delete("origin");
  // Stop loaders and actions whose client went away before the answer was written.
  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers, signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = bufferedBody(res) ?? createReadableStreamFromReadable(req);
    init.duplex = "half";
  }
  return new Request(origin + req.originalUrl, init);
}

function isEncrypted(req: ExpressRequest): boolean {
  return Boolean((req.socket as { encrypted?: boolean }).encrypted);
}
