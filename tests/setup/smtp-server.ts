/**
 * A real SMTP server for tests (smtp-server), on 127.0.0.1, keeping every message it accepts
 * parsed by mailparser. Mail tests send to it through the app's own nodemailer transport.
 */
import net from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface TestSmtpServer {
  port: number;
  /** What SMTP_URL would be (with the credentials when it asks for some). */
  url: string;
  /** Every message accepted, in the order they finished arriving. */
  received: ParsedMail[];
  /** Resolves with the messages once at least `count` arrived. */
  waitFor: (count: number, timeoutMs?: number) => Promise<ParsedMail[]>;
  stop: () => Promise<void>;
}

export interface TestSmtpOptions {
  /** Default: any free port. */
  port?: number;
  /** Refuse anyone who does not sign in with these. */
  auth?: { user: string; pass: string };
  /** How long each message takes to be accepted once its data arrived. */
  delayMs?: number;
  /** Recipients answered with 550 (no such mailbox). */
  refuse?: (address: string) => boolean;
}

/** A port nothing listens on (for a server that is "down" until the test starts it there). */
export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export async function startTestSmtpServer(options: TestSmtpOptions = {}): Promise<TestSmtpServer> {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    logger: false,
    // Plain SMTP on loopback: nodemailer would otherwise upgrade to TLS and refuse the self-signed certificate.
    disabledCommands: options.auth ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    // Pooled client connections stay open when idle; stop() should not wait for them.
    closeTimeout: 100,
    onAuth(auth, _session, callback) {
      if (auth.username === options.auth?.user && auth.password === options.auth?.pass) {
        return callback(null, { user: auth.username });
      }
      callback(Object.assign(new Error("Invalid username or password"), { responseCode: 535 }));
    },
    onMailFrom(_address, session, callback) {
      if (options.auth && !session.user)
        return callback(Object.assign(new Error("Sign in first"), { responseCode: 530 }));
      callback();
    },
    onRcptTo(address, _session, callback) {
      if (options.refuse?.(address.address)) {
        return callback(Object.assign(new Error("No such mailbox here"), { responseCode: 550 }));
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then(async (parsed) => {
          if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
          received.push(parsed);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  const port = options.port ?? 0;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const actualPort = (server.server.address() as net.AddressInfo).port;
  const credentials = options.auth
    ? `${encodeURIComponent(options.auth.user)}:${encodeURIComponent(options.auth.pass)}@`
    : "";

  return {
    port: actualPort,
    url: `smtp://${credentials}127.0.0.1:${actualPort}`,
    received,
    async waitFor(count, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`the SMTP server got ${received.length} of ${count} messages`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return received;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
