import type { OrgSettingsUpdate, PublicConfig, RegistrationMode } from "@kindred/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert, FormSuccess, SelectField, TextField } from "../../components/FormField";
import { useFormSubmit } from "../../components/useFormSubmit";
import { COUNTRY_CODES, sortedCountries } from "../../components/regions";
import { currentLocale } from "../../i18n/i18n";
import { configKey } from "../accounts/api";
import { allTimeZones, zoneLabel } from "../meetings/time";
import { adminApi, orgSettingsKey, publicPart } from "./api";

const MODES: RegistrationMode[] = ["open", "invite", "approval"];

export function OrganizationPanel({ config }: { config: PublicConfig }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState(config.name);
  const [mode, setMode] = useState<RegistrationMode>(config.registrationMode);
  const [country, setCountry] = useState(config.defaultCountry);
  const [timeZone, setTimeZone] = useState(config.timeZone);
  const [meetingArea, setMeetingArea] = useState(config.meetingArea);
  const { errors, formError, busy, submit } = useFormSubmit();
  const [saved, setSaved] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body: OrgSettingsUpdate = {};
    if (name.trim() !== config.name) body.name = name.trim();
    if (mode !== config.registrationMode) body.registrationMode = mode;
    if (country !== config.defaultCountry) body.defaultCountry = country;
    if (timeZone !== config.timeZone) body.timeZone = timeZone;
    if (meetingArea.trim() !== config.meetingArea) body.meetingArea = meetingArea.trim();
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
      { alsoFromServer: ["registrationMode", "defaultCountry", "timeZone", "meetingArea"] },
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
      <SelectField
        label={t("meetings.orgSettings.timeZone")}
        value={timeZone}
        onChange={(e) => setTimeZone(e.target.value)}
        hint={t("meetings.orgSettings.timeZoneHint")}
        error={errors.timeZone}
      >
        {allTimeZones().includes(timeZone) ? null : <option value={timeZone}>{zoneLabel(timeZone)}</option>}
        {allTimeZones().map((zone) => (
          <option key={zone} value={zone}>
            {zoneLabel(zone)}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t("meetings.orgSettings.meetingArea")}
        hint={t("meetings.orgSettings.meetingAreaHint")}
        optional
        value={meetingArea}
        onChange={(e) => setMeetingArea(e.target.value)}
        maxLength={200}
        error={errors.meetingArea}
      />
      <FormSuccess message={saved} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t("common.saving") : t("common.save")}
        </button>
      </div>
    </form>
  );
}
