// Choosing a meeting's Meeting Guide types: every type as a checkbox with its
// label in the reader's language, narrowed by typing part of a name.
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Fieldset } from "../../components/FormField";
import { currentLocale } from "../../i18n/i18n";
import { sortedTypes, typeLabel } from "./types";

export function TypePicker({
  value,
  onChange,
  error,
}: {
  value: string[];
  onChange: (types: string[]) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const id = useId();
  const [filter, setFilter] = useState("");
  const words = filter.trim().toLocaleLowerCase(locale);
  const all = sortedTypes(locale);
  const shown = words
    ? all.filter((type) => type.label.toLocaleLowerCase(locale).includes(words) || type.code.toLowerCase() === words)
    : all;
  const chosen = value.map((code) => typeLabel(code, locale));

  function toggle(code: string, on: boolean) {
    onChange(on ? [...value, code] : value.filter((c) => c !== code));
  }

  return (
    <Fieldset legend={t("meetings.fields.types")} hint={t("meetings.fields.typesHint")} error={error} className="type-picker">
      <p className="type-picker-chosen" aria-live="polite">
        {chosen.length > 0
          ? t("meetings.fields.typesChosen", { types: new Intl.ListFormat(locale).format(chosen) })
          : t("meetings.fields.typesNone")}
      </p>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-filter`}>
          {t("meetings.fields.typesFilter")}
        </label>
        <input
          id={`${id}-filter`}
          className="input"
          type="search"
          value={filter}
          aria-controls={`${id}-list`}
          onChange={(e) => setFilter(e.target.value)}
        />
      </div>
      <div id={`${id}-list`} className="type-picker-list" role="group" aria-label={t("meetings.fields.types")}>
        {shown.length === 0 ? <p className="muted">{t("meetings.fields.typesNoMatch")}</p> : null}
        <div className="check-grid">
          {shown.map((type) => (
            <div key={type.code} className="check">
              <input
                id={`${id}-${type.code}`}
                type="checkbox"
                checked={value.includes(type.code)}
                onChange={(e) => toggle(type.code, e.target.checked)}
              />
              <label htmlFor={`${id}-${type.code}`}>{type.label}</label>
            </div>
          ))}
        </div>
      </div>
    </Fieldset>
  );
}
