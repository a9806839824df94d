import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";

/**
 * The sealed organisation backup's file (ADR 045): one line of plain JSON, the header (format, version,
 * schema version, IV), then the gzipped payload encrypted with AES-256-GCM and its 16-byte auth tag. The
 * header line is the cipher's additional data, so changing a byte of it fails the tag like a byte of the
 * payload: a file either opens whole, as written, or not at all.
 */

export const BACKUP_FORMAT = "rapport-backup";
export const BACKUP_FILE_VERSION = 1;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  /** The tag of the last migration of the database it came from. */
  schemaVersion: string;
  /** base64, 12 bytes. */
  iv: string;
}

/** Why a file could not be opened, in words for the person restoring it. */
export class BackupRefused extends Error {}

const TAG_BYTES = 16;
const NEWLINE = 0x0a;

export function sealBackup(payload: string, key: Buffer, schemaVersion: string): Uint8Array {
  if (key.length !== 32) throw new Error("a backup key is 32 bytes");
  const iv = randomBytes(12);
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    version: BACKUP_FILE_VERSION,
    schemaVersion,
    iv: iv.toString("base64"),
  };
  const headerLine = Buffer.from(JSON.stringify(header) + "\n", "utf8");
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(headerLine);
  const body = Buffer.concat([cipher.update(gzipSync(Buffer.from(payload, "utf8"))), cipher.final()]);
  return new Uint8Array(Buffer.concat([headerLine, body, cipher.getAuthTag()]));
}

/** The header alone, unauthenticated: for saying what a file is before the key is tried. */
export function readBackupHeader(file: Uint8Array): BackupHeader {
  const end = file.indexOf(NEWLINE);
  if (end < 0 || end > 1000) throw new BackupRefused("This is not a Rapport backup: it has no header.");
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(file.subarray(0, end)).toString("utf8"));
  } catch {
    throw new BackupRefused("This is not a Rapport backup: its header is not readable.");
  }
  const h = header as Partial<BackupHeader> | null;
  if (!h || h.format !== BACKUP_FORMAT || typeof h.schemaVersion !== "string" || typeof h.iv !== "string")
    throw new BackupRefused("This is not a Rapport backup.");
  if (h.version !== BACKUP_FILE_VERSION)
    throw new BackupRefused(
      `This backup is file version ${String(h.version)}; this Rapport reads version ${BACKUP_FILE_VERSION}.`,
    );
  return h as BackupHeader;
}

/** The payload, or BackupRefused: a wrong key and a changed byte look the same to GCM, and are told alike. */
export function openBackup(file: Uint8Array, key: Buffer): { header: BackupHeader; payload: string } {
  const header = readBackupHeader(file);
  const end = file.indexOf(NEWLINE) + 1;
  const iv = Buffer.from(header.iv, "base64");
  if (iv.length !== 12 || file.length < end + TAG_BYTES)
    throw new BackupRefused("This backup is cut short or damaged.");
  const decipher = createDecipheriv("aes-256-gcm", key, iv);
  decipher.setAAD(file.subarray(0, end));
  decipher.setAuthTag(file.subarray(file.length - TAG_BYTES));
  let zipped: Buffer;
  try {
    zipped = Buffer.concat([decipher.update(file.subarray(end, file.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new BackupRefused(
      "This backup does not open with this key: either the key is not the one it was made with, or the file was changed or damaged.",
    );
  }
  return { header, payload: gunzipSync(zipped).toString("utf8") };
}

/**
 * Whether a backup of `backup` may go into a database migrated up to `current`: tags start with the
 * migration's number (0023_...), so a higher number is a newer schema than this code knows.
 */
export function isNewerSchema(backup: string, current: string): boolean {
  return migrationNumber(backup) > migrationNumber(current);
}

function migrationNumber(tag: string): number {
  const match = /^(\d+)_/.exec(tag);
  if (!match) throw new BackupRefused(`This backup names no schema version Rapport knows (${tag.slice(0, 60)}).`);
  return Number(match[1]);
}
