import { sql, type SQL } from "drizzle-orm";
import { rowsOf } from "#db/client";
import { monthStart, type Month, type MeetingRow, type MoveRow, type PulseRow, type RatingRow, type TrendRows } from "~/domain/trends";
import type { Database } from "~/services/db.server";

/**
 * The SQL pieces shared by HR's trends by team (rollups.server.ts) and
 * a manager's line (line-rows.server.ts): every statement sums answers per
 * group and month and counts distinct people; no row about one person leaves
 * the database.
 */

/** One aggregated row as the statements return it; a..f are the family's sums in order. */
export interface RawRow {
  kind: string;
  team: string | null;
  from_team: string | null;
  month: string;
  key: string;
  people: number;
  known: number;
  stayed: number;
  a: number;
  b: number;
  c: number;
  d: number;
  e: number;
  f: number;
}

/**
 * One read-only statement with PostgreSQL's JIT off (on a query this size it
 * spends longer compiling than running: 400 ms against the 10,000-person
 * bench) and room to sort in memory rather than on disk.
 */
export async function analytical(db: Database, query: SQL): Promise<RawRow[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`);
    return rowsOf<RawRow>(await tx.execute(query));
  });
}

export const iso = (month: Month) => monthStart(month).toISOString();

/** A list of ids as one uuid[] parameter (drizzle would spread a JS array into a tuple). */
export const uuidArray = (ids: readonly string[]) => sql`${`{${ids.join(",")}}`}::uuid[]`;

/** Who the viewer can already read one by one: themself, their reports (and the whole line with skip-level read). */
export async function readablePeople(db: Database, viewerId: string, skipLevelRead: boolean): Promise<string[]> {
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`
      with recursive readable(id, depth) as (
        select ${viewerId}::uuid, 0
        union all
        select p.id, r.depth + 1 from people p join readable r on p.manager_id = r.id where r.depth < ${skipLevelRead ? 30 : 1}
      )
      select distinct id from readable`),
  );
  return rows.map((r) => r.id);
}

export function mergeRows(parts: TrendRows[]): TrendRows {
  return {
    pulses: parts.flatMap((p) => p.pulses),
    meetings: parts.flatMap((p) => p.meetings),
    lenses: parts.flatMap((p) => p.lenses),
    points: parts.flatMap((p) => p.points),
    moves: {
      pulses: parts.flatMap((p) => p.moves.pulses),
      meetings: parts.flatMap((p) => p.moves.meetings),
      lenses: parts.flatMap((p) => p.moves.lenses),
      points: parts.flatMap((p) => p.moves.points),
    },
  };
}

export function toTrendRows(raw: readonly RawRow[]): TrendRows {
  const rows: { pulses: PulseRow[]; meetings: MeetingRow[]; lenses: RatingRow[]; points: RatingRow[] } = { pulses: [], meetings: [], lenses: [], points: [] };
  const moves: Record<string, MoveRow[]> = { "pulse-move": [], "meeting-move": [], "lens-move": [], "point-move": [] };
  for (const r of raw) {
    const people = Number(r.people);
    const known = Number(r.known);
    const stayed = Number(r.stayed);
    const a = Number(r.a);
    const b = Number(r.b);
    switch (r.kind) {
      case "pulse":
        rows.pulses.push({ team: r.team, month: r.month, people, known, stayed, answers: a, understood: b, progressing: Number(r.c), overloaded: Number(r.d), promoters: Number(r.e), detractors: Number(r.f) });
        break;
      case "meeting":
        rows.meetings.push({ team: r.team, month: r.month, people, known, stayed, held: a, answered: b });
        break;
      case "lens":
      case "point":
        (r.kind === "lens" ? rows.lenses : rows.points).push({ team: r.team, month: r.month, people, known, stayed, key: r.key, ratings: a, total: b });
        break;
      default:
        moves[r.kind]?.push({ from: r.from_team, to: r.team, month: r.month, key: r.key, people });
    }
  }
  return { ...rows, moves: { pulses: moves["pulse-move"]!, meetings: moves["meeting-move"]!, lenses: moves["lens-move"]!, points: moves["point-move"]! } };
}
