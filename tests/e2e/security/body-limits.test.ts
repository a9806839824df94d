import net from "node:net";
import { describe, expect, test } from "vitest";
import { serverUrl } from "../servers";
import { DEMO } from "../browser";
import { expectSecurityHeaders, form, http, signInOverHttp } from "../http";

/** Oversized bodies are refused before they are read (app/http/body-limits.server.ts). */
const baseUrl = () => serverUrl();
const TWO_MB = 2 * 1024 * 1024;

/** A body without Content-Length: fetch sends a stream chunked. */
function chunked(bytes: Uint8Array, chunkSize = 64 * 1024): { body: ReadableStream<Uint8Array>; duplex: "half" } {
  return {
    body: new ReadableStream({
      start(controller) {
        for (let at = 0; at < bytes.length; at += chunkSize) controller.enqueue(bytes.subarray(at, at + chunkSize));
        controller.close();
      },
    }),
    duplex: "half",
  };
}

async function postChunked(path: string, bytes: Uint8Array, cookie?: string): Promise<Response> {
  const headers: Record<string, string> = { Origin: baseUrl(), "Content-Type": "application/x-www-form-urlencoded" };
  if (cookie) headers.Cookie = cookie;
  return fetch(new URL(path, baseUrl()), {
    method: "POST",
    headers,
    redirect: "manual",
    ...chunked(bytes),
  } as RequestInit);
}

async function expectTooLarge(response: Response, label: string) {
  expect(response.status, label).toBe(413);
  expectSecurityHeaders(response, label);
  expect(await response.text(), label).toMatch(/^Refused: this request is larger than/);
}

/**
 * Sends a request over a raw socket the way most clients do, the whole body first and only then
 * reading, and returns what came back: the answer, or the error that cut it off.
 */
function sendWholeThenRead(head: string, bodyBytes: number): Promise<{ answer: string; error: string | null }> {
  const { hostname, port } = new URL(baseUrl());
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname);
    socket.pause();
    let answer = "";
    let error: string | null = null;
    socket.on("data", (chunk: Buffer) => (answer += chunk.toString("latin1")));
    socket.on("error", (e) => (error = e.message));
    socket.on("close", () => resolve({ answer, error }));
    socket.write(head);
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    const pump = () => {
      while (sent < bodyBytes) {
        const piece = chunk.subarray(0, Math.min(chunk.length, bodyBytes - sent));
        sent += piece.length;
        if (!socket.write(piece)) return void socket.once("drain", pump);
      }
      socket.resume();
    };
    pump();
  });
}

describe("oversized request bodies", () => {
  test("a 2 MB form is refused with 413, declared or chunked, and nothing is written", async () => {
    const { cookie } = await signInOverHttp(baseUrl(), DEMO.report);
    const title = `Oversized goal ${Date.now().toString(36)}`;
    const big = form({ title, whyItMatters: "x".repeat(TWO_MB) });
    await expectTooLarge(await http(baseUrl(), "POST", "/me/goals/new", { cookie, body: big }), "with Content-Length");
    await expectTooLarge(
      await postChunked("/me/goals/new", new TextEncoder().encode(big.toString()), cookie),
      "chunked",
    );
    await expectTooLarge(await http(baseUrl(), "POST", "/sign-in", { body: big }), "sign-in");
    const home = await http(baseUrl(), "GET", "/me", { cookie });
    expect(await home.text()).not.toContain(title);
  });

  test("a small chunked body is read and passed on whole", async () => {
    const body = new TextEncoder().encode(form({ email: DEMO.report, password: "rapport-demo" }).toString());
    const response = await postChunked("/sign-in", body);
    expect(response.status).toBe(302);
    expect(response.headers.getSetCookie().some((c) => c.startsWith("__rapport=") && c.length > 30)).toBe(true);
  });

  test("the import takes a body larger than a form's limit and refuses one past its own", async () => {
    const { cookie } = await signInOverHttp(baseUrl(), DEMO.admin);
    const upload = (bytes: number) => {
      const data = new FormData();
      data.set("intent", "preview");
      data.set("csv", `email,name,team,manager_email,roles\n${"#".repeat(bytes)}`);
      return data;
    };
    // 600 KB: past the form limit, within the import's; the route answers it (its own message for a bad CSV).
    const within = await http(baseUrl(), "POST", "/admin/import", { cookie, body: upload(600 * 1024) });
    expect(within.status).toBe(400);
    await expectTooLarge(
      await http(baseUrl(), "POST", "/admin/import", { cookie, body: upload(3 * 1024 * 1024) }),
      "3 MB import",
    );
  });

  test("with Connection: close, the 413 is read by a client that sends its whole body first", async () => {
    const bytes = 3 * 1024 * 1024;
    const { host } = new URL(baseUrl());
    const head =
      `POST /sign-in HTTP/1.1\r\nHost: ${host}\r\nOrigin: ${baseUrl()}\r\nConnection: close\r\n` +
      `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${bytes}\r\n\r\n`;
    const { answer, error } = await sendWholeThenRead(head, bytes);
    expect(error).toBeNull();
    expect(answer.split("\r\n")[0]).toBe("HTTP/1.1 413 Payload Too Large");
    expect(answer.toLowerCase()).toContain("connection: close");
    expect(answer).toMatch(/\r\n\r\nRefused: this request is larger than/);
  });
});
