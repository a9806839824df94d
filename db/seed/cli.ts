/**
 * `npm run seed -- --people N --months M [--seed S] [--demo] [--reset]`
 *
 * Generates an organisation with history into the configured database
 * (DATABASE_URL, or PGlite in RAPPORT_DATA_DIR / ./data), after migrating it.
 * Refuses a database that already has people unless --reset is given.
 */
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { sql } from "drizzle-orm";
import { getTableConfig } from "drizzle-orm/pg-core";
import { z } from "zod";
import { locationFromEnv, openAndMigrate } from "../configured";
import { TABLE_ORDER } from "./bulk";
import { isDatabaseEmpty } from "./demo";
import { DEMO_LOGINS, DEMO_PASSWORD, generateOrganisation } from "./generate";

const USAGE = "usage: npm run seed -- --people N --months M [--seed S] [--demo] [--reset]";

const Args = z.object({
  people: z.coerce
    .number({ error: "--people must be a number" })
    .int("--people must be a whole number")
    .min(20, "--people must be at least 20")
    .max(100_000, "--people must be at most 100000"),
  months: z.coerce
    .number({ error: "--months must be a number" })
    .int("--months must be a whole number")
    .min(1, "--months must be at least 1")
    .max(120, "--months must be at most 120"),
  seed: z.coerce
    .number({ error: "--seed must be a number" })
    .int("--seed must be a whole number")
    .min(0)
    .max(2 ** 31 - 1)
    .default(1),
  demo: z.boolean().default(false),
  reset: z.boolean().default(false),
});

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function readArgs() {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      options: {
        people: { type: "string" },
        months: { type: "string" },
        seed: { type: "string" },
        demo: { type: "boolean" },
        reset: { type: "boolean" },
      },
      strict: true,
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.people === undefined) fail("--people is required");
  if (values.months === undefined) fail("--months is required");
  const parsed = Args.safeParse(values);
  if (!parsed.success) fail(parsed.error.issues.map((i) => i.message).join("\n"));
  return parsed.data;
}

const args = readArgs();
const location = locationFromEnv();
const where = location.url
  ? `PostgreSQL ${new URL(location.url).host}${new URL(location.url).pathname}`
  : `PGlite in ${location.dataDir}`;
const started = performance.now();
const handle = await openAndMigrate(location, 3).catch((error: unknown) => {
  console.error(`Could not open ${where}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
let exitCode = 0;
try {
  const opened = performance.now();
  if (!(await isDatabaseEmpty(handle.db))) {
    if (!args.reset)
      throw new Error(`${where} already has people; pass --reset to wipe the organisation and seed again.`);
    const names = TABLE_ORDER.map((t) => `"${getTableConfig(t).name}"`).join(", ");
    await handle.db.execute(sql.raw(`truncate table ${names} cascade`));
    console.error(`Reset: emptied ${TABLE_ORDER.length} tables (checklist points kept).`);
  }
  console.error(`Seeding ${args.people} people x ${args.months} months (seed ${args.seed}) into ${where}`);
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: "{bar} {percentage}% | {value}/{total} people | {phase} | {duration_formatted}",
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(1, 0, { phase: "starting" });
  const summary = await generateOrganisation(handle.db, {
    people: args.people,
    months: args.months,
    seed: args.seed,
    demoLogins: args.demo,
    // A PostgreSQL server takes two chunks at once; PGlite runs one query at a time anyway.
    writers: handle.engine === "postgres" ? 2 : 1,
    onProgress: (done, total, phase) => {
      bar.setTotal(total);
      bar.update(done, { phase });
    },
  });
  bar.stop();
  const seeded = performance.now();
  const width = Math.max(...Object.keys(summary.rows).map((k) => k.length));
  console.log(`Seeded ${summary.people} people in ${summary.teams} teams with ${summary.months} months of history:`);
  for (const [table, count] of Object.entries(summary.rows))
    console.log(`  ${table.padEnd(width)} ${String(count).padStart(10)}`);
  console.log(
    `  ${"total".padEnd(width)} ${String(summary.totalRows).padStart(10)}  (${summary.statements} insert statements)`,
  );
  console.log(
    `Open and migrate ${Math.round(opened - started)} ms, generate and write ${((seeded - opened) / 1000).toFixed(1)} s` +
      ` (${Math.round(summary.totalRows / ((seeded - opened) / 1000))} rows/s)`,
  );
  if (args.demo) {
    console.log(`Demo logins (password "${DEMO_PASSWORD}"):`);
    for (const login of DEMO_LOGINS) console.log(`  ${login.email.padEnd(28)} ${login.description}`);
  } else {
    console.log(`Everyone's password is "${DEMO_PASSWORD}".`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  exitCode = 1;
} finally {
  await handle.close();
}
process.exit(exitCode);
