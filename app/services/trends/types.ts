import type { Published } from "~/domain/anonymity";
import type { Lens } from "~/domain/enums";
import type { Month, Question, TeamMeasure } from "~/domain/trends";

/**
 * What the trends package hands out: the filters a page is read with, the
 * options it is decided under, and the two views. Types only, so the views'
 * producers and their CSV both depend on this file and never on each other.
 */

/** The filters a view shows: the range settled inside the months offered (From may be after To: refused, see `problem`). */
export interface TrendsFilters {
  team: string;
  from: Month;
  to: Month;
  question: Question;
}

/** The filters as asked in the URL: a missing month takes its default once the months offered are known. */
export interface TrendsQuery {
  team: string;
  from?: Month;
  to?: Month;
  question: Question;
}

export interface TrendsOptions {
  k: number;
  /** Whether managers further up read their line's assessments (RAPPORT_SKIP_LEVEL). */
  skipLevelRead: boolean;
  now?: Date;
  /** How long one viewer's aggregates of finished months are kept in memory; 0 (the default) reads every time. */
  memoSeconds?: number;
}

export interface TeamRowView {
  id: string;
  name: string;
  /** 0 for the team looked at, 1 for its children. */
  level: number;
  folded: boolean;
  /** Whether the team has children to open (never for a folded team). */
  canOpen: boolean;
}

export interface HrTrendsView {
  k: number;
  filters: TrendsFilters;
  /** Why the range is refused (From after To), for its field; the sections are then empty. */
  problem: string | null;
  /** The months offered: the finished ones from the first with any data. */
  months: Month[];
  /** The whole team tree, each team labelled with its path. */
  teamOptions: { id: string; label: string; depth: number }[];
  team: { id: string; name: string; folded: boolean; path: { id: string; name: string }[] };
  series: { month: Month; cell: Published }[];
  teams: { month: Month; rows: (TeamRowView & { cells: Record<TeamMeasure, Published> })[] };
  lenses: { month: Month; rows: (TeamRowView & { cells: Record<Lens, Published> })[] };
  points: {
    month: Month;
    team: { id: string; name: string };
    rows: { key: number; lens: Lens; title: string; cell: Published }[];
  };
}

export interface LineTrendsView {
  k: number;
  filters: TrendsFilters;
  /** Why the range is refused (From after To), for its field; the series and table are then empty. */
  problem: string | null;
  months: Month[];
  /** People in the line today, direct and indirect. */
  lineSize: number;
  series: { month: Month; cell: Published }[];
  table: { month: Month; cells: Record<Question, Published> }[];
}
