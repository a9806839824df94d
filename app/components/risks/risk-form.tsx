import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useNavigation } from "@remix-run/react";
import { ConflictNotice } from "~/components/conflict-notice";
import { Field, FieldErrors, FormErrors } from "~/components/forms";
import { RISK_KINDS, type RiskKind } from "~/domain/enums";
import type { Conflict } from "~/schemas/conflict";
import { EditRiskSchema, NewRiskSchema, RISK_FIELD_LABELS, RISK_KIND_LABELS, SCALE_LABELS } from "~/schemas/risks";
import { formLevelErrors } from "./risk-status-forms";

export interface RiskFormValues {
  kind: RiskKind;
  pointKey: number | null;
  description: string;
  likelihood: number;
  impact: number;
  mitigation: string;
  reviewOn: string | null;
  version: number;
}

interface Props {
  lastResult?: (SubmissionResult & { conflict?: Conflict | null }) | null;
  /** The risk being edited; without it, the form records a new one. */
  risk?: RiskFormValues;
  /** Defaults for a new risk, e.g. from a checklist point's "record a risk" link. */
  initial?: { kind?: RiskKind; pointKey?: number };
  /** The version to send: after a conflict, the one now stored, so saving again is deliberate. */
  version?: number;
  points: { key: number; title: string }[];
  cancelTo: string;
  submitLabel: string;
}

/** Record or edit a risk: what could happen, how likely, how bad, what you will do, when to look again. */
export function RiskForm({ lastResult, risk, initial, version, points, cancelTo, submitLabel }: Props) {
  const schema = risk ? EditRiskSchema : NewRiskSchema;
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "risk",
    lastResult,
    constraint: getZodConstraint(schema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onBlur",
    defaultValue: risk
      ? {
          kind: risk.kind,
          pointKey: risk.pointKey === null ? "" : String(risk.pointKey),
          description: risk.description,
          likelihood: String(risk.likelihood),
          impact: String(risk.impact),
          mitigation: risk.mitigation,
          reviewOn: risk.reviewOn ?? "",
        }
      : { kind: initial?.kind ?? "", pointKey: initial?.pointKey ? String(initial.pointKey) : "" },
  });
  const submitting = navigation.state === "submitting" && navigation.formData?.get("intent") === (risk ? "edit" : null);
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <ConflictNotice conflict={lastResult?.conflict} labels={RISK_FIELD_LABELS} />
      <FormErrors id={form.errorId} errors={formLevelErrors(form)} />
      {risk ? (
        <>
          <input type="hidden" name="intent" value="edit" />
          <input type="hidden" name="version" value={version ?? risk.version} key={version ?? risk.version} />
        </>
      ) : null}
      <div className="risk-row">
        <Field label="Kind" htmlFor={fields.kind.id} errors={fields.kind.errors} errorId={fields.kind.errorId}>
          <select {...getSelectProps(fields.kind)}>
            <option value="">Choose…</option>
            {RISK_KINDS.map((k) => (
              <option key={k} value={k}>
                {RISK_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </Field>
        <Field
          label="Checklist point"
          hint="(optional)"
          htmlFor={fields.pointKey.id}
          errors={fields.pointKey.errors}
          errorId={fields.pointKey.errorId}
        >
          <select {...getSelectProps(fields.pointKey)}>
            <option value="">None</option>
            {points.map((p) => (
              <option key={p.key} value={p.key}>
                {p.key}. {p.title}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field
        label="What could happen"
        htmlFor={fields.description.id}
        errors={fields.description.errors}
        errorId={fields.description.errorId}
      >
        <textarea {...getTextareaProps(fields.description)} />
      </Field>
      <div className="risk-row">
        <ScaleChoice legend="Likelihood" name={fields.likelihood.name} value={fields.likelihood.initialValue} errors={fields.likelihood.errors} errorId={fields.likelihood.errorId} />
        <ScaleChoice legend="Impact" name={fields.impact.name} value={fields.impact.initialValue} errors={fields.impact.errors} errorId={fields.impact.errorId} />
      </div>
      <Field
        label="Mitigation"
        hint="(what you will do about it)"
        htmlFor={fields.mitigation.id}
        errors={fields.mitigation.errors}
        errorId={fields.mitigation.errorId}
      >
        <textarea {...getTextareaProps(fields.mitigation)} />
      </Field>
      <Field label="Review on" hint="(optional)" htmlFor={fields.reviewOn.id} errors={fields.reviewOn.errors} errorId={fields.reviewOn.errorId}>
        <input {...getInputProps(fields.reviewOn, { type: "date" })} className="narrow-date" />
      </Field>
      <div className="actions">
        <button type="submit" disabled={submitting}>
          {submitting ? "Saving…" : submitLabel}
        </button>
        <Link to={cancelTo}>Cancel</Link>
      </div>
    </Form>
  );
}

interface ScaleProps {
  legend: string;
  name: string;
  value: unknown;
  errors?: string[];
  errorId: string;
}

/** Low / Medium / High as radio buttons (1-3). */
function ScaleChoice({ legend, name, value, errors, errorId }: ScaleProps) {
  return (
    <fieldset className="scale" aria-invalid={errors?.length ? true : undefined} aria-describedby={errors?.length ? errorId : undefined}>
      <legend>{legend}</legend>
      <div className="checks">
        {[1, 2, 3].map((n) => (
          <label key={n}>
            <input type="radio" name={name} value={n} defaultChecked={value === String(n)} /> {SCALE_LABELS[n]}
          </label>
        ))}
      </div>
      <FieldErrors id={errorId} errors={errors} />
    </fieldset>
  );
}
