import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "~/env.server";
import { readOrCreateSetting } from "~/services/settings.server";
import type { Database } from "~/services/db.server";

/**
 * SESSION_SECRET when set. Otherwise one generated on first start and kept:
 * in the data folder for the embedded database, or in the database itself on
 * PostgreSQL so that every app server signs cookies with the same key.
 */
export async function resolveSessionSecret(db: Database): Promise<string> {
  const { SESSION_SECRET, DATABASE_URL, RAPPORT_DATA_DIR } = env();
  if (SESSION_SECRET) return SESSION_SECRET;
  const fresh = randomBytes(32).toString("base64url");
  if (DATABASE_URL) return readOrCreateSetting(db, "session_secret", fresh);

  const file = path.resolve(RAPPORT_DATA_DIR, "session-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // "wx" fails if another process won the race; read theirs then.
    try {
      fs.writeFileSync(file, fresh, { mode: 0o600, flag: "wx" });
      return fresh;
    } catch {
      return fs.readFileSync(file, "utf8").trim();
    }
  }
}
