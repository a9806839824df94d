import { randomBytes } from "node:crypto";
import postgres from "postgres";

/**
 * A PostgreSQL database of one test file's own, on the server E2E_DATABASE_URL names or the local one, for
 * journeys that run app servers on PostgreSQL (mail, reminders, the live 1:1 across servers). `create` in
 * beforeAll (or the test), `drop` in afterAll: it drops even with connections still open.
 */
export function throwawayDatabase(purpose: string) {
  const admin = new URL(process.env.E2E_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
  admin.pathname = "/postgres";
  const name = `rapport_e2e_${purpose}_${randomBytes(4).toString("hex")}`;
  let sql: postgres.Sql | undefined;
  return {
    url: Object.assign(new URL(admin), { pathname: `/${name}` }).toString(),
    async create() {
      sql = postgres(admin.toString(), { max: 1, onnotice: () => {} });
      await sql.unsafe(`create database "${name}"`);
    },
    async drop() {
      await sql?.unsafe(`drop database if exists "${name}" with (force)`);
      await sql?.end({ timeout: 5 });
    },
  };
}
