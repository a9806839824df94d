// Where the outbox worker hands a message: an SMTP server through nodemailer, or, with no SMTP_URL
// (the embedded default, a trial), the server log, so that an invitation's link still reaches someone.
import nodemailer from "nodemailer";
import type { MailTransportName } from "~/domain/enums";
import { env, type Env } from "~/env.server";

interface OutgoingMail {
  /** `<...@...>`, the same on every attempt, so a copy sent twice after a crash is one message to its reader. */
  messageId: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** List-Unsubscribe and the like, checked when the message was queued. */
  headers?: Record<string, string> | null;
}

export interface MailTransport {
  readonly name: MailTransportName;
  /** Resolves once the server has taken the message; rejects with nodemailer's error (code, responseCode). */
  send(mail: OutgoingMail): Promise<void>;
  /** Where mail goes, for the start-up banner: never the password. */
  readonly description: string;
  close(): void;
}

/**
 * Bounds on every wait, well inside the worker's lease (two minutes), so a server that accepts the
 * connection and then hangs costs one attempt, not the lease. nodemailer's own defaults are minutes.
 * A `?key=value` in SMTP_URL (`tls.rejectUnauthorized=false`, `maxConnections=1`) still wins.
 */
const SMTP_DEFAULTS = {
  pool: true as const,
  maxConnections: 3,
  connectionTimeout: 10_000,
  greetingTimeout: 10_000,
  socketTimeout: 30_000,
  dnsTimeout: 10_000,
};

/** SMTP_URL's host and port, for saying where mail goes without showing the credentials in it. */
function describeSmtpUrl(url: string): string {
  const parsed = new URL(url);
  const secure = parsed.protocol === "smtps:";
  return `${secure ? "SMTPS" : "SMTP"} at ${parsed.hostname}:${parsed.port || (secure ? 465 : 587)}`;
}

export function smtpTransport(url: string): MailTransport {
  const mailer = nodemailer.createTransport({ ...SMTP_DEFAULTS, url });
  return {
    name: "smtp",
    description: describeSmtpUrl(url),
    async send(mail) {
      await mailer.sendMail({
        messageId: mail.messageId,
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        // Asks vacation responders and ticket systems not to answer a machine (RFC 3834).
        headers: { ...mail.headers, "Auto-Submitted": "auto-generated" },
      });
    },
    close: () => mailer.close(),
  };
}

/**
 * Keeps nothing itself (the outbox row stays, as "logged") and writes one short entry: recipient,
 * subject and the plain text, which is what a trial user needs to follow an invitation's link.
 * Never the HTML part, the From or anything else.
 */
export function logTransport(write: (line: string) => void = (line) => console.info(line)): MailTransport {
  return {
    name: "log",
    description: "no SMTP_URL: messages are kept in the outbox and written to this log",
    async send(mail) {
      const body = mail.text
        .trimEnd()
        .split(/\r?\n/)
        .map((line) => `  | ${line}`);
      write([`mail to ${mail.to} (not sent: no SMTP_URL): ${mail.subject}`, ...body].join("\n"));
    },
    close: () => {},
  };
}

export function transportFromEnv(environment: Env = env()): MailTransport {
  return environment.SMTP_URL ? smtpTransport(environment.SMTP_URL) : logTransport();
}
