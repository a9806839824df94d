import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { CSSProperties } from "react";
import { requireMeeting } from "~/http/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FieldErrors, FormErrors, useIsSubmitting } from "~/components/forms";
import { PulseSchema } from "~/schemas/meetings";
import { hasAnsweredPulse, submitPulse } from "~/services/pulses.server";
import { readFormData } from "~/http/form-data.server";
import { trendsOptions } from "~/services/trends/filters.server";
import { replyToServiceError } from "~/http/form-replies.server";

export const meta: MetaFunction = () => [{ title: "Pulse · Rapport" }];

// Only the report answers; the manager never opens a pulse, even their own report's.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, loaded } = await requireMeeting(request, params.meetingId, "pulse:answer");
  return {
    managerName: loaded.meeting.managerName,
    answered: await hasAnsweredPulse(db, loaded.meeting.id),
    held: loaded.meeting.status === "held",
    k: trendsOptions().k,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, db, loaded } = await requireMeeting(request, params.meetingId, "pulse:answer");
  const submission = parseWithZod(await readFormData(request), { schema: PulseSchema });
  if (submission.status !== "success") return data({ ...submission.reply(), conflict: null }, { status: 400 });
  try {
    await submitPulse(db, viewer, loaded, submission.value, new Date());
  } catch (error) {
    return replyToServiceError(submission, error);
  }
  return redirect("/me?pulse=thanks");
}

const QUESTIONS = [
  {
    name: "understood",
    label: "did {manager} understand what matters to you?",
    low: "not at all",
    high: "completely",
    max: 5,
    min: 1,
  },
  { name: "progressing", label: "are you moving on your goals?", low: "stuck", high: "moving well", max: 5, min: 1 },
  { name: "overloaded", label: "how overloaded are you?", low: "not at all", high: "swamped", max: 5, min: 1 },
  {
    name: "enps",
    label: "how likely are you to recommend working here to a friend?",
    low: "not likely",
    high: "very likely",
    max: 10,
    min: 0,
  },
] as const;

export default function Pulse() {
  const { managerName, answered, held, k } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "pulse",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PulseSchema }),
    shouldValidate: "onSubmit",
  });
  const submitting = useIsSubmitting();
  if (answered || !held) {
    return (
      <>
        <h1>How was your 1:1?</h1>
        {answered ? (
          <p className="alert ok">You already answered the pulse for this 1:1. Thank you!</p>
        ) : (
          <p className="alert warn">The pulse opens once the 1:1 has been held.</p>
        )}
        <p>
          <Link to="/me/anonymity">How your answers are protected</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>How was your 1:1?</h1>
      <p className="lede">
        Four quick answers. {managerName} never sees them one by one: they count only in anonymized totals of {k} people
        or more. <Link to="/me/anonymity">How your answers are protected</Link>
      </p>
      <Form method="post" className="stack wide" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        {QUESTIONS.map((q) => {
          const field = fields[q.name];
          return (
            <fieldset key={q.name} className="point" aria-describedby={field.errors ? field.errorId : undefined}>
              <legend>This time, {q.label.replace("{manager}", managerName)}</legend>
              {/* One row of choices however many there are (0-10 on a phone too), the two ends under it. */}
              <div className="rating-scale" style={{ "--points": q.max - q.min + 1 } as CSSProperties}>
                <span className="muted scale-low">{q.low}</span>
                {Array.from({ length: q.max - q.min + 1 }, (_, i) => q.min + i).map((v) => (
                  <label key={v}>
                    <input type="radio" name={q.name} value={v} /> {v}
                  </label>
                ))}
                <span className="muted scale-high">{q.high}</span>
              </div>
              <FieldErrors id={field.errorId} errors={field.errors} />
            </fieldset>
          );
        })}
        <div className="actions">
          <button type="submit" disabled={submitting}>
            Send
          </button>
        </div>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
