import { sql, type SQL } from "drizzle-orm";
import { rowsOf } from "#db/client";
import type { RollupEntry, RollupKind } from "#db/schema";
import {
  monthStart,
  type Month,
  type MeetingRow,
  type MoveRow,
  type PulseRow,
  type RatingRow,
  type TrendRows,
} from "~/domain/trends";
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

/**
 * The first month anyone answered a pulse, held a 1:1 or was rated, as
 * YYYY-MM (null before any): trends start there, since earlier months can
 * only be empty. Organisation-wide and a month only, so it says nothing of
 * anyone; one index lookup per table (each has an index on its time).
 */
export const FIRST_DATA_MONTH = sql`(select to_char(least(
      (select min(created_at) from pulses),
      (select min(held_at) from meetings where status = 'held'),
      (select min(created_at) from checklist_assessments)) at time zone 'UTC', 'YYYY-MM'))`;

export async function firstDataMonth(db: Database): Promise<Month | null> {
  const [row] = rowsOf<{ first: string | null }>(await db.execute(sql`select ${FIRST_DATA_MONTH} as first`));
  return row?.first ?? null;
}

/** A statement's row by name: a..f become the family's sums, in the order the statements sum them. */
export function entryOf(r: RawRow): RollupEntry {
  const kind = r.kind as RollupKind;
  const team = r.team;
  const key = r.key;
  const people = Number(r.people);
  const stayed = Number(r.stayed);
  switch (kind) {
    case "pulse":
      return {
        kind,
        team,
        key,
        people,
        stayed,
        answers: Number(r.a),
        understood: Number(r.b),
        progressing: Number(r.c),
        overloaded: Number(r.d),
        promoters: Number(r.e),
        detractors: Number(r.f),
      };
    case "meeting":
      return { kind, team, key, people, stayed, held: Number(r.a), answered: Number(r.b) };
    case "lens":
    case "point":
      return { kind, team, key, people, stayed, ratings: Number(r.a), total: Number(r.b) };
    default:
      return { kind, team, fromTeam: r.from_team, key, people };
  }
}

/**
 * The domain's rows, gathered one entry at a time with the month it belongs
 * to and how many of its people the viewer knows. Object literals and no
 * spreads: a 10,000-person page adds some 20,000.
 */
export class TrendRowsBuilder {
  private readonly pulses: PulseRow[] = [];
  private readonly meetings: MeetingRow[] = [];
  private readonly lenses: RatingRow[] = [];
  private readonly points: RatingRow[] = [];
  private readonly moves = {
    pulses: [] as MoveRow[],
    meetings: [] as MoveRow[],
    lenses: [] as MoveRow[],
    points: [] as MoveRow[],
  };

  add(e: RollupEntry, month: Month, known: number): void {
    switch (e.kind) {
      case "pulse":
        this.pulses.push({
          team: e.team,
          month,
          people: e.people,
          known,
          stayed: e.stayed,
          answers: e.answers,
          understood: e.understood,
          progressing: e.progressing,
          overloaded: e.overloaded,
          promoters: e.promoters,
          detractors: e.detractors,
        });
        break;
      case "meeting":
        this.meetings.push({
          team: e.team,
          month,
          people: e.people,
          known,
          stayed: e.stayed,
          held: e.held,
          answered: e.answered,
        });
        break;
      case "lens":
      case "point":
        (e.kind === "lens" ? this.lenses : this.points).push({
          team: e.team,
          month,
          people: e.people,
          known,
          stayed: e.stayed,
          key: e.key,
          ratings: e.ratings,
          total: e.total,
        });
        break;
      default:
        this.moves[MOVES[e.kind]].push({ from: e.fromTeam, to: e.team, month, key: e.key, people: e.people });
    }
  }

  rows(): TrendRows {
    return {
      pulses: this.pulses,
      meetings: this.meetings,
      lenses: this.lenses,
      points: this.points,
      moves: this.moves,
    };
  }
}

const MOVES = {
  "pulse-move": "pulses",
  "meeting-move": "meetings",
  "lens-move": "lenses",
  "point-move": "points",
} as const;

/** A live statement's rows (a line's), each with its own count of known people. */
export function toTrendRows(raw: readonly RawRow[]): TrendRows {
  const rows = new TrendRowsBuilder();
  for (const r of raw) rows.add(entryOf(r), r.month, Number(r.known));
  return rows.rows();
}
