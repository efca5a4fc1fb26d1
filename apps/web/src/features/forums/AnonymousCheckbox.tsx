// "Post anonymously", with the sentence saying who can still see the author.
import { useTranslation } from "react-i18next";
import { CheckboxField } from "../../components/FormField";

export function AnonymousCheckbox({ checked, onChange }: { checked: boolean; onChange: (checked: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <CheckboxField
      label={t("forums.form.anonymous")}
      hint={t("forums.form.anonymousHint")}
      name="anonymous"
      checked={checked}
      onChange={(e) => onChange(e.target.checked)}
    />
  );
}
