// One way to submit a form: check the fields here first, then send; on failure
// the server's field errors appear by their fields, the problem above the form,
// and focus moves to the first field that needs attention.
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { problemMessage, serverFieldError } from "./errors";

export type FieldErrors = Record<string, string | undefined>;

export type SubmitOptions<E extends FieldErrors> = {
  /** The server's name for a field where it differs (e.g. guidelines → acceptedGuidelinesVersion). */
  serverPaths?: Partial<Record<keyof E & string, string>>;
  /** Fields whose server errors to show besides those checked here. */
  alsoFromServer?: string[];
  /** Reads the field errors out of a failure, when the mapping above is not enough. */
  fromServer?: (error: unknown) => E;
};

export function useFormSubmit<E extends FieldErrors = FieldErrors>() {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<E>({} as E);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The form whose first invalid field takes focus once React has rendered the errors.
  // An effect (not a timer) so focus never races the render that marks the fields.
  const focusAfterRender = useRef<HTMLFormElement | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  useEffect(() => {
    const form = focusAfterRender.current;
    focusAfterRender.current = null;
    form?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
  }, [focusRequest]);
  const focusWhenRendered = (form: HTMLFormElement) => {
    focusAfterRender.current = form;
    setFocusRequest((n) => n + 1);
  };

  /** Resolves true when `send` succeeded. */
  async function submit(form: HTMLFormElement, checked: E, send: () => Promise<void>, options: SubmitOptions<E> = {}) {
    setErrors(checked);
    if (Object.values(checked).some(Boolean)) {
      setFormError(t("errors.validation"));
      focusWhenRendered(form);
      return false;
    }
    setFormError(null);
    setBusy(true);
    try {
      await send();
      return true;
    } catch (error) {
      const fields = [...Object.keys(checked), ...(options.alsoFromServer ?? [])];
      const paths = options.serverPaths as Record<string, string> | undefined;
      const fromServer =
        options.fromServer?.(error) ??
        (Object.fromEntries(fields.map((f) => [f, serverFieldError(error, paths?.[f] ?? f)])) as E);
      setErrors(fromServer);
      setFormError(problemMessage(t, error));
      if (Object.values(fromServer).some(Boolean)) focusWhenRendered(form);
      return false;
    } finally {
      setBusy(false);
    }
  }

  /** Forgets shown errors (e.g. when the form switches to another mode). */
  const reset = () => {
    setErrors({} as E);
    setFormError(null);
  };

  return { errors, formError, busy, submit, reset };
}
