import { randomBytes } from "node:crypto";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { openDatabase } from "#db/client";
import { migrateDatabase } from "#db/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    /** Names of the databases this run makes: `<template>_<run>_`, then the worker's or file's suffix. */
    testDatabasePrefix: string;
  }
}

/**
 * Migrates the run's database once, as the template each worker copies its own database from
 * (tests/setup/test-database.ts); afterwards drops every copy this run made, even one a crashed
 * worker left behind, and only those.
 */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("TEST_DATABASE_URL is not set");
  const handle = await openDatabase({ url, poolSize: 1 });
  try {
    await migrateDatabase(handle, url);
  } finally {
    await handle.close();
  }
  const template = decodeURIComponent(new URL(url).pathname.slice(1));
  const prefix = `${template}_${randomBytes(3).toString("hex")}_`;
  project.provide("testDatabasePrefix", prefix);

  return async () => {
    const maintenance = new URL(url);
    maintenance.pathname = "/postgres";
    const admin = postgres(maintenance.toString(), { max: 1, onnotice: () => {} });
    try {
      const left = await admin<
        { datname: string }[]
      >`select datname from pg_database where starts_with(datname, ${prefix})`;
      for (const { datname } of left) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
    } finally {
      await admin.end({ timeout: 5 });
    }
  };
}
