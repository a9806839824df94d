import type { ReactNode } from "react";

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

interface FieldProps {
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[] | null;
  errorId: string;
  children: ReactNode;
  htmlFor: string;
}

/** A labelled control with its hint and errors. */
export function Field({ label, hint, errors, errorId, children, htmlFor }: FieldProps) {
  return (
    <div>
      <label htmlFor={htmlFor}>
        {label} {hint ? <span className="hint">{hint}</span> : null}
      </label>
      {children}
      <FieldErrors id={errorId} errors={errors} />
    </div>
  );
}
