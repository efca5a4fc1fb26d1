import type { OwnProfile, Pathway, ProfileField, ProfileUpdate, Visibility } from "@kindred/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { meKey } from "../features/accounts/api";
import { PATHWAYS, VISIBILITIES } from "../features/constants";
import { validateEmail } from "../features/accounts/validation";
import { profileApi, profileKey, useOwnProfile } from "../features/profile/api";
import { CheckboxField, Fieldset, FormAlert, FormSuccess, SelectField, TextField } from "../components/FormField";
import { Loading, PageHeading } from "../components/Page";
import { QueryError } from "../components/QueryError";
import { RequireAuth } from "../components/RequireAuth";
import { COMMON_LANGUAGES, COUNTRY_CODES, languageName, sortedCountries } from "../components/regions";
import i18n, { currentLocale, rememberLocale } from "../i18n/i18n";
import { useFormSubmit } from "../components/useFormSubmit";

export default function ProfilePage() {
  return (
    <RequireAuth>
      <ProfileLoader />
    </RequireAuth>
  );
}

function ProfileLoader() {
  const { t } = useTranslation();
  const profile = useOwnProfile();
  return (
    <div className="stack">
      <PageHeading title={t("profile.title")} lead={t("profile.lead")} />
      {profile.isPending ? <Loading /> : null}
      {profile.isError ? <QueryError error={profile.error} /> : null}
      {profile.data ? <ProfileForm profile={profile.data} /> : null}
    </div>
  );
}

type Draft = {
  pronouns: string;
  pathways: Pathway[];
  recoveringFrom: string;
  languages: string[];
  otherLanguages: string;
  timeZone: string;
  country: string;
  email: string;
  locale: "en" | "es";
  visibility: OwnProfile["visibility"];
};

function toDraft(p: OwnProfile): Draft {
  return {
    pronouns: p.pronouns ?? "",
    pathways: p.pathways,
    recoveringFrom: p.recoveringFrom ?? "",
    languages: p.languages.filter((l) => COMMON_LANGUAGES.includes(l)),
    otherLanguages: p.languages.filter((l) => !COMMON_LANGUAGES.includes(l)).join(", "),
    timeZone: p.timeZone ?? "",
    country: p.country ?? "",
    email: p.email ?? "",
    locale: p.locale,
    visibility: { ...p.visibility },
  };
}

const LANGUAGE_CODE = /^[a-z]{2,3}(-[A-Z]{2})?$/;

function ProfileForm({ profile }: { profile: OwnProfile }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => toDraft(profile));
  const { errors, formError, busy, submit } = useFormSubmit();
  const [saved, setSaved] = useState<string | null>(null);
  const timeZones = useMemo(() => {
    const zones = Intl.supportedValuesOf("timeZone");
    // Keep a saved zone selectable even if this browser lists it under another name.
    return profile.timeZone && !zones.includes(profile.timeZone) ? [profile.timeZone, ...zones] : zones;
  }, [profile.timeZone]);
  const countries = useMemo(
    () =>
      sortedCountries(
        profile.country && !COUNTRY_CODES.includes(profile.country)
          ? [profile.country, ...COUNTRY_CODES]
          : COUNTRY_CODES,
        locale,
      ),
    [locale, profile.country],
  );
  const deviceTimeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  // The header's language switch saves the locale too; follow it rather than undo it on save.
  useEffect(() => {
    setDraft((d) => ({ ...d, locale: profile.locale }));
  }, [profile.locale]);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setSaved(null);
  };
  const setVisibility = (field: ProfileField, value: Visibility) =>
    set("visibility", { ...draft.visibility, [field]: value });

  function buildUpdate(): { update: ProfileUpdate; errors: Record<string, string | undefined> } {
    const otherCodes = draft.otherLanguages
      .split(/[,\s]+/)
      .map((c) => c.trim())
      .filter(Boolean)
      .map((c) =>
        c.includes("-") ? `${c.split("-")[0]!.toLowerCase()}-${c.split("-")[1]!.toUpperCase()}` : c.toLowerCase(),
      );
    const languages = [...new Set([...draft.languages, ...otherCodes])];
    const badCode = otherCodes.find((c) => !LANGUAGE_CODE.test(c));
    const found: Record<string, string | undefined> = {
      email: draft.email.trim() ? validateEmail(t, draft.email.trim()) : undefined,
      languages: badCode
        ? t("profile.languageCodeInvalid", { code: badCode })
        : languages.length > 10
          ? t("profile.languagesTooMany")
          : undefined,
      pronouns: draft.pronouns.trim().length > 40 ? t("validation.tooLong", { max: 40 }) : undefined,
      recoveringFrom: draft.recoveringFrom.trim().length > 200 ? t("validation.tooLong", { max: 200 }) : undefined,
    };
    const update: ProfileUpdate = {};
    const orNull = (s: string) => (s.trim() ? s.trim() : null);
    if (orNull(draft.pronouns) !== profile.pronouns) update.pronouns = orNull(draft.pronouns);
    if (!sameSet(draft.pathways, profile.pathways)) update.pathways = draft.pathways;
    if (orNull(draft.recoveringFrom) !== profile.recoveringFrom) update.recoveringFrom = orNull(draft.recoveringFrom);
    if (!sameSet(languages, profile.languages)) update.languages = languages;
    if (orNull(draft.timeZone) !== profile.timeZone) update.timeZone = orNull(draft.timeZone);
    if (orNull(draft.country) !== profile.country) update.country = orNull(draft.country);
    if (orNull(draft.email) !== profile.email) update.email = orNull(draft.email);
    if (draft.locale !== profile.locale) update.locale = draft.locale;
    const changedVisibility = Object.fromEntries(
      Object.entries(draft.visibility).filter(([k, v]) => profile.visibility[k as ProfileField] !== v),
    );
    if (Object.keys(changedVisibility).length > 0) update.visibility = changedVisibility;
    return { update, errors: found };
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { update, errors: found } = buildUpdate();
    setSaved(null);
    await submit(
      event.currentTarget,
      found,
      async () => {
        if (Object.keys(update).length === 0) {
          setSaved(t("profile.nothingChanged"));
          return;
        }
        const next = await profileApi.update(update);
        if (update.locale) {
          void i18n.changeLanguage(update.locale);
          rememberLocale(update.locale);
        }
        queryClient.setQueryData(profileKey, next);
        void queryClient.invalidateQueries({ queryKey: meKey });
        void queryClient.invalidateQueries({ queryKey: ["crisis-lines"] });
        setDraft(toDraft(next));
        setSaved(t("profile.saved"));
      },
      { alsoFromServer: ["pathways", "timeZone", "country", "locale"] },
    );
  }

  const visibility = (field: ProfileField) => (
    <VisibilitySelect field={field} value={draft.visibility[field]} onChange={(v) => setVisibility(field, v)} />
  );

  return (
    <form className="form stack" onSubmit={onSubmit} noValidate>
      <FormAlert message={formError} />
      <p className="muted">
        {t("profile.pseudonymNote", { pseudonym: profile.pseudonym })}{" "}
        <Link to={`/members/${encodeURIComponent(profile.pseudonym)}`}>{t("profile.viewMemberPage")}</Link>
      </p>

      <div className="card stack">
        <h2 className="h3">{t("profile.aboutYou")}</h2>
        <p className="muted">{t("profile.aboutYouHint")}</p>

        <FieldRow visibility={visibility("pronouns")}>
          <TextField
            label={t("fields.pronouns")}
            optional
            value={draft.pronouns}
            onChange={(e) => set("pronouns", e.target.value)}
            maxLength={40}
            hint={t("profile.pronounsHint")}
            error={errors.pronouns}
          />
        </FieldRow>

        <FieldRow visibility={visibility("pathways")}>
          <Fieldset legend={t("fields.pathways")} hint={t("profile.pathwaysHint")} error={errors.pathways}>
            <div className="check-grid">
              {PATHWAYS.map((p) => (
                <CheckboxField
                  key={p}
                  label={t(`pathways.${p}`)}
                  checked={draft.pathways.includes(p)}
                  onChange={(e) =>
                    set("pathways", e.target.checked ? [...draft.pathways, p] : draft.pathways.filter((x) => x !== p))
                  }
                />
              ))}
            </div>
          </Fieldset>
        </FieldRow>

        <FieldRow visibility={visibility("recoveringFrom")}>
          <TextField
            label={t("fields.recoveringFrom")}
            optional
            value={draft.recoveringFrom}
            onChange={(e) => set("recoveringFrom", e.target.value)}
            maxLength={200}
            hint={t("profile.recoveringFromHint")}
            error={errors.recoveringFrom}
          />
        </FieldRow>

        <FieldRow visibility={visibility("languages")}>
          <Fieldset legend={t("fields.languages")} hint={t("profile.languagesHint")} error={errors.languages}>
            <div className="check-grid check-grid-compact">
              {COMMON_LANGUAGES.map((code) => (
                <CheckboxField
                  key={code}
                  label={languageName(code, locale)}
                  checked={draft.languages.includes(code)}
                  onChange={(e) =>
                    set(
                      "languages",
                      e.target.checked ? [...draft.languages, code] : draft.languages.filter((x) => x !== code),
                    )
                  }
                />
              ))}
            </div>
            <TextField
              label={t("profile.otherLanguages")}
              hint={t("profile.otherLanguagesHint")}
              value={draft.otherLanguages}
              onChange={(e) => set("otherLanguages", e.target.value)}
              autoCapitalize="none"
              spellCheck={false}
            />
          </Fieldset>
        </FieldRow>

        <FieldRow visibility={visibility("timeZone")}>
          <SelectField
            label={t("fields.timeZone")}
            optional
            value={draft.timeZone}
            onChange={(e) => set("timeZone", e.target.value)}
            error={errors.timeZone}
            hint={
              deviceTimeZone && draft.timeZone !== deviceTimeZone ? (
                <button type="button" className="link-button" onClick={() => set("timeZone", deviceTimeZone)}>
                  {t("profile.useDeviceTimeZone", { zone: deviceTimeZone })}
                </button>
              ) : undefined
            }
          >
            <option value="">{t("profile.notSet")}</option>
            {timeZones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replace(/_/g, " ")}
              </option>
            ))}
          </SelectField>
        </FieldRow>

        <FieldRow visibility={visibility("country")}>
          <SelectField
            label={t("fields.country")}
            optional
            value={draft.country}
            onChange={(e) => set("country", e.target.value)}
            hint={t("profile.countryHint")}
            error={errors.country}
          >
            <option value="">{t("profile.notSet")}</option>
            {countries.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </SelectField>
        </FieldRow>
      </div>

      <div className="card stack">
        <h2 className="h3">{t("profile.accountTitle")}</h2>
        <TextField
          label={t("fields.email")}
          type="email"
          autoComplete="email"
          optional
          value={draft.email}
          onChange={(e) => set("email", e.target.value)}
          hint={t("profile.emailHint")}
          error={errors.email}
        />
        <SelectField
          label={t("fields.locale")}
          value={draft.locale}
          onChange={(e) => set("locale", e.target.value === "es" ? "es" : "en")}
          hint={t("profile.localeHint")}
          error={errors.locale}
        >
          <option value="en" lang="en">
            English
          </option>
          <option value="es" lang="es">
            Español
          </option>
        </SelectField>
      </div>

      <FormSuccess message={saved} />
      <div className="button-row">
        <button type="submit" className="button button-primary button-large" disabled={busy}>
          {busy ? t("common.saving") : t("profile.save")}
        </button>
      </div>
    </form>
  );
}

function FieldRow({ children, visibility }: { children: ReactNode; visibility: ReactNode }) {
  return (
    <div className="field-row">
      <div className="field-row-main">{children}</div>
      <div className="field-row-visibility">{visibility}</div>
    </div>
  );
}

function VisibilitySelect({
  field,
  value,
  onChange,
}: {
  field: ProfileField;
  value: Visibility;
  onChange: (v: Visibility) => void;
}) {
  const { t } = useTranslation();
  return (
    <SelectField
      label={t("profile.whoCanSee", { field: t(`fields.${field}`) })}
      value={value}
      onChange={(e) => onChange(e.target.value as Visibility)}
      className="visibility"
    >
      {VISIBILITIES.map((v) => (
        <option key={v} value={v}>
          {t(`visibility.${v}`)}
        </option>
      ))}
    </SelectField>
  );
}

function sameSet(a: readonly string[], b: readonly string[]) {
  return a.length === b.length && a.every((x) => b.includes(x));
}
