import { Field, FormNotices, replyErrors, useFetcherForm, usePageReply } from "~/components/forms";
import { validateWith } from "~/components/forms-zod";
import { descendantsOf } from "~/domain/org-chart";
import { EditTeamSchema, RemoveTeamSchema, TeamSchema } from "~/schemas/people-admin";

export interface TeamItem {
  id: string;
  name: string;
  parentTeamId: string | null;
  members: number;
}

/** The teams a team may go under: not itself, not one of its own sub-teams (the service refuses those too). */
function possibleParents(teams: TeamItem[], team: TeamItem): TeamItem[] {
  const below = new Set(descendantsOf(new Map(teams.map((t) => [t.id, t.parentTeamId])), team.id));
  return teams.filter((t) => t.id !== team.id && !below.has(t.id));
}

/** The tree, each team with its people count and, folded away, the forms that rename, move and remove it. */
export function TeamTree({ teams, parentId = null }: { teams: TeamItem[]; parentId?: string | null }) {
  const children = teams.filter((t) => t.parentTeamId === parentId);
  if (!children.length) return null;
  return (
    <ul>
      {children.map((t) => (
        <TeamBranch key={t.id} team={t} teams={teams} />
      ))}
    </ul>
  );
}

function TeamBranch({ team, teams }: { team: TeamItem; teams: TeamItem[] }) {
  // Without JavaScript a refusal comes back as a new page: open the team it is about, or it would be hidden.
  const refused = usePageReply({ teamId: team.id }) !== undefined;
  return (
    <li>
      <details open={refused || undefined}>
        <summary>
          {team.name}{" "}
          <span className="muted">
            ({team.members} {team.members === 1 ? "person" : "people"})
          </span>
        </summary>
        <div className="stack">
          <TeamEditForm team={team} teams={teams} />
          <TeamRemoveForm team={team} />
        </div>
      </details>
      <TeamTree teams={teams} parentId={team.id} />
    </li>
  );
}

function TeamEditForm({ team, teams }: { team: TeamItem; teams: TeamItem[] }) {
  const match = { intent: "edit", teamId: team.id };
  const { fetcher, reply, form, fields, submitting, formProps } = useFetcherForm({
    id: `team-${team.id}`,
    validate: validateWith(EditTeamSchema),
    match,
    defaultValue: { name: team.name, parentTeamId: team.parentTeamId ?? "" },
  });
  return (
    <fetcher.Form method="post" className="stack" {...formProps}>
      <FormNotices form={form} reply={reply} hidden={["teamId"]} />
      <input type="hidden" name="intent" value="edit" />
      <input type="hidden" name="teamId" value={team.id} />
      <Field label="Name" meta={fields.name} />
      <Field label="Part of" meta={fields.parentTeamId} as="select">
        <option value="">Top level</option>
        {possibleParents(teams, team).map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </Field>
      <div className="actions">
        <button type="submit" disabled={submitting}>
          {submitting ? "Saving…" : `Save ${team.name}`}
        </button>
      </div>
    </fetcher.Form>
  );
}

/** Offered for every team; the service refuses one that is not empty and says what is still in it. */
function TeamRemoveForm({ team }: { team: TeamItem }) {
  const { fetcher, reply, form, submitting, formProps } = useFetcherForm({
    id: `team-remove-${team.id}`,
    validate: validateWith(RemoveTeamSchema),
    match: { intent: "remove", teamId: team.id },
  });
  return (
    <fetcher.Form method="post" className="stack" {...formProps}>
      <FormNotices form={form} reply={reply} errors={replyErrors(reply)} />
      <input type="hidden" name="intent" value="remove" />
      <input type="hidden" name="teamId" value={team.id} />
      <p className="muted">
        Only an empty team can be removed: nobody in it, no teams under it. Its past 1:1s and pulses stay, under no
        team.
      </p>
      <div className="actions">
        <button type="submit" className="danger" disabled={submitting}>
          {submitting ? "Removing…" : `Remove ${team.name}`}
        </button>
      </div>
    </fetcher.Form>
  );
}

export function NewTeamForm({ teams }: { teams: TeamItem[] }) {
  const { fetcher, reply, form, fields, submitting, formProps } = useFetcherForm({
    id: "team",
    validate: validateWith(TeamSchema),
    match: { intent: "create" },
  });
  return (
    <fetcher.Form method="post" className="stack" {...formProps}>
      <FormNotices form={form} reply={reply} />
      <input type="hidden" name="intent" value="create" />
      <Field label="Name" meta={fields.name} />
      <Field label="Part of" hint="(optional)" meta={fields.parentTeamId} as="select">
        <option value="">Top level</option>
        {teams.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </Field>
      <div className="actions">
        <button type="submit" disabled={submitting}>
          {submitting ? "Adding…" : "Add team"}
        </button>
      </div>
    </fetcher.Form>
  );
}
