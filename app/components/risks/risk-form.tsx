import { Link } from "@remix-run/react";
import { ChoiceField, Field, FormNotices, useFetcherForm, VersionInput } from "~/components/forms";
import { validateWith } from "~/components/forms-zod";
import { RISK_KINDS, type RiskKind } from "~/domain/enums";
import { EditRiskSchema, NewRiskSchema, RISK_FIELD_LABELS, RISK_KIND_LABELS, SCALE_LABELS } from "~/schemas/risks";

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
  /** The risk being edited; without it, the form records a new one. */
  risk?: RiskFormValues;
  /** Defaults for a new risk, e.g. from a checklist point's "record a risk" link. */
  initial?: { kind?: RiskKind; pointKey?: number };
  points: { key: number; title: string }[];
  cancelTo: string;
  submitLabel: string;
}

const SCALE = [1, 2, 3].map((n) => ({ value: String(n), label: SCALE_LABELS[n] }));

/** Record or edit a risk: what could happen, how likely, how bad, what you will do, when to look again. */
export function RiskForm({ risk, initial, points, cancelTo, submitLabel }: Props) {
  const { fetcher, reply, form, fields, submitting, formProps } = useFetcherForm({
    id: "risk",
    validate: validateWith(risk ? EditRiskSchema : NewRiskSchema),
    // A new risk is its page's only form; the risk's page tells the edit from review, close and reopen.
    match: risk ? { intent: "edit" } : {},
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
  return (
    <fetcher.Form method="post" className="stack" {...formProps}>
      <FormNotices form={form} reply={reply} labels={RISK_FIELD_LABELS} />
      {risk ? (
        <>
          <input type="hidden" name="intent" value="edit" />
          <VersionInput version={risk.version} reply={reply} />
        </>
      ) : null}
      <div className="risk-row">
        <Field label="Kind" meta={fields.kind} as="select">
          <option value="">Choose…</option>
          {RISK_KINDS.map((k) => (
            <option key={k} value={k}>
              {RISK_KIND_LABELS[k]}
            </option>
          ))}
        </Field>
        <Field label="Checklist point" hint="(optional)" meta={fields.pointKey} as="select">
          <option value="">None</option>
          {points.map((p) => (
            <option key={p.key} value={p.key}>
              {p.key}. {p.title}
            </option>
          ))}
        </Field>
      </div>
      <Field label="What could happen" meta={fields.description} as="textarea" />
      <div className="risk-row">
        <ChoiceField legend="Likelihood" meta={fields.likelihood} options={SCALE} className="scale" />
        <ChoiceField legend="Impact" meta={fields.impact} options={SCALE} className="scale" />
      </div>
      <Field label="Mitigation" hint="(what you will do about it)" meta={fields.mitigation} as="textarea" />
      <Field label="Review on" hint="(optional)" meta={fields.reviewOn} type="date" className="narrow-date" />
      <div className="actions">
        <button type="submit" disabled={submitting}>
          {submitting ? "Saving…" : submitLabel}
        </button>
        <Link to={cancelTo}>Cancel</Link>
      </div>
    </fetcher.Form>
  );
}
