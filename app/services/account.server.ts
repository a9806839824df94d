import { and, asc, desc, eq } from "drizzle-orm";
import { goals, people, teams } from "../../db/schema";
import type { Subject } from "~/auth/policies";
import type { Database } from "./db.server";

/** The head of an account page; the caller has already authorized account:read for this subject. */
export async function getAccountSummary(db: Database, subject: Subject) {
  const [[person], personGoals] = await Promise.all([
    db
      .select({ id: people.id, name: people.name, email: people.email, team: teams.name })
      .from(people)
      .leftJoin(teams, eq(teams.id, people.teamId))
      .where(eq(people.id, subject.id)),
    db
      .select({ id: goals.id, title: goals.title, progress: goals.progress, status: goals.status, targetDate: goals.targetDate })
      .from(goals)
      .where(and(eq(goals.ownerId, subject.id)))
      .orderBy(asc(goals.status), desc(goals.updatedAt)),
  ]);
  if (!person) return null;
  return { person, goals: personGoals };
}
