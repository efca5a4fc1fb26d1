import { useTranslation } from "react-i18next";
import { SelectField } from "../../components/FormField";
import { CONTENT_WARNINGS, type ContentWarning } from "./constants";

/** "No warning" or one of the contract's warnings; the empty value means none. */
export function ContentWarningSelect({
  value,
  onChange,
  error,
}: {
  value: ContentWarning | null;
  onChange: (value: ContentWarning | null) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  return (
    <SelectField
      label={t("forums.form.warning")}
      hint={t("forums.form.warningHint")}
      name="contentWarning"
      value={value ?? ""}
      onChange={(e) => onChange((e.target.value || null) as ContentWarning | null)}
      error={error}
    >
      <option value="">{t("forums.form.noWarning")}</option>
      {CONTENT_WARNINGS.map((w) => (
        <option key={w} value={w}>
          {t(`forums.warnings.${w}`)}
        </option>
      ))}
    </SelectField>
  );
}

export const parseWarning = (value: FormDataEntryValue | null): ContentWarning | null =>
  (CONTENT_WARNINGS as readonly string[]).includes(String(value)) ? (value as ContentWarning) : null;
