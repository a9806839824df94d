/**
 * The organisation the load runs against: a fresh database on the throwaway
 * cluster, seeded by the generator, and the people who will be simulated,
 * each with a session cookie signed as the app signs them (signing in 200
 * people through the form would trip the sign-in throttle).
 */
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { rowsOf } from "#db/client";
import { openAndMigrate } from "#db/configured";
import { generateOrganisation } from "#db/seed/generate";
import type { Cluster } from "./cluster";
import type { SimulatedPerson } from "./people";

export interface Organisation {
  url: string;
  people: (SimulatedPerson & { cookie: string })[];
  seedMs: number;
}

/** Deterministic picks, so two runs simulate the same people. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    // xorshift32
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
}

export async function prepareOrganisation(
  cluster: Cluster,
  options: { database: string; people: number; months: number; simulated: number },
): Promise<Organisation> {
  const admin = postgres(cluster.url("postgres"), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${options.database}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = cluster.url(options.database);
  const started = performance.now();
  const handle = await openAndMigrate({ url, dataDir: "" }, 4);
  try {
    await generateOrganisation(handle.db, { people: options.people, months: options.months, seed: 11, writers: 2 });
    const seedMs = Math.round(performance.now() - started);

    // The cookie helper starts a real session on this handle and signs its cookie with SESSION_SECRET.
    const { useDatabaseForTests } = await import("~/services/db.server");
    const { sessionCookieFor } = await import("~/http/session.server");
    useDatabaseForTests(handle);

    const rows = rowsOf<{ id: string; is_manager: boolean }>(
      await handle.db.execute(sql`
        select p.id, exists (select 1 from people r where r.manager_id = p.id and r.active) as is_manager
        from people p where p.active and p.manager_id is not null order by p.id`),
    );
    // Every manager, then reports at random up to the number asked for.
    const random = seededRandom(7);
    const managers = rows.filter((r) => r.is_manager);
    const others = rows.filter((r) => !r.is_manager);
    for (let i = others.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [others[i], others[j]] = [others[j]!, others[i]!];
    }
    const chosen = [...managers, ...others].slice(0, options.simulated);
    if (chosen.length < options.simulated)
      throw new Error(`only ${chosen.length} people can be simulated; seed more than ${options.people}`);
    const people = await Promise.all(
      chosen.map(async (r) => ({ id: r.id, isManager: r.is_manager, cookie: await sessionCookieFor(r.id) })),
    );
    return { url, people, seedMs };
  } finally {
    await handle.close();
  }
}
