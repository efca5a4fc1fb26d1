// Admins set the new-account limits and how long an urgent alert may wait before
// the backup is paged. Each field says in plain words what it changes for people.
import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert, FormSuccess, TextField } from "../../components/FormField";
import { Loading } from "../../components/Page";
import { QueryError } from "../../components/QueryError";
import { useFormSubmit } from "../../components/useFormSubmit";
import { configKey } from "../accounts/api";
import { adminApi, orgSettingsKey, publicPart, useOrgSettings, type OrgSettings } from "./api";

/** The fields, their limits (the server's), in the order shown. */
const FIELDS = [
  { key: "newAccountDays", min: 0, max: 90 },
  { key: "newAccountHeldPosts", min: 0, max: 20 },
  { key: "newAccountPostsPerHour", min: 0, max: 500 },
  { key: "alertAckMinutes", min: 1, max: 60 },
] as const;
type Key = (typeof FIELDS)[number]["key"];
type Errors = Partial<Record<Key, string>>;

export function SafetySettingsPanel() {
  const settings = useOrgSettings();
  if (settings.isPending) return <Loading />;
  if (settings.isError) return <QueryError error={settings.error} />;
  return <SafetySettingsForm settings={settings.data} />;
}

function SafetySettingsForm({ settings }: { settings: OrgSettings }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Record<Key, string>>(() => ({
    newAccountDays: String(settings.newAccountDays),
    newAccountHeldPosts: String(settings.newAccountHeldPosts),
    newAccountPostsPerHour: String(settings.newAccountPostsPerHour),
    alertAckMinutes: String(settings.alertAckMinutes),
  }));
  const { errors, formError, busy, submit } = useFormSubmit<Errors>();
  const [saved, setSaved] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(null);
    const checked: Errors = {};
    const body: Partial<Record<Key, number>> = {};
    for (const { key, min, max } of FIELDS) {
      const raw = values[key].trim();
      const n = Number(raw);
      if (raw === "" || !Number.isInteger(n) || n < min || n > max) {
        checked[key] = t("admin.safety.between", { min, max });
      } else if (n !== settings[key]) {
        body[key] = n;
      }
    }
    await submit(event.currentTarget, checked, async () => {
      if (Object.keys(body).length === 0) {
        setSaved(t("profile.nothingChanged"));
        return;
      }
      const next = await adminApi.updateSettings(body);
      queryClient.setQueryData(orgSettingsKey, next);
      queryClient.setQueryData(configKey, publicPart(next));
      setSaved(t("admin.safety.saved"));
    });
  }

  const field = (key: Key, min: number, max: number) => (
    <TextField
      key={key}
      label={t(`admin.safety.${key}.label`)}
      hint={t(`admin.safety.${key}.hint`)}
      name={key}
      type="number"
      inputMode="numeric"
      min={min}
      max={max}
      step={1}
      className="field-number"
      value={values[key]}
      onChange={(e) => setValues((v) => ({ ...v, [key]: e.target.value }))}
      error={errors[key]}
    />
  );

  return (
    <form className="form card safety-settings" onSubmit={onSubmit} noValidate>
      <p>{t("admin.safety.intro")}</p>
      <FormAlert message={formError} />
      <fieldset className="fieldset settings-group">
        <legend className="h3">{t("admin.safety.newAccountsTitle")}</legend>
        <p className="field-hint">{t("admin.safety.newAccountsIntro")}</p>
        {FIELDS.slice(0, 3).map(({ key, min, max }) => field(key, min, max))}
      </fieldset>
      <fieldset className="fieldset settings-group">
        <legend className="h3">{t("admin.safety.alertsTitle")}</legend>
        {field("alertAckMinutes", 1, 60)}
      </fieldset>
      <FormSuccess message={saved} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t("common.saving") : t("common.save")}
        </button>
      </div>
    </form>
  );
}
