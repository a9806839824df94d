import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireAccount } from "~/http/guards.server";
import { personNameIn, usePerson } from "~/components/account/use-person";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors } from "~/components/forms";
import { RhythmSchema } from "~/schemas/rhythm";
import { getRhythm, saveRhythm, upcomingMeetings } from "~/services/series.server";
import { readFormData } from "~/http/form-data.server";
import { formatDateTime } from "~/utils/format";

export const meta: MetaFunction<typeof loader> = ({ matches }) => [{ title: `1:1 rhythm with ${personNameIn(matches) ?? ""} · Rapport` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, db, subject } = await requireAccount(request, params.personId, "account:manage");
  const [rhythm, upcoming] = await Promise.all([
    getRhythm(db, viewer.id, subject.id),
    upcomingMeetings(db, viewer.id, subject.id, new Date()),
  ]);
  return { rhythm, upcoming };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, db, subject } = await requireAccount(request, params.personId, "account:manage");
  const submission = parseWithZod(await readFormData(request), { schema: RhythmSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { intervalDays, ...rest } = submission.value;
  await saveRhythm(db, viewer, subject, { ...rest, intervalDays: intervalDays ?? 14 }, new Date());
  return redirect(`/people/${subject.id}/rhythm?saved=1`);
}

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

export default function RhythmPage() {
  const { rhythm, upcoming } = useLoaderData<typeof loader>();
  const { id: personId, name } = usePerson();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "rhythm",
    lastResult,
    constraint: getZodConstraint(RhythmSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RhythmSchema }),
    defaultValue: {
      cadence: rhythm?.cadence ?? "biweekly",
      intervalDays: String(rhythm?.intervalDays ?? 14),
      lengthMinutes: String(rhythm?.lengthMinutes ?? 30),
      weekday: String(rhythm?.weekday ?? 2),
      startTime: rhythm?.startTime.slice(0, 5) ?? "10:00",
    },
  });
  return (
    <>
      <h1>1:1 rhythm with {name}</h1>
      <p className="lede">
        How often you meet. The next three 1:1s are planned from it; changing it moves them (their topics stay).{" "}
        <Link to={`/people/${personId}`}>Back to their account</Link>
      </p>
      <div className="grid">
        <section className="card">
          <Form method="post" className="stack" {...getFormProps(form)}>
            <FormErrors id={form.errorId} errors={form.errors} />
            <Field label="How often" htmlFor={fields.cadence.id} errors={fields.cadence.errors} errorId={fields.cadence.errorId}>
              <select {...getSelectProps(fields.cadence)}>
                <option value="weekly">Weekly</option>
                <option value="biweekly">Every two weeks</option>
                <option value="monthly">Monthly</option>
                <option value="days">Every N days</option>
              </select>
            </Field>
            <Field label="Every N days" hint="(only for “every N days”)" htmlFor={fields.intervalDays.id} errors={fields.intervalDays.errors} errorId={fields.intervalDays.errorId}>
              <input {...getInputProps(fields.intervalDays, { type: "number" })} className="narrow" />
            </Field>
            <Field label="Weekday" htmlFor={fields.weekday.id} errors={fields.weekday.errors} errorId={fields.weekday.errorId}>
              <select {...getSelectProps(fields.weekday)}>
                {WEEKDAYS.map((d, i) => (
                  <option key={d} value={i + 1}>
                    {d}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Time" hint="(UTC)" htmlFor={fields.startTime.id} errors={fields.startTime.errors} errorId={fields.startTime.errorId}>
              <input {...getInputProps(fields.startTime, { type: "time" })} />
            </Field>
            <Field label="Length" hint="(minutes)" htmlFor={fields.lengthMinutes.id} errors={fields.lengthMinutes.errors} errorId={fields.lengthMinutes.errorId}>
              <input {...getInputProps(fields.lengthMinutes, { type: "number" })} className="narrow" step={5} />
            </Field>
            <div className="actions">
              <button type="submit">Save rhythm</button>
            </div>
          </Form>
        </section>
        <section className="card" aria-labelledby="upcoming">
          <h2 id="upcoming">Planned</h2>
          {upcoming.length ? (
            <ul className="plain">
              {upcoming.map((m) => (
                <li key={m.id}>
                  <Link to={`/meetings/${m.id}`}>{formatDateTime(m.scheduledAt)}</Link> · {m.lengthMinutes} min ·{" "}
                  <a href={`/meetings/${m.id}/calendar.ics`}>.ics</a>
                </li>
              ))}
            </ul>
          ) : (
            <p className="empty">Nothing planned yet: save a rhythm.</p>
          )}
          <p>
            <a href={`/people/${personId}/rhythm/calendar.ics`} className="button secondary">
              Add all to my calendar (.ics)
            </a>
          </p>
        </section>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
