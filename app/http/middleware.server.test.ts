import net from "node:net";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { BODY_LIMITS } from "./body-limits.server";
import { limitRequestBodies } from "./middleware.server";

/**
 * The body limit's refusal on a real socket, the way clients send: most write the whole body before
 * they read a byte of the answer, so the answer must survive until they do.
 */

let server: ReturnType<ReturnType<typeof express>["listen"]>;
let port = 0;

beforeAll(async () => {
  const app = express();
  app.use(limitRequestBodies());
  app.post("*", (_req, res) => void res.type("text/plain").send("accepted"));
  await new Promise<void>((resolve) => {
    server = app.listen(0, "127.0.0.1", () => resolve());
  });
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Writes everything (paused: nothing is read meanwhile), then reads until the server closes. */
function exchange(parts: Array<string | Buffer>): Promise<{ answer: string; error: string | null }> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.pause();
    let answer = "";
    let error: string | null = null;
    socket.on("data", (chunk: Buffer) => (answer += chunk.toString("latin1")));
    socket.on("error", (e) => (error = e.message));
    socket.on("close", () => resolve({ answer, error }));
    let next = 0;
    const pump = () => {
      while (next < parts.length) {
        if (!socket.write(parts[next++]!)) return void socket.once("drain", pump);
      }
      socket.resume();
    };
    pump();
  });
}

const body = (bytes: number) =>
  Array.from({ length: Math.ceil(bytes / 65_536) }, (_, i) => Buffer.alloc(Math.min(65_536, bytes - i * 65_536), "a"));
const head = (headers: string) =>
  `POST /form HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n${headers}\r\n`;
const statusLines = (answer: string) => answer.match(/HTTP\/1\.1 \d{3} [^\r]*/g) ?? [];

describe("a refused body", () => {
  test("declared too large, with Connection: close: the 413 is read after the whole body was sent", async () => {
    const bytes = 4 * 1024 * 1024;
    const { answer, error } = await exchange([
      head(`Connection: close\r\nContent-Length: ${bytes}\r\n`),
      ...body(bytes),
    ]);
    expect(error).toBeNull();
    expect(statusLines(answer)).toEqual(["HTTP/1.1 413 Payload Too Large"]);
    expect(answer).toMatch(/\r\n\r\nRefused: this request is larger than the 256 KB we accept here\.$/);
  });

  test("chunked past the limit, with Connection: close: the 413 is read too", async () => {
    const bytes = BODY_LIMITS.form * 16;
    const chunks = body(bytes).map((c) =>
      Buffer.concat([Buffer.from(`${c.length.toString(16)}\r\n`), c, Buffer.from("\r\n")]),
    );
    const { answer, error } = await exchange([
      head("Connection: close\r\nTransfer-Encoding: chunked\r\n"),
      ...chunks,
      "0\r\n\r\n",
    ]);
    expect(error).toBeNull();
    expect(statusLines(answer)).toEqual(["HTTP/1.1 413 Payload Too Large"]);
  });

  test("on a kept-alive connection, the next request on the same socket is answered after the refusal", async () => {
    const bytes = 1024 * 1024;
    const small = "a=1";
    const { answer, error } = await exchange([
      head(`Content-Length: ${bytes}\r\n`),
      ...body(bytes),
      head(`Connection: close\r\nContent-Length: ${small.length}\r\n`) + small,
    ]);
    expect(error).toBeNull();
    expect(statusLines(answer)).toEqual(["HTTP/1.1 413 Payload Too Large", "HTTP/1.1 200 OK"]);
    expect(answer.endsWith("accepted")).toBe(true);
  });

  test("a body within the limit is passed on", async () => {
    const { answer } = await exchange([head("Connection: close\r\nContent-Length: 3\r\n") + "a=1"]);
    expect(statusLines(answer)).toEqual(["HTTP/1.1 200 OK"]);
  });
});
