// The group's own fields, for starting a group and for changing it: name, what it
// is about, focus, language, who can find and join it (each choice explained
// plainly) and its guidelines. Field errors from the server land on their fields.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { CheckboxField, Fieldset, FormAlert, SelectField, TextAreaField, TextField } from "../../components/FormField";
import { useFormSubmit } from "../../components/useFormSubmit";
import type { Group } from "./api";
import {
  GROUP_FOCUSES,
  GROUP_LANGUAGES,
  GROUP_LIMITS,
  GROUP_VISIBILITIES,
  type GroupFocus,
  type GroupVisibility,
} from "./constants";

export type GroupFields = {
  name: string;
  description: string;
  focus: GroupFocus[];
  language: string;
  visibility: GroupVisibility;
  guidelines: string;
};

type Errors = {
  name?: string;
  description?: string;
  focus?: string;
  language?: string;
  visibility?: string;
  guidelines?: string;
};

export const emptyGroup: GroupFields = {
  name: "",
  description: "",
  focus: [],
  language: "en",
  visibility: "public",
  guidelines: "",
};

export const fieldsOf = (g: Group): GroupFields => ({
  name: g.name,
  description: g.description,
  focus: g.focus,
  language: g.language,
  visibility: g.visibility,
  guidelines: g.guidelines,
});

export function GroupForm({
  initial,
  submitLabel,
  busyLabel,
  cancelTo,
  onSave,
  warnOnHidden = false,
}: {
  initial: GroupFields;
  submitLabel: string;
  busyLabel: string;
  cancelTo: string;
  onSave: (fields: GroupFields) => Promise<void>;
  /** Editing: say what choosing "invitation only" does to people outside. */
  warnOnHidden?: boolean;
}) {
  const { t } = useTranslation();
  const [fields, setFields] = useState<GroupFields>(initial);
  const { errors, formError, busy, submit } = useFormSubmit<Errors>();
  const set = <K extends keyof GroupFields>(key: K, value: GroupFields[K]) =>
    setFields((f) => ({ ...f, [key]: value }));
  const languages: string[] = [...GROUP_LANGUAGES];
  if (!languages.includes(fields.language)) languages.push(fields.language);

  function check(): Errors {
    const name = fields.name.trim();
    const tooLong = (value: string, max: number) =>
      value.trim().length > max ? t("validation.tooLong", { max: max.toLocaleString() }) : undefined;
    return {
      name: !name
        ? t("validation.required")
        : name.length < GROUP_LIMITS.nameMin
          ? t("groups.form.nameShort", { min: GROUP_LIMITS.nameMin })
          : tooLong(name, GROUP_LIMITS.nameMax),
      description: tooLong(fields.description, GROUP_LIMITS.descriptionMax),
      focus:
        fields.focus.length > GROUP_LIMITS.focusMax
          ? t("groups.form.focusTooMany", { max: GROUP_LIMITS.focusMax })
          : undefined,
      guidelines: tooLong(fields.guidelines, GROUP_LIMITS.guidelinesMax),
    };
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    await submit(
      event.currentTarget,
      check(),
      () =>
        onSave({
          ...fields,
          name: fields.name.trim(),
          description: fields.description.trim(),
          guidelines: fields.guidelines.trim(),
        }),
      { alsoFromServer: ["language", "visibility"] },
    );
  }

  function toggleFocus(focus: GroupFocus, on: boolean) {
    set(
      "focus",
      on
        ? GROUP_FOCUSES.filter((f) => f === focus || fields.focus.includes(f))
        : fields.focus.filter((f) => f !== focus),
    );
  }

  return (
    <form className="form card group-form" onSubmit={onSubmit} noValidate>
      <FormAlert message={formError} />
      <TextField
        label={t("groups.form.name")}
        hint={t("groups.form.nameHint")}
        name="name"
        autoComplete="off"
        maxLength={GROUP_LIMITS.nameMax}
        value={fields.name}
        onChange={(e) => set("name", e.target.value)}
        error={errors.name}
      />
      <TextAreaField
        label={t("groups.form.description")}
        hint={t("groups.form.descriptionHint")}
        name="description"
        optional
        rows={4}
        maxLength={GROUP_LIMITS.descriptionMax}
        value={fields.description}
        onChange={(e) => set("description", e.target.value)}
        error={errors.description}
      />
      <Fieldset
        legend={t("groups.form.focus")}
        hint={t("groups.form.focusHint", { max: GROUP_LIMITS.focusMax })}
        error={errors.focus}
      >
        <div className="check-grid group-focus-grid">
          {GROUP_FOCUSES.map((focus) => {
            const checked = fields.focus.includes(focus);
            return (
              <CheckboxField
                key={focus}
                label={t(`groups.focus.${focus}`)}
                name="focus"
                value={focus}
                checked={checked}
                disabled={!checked && fields.focus.length >= GROUP_LIMITS.focusMax}
                onChange={(e) => toggleFocus(focus, e.target.checked)}
              />
            );
          })}
        </div>
      </Fieldset>
      <SelectField
        label={t("groups.form.language")}
        hint={t("groups.form.languageHint")}
        name="language"
        value={fields.language}
        onChange={(e) => set("language", e.target.value)}
        error={errors.language}
        className="group-language-field"
      >
        {languages.map((code) => (
          <option key={code} value={code}>
            {code === "en" || code === "es" ? t(`groups.languages.${code}`) : code}
          </option>
        ))}
      </SelectField>
      <VisibilityChoice
        value={fields.visibility}
        onChange={(v) => set("visibility", v)}
        error={errors.visibility}
        warning={warnOnHidden && initial.visibility !== "hidden" && fields.visibility === "hidden"}
      />
      <TextAreaField
        label={t("groups.form.guidelines")}
        hint={t("groups.form.guidelinesHint")}
        name="guidelines"
        optional
        rows={5}
        maxLength={GROUP_LIMITS.guidelinesMax}
        value={fields.guidelines}
        onChange={(e) => set("guidelines", e.target.value)}
        error={errors.guidelines}
      />
      <div className="button-row">
        <button type="submit" className="button button-primary button-large" disabled={busy}>
          {busy ? busyLabel : submitLabel}
        </button>
        <Link to={cancelTo} className="button button-secondary button-large">
          {t("common.cancel")}
        </Link>
      </div>
    </form>
  );
}

/** Three radio buttons, each with a sentence on who can find the group and how people join. */
function VisibilityChoice({
  value,
  onChange,
  error,
  warning,
}: {
  value: GroupVisibility;
  onChange: (value: GroupVisibility) => void;
  error?: string;
  warning: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Fieldset legend={t("groups.form.visibility")} error={error}>
      <div className="radio-list group-visibility-choice">
        {GROUP_VISIBILITIES.map((v) => {
          const id = `group-visibility-${v}`;
          return (
            <div key={v} className="check radio">
              <input
                type="radio"
                id={id}
                name="visibility"
                value={v}
                checked={value === v}
                aria-describedby={`${id}-help`}
                onChange={() => onChange(v)}
              />
              <div>
                <label htmlFor={id}>{t(`groups.visibility.${v}`)}</label>
                <p className="field-hint" id={`${id}-help`}>
                  {t(`groups.visibilityHelp.${v}`)}
                </p>
              </div>
            </div>
          );
        })}
      </div>
      {warning ? (
        <p className="notice notice-warm group-hidden-warning" role="status">
          {t("groups.edit.hiddenWarning")}
        </p>
      ) : null}
    </Fieldset>
  );
}
