import type { PublicConfig, RegistrationMode } from "@kindred/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert, FormSuccess, SelectField, TextField } from "../../components/FormField";
import { useFormSubmit } from "../../components/useFormSubmit";
import { COUNTRY_CODES, sortedCountries } from "../../components/regions";
import { currentLocale } from "../../i18n/i18n";
import { configKey } from "../accounts/api";
import { adminApi, orgSettingsKey, publicPart } from "./api";

const MODES: RegistrationMode[] = ["open", "invite", "approval"];

export function OrganizationPanel({ config }: { config: PublicConfig }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState(config.name);
  const [mode, setMode] = useState<RegistrationMode>(config.registrationMode);
  const [country, setCountry] = useState(config.defaultCountry);
  const { errors, formError, busy, submit } = useFormSubmit();
  const [saved, setSaved] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body: { name?: string; registrationMode?: RegistrationMode; defaultCountry?: string } = {};
    if (name.trim() !== config.name) body.name = name.trim();
    if (mode !== config.registrationMode) body.registrationMode = mode;
    if (country !== config.defaultCountry) body.defaultCountry = country;
    setSaved(null);
    const checked = { name: body.name !== undefined && body.name.length < 2 ? t("validation.required") : undefined };
    await submit(
      event.currentTarget,
      checked,
      async () => {
        if (Object.keys(body).length === 0) {
          setSaved(t("profile.nothingChanged"));
          return;
        }
        const settings = await adminApi.updateSettings(body);
        queryClient.setQueryData(configKey, publicPart(settings));
        queryClient.setQueryData(orgSettingsKey, settings);
        setSaved(t("admin.settingsSaved"));
      },
      { alsoFromServer: ["registrationMode", "defaultCountry"] },
    );
  }

  return (
    <form className="form card" onSubmit={onSubmit} noValidate>
      <FormAlert message={formError} />
      <TextField
        label={t("admin.orgName")}
        value={name}
        onChange={(e) => setName(e.target.value)}
        maxLength={80}
        error={errors.name}
      />
      <SelectField
        label={t("admin.registrationMode")}
        value={mode}
        onChange={(e) => setMode(e.target.value as RegistrationMode)}
        hint={t(`admin.modeHint.${mode}`)}
        error={errors.registrationMode}
      >
        {MODES.map((m) => (
          <option key={m} value={m}>
            {t(`admin.mode.${m}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t("admin.defaultCountry")}
        value={country}
        onChange={(e) => setCountry(e.target.value)}
        hint={t("admin.defaultCountryHint")}
        error={errors.defaultCountry}
      >
        {sortedCountries(COUNTRY_CODES, currentLocale()).map((c) => (
          <option key={c.code} value={c.code}>
            {c.name}
          </option>
        ))}
      </SelectField>
      <FormSuccess message={saved} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t("common.saving") : t("common.save")}
        </button>
      </div>
    </form>
  );
}
