/**
 * The guards app/server.ts runs before anything else answers: security
 * headers (with a fresh CSP nonce) on every response, the same-origin check
 * on every mutation, and the body limits. Their refusals are short plain text,
 * never a stack, and carry the same headers as every other response.
 */
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { createNonce, securityHeaders } from "./headers.server";
import { bodyLimitFor } from "./body-limits.server";
import {
  checkOneClickUnsubscribe,
  checkSameOrigin,
  checkScimMutation,
  isMutation,
  ownOrigin,
} from "./same-origin.server";
import { scimErrorBody } from "~/domain/scim";
import { isScimPath } from "./scim-path.server";
import { UNAUTHORIZED_DETAIL } from "./scim.server";

export function withSecurityHeaders(options: { dev: boolean }): RequestHandler {
  return (_req, res, next) => {
    const nonce = createNonce();
    res.locals.cspNonce = nonce;
    for (const [name, value] of Object.entries(securityHeaders(nonce, options))) res.setHeader(name, value);
    next();
  };
}

/** The nonce withSecurityHeaders put in this response's CSP. */
export function cspNonce(res: Response): string | undefined {
  return typeof res.locals.cspNonce === "string" ? res.locals.cspNonce : undefined;
}

export function refuseCrossSiteMutations(options: { proxyHops: number }): RequestHandler {
  return (req, res, next) => {
    if (!isMutation(req.method)) return next();
    const headers = { get: (name: string) => req.get(name) };
    const scim = checkScimMutation({ method: req.method, url: req.originalUrl, headers });
    if (scim) {
      if (scim.ok) return next();
      return refuseScim(req, res, 401, UNAUTHORIZED_DETAIL, { "WWW-Authenticate": 'Bearer realm="Rapport SCIM"' });
    }
    if (checkOneClickUnsubscribe({ method: req.method, url: req.originalUrl })?.ok) return next();
    const verdict = checkSameOrigin({
      method: req.method,
      headers,
      ownOrigin: ownOrigin({
        headers,
        encrypted: Boolean((req.socket as { encrypted?: boolean }).encrypted),
        proxyHops: options.proxyHops,
      }),
    });
    if (verdict.ok) return next();
    refuse(
      req,
      res,
      403,
      "Refused: this form was not sent from a Rapport page. Go back, reload the page and try again.",
    );
  };
}

/**
 * A declared length over the limit is refused before a byte is read. A body
 * without one (chunked) is read into memory up to the limit, refused the
 * moment it passes it, and otherwise handed to Remix from memory.
 */
export function limitRequestBodies(): RequestHandler {
  return (req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD") return next();
    const limit = bodyLimitFor(req.path);
    const declared = req.get("content-length");
    if (declared !== undefined) {
      return Number(declared) > limit ? tooLarge(req, res, limit) : next();
    }
    if (req.get("transfer-encoding") === undefined) return next();
    readChunkedBody(req, res, next, limit);
  };
}

/** The body readChunkedBody kept, for app/http/remix-handler.server.ts. */
export function bufferedBody(res: Response): Uint8Array<ArrayBuffer> | undefined {
  const body: unknown = res.locals.requestBody;
  return body instanceof Uint8Array ? new Uint8Array(body) : undefined;
}

function readChunkedBody(req: Request, res: Response, next: NextFunction, limit: number) {
  const chunks: Buffer[] = [];
  let size = 0;
  const onData = (chunk: Buffer) => {
    size += chunk.length;
    if (size > limit) {
      req.off("data", onData).off("end", onEnd).off("error", onError);
      tooLarge(req, res, limit);
      return;
    }
    chunks.push(chunk);
  };
  const onEnd = () => {
    res.locals.requestBody = Buffer.concat(chunks, size);
    next();
  };
  // The client went away mid-body: there is no one to answer.
  const onError = () => res.destroy();
  req.on("data", onData).on("end", onEnd).on("error", onError);
}

function tooLarge(req: Request, res: Response, limit: number) {
  const message = `Refused: this request is larger than the ${Math.round(limit / 1024)} KB we accept here.`;
  if (isScimPath(req.originalUrl)) return refuseScim(req, res, 413, message);
  refuse(req, res, 413, message);
}

/** Past this much of a refused body, or this long waiting for the rest of it, hang up rather than keep reading. */
const DISCARD_AT_MOST = 16 * 1024 * 1024;
const DISCARD_FOR_AT_MOST_MS = 15_000;

/** An identity provider reads SCIM's error form, not text. */
function refuseScim(req: Request, res: Response, status: number, detail: string, headers: Record<string, string> = {}) {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  refuse(req, res, status, JSON.stringify(scimErrorBody(status, detail)), "application/scim+json");
}

/**
 * Answers at once, and reads whatever is left of the body before the answer ends. Ending it while the
 * client is still sending would be too early: with `Connection: close` Node then closes the socket, the
 * bytes still arriving make the kernel reset the connection, and a client that sends its whole body
 * before reading (most do) never sees the status line. So the rest of a refused body is read and
 * thrown away, up to a cap in bytes and in time, and only then does the response end.
 */
function refuse(req: Request, res: Response, status: number, message: string, type = "text/plain; charset=utf-8") {
  const body = Buffer.from(message, "utf8");
  res.status(status).type(type).set("Content-Length", String(body.length));
  if (req.complete) return void res.end(body);
  res.write(body);
  const hangUp = () => {
    stop();
    req.socket.destroy();
  };
  const timer = setTimeout(hangUp, DISCARD_FOR_AT_MOST_MS);
  let discarded = 0;
  const onData = (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > DISCARD_AT_MOST) hangUp();
  };
  const onEnd = () => {
    stop();
    res.end();
  };
  const stop = () => {
    clearTimeout(timer);
    req.off("data", onData).off("end", onEnd).off("error", hangUp);
  };
  req.on("data", onData).on("end", onEnd).on("error", hangUp);
  req.resume();
}
