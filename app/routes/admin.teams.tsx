import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useFetchers, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { requireAdmin } from "~/http/guards.server";
import { AdminNav } from "~/components/admin/admin-nav";
import { NewTeamForm, TeamTree } from "~/components/admin/team-forms";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { UnclaimedReplyErrors } from "~/components/forms";
import { EditTeamSchema, RemoveTeamSchema, TeamSchema } from "~/schemas/people-admin";
import { createTeam, listTeams, removeTeam, updateTeam } from "~/services/org.server";
import { readFormData } from "~/http/form-data.server";
import { replyToServiceError } from "~/http/form-replies.server";

export const meta: MetaFunction = () => [{ title: "Teams · Rapport" }];

const TeamActionSchema = z.discriminatedUnion("intent", [
  TeamSchema.extend({ intent: z.literal("create") }),
  EditTeamSchema.extend({ intent: z.literal("edit") }),
  RemoveTeamSchema.extend({ intent: z.literal("remove") }),
]);

export async function loader({ request }: LoaderFunctionArgs) {
  const { db } = await requireAdmin(request);
  return { teams: await listTeams(db) };
}

/** Each change lands back on the tree, saying what was done (`done`, the team's name as it is now). */
const done = (what: "added" | "saved" | "unchanged" | "removed", team: string) =>
  redirect(`/admin/teams?${new URLSearchParams({ done: what, team })}`);

export async function action({ request }: ActionFunctionArgs) {
  const { viewer, db } = await requireAdmin(request);
  const form = await readFormData(request);
  // A post without an intent is the add form as it was before teams could change: it adds.
  if (!form.has("intent")) form.set("intent", "create");
  const submission = parseWithZod(form, { schema: TeamActionSchema });
  if (submission.status !== "success") return data({ ...submission.reply(), conflict: null }, { status: 400 });
  const input = submission.value;
  try {
    if (input.intent === "create") {
      const team = await createTeam(db, viewer, input);
      return done("added", team.name);
    }
    if (input.intent === "edit") {
      const { changed } = await updateTeam(db, viewer, input.teamId, input);
      return done(changed ? "saved" : "unchanged", input.name);
    }
    const team = await removeTeam(db, viewer, input.teamId);
    return done("removed", team.name);
  } catch (error) {
    return replyToServiceError(submission, error);
  }
}

const DONE: Record<string, (team: string) => string> = {
  added: (team) => `${team} was added.`,
  saved: (team) => `${team} was saved.`,
  unchanged: (team) => `Nothing to change: ${team} is already like that.`,
  removed: (team) => `${team} was removed.`,
};

export default function Teams() {
  const { teams } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  // The notice is about the last change; once a form here has answered since, its answer is what counts.
  const actionData = useActionData();
  const fetchers = useFetchers();
  const answered = actionData !== undefined || fetchers.some((f) => f.data !== undefined);
  const notice = DONE[params.get("done") ?? ""]?.(params.get("team") ?? "The team");
  return (
    <>
      <h1>Teams</h1>
      <AdminNav />
      {notice && !answered ? (
        <p className="alert ok" role="status">
          {notice}
        </p>
      ) : null}
      <UnclaimedReplyErrors
        id="team-errors"
        claims={[{ intent: "create" }, { intent: "edit" }, { intent: "remove" }]}
      />
      <div className="grid">
        <section className="card" aria-labelledby="tree">
          <h2 id="tree">The team tree</h2>
          {teams.length ? (
            <>
              <p className="muted">Open a team to rename it, move it under another team, or remove it.</p>
              <TeamTree teams={teams} />
            </>
          ) : (
            <p className="empty">No teams yet.</p>
          )}
        </section>
        <section className="card" aria-labelledby="new-team">
          <h2 id="new-team">Add a team</h2>
          <NewTeamForm teams={teams} />
        </section>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
