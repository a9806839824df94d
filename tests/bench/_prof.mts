import { openDatabase } from "../../db/client";
import { sql } from "drizzle-orm";
process.env.RAPPORT_SEED = "none";
const handle = await openDatabase({ url: process.env.URL! });
const { getHrTrends, readTrendsFilters, forgetTrends } = await import("../../app/services/trends.server");
const [hrRow] = (await handle.db.execute(sql`select p.id, p.name, p.email from people p join person_roles r on r.person_id = p.id and r.role='hr' where p.active order by p.email limit 1`)) as any;
const hr = { id: hrRow.id, name: hrRow.name, email: hrRow.email, roles: ["hr"] as const };
const now = new Date();
const filters = readTrendsFilters(new URL("http://x/trends"), now);
const options = { k: 5, skipLevelRead: true, now, memoSeconds: 0 };
for (let i = 0; i < 12; i++) {
  const t = performance.now();
  const c = process.cpuUsage();
  await getHrTrends(handle.db, hr as any, filters, options);
  const u = process.cpuUsage(c);
  console.log("total", Math.round(performance.now() - t), "node cpu", Math.round((u.user + u.system) / 1000));
}
const { loadTeamRows } = await import("../../app/services/trend-rollups.server");
const { TrendCells } = await import("../../app/domain/trends");
await handle.close();
