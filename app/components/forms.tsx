import {
  getCollectionProps,
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  parse,
  useForm,
  type DefaultValue,
  type FieldMetadata,
  type FormMetadata,
  type Submission,
} from "@conform-to/react";
import { useActionData, useFetcher, useNavigation, type ShouldRevalidateFunction } from "@remix-run/react";
import {
  createContext,
  useContext,
  useEffect,
  useId,
  useRef,
  useState,
  type InputHTMLAttributes,
  type ReactNode,
} from "react";
import type { FormReply } from "~/schemas/form-reply";
import { ConflictNotice } from "./conflict-notice";

export type { FormReply };

/*
 * The forms kit. Every form that writes is its own fetcher: with JavaScript
 * it posts without leaving the page, so each form has its own reply and its
 * own pending state, and the page keeps its scroll; without JavaScript the
 * same <form method="post"> posts as a document and the page comes back with
 * the action's reply, which useReply hands to the form that sent it.
 *
 * Checking in the browser with the form's zod schema is opt-in
 * (validateWith in ./forms-zod): zod is most of a form's JavaScript, and the
 * 1:1 page, which must open fast, does without it: there the browser checks
 * the HTML constraints and the action the rest.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- conform types metadata by each form's schema; the kit takes any form's
type AnyField = FieldMetadata<any, any, string[]>;

/** Anything that can be sending a form: a fetcher, or the page's navigation. */
interface Pending {
  state: "idle" | "submitting" | "loading";
  formData?: FormData;
}

function isFormReply(value: unknown): value is FormReply {
  return typeof value === "object" && value !== null && ("initialValue" in value || "error" in value);
}

/** True when the reply came back from the form these hidden values identify (intent, the row's id). */
function repliesTo(reply: FormReply, match: Record<string, string>): boolean {
  return Object.entries(match).every(([name, value]) => String(reply.initialValue?.[name] ?? "") === value);
}

/**
 * The reply the page came back with after a post without JavaScript, if it
 * came from the form `match` identifies: the hidden values (intent, the
 * row's id) that tell it from the page's other forms.
 */
export function usePageReply(match: Record<string, string> = {}): FormReply | undefined {
  const actionData: unknown = useActionData();
  return isFormReply(actionData) && repliesTo(actionData, match) ? actionData : undefined;
}

/**
 * The last reply to one form: with JavaScript the fetcher's; before the
 * fetcher has sent anything (no JavaScript), the page's (see usePageReply).
 */
export function useReply(
  fetcher: { state: Pending["state"]; data?: unknown },
  match: Record<string, string> = {},
): FormReply | undefined {
  const pageReply = usePageReply(match);
  if (fetcher.state !== "idle" || fetcher.data !== undefined)
    return isFormReply(fetcher.data) ? fetcher.data : undefined;
  return pageReply;
}

/** Every message of a reply, for a form of buttons only, with no field to put them under. */
export function replyErrors(reply: FormReply | undefined): string[] | null {
  return reply ? Object.values(reply.error ?? {}).flatMap((errors) => errors ?? []) : null;
}

/**
 * Whether a form is on its way (posting, then reloading the page's data):
 * the fetcher's, or without one the page's navigation; with `intent`, only
 * a form that sent that intent. Its submit button stays disabled meanwhile,
 * so a double click sends once; what still arrives twice (a click before
 * the page has loaded its JavaScript, a resent request) the form's
 * SubmissionKey catches on the server.
 */
export function useIsSubmitting(source?: Pending, intent?: string): boolean {
  const navigation = useNavigation();
  return isSending(source ?? navigation, intent);
}

/** useIsSubmitting's answer for one fetcher or navigation (exported for its tests). */
export function isSending(pending: Pending, intent?: string): boolean {
  return (
    pending.state !== "idle" &&
    pending.formData !== undefined &&
    (intent === undefined || pending.formData.get("intent") === intent)
  );
}

/**
 * What a post that has come back means for its form: "refused" (a reply
 * with errors: keep what was typed and say why) or "saved" (a redirect, a
 * plain answer such as { ok }, or a reply that says success: start over).
 */
export function outcomeOf(data: unknown): "saved" | "refused" {
  return isFormReply(data) && data.status !== "success" ? "refused" : "saved";
}

/**
 * A value that changes every time the page's data is loaded, so after every
 * save (which reloads it); root.tsx provides it from its loader. The forms'
 * keys are made from it (see SubmissionKey).
 */
export const SubmissionSeed = createContext<string>("");

/**
 * The key that lets the server write a form's post once (writeOnce in
 * app/services/submissions.server.ts, ADR 031): the same for every copy of
 * one post (a double click, a resent request), new after each save, because
 * the seed is new each time the page's data is loaded. Rendered on the
 * server too, so forms sent before the JavaScript has loaded carry it.
 * FormNotices renders it, so every form of the kit has one.
 */
export function SubmissionKey() {
  const seed = useContext(SubmissionSeed);
  const id = useId();
  return seed ? <input type="hidden" name="submissionKey" value={`${seed}${id}`} /> : null;
}

/** How a form is checked in the browser before it is sent (see validateWith in ./forms-zod). */
export interface BrowserValidation<Schema extends Record<string, unknown>, Value> {
  constraint: NonNullable<Parameters<typeof useForm>[0]["constraint"]>;
  onValidate: (context: { formData: FormData }) => Submission<Schema, string[], Value>;
}

interface FetcherFormOptions<Schema extends Record<string, unknown>, Value> {
  /** The form's id; its fields' ids derive from it, so it is unique on the page. */
  id: string;
  /** The hidden values that tell this form's reply from those of the page's other forms (see useReply). */
  match?: Record<string, string>;
  /** What to say once a save went through ("Topic added."); shown by FormNotices as `saved`. */
  savedMessage?: string;
  /** Without it, the browser checks the HTML constraints (required, maxLength) and the action everything. */
  validate?: BrowserValidation<Schema, Value>;
  defaultValue?: DefaultValue<Schema>;
  shouldValidate?: "onSubmit" | "onBlur" | "onInput";
  shouldRevalidate?: "onSubmit" | "onBlur" | "onInput";
}

/**
 * One form on its own fetcher: a refused save keeps the text and shows why;
 * a save that went through resets the form to its defaults (what is stored
 * now, or empty), ready for the next one, and `saved` holds `savedMessage`
 * until the form is sent again (pass it to FormNotices). `formProps` go on
 * the <fetcher.Form>. `Schema` (the form's fields as posted) types
 * `fields`; with `validate` it is inferred.
 */
export function useFetcherForm<Schema extends Record<string, unknown>, Value = Schema>(
  options: FetcherFormOptions<Schema, Value>,
) {
  const fetcher = useFetcher<FormReply>();
  const reply = useReply(fetcher, options.match);
  const [form, fields] = useForm<Schema, Value>({
    id: options.id,
    lastResult: reply,
    constraint: options.validate?.constraint,
    onValidate: options.validate?.onValidate ?? acceptAsTyped<Schema, Value>,
    shouldValidate: options.shouldValidate ?? "onSubmit",
    shouldRevalidate: options.shouldRevalidate,
    defaultValue: options.defaultValue,
  });
  const justSaved = useResetOnSave(fetcher, form);
  const submitting = useIsSubmitting(fetcher);
  // Nothing checks the form in the browser but the browser itself: leave its constraint validation on.
  const formProps = { ...getFormProps(form), ...(options.validate ? {} : { noValidate: false }) };
  const saved = justSaved ? (options.savedMessage ?? null) : null;
  return { fetcher, reply, form, fields, submitting, formProps, saved };
}

/**
 * No checks in the browser beyond the HTML's; conform still needs a parse to
 * handle its own requests (the reset after a save) instead of posting them.
 */
function acceptAsTyped<Schema extends Record<string, unknown>, Value>({ formData }: { formData: FormData }) {
  return parse(formData, { resolve: (value) => ({ value: value as Value }) }) as Submission<Schema, string[], Value>;
}

/**
 * After a post that was not refused (a redirect, or a plain success), the
 * form starts over; unless the page no longer shows it (the commitment it
 * moved on has no further step, say). True from then until it is sent again.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- conform types metadata by each form's schema; the kit takes any form's
function useResetOnSave(fetcher: { state: Pending["state"]; data?: unknown }, form: FormMetadata<any, string[]>) {
  const sent = useRef(false);
  const [saved, setSaved] = useState(false);
  const { state, data } = fetcher;
  useEffect(() => {
    if (state !== "idle") {
      sent.current = true;
    } else if (sent.current) {
      sent.current = false;
      const shown = document.getElementById(form.id) instanceof HTMLFormElement;
      if (outcomeOf(data) === "saved" && shown) form.reset();
      setSaved(outcomeOf(data) === "saved" && shown);
    }
  }, [state, data, form]);
  // Sending again takes the last "saved" back at once.
  return saved && state === "idle";
}

/**
 * After a stale save (409) the page's data is loaded again, so the page shows
 * the record as it is now; the form keeps what was typed and, with it, sends
 * the version now stored. Pages whose forms can be stale export this as their
 * `shouldRevalidate`.
 */
export const revalidateAfterConflict: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 || defaultShouldRevalidate;

/**
 * The version the form was read at, or after a stale save the one now
 * stored, so that saving again over the other person's change is deliberate.
 */
export function VersionInput({ version, reply }: { version: number; reply: FormReply | undefined }) {
  const sent = Math.max(reply?.conflict?.currentVersion ?? 0, version);
  return <input type="hidden" name="version" value={sent} key={sent} />;
}

/** Errors for one field, tied to it by id so screen readers announce them. */
export function FieldErrors({ id, errors }: { id: string; errors?: string[] | null }) {
  if (!errors?.length) return null;
  return (
    <div id={id}>
      {errors.map((e) => (
        <p className="field-error" key={e}>
          {e}
        </p>
      ))}
    </div>
  );
}

/** Errors that belong to the whole form (wrong credentials, a stale save). */
export function FormErrors({ id, errors }: { id: string; errors?: string[] | null }) {
  if (!errors?.length) return null;
  return (
    <div className="alert error" id={id} role="alert">
      {errors.length === 1 ? (
        errors[0]
      ) : (
        <ul>
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * The top of a form: who changed the record meanwhile (a stale save), then
 * what was wrong with the form as a whole, including the errors of its
 * hidden fields (a missing version or intent, an unknown row), which have no
 * control to sit under.
 */
export function FormNotices({
  form,
  reply,
  labels,
  hidden = [],
  errors,
  saved,
}: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- conform types metadata by each form's schema; the kit takes any form's
  form: FormMetadata<any, string[]>;
  reply: FormReply | undefined;
  /** Field names in words, for the conflict notice. */
  labels?: Record<string, string>;
  /** This form's hidden fields besides intent and version. */
  hidden?: string[];
  /** What to say instead of the form's own errors. */
  errors?: string[] | null;
  /**
   * useFetcherForm's `saved`: the form's "saved" message, in a status region
   * that is there from the start, so screen readers announce it when it appears.
   */
  saved?: string | null;
}) {
  const shown = errors ?? [
    ...(form.errors ?? []),
    ...["intent", "version", ...hidden].flatMap((name) => form.allErrors[name] ?? []),
  ];
  return (
    <>
      <SubmissionKey />
      {saved !== undefined ? (
        <p className="form-saved" role="status">
          {saved}
        </p>
      ) : null}
      <ConflictNotice conflict={reply?.conflict} labels={labels} />
      <FormErrors id={form.errorId} errors={shown} />
    </>
  );
}

/**
 * A reply that came back without JavaScript from a form the page no longer
 * shows (the 1:1 was finished meanwhile, the row was settled) or from no form
 * at all: said at the top of the page rather than lost. `claims` lists, per
 * form on the page, the hidden values that tell its replies (see useReply).
 */
export function UnclaimedReplyErrors({ id, claims }: { id: string; claims: Record<string, string>[] }) {
  const actionData: unknown = useActionData();
  const reply = isFormReply(actionData) ? actionData : undefined;
  const unclaimed = reply && !claims.some((match) => repliesTo(reply, match));
  return <FormErrors id={id} errors={unclaimed ? (reply.error?.[""] ?? ["That request was not understood."]) : null} />;
}

type ControlAttributes = Pick<
  InputHTMLAttributes<HTMLInputElement>,
  "autoComplete" | "autoFocus" | "className" | "max" | "maxLength" | "min" | "placeholder" | "required" | "step"
> & { rows?: number };

interface FieldProps extends ControlAttributes {
  label: ReactNode;
  /** The conform field: name, id, default value, constraints, errors. */
  meta: AnyField;
  hint?: ReactNode;
  /** The control: an input (the default), a textarea, or a select whose options are the children. */
  as?: "input" | "textarea" | "select";
  type?: "text" | "email" | "password" | "number" | "date" | "time" | "datetime-local";
  children?: ReactNode;
}

/**
 * A labelled control with its hint and errors. The control gets its name,
 * default and constraints from conform, and while it has errors,
 * aria-invalid and aria-describedby pointing at them.
 */
export function Field({
  label,
  meta,
  hint,
  as = "input",
  type = "text",
  children,
  rows,
  min,
  max,
  step,
  ...attributes
}: FieldProps) {
  // Only what was given overrides what conform derived from the schema.
  const numeric = Object.fromEntries(Object.entries({ min, max, step }).filter(([, value]) => value !== undefined));
  return (
    <div>
      <label htmlFor={meta.id}>
        {label} {hint ? <span className="hint">{hint}</span> : null}
      </label>
      {as === "textarea" ? (
        <textarea {...getTextareaProps(meta)} {...attributes} rows={rows} />
      ) : as === "select" ? (
        <select
          {...getSelectProps(meta)}
          className={attributes.className}
          // eslint-disable-next-line jsx-a11y/no-autofocus -- passed through from the page that asked for it
          autoFocus={attributes.autoFocus}
          required={attributes.required}
        >
          {children}
        </select>
      ) : (
        <input {...getInputProps(meta, { type })} {...attributes} {...numeric} />
      )}
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/** A group of radio buttons (one answer) or checkboxes (several), under a legend, with the group's errors. */
export function ChoiceField({
  legend,
  meta,
  options,
  type = "radio",
  className,
  legendHidden = false,
}: {
  legend: ReactNode;
  meta: AnyField;
  options: { value: string; label: ReactNode }[];
  type?: "radio" | "checkbox";
  className?: string;
  /** Where the choices say it all, the legend is for screen readers only. */
  legendHidden?: boolean;
}) {
  const controls = getCollectionProps(meta, { type, options: options.map((o) => o.value) });
  return (
    <fieldset className={className}>
      <legend className={legendHidden ? "visually-hidden" : undefined}>{legend}</legend>
      <div className="checks">
        {controls.map(({ key, ...control }, i) => (
          <label key={key}>
            <input {...control} /> {options[i]!.label}
          </label>
        ))}
      </div>
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </fieldset>
  );
}
