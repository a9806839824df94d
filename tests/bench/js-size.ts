/**
 * The js line of `npm run bench`: the JavaScript a browser downloads to open a
 * page. Fetches the page's HTML as its viewer, collects every script src,
 * modulepreload href and static import of the inline module scripts, and
 * fetches each with `Accept-Encoding: gzip`, counting the bytes the server
 * actually sends: compression()'s gzip at its default level, and files under
 * its 1 KB threshold as they are. Chunks imported later on demand are not counted.
 */
import http from "node:http";
import zlib from "node:zlib";

export interface JsSize {
  gzip_bytes: number;
  raw_bytes: number;
  files: number;
}

export async function javascriptOf(origin: string, path: string, cookie?: string): Promise<JsSize> {
  const page = await get(origin + path, cookie);
  if (page.status !== 200) throw new Error(`js: GET ${path} answered ${page.status}, not 200`);
  const urls = scriptUrls(decoded(page).toString("utf8"));
  if (urls.length === 0) throw new Error(`js: GET ${path} references no JavaScript; has the page changed shape?`);
  let gzipBytes = 0;
  let rawBytes = 0;
  for (const url of urls) {
    const file = await get(new URL(url, origin).toString());
    if (file.status !== 200) throw new Error(`js: GET ${url} answered ${file.status}`);
    gzipBytes += file.body.length;
    rawBytes += decoded(file).length;
  }
  return { gzip_bytes: gzipBytes, raw_bytes: rawBytes, files: urls.length };
}

/** Same-origin script URLs referenced by the HTML, once each. */
export function scriptUrls(html: string): string[] {
  const found = new Set<string>();
  for (const tag of html.match(/<script\b[^>]*>/g) ?? []) {
    const src = /\ssrc="([^"]+)"/.exec(tag)?.[1];
    if (src) found.add(src);
  }
  for (const tag of html.match(/<link\b[^>]*>/g) ?? []) {
    if (/\srel="modulepreload"/.test(tag)) {
      const href = /\shref="([^"]+)"/.exec(tag)?.[1];
      if (href) found.add(href);
    }
  }
  for (const [, body] of html.matchAll(/<script\b[^>]*type="module"[^>]*>([\s\S]*?)<\/script>/g)) {
    for (const [, specifier] of body!.matchAll(/\bimport\s*(?:[\w*{}\s,]+from\s*)?["']([^"']+)["']/g))
      found.add(specifier!);
  }
  return [...found].filter((url) => url.startsWith("/") && !url.startsWith("//"));
}

interface RawResponse {
  status: number;
  encoding: string | undefined;
  /** As sent on the wire. */
  body: Buffer;
}

const decoded = (response: RawResponse) =>
  response.encoding === "gzip" ? zlib.gunzipSync(response.body) : response.body;

/** A raw GET: Node's fetch would decompress and hide the bytes on the wire. */
function get(url: string, cookie?: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { "accept-encoding": "gzip" };
    if (cookie) headers.cookie = cookie;
    http
      .get(url, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            encoding: response.headers["content-encoding"],
            body: Buffer.concat(chunks),
          }),
        );
        response.on("error", reject);
      })
      .on("error", reject);
  });
}
