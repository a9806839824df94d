import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "~/env.server";

/**
 * The key that seals the organisation backup (ADR 045): RAPPORT_BACKUP_KEY when set; otherwise, for the
 * embedded database, one generated on first use in RAPPORT_DATA_DIR/backup.key (0600), as the session
 * secret is. Never in the database: a stolen copy of the database and its backups then carry no key. On
 * PostgreSQL there is no data folder every app server shares, so without RAPPORT_BACKUP_KEY the backup is off.
 */
export type BackupKey = { key: Buffer; where: string } | { off: string };

export const BACKUP_KEY_FILE = "backup.key";

export const BACKUP_OFF_ON_POSTGRES =
  "Backups are off: on PostgreSQL the key that seals them must be set on the server as RAPPORT_BACKUP_KEY " +
  "(32 random bytes in base64: openssl rand -base64 32). Rapport never keeps it in the database.";

/** `create: false` (the restore) only reads a key: a new one could open nothing. */
export function resolveBackupKey({ create }: { create: boolean }): BackupKey {
  const { RAPPORT_BACKUP_KEY, DATABASE_URL, RAPPORT_DATA_DIR } = env();
  if (RAPPORT_BACKUP_KEY)
    return { key: Buffer.from(RAPPORT_BACKUP_KEY, "base64"), where: "RAPPORT_BACKUP_KEY on the server" };
  if (DATABASE_URL) return { off: BACKUP_OFF_ON_POSTGRES };
  const file = path.resolve(RAPPORT_DATA_DIR, BACKUP_KEY_FILE);
  const where = `${path.join(RAPPORT_DATA_DIR, BACKUP_KEY_FILE)} in the data folder`;
  const existing = readKeyFile(file);
  if (existing) return { key: existing, where };
  if (!create)
    return { off: `No backup key: set RAPPORT_BACKUP_KEY, or put the backup's ${BACKUP_KEY_FILE} at ${file}.` };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // "wx" fails if another process won the race; read theirs then.
  try {
    fs.writeFileSync(file, randomBytes(32).toString("base64") + "\n", { mode: 0o600, flag: "wx" });
  } catch {
    /* theirs is read below */
  }
  const made = readKeyFile(file);
  if (!made) throw new Error(`${file} does not hold a backup key (32 bytes in base64)`);
  return { key: made, where };
}

function readKeyFile(file: string): Buffer | null {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8").trim();
  } catch {
    return null;
  }
  const key = Buffer.from(text, "base64");
  if (key.length !== 32) throw new Error(`${file} does not hold a backup key (32 bytes in base64)`);
  return key;
}
