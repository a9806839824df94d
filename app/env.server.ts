import { z } from "zod";

const EnvSchema = z.object({
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

/** Blank counts as unset. The messages name the variable, never its value (SMTP_URL may hold a password). */
export function parseEnv(variables: Record<string, string | undefined>): Env {
  const blankAsUnset = Object.fromEntries(Object.entries(variables).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = EnvSchema.safeParse(blankAsUnset);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return parsed.data;
}
