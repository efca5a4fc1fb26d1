// Labelled form controls: every input has a <label>, its hint and error are tied
// to it with aria-describedby, and an error marks it aria-invalid.
import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";
import { useTranslation } from "react-i18next";

type Common = { label: ReactNode; hint?: ReactNode; error?: string | undefined; optional?: boolean };

function describedBy(hintId: string | undefined, errorId: string | undefined) {
  return [hintId, errorId].filter(Boolean).join(" ") || undefined;
}

function Label({ htmlFor, label, optional }: { htmlFor: string; label: ReactNode; optional?: boolean }) {
  return (
    <label className="field-label" htmlFor={htmlFor}>
      {label}
      {optional ? <OptionalMark /> : null}
    </label>
  );
}

function OptionalMark() {
  const { t } = useTranslation();
  return <span className="field-optional"> ({t("form.optional")})</span>;
}

function Hint({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p className="field-hint" id={id}>
      {children}
    </p>
  );
}

function ErrorText({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p className="field-error" id={id}>
      {children}
    </p>
  );
}

type ControlProps = { id: string; "aria-invalid"?: true; "aria-describedby"?: string };

/** Label, hint and error around one form control, wired for screen readers. */
function Field({
  label,
  hint,
  error,
  optional,
  id,
  className,
  control,
}: Common & { id?: string; className?: string; control: (props: ControlProps) => ReactNode }) {
  const autoId = useId();
  const inputId = id ?? autoId;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  return (
    <div className={["field", className].filter(Boolean).join(" ")}>
      <Label htmlFor={inputId} label={label} optional={optional} />
      {hint ? <Hint id={hintId!}>{hint}</Hint> : null}
      {control({
        id: inputId,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": describedBy(hintId, errorId),
      })}
      {error ? <ErrorText id={errorId!}>{error}</ErrorText> : null}
    </div>
  );
}

export function TextField({ label, hint, error, optional, id, className, ...input }: Common & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Field {...{ label, hint, error, optional, id, className }} control={(p) => <input className="input" {...p} {...input} id={p.id} />} />
  );
}

export function TextAreaField({
  label,
  hint,
  error,
  optional,
  id,
  className,
  ...textarea
}: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Field
      {...{ label, hint, error, optional, id, className }}
      control={(p) => <textarea className="input" {...p} {...textarea} id={p.id} />}
    />
  );
}

export function SelectField({
  label,
  hint,
  error,
  optional,
  id,
  className,
  children,
  ...select
}: Common & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <Field
      {...{ label, hint, error, optional, id, className }}
      control={(p) => (
        <select className="input select" {...p} {...select} id={p.id}>
          {children}
        </select>
      )}
    />
  );
}

export function CheckboxField({
  label,
  hint,
  error,
  id,
  className,
  ...input
}: Omit<Common, "optional"> & Omit<InputHTMLAttributes<HTMLInputElement>, "type">) {
  const autoId = useId();
  const inputId = id ?? autoId;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  return (
    <div className={["check", className].filter(Boolean).join(" ")}>
      <input
        id={inputId}
        type="checkbox"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hintId, errorId)}
        {...input}
      />
      <div>
        <label htmlFor={inputId}>{label}</label>
        {hint ? <Hint id={hintId!}>{hint}</Hint> : null}
        {error ? <ErrorText id={errorId!}>{error}</ErrorText> : null}
      </div>
    </div>
  );
}

/** A group of related controls, named by its legend. */
export function Fieldset({
  legend,
  hint,
  error,
  children,
  className,
}: {
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  children: ReactNode;
  className?: string;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <fieldset
      className={["fieldset", className].filter(Boolean).join(" ")}
      aria-describedby={describedBy(hintId, errorId)}
    >
      <legend className="field-label">{legend}</legend>
      {hint ? <Hint id={hintId!}>{hint}</Hint> : null}
      {children}
      {error ? <ErrorText id={errorId!}>{error}</ErrorText> : null}
    </fieldset>
  );
}

/** The form-level message: announced as soon as it appears. */
export function FormAlert({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <div className="notice notice-problem" role="alert">
      {message}
    </div>
  );
}

/** A polite confirmation after a successful save. */
export function FormSuccess({ message }: { message: string | null | undefined }) {
  return (
    <div role="status" aria-live="polite" className="status-slot">
      {message ? <div className="notice notice-success">{message}</div> : null}
    </div>
  );
}
