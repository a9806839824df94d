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
  /** Whether a manager's manager may read (never write) an account further down the line. */
  RAPPORT_SKIP_LEVEL: z.enum(["read", "none"]).default("read"),
  /** The smallest group whose aggregate HR or a manager may see (app/domain/anonymity.ts); never below 3. */
  RAPPORT_MIN_GROUP: z.coerce.number().int().min(3, "RAPPORT_MIN_GROUP can not be below 3").default(5),
  /** A SCIM bearer token set up outside the admin pages (automated setups); acts for no person. */
  RAPPORT_SCIM_TOKEN: z
    .string()
    .min(32, "RAPPORT_SCIM_TOKEN must be at least 32 characters")
    .max(512, "RAPPORT_SCIM_TOKEN can be at most 512 characters")
    .regex(/^[A-Za-z0-9._~+/=-]+$/, "RAPPORT_SCIM_TOKEN may hold only letters, digits and . _ ~ + / = -")
    .optional(),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

/** The environment, parsed once; a bad value stops the server at start with a readable message. */
export function env(): Env {
  if (cached) return cached;
  const blankAsUnset = Object.fromEntries(
    Object.entries(process.env).filter(([, v]) => v !== undefined && v !== ""),
  );
  const parsed = EnvSchema.safeParse(blankAsUnset);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}
