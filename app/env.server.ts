import { z } from "zod";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * An issuer is reached over TLS; plain http only on this machine, where
 * nothing is on the wire (a provider started beside the app, as the tests do).
 */
const IssuerUrl = z.url({ error: "OIDC_ISSUER must be a URL, such as https://example.okta.com" }).refine(
  (value) => {
    if (!URL.canParse(value)) return true; // z.url() has said so already
    const url = new URL(value);
    return url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK.has(url.hostname));
  },
  { error: "OIDC_ISSUER must be an https:// URL (plain http:// only for a provider on localhost)" },
);

/** The variables that together configure single sign-on; the name on the button is optional. */
const OIDC_REQUIRED = ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const;

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgres:// or postgresql://")
      .optional(),
    RAPPORT_DATA_DIR: z.string().min(1).default("./data"),
    SESSION_SECRET: z.string().min(32, "SESSION_SECRET must be at least 32 characters").optional(),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    RAPPORT_SEED: z.enum(["demo", "none"]).default("demo"),
    /**
     * How many reverse proxies stand in front of Rapport (0: none, the default). Their X-Forwarded-For,
     * -Host and -Proto are believed that many hops deep and no further (app/http/proxy.server.ts).
     */
    RAPPORT_TRUST_PROXY: z
      .string()
      .regex(
        /^\d{1,2}$/,
        "RAPPORT_TRUST_PROXY must be the number of proxies in front of Rapport: 0 for none, 1 for one reverse proxy",
      )
      .transform(Number)
      .default(0),
    /** Whether a manager's manager may read (never write) an account further down the line. */
    RAPPORT_SKIP_LEVEL: z.enum(["read", "none"]).default("read"),
    /** The smallest group whose aggregate HR or a manager may see (app/domain/anonymity.ts); never below 3. */
    RAPPORT_MIN_GROUP: z.coerce.number().int().min(3, "RAPPORT_MIN_GROUP can not be below 3").default(5),
    /** Single sign-on with an OpenID Connect provider (docs/decisions/022-single-sign-on.md): all three or none. */
    OIDC_ISSUER: IssuerUrl.optional(),
    OIDC_CLIENT_ID: z.string().max(500).optional(),
    OIDC_CLIENT_SECRET: z.string().max(2000).optional(),
    /** What the sign-in button calls the provider: "Sign in with Okta". */
    OIDC_NAME: z.string().max(60, "OIDC_NAME must be at most 60 characters").optional(),
    /** `off` leaves single sign-on as the only way in. */
    RAPPORT_PASSWORD_SIGN_IN: z.enum(["on", "off"]).default("on"),
    /** Where mail goes; unset keeps every message in the outbox and writes it to the server log instead. */
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/[^/?#]+/, "SMTP_URL must look like smtp://host:port or smtps://user:password@host:465")
      .optional(),
    /** The From of every message: an address, or a name and an address in angle brackets. */
    RAPPORT_MAIL_FROM: z
      .string()
      .regex(
        /^(?:[^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/,
        'RAPPORT_MAIL_FROM must be an address or "Name <address>"',
      )
      .default("Rapport <rapport@localhost>"),
    /** The address people reach Rapport at, for links in mail; defaults to this server on localhost. */
    RAPPORT_PUBLIC_URL: z
      .string()
      .regex(/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/, "RAPPORT_PUBLIC_URL must be an http:// or https:// address")
      .optional(),
    /** A SCIM bearer token set up outside the admin pages (automated setups); acts for no person. */
    RAPPORT_SCIM_TOKEN: z
      .string()
      .min(32, "RAPPORT_SCIM_TOKEN must be at least 32 characters")
      .max(512, "RAPPORT_SCIM_TOKEN can be at most 512 characters")
      .regex(/^[A-Za-z0-9._~+/=-]+$/, "RAPPORT_SCIM_TOKEN may hold only letters, digits and . _ ~ + / = -")
      .optional(),
    /**
     * The key that seals the organisation backup (ADR 045): 32 random bytes, base64. Unset: a key generated
     * in RAPPORT_DATA_DIR/backup.key for the embedded database; on PostgreSQL the backup is off without it.
     */
    RAPPORT_BACKUP_KEY: z
      .string()
      .refine((value) => /^[A-Za-z0-9+/_-]+={0,2}$/.test(value) && Buffer.from(value, "base64").length === 32, {
        error: "RAPPORT_BACKUP_KEY must be 32 random bytes in base64 (openssl rand -base64 32)",
      })
      .optional(),
  })
  .superRefine((value, ctx) => {
    const set = OIDC_REQUIRED.filter((name) => value[name] !== undefined);
    const missing = OIDC_REQUIRED.filter((name) => value[name] === undefined);
    if (set.length > 0 && missing.length > 0) {
      ctx.addIssue({
        code: "custom",
        path: [missing[0]!],
        message: `single sign-on needs ${OIDC_REQUIRED.join(", ")} together: ${set.join(", ")} ${set.length === 1 ? "is" : "are"} set but ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not`,
      });
    }
    if (set.length === 0 && value.OIDC_NAME !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["OIDC_NAME"],
        message: `OIDC_NAME names a provider, but ${OIDC_REQUIRED.join(", ")} are not set`,
      });
    }
    if (value.RAPPORT_PASSWORD_SIGN_IN === "off" && missing.length > 0) {
      ctx.addIssue({
        code: "custom",
        path: ["RAPPORT_PASSWORD_SIGN_IN"],
        message: `RAPPORT_PASSWORD_SIGN_IN=off needs single sign-on (${OIDC_REQUIRED.join(", ")}), or nobody could sign in`,
      });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

/** RAPPORT_PUBLIC_URL without a trailing slash, or this server on localhost. */
export function publicUrl(environment: Env = env()): string {
  return (environment.RAPPORT_PUBLIC_URL ?? `http://localhost:${environment.PORT}`).replace(/\/+$/, "");
}

let cached: Env | undefined;

/** The environment, parsed once; a bad value stops the server at start with a readable message. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Parses an environment; blank counts as unset. The messages name the variable, never its value (SMTP_URL may hold a password). */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const blankAsUnset = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = EnvSchema.safeParse(blankAsUnset);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

/** Forgets the parsed environment, for tests that change process.env between cases. */
export function rereadEnv(): void {
  cached = undefined;
}

export interface SingleSignOnSettings {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  /** Shown on the button and in refusals: "Okta". */
  name: string;
}

/** The OpenID provider to sign in with, or null when single sign-on is not configured. */
export function singleSignOn(): SingleSignOnSettings | null {
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_NAME } = env();
  if (!OIDC_ISSUER || !OIDC_CLIENT_ID || !OIDC_CLIENT_SECRET) return null;
  return {
    issuer: new URL(OIDC_ISSUER),
    clientId: OIDC_CLIENT_ID,
    clientSecret: OIDC_CLIENT_SECRET,
    name: OIDC_NAME ?? "single sign-on",
  };
}

/** Whether the e-mail and password form signs anyone in (RAPPORT_PASSWORD_SIGN_IN). */
export function passwordSignInEnabled(): boolean {
  return env().RAPPORT_PASSWORD_SIGN_IN === "on";
}
