import { Form } from "@remix-run/react";
import { lensLabel, ratingChoiceLabel, RATINGS, ratingScaleSentence } from "~/domain/checklist";
import { LENSES } from "~/domain/enums";
import { UNSCORED_POINTS } from "~/schemas/assessments";
import { FormErrors, useIsSubmitting } from "../forms";
import { useDates } from "~/utils/dates";

interface Point {
  key: number;
  lens: (typeof LENSES)[number];
  title: string;
  /** What the manager asks in a 1:1 to learn where this stands. */
  question: string;
  /** What the report answers about themself (ADR 030). */
  selfQuestion: string;
}

interface Props {
  points: Point[];
  /** The latest rating of this perspective per point, to show what was said last time. */
  latest: Record<number, { rating: number; at: string | Date } | undefined>;
  /** Reply from the action: conform's error map ("entries[2].rating" -> messages). */
  errors?: Record<string, string[] | null> | null;
  perspective: "self" | "manager";
}

/**
 * Rate the points that came up; leave the rest. Grouped by lens. The manager
 * sees each point's title with the question to ask; the report answers their
 * own question for each. Both see what 1 and 5 mean, and each choice carries
 * it in its name ("1, not at all").
 */
export function ChecklistForm({ points, latest, errors, perspective }: Props) {
  const dates = useDates();
  const submitting = useIsSubmitting();
  const scored = points.filter((p) => !UNSCORED_POINTS.includes(p.key));
  const formErrors = errors?.[""] ?? null;
  return (
    <Form method="post" className="stack wide">
      <FormErrors id="checklist-errors" errors={formErrors} />
      <p className="scale-legend" id="rating-scale">
        <strong>The scale:</strong> {ratingScaleSentence(perspective)}
      </p>
      {LENSES.map((lens) => {
        const inLens = scored.filter((p) => p.lens === lens);
        if (!inLens.length) return null;
        return (
          <section key={lens} aria-labelledby={`lens-${lens}`}>
            <h2 id={`lens-${lens}`}>{lensLabel(lens, perspective)}</h2>
            {inLens.map((p) => {
              const i = scored.indexOf(p);
              const ratingErrors = errors?.[`entries[${i}].rating`] ?? null;
              const last = latest[p.key];
              return (
                <fieldset
                  key={p.key}
                  className="point"
                  aria-describedby={ratingErrors ? `point-${p.key}-error` : undefined}
                >
                  {perspective === "self" ? (
                    <legend>{p.selfQuestion}</legend>
                  ) : (
                    <>
                      <legend>
                        {p.key}. {p.title}
                      </legend>
                      <p className="muted">Ask: {p.question}</p>
                    </>
                  )}
                  <input type="hidden" name={`entries[${i}].pointKey`} value={p.key} />
                  <div
                    className="checks"
                    role="radiogroup"
                    aria-label={perspective === "self" ? "Your answer" : `Rating for ${p.title}`}
                    aria-describedby="rating-scale"
                  >
                    {RATINGS.map((r) => (
                      <label key={r}>
                        <input type="radio" name={`entries[${i}].rating`} value={r} />{" "}
                        {ratingChoiceLabel(perspective, r)}
                      </label>
                    ))}
                    {last ? (
                      <span className="muted">
                        your last rating: {last.rating} ({dates.date(last.at)})
                      </span>
                    ) : null}
                  </div>
                  {ratingErrors ? (
                    <p className="field-error" id={`point-${p.key}-error`}>
                      {ratingErrors[0]}
                    </p>
                  ) : null}
                  <label htmlFor={`note-${p.key}`} className="visually-hidden">
                    {perspective === "self" ? "Your note on this question" : `Note on ${p.title}`}
                  </label>
                  <input
                    id={`note-${p.key}`}
                    type="text"
                    name={`entries[${i}].note`}
                    maxLength={2000}
                    placeholder="A note (optional)"
                  />
                </fieldset>
              );
            })}
          </section>
        );
      })}
      {perspective === "self" ? (
        <p className="muted">
          One more question is not scored: what would make you want to stay here and keep growing? Bring it to your 1:1
          whenever you like.
        </p>
      ) : (
        <p className="muted">
          Point 14, &ldquo;they have alternatives&rdquo;, is not scored: it is an open conversation about what would
          make them want to stay.
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={submitting}>
          {submitting ? "Saving…" : "Save ratings"}
        </button>
      </div>
    </Form>
  );
}
