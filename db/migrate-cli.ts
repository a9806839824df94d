/** `npm run db:migrate`: applies migrations to the configured database and exits. */
import { locationFromEnv, openAndMigrate } from "./configured";

const location = locationFromEnv();
const started = performance.now();
const handle = await openAndMigrate(location, 1);
await handle.close();
console.log(
  `Migrated ${location.url ? "PostgreSQL" : `PGlite in ${location.dataDir}`} in ${Math.round(performance.now() - started)} ms`,
);
