import { randomBytes } from "node:crypto";
import { describe, expect, test } from "vitest";
import { BackupRefused, isNewerSchema, openBackup, readBackupHeader, sealBackup } from "./backup-seal";

const key = randomBytes(32);
const payload = JSON.stringify({ tables: { notes: [{ body: "private ünïcode ✓" }] } });

describe("the sealed backup file", () => {
  test("opens with its key to exactly what was sealed, and the header says what it is", () => {
    const file = sealBackup(payload, key, "0023_backup_security_event");
    expect(readBackupHeader(file)).toMatchObject({
      format: "rapport-backup",
      version: 1,
      schemaVersion: "0023_backup_security_event",
    });
    expect(openBackup(file, key).payload).toBe(payload);
    // No plain text of the payload in the file.
    expect(Buffer.from(file).includes("private")).toBe(false);
  });

  test("two seals of the same payload differ (a fresh IV each time)", () => {
    const a = sealBackup(payload, key, "0001_x");
    const b = sealBackup(payload, key, "0001_x");
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
  });

  test("refuses another key", () => {
    const file = sealBackup(payload, key, "0001_x");
    expect(() => openBackup(file, randomBytes(32))).toThrow(BackupRefused);
  });

  test("refuses a flipped byte anywhere: header, body or tag", () => {
    const file = sealBackup(payload, key, "0001_x");
    const headerEnd = file.indexOf(0x0a);
    for (const at of [headerEnd - 3, headerEnd + 1, Math.floor((headerEnd + file.length) / 2), file.length - 1]) {
      const bad = new Uint8Array(file);
      bad[at]! ^= 0x01;
      expect(() => openBackup(bad, key), `byte ${at}`).toThrow(BackupRefused);
    }
  });

  test("refuses what is not a backup, or is cut short", () => {
    expect(() => openBackup(new TextEncoder().encode("hello\nworld"), key)).toThrow(BackupRefused);
    expect(() => openBackup(new Uint8Array([1, 2, 3]), key)).toThrow(BackupRefused);
    const file = sealBackup(payload, key, "0001_x");
    expect(() => openBackup(file.subarray(0, file.indexOf(0x0a) + 5), key)).toThrow(BackupRefused);
  });

  test("a newer schema is one with a higher migration number", () => {
    expect(isNewerSchema("0024_next", "0023_backup")).toBe(true);
    expect(isNewerSchema("0023_backup", "0023_backup")).toBe(false);
    expect(isNewerSchema("0019_old", "0023_backup")).toBe(false);
    expect(() => isNewerSchema("latest", "0023_backup")).toThrow(BackupRefused);
  });
});
