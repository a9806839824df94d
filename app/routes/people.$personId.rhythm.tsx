import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireAccount } from "~/http/guards.server";
import { personNameIn, usePerson } from "~/components/account/use-person";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors, useIsSubmitting } from "~/components/forms";
import { RhythmSchema } from "~/schemas/rhythm";
import { readWithReceipt } from "~/services/access-receipts.server";
import { getRhythm, saveRhythm, upcomingMeetings } from "~/services/series.server";
import { timeZoneOf } from "~/services/time-zones.server";
import { rhythmOnClock } from "~/domain/cadence";
import { pairPath } from "~/domain/pair-link";
import { readFormData } from "~/http/form-data.server";
import { useDates } from "~/utils/dates";

export const meta: MetaFunction<typeof loader> = ({ matches }) => [
  { title: `1:1 rhythm with ${personNameIn(matches) ?? ""} · Rapport` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, db, subject } = await requireAccount(request, params.personId, "account:manage");
  const now = new Date();
  // The pair's planned 1:1s and the read's count commit together (ADR 041); the viewer's own zone is no read of theirs.
  const [[rhythm, upcoming], timeZone] = await Promise.all([
    readWithReceipt(db, viewer, subject, "rhythm", (tx) =>
      Promise.all([getRhythm(tx, viewer.id, subject.id), upcomingMeetings(tx, viewer.id, subject.id, now)]),
    ),
    timeZoneOf(db, viewer.id),
  ]);
  // The form speaks the manager's zone, which saving keeps the rhythm in.
  const onClock = rhythm ? rhythmOnClock({ ...rhythm, timeZone: rhythm.timezone }, timeZone, now) : null;
  return { rhythm: rhythm ? { ...rhythm, ...onClock } : null, upcoming, timeZone };
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
  const dates = useDates();
  const { rhythm, upcoming, timeZone } = useLoaderData<typeof loader>();
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
  const submitting = useIsSubmitting();
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
            <Field label="How often" meta={fields.cadence} as="select">
              <option value="weekly">Weekly</option>
              <option value="biweekly">Every two weeks</option>
              <option value="monthly">Monthly</option>
              <option value="days">Every N days</option>
            </Field>
            <Field
              label="Every N days"
              hint="(only for “every N days”)"
              meta={fields.intervalDays}
              type="number"
              className="narrow"
            />
            <Field label="Weekday" meta={fields.weekday} as="select">
              {WEEKDAYS.map((d, i) => (
                <option key={d} value={i + 1}>
                  {d}
                </option>
              ))}
            </Field>
            <Field label="Time" hint={`(${timeZone}, your time zone)`} meta={fields.startTime} type="time" />
            <Field
              label="Length"
              hint="(minutes)"
              meta={fields.lengthMinutes}
              type="number"
              className="narrow"
              step={5}
            />
            <div className="actions">
              <button type="submit" disabled={submitting}>
                {submitting ? "Saving…" : "Save rhythm"}
              </button>
            </div>
          </Form>
        </section>
        <section className="card" aria-labelledby="upcoming">
          <h2 id="upcoming">Planned</h2>
          {upcoming.length ? (
            <ul className="plain">
              {upcoming.map((m) => (
                <li key={m.id}>
                  <Link to={`/meetings/${m.id}`}>{dates.dateTime(m.scheduledAt)}</Link> · {m.lengthMinutes} min ·{" "}
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
          {rhythm ? (
            <p className="muted">
              To open the 1:1 from an event in your own calendar, paste this link into it: it stays the same and always
              opens your next 1:1 with {name}: <Link to={pairPath(rhythm.id)}>{pairPath(rhythm.id)}</Link>
            </p>
          ) : null}
        </section>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
