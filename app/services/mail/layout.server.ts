// One definition of a message, rendered twice: a plain-text part every client can read, and an HTML
// part made only of escaped text and checked links. Callers never write HTML, so a name like
// `<script>` or `Tom & Jerry` is shown as typed and can not change the message.
import { publicUrl } from "~/env.server";

export type MailBlock =
  | { kind: "paragraph"; text: string }
  /** The one thing to click; the address is also printed, for clients that hide buttons and for the text part. */
  | { kind: "action"; label: string; url: string }
  | { kind: "list"; items: string[] }
  | { kind: "small"; text: string };

export interface MailDefinition {
  /** One line, and never a secret: the outbox keeps it after a sensitive body is wiped. */
  subject: string;
  /** "Hello Ada," */
  greeting?: string;
  blocks: MailBlock[];
  /** Why they get this message, in small print under it. */
  footer?: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export const paragraph = (text: string): MailBlock => ({ kind: "paragraph", text });
export const action = (label: string, url: string): MailBlock => ({ kind: "action", label, url });
export const list = (items: string[]): MailBlock => ({ kind: "list", items });
export const smallPrint = (text: string): MailBlock => ({ kind: "small", text });

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text as HTML text or a quoted attribute value. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * An address in Rapport, on RAPPORT_PUBLIC_URL (default http://localhost:$PORT), for a message body.
 * A base with a path (https://example.com/rapport) keeps it: the link is under that path.
 */
export function appLink(path: string, query: Record<string, string> = {}, base: string = publicUrl()): string {
  if (!path.startsWith("/") || path.startsWith("//"))
    throw new Error(`appLink wants a path from the root, not ${path}`);
  const url = new URL(base.replace(/\/+$/, "") + path);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return url.toString();
}

function checkedUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error("a mail action needs an absolute address");
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:")
    throw new Error("a mail action must be http or https");
  return parsed.toString();
}

function checkedSubject(subject: string): string {
  const clean = subject.trim();
  if (clean.length === 0 || clean.length > 300 || /[\r\n]/.test(clean)) {
    throw new Error("a mail subject is one line of 1 to 300 characters");
  }
  return clean;
}

const FONT = "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Helvetica,Arial,sans-serif";
const htmlLines = (text: string) => text.split(/\r?\n/).map(escapeHtml).join("<br>");

function blockText(block: MailBlock): string {
  switch (block.kind) {
    case "paragraph":
    case "small":
      return block.text;
    case "action":
      return `${block.label}:\n${checkedUrl(block.url)}`;
    case "list":
      return block.items.map((item) => `- ${item}`).join("\n");
  }
}

function blockHtml(block: MailBlock): string {
  switch (block.kind) {
    case "paragraph":
      return `<p style="margin:0 0 16px">${htmlLines(block.text)}</p>`;
    case "small":
      return `<p style="margin:0 0 16px;font-size:13px;color:#555">${htmlLines(block.text)}</p>`;
    case "action": {
      const href = escapeHtml(checkedUrl(block.url));
      return (
        `<p style="margin:24px 0 8px"><a href="${href}" style="display:inline-block;padding:10px 18px;` +
        `background:#1f4e79;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:600">` +
        `${escapeHtml(block.label)}</a></p>` +
        `<p style="margin:0 0 16px;font-size:13px;color:#555">Or open this address: ` +
        `<a href="${href}" style="color:#1f4e79;word-break:break-all">${href}</a></p>`
      );
    }
    case "list":
      return (
        `<ul style="margin:0 0 16px;padding-left:20px">` +
        block.items.map((item) => `<li style="margin:0 0 4px">${htmlLines(item)}</li>`).join("") +
        `</ul>`
      );
  }
}

/** The text and HTML parts of one message, with the signature that names where Rapport is. */
export function renderMail(definition: MailDefinition, base: string = publicUrl()): RenderedMail {
  const subject = checkedSubject(definition.subject);
  const home = checkedUrl(base.replace(/\/+$/, "") + "/");
  const signature = `Rapport · ${home}`;

  // "-- " on its own line is the signature separator mail clients know to fold away.
  const body = [...(definition.greeting ? [definition.greeting] : []), ...definition.blocks.map(blockText)];
  const below = ["-- ", ...(definition.footer ? [definition.footer] : []), signature];
  const text = `${body.join("\n\n")}\n\n${below.join("\n")}\n`;

  const html = [
    `<!DOCTYPE html>`,
    `<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">`,
    `<title>${escapeHtml(subject)}</title></head>`,
    `<body style="margin:0;padding:0;background:#f4f4f4">`,
    `<div style="max-width:560px;margin:0 auto;padding:24px;background:#ffffff;color:#1a1a1a;${FONT};` +
      `font-size:15px;line-height:1.5">`,
    ...(definition.greeting ? [`<p style="margin:0 0 16px">${htmlLines(definition.greeting)}</p>`] : []),
    ...definition.blocks.map(blockHtml),
    `<hr style="border:0;border-top:1px solid #ddd;margin:24px 0 12px">`,
    ...(definition.footer
      ? [`<p style="margin:0 0 8px;font-size:12px;color:#666">${htmlLines(definition.footer)}</p>`]
      : []),
    `<p style="margin:0;font-size:12px;color:#666"><a href="${escapeHtml(home)}" style="color:#666">Rapport</a></p>`,
    `</div></body></html>`,
  ].join("\n");

  return { subject, text, html };
}
