import type { CommitmentTiming } from "../commitments";
import type { GoalFacts } from "../goals";
import type { PointStanding } from "../checklist";
import type { RiskKind, TopicSource } from "../enums";

/** Everything the agenda is built from: one report's account, gathered by the meeting's loader. */
export interface AgendaInput {
  meeting: { id: string; reportId: string; managerId: string; scheduledAt: Date | string; lengthMinutes: number };
  people: { reportName: string; managerName: string };
  topics: {
    id: string;
    authorId: string;
    source: TopicSource;
    title: string;
    private: boolean;
    position: number;
    carriedCount: number;
    discussed?: boolean;
  }[];
  goals: (GoalFacts & { id: string; ownerId: string; title: string })[];
  commitments: (CommitmentTiming & { id: string; personId: string; change: string })[];
  actionItems: {
    id: string;
    reportId: string;
    ownerId: string;
    title: string;
    dueOn: string | null;
    carriedCount: number;
    status: "open" | "done" | "dropped";
  }[];
  risks: {
    id: string;
    subjectId: string;
    kind: RiskKind;
    description: string;
    reviewOn: string | null;
    status: "open" | "closed";
    likelihood: number;
    impact: number;
  }[];
  checklist: { points: { key: number; title: string; question: string }[]; standings: PointStanding[] };
  /** Keys of the items ticked as discussed in this 1:1 (see AgendaItem.key). */
  checked?: readonly string[];
}

export type AgendaSection =
  "report-topic" | "goal" | "commitment" | "action-item" | "risk" | "checklist" | "manager-topic" | "open-time";

export interface AgendaItem {
  /** Stable across builds: section and the record's id. */
  key: string;
  section: AgendaSection;
  /** The record this item is about (topic, goal, commitment, action item, risk, checklist point). */
  refId: string;
  title: string;
  /** Why this is on the agenda, in words a person understands. */
  reason: string;
  minutes: number;
  /** The report's own items get at least half the meeting. */
  reportsOwn: boolean;
  /** Risks: the manager's view only. */
  managerOnly: boolean;
  /** A private topic: only its author sees it. */
  privateTo: string | null;
  /** Ticked as discussed in this 1:1: it stays on the agenda, marked, and can be unticked until the end. */
  discussed: boolean;
  /** An action item carried three or more times: settle it — do it or drop it. */
  doOrDrop?: boolean;
}

export interface Agenda {
  manager: AgendaItem[];
  report: AgendaItem[];
}
