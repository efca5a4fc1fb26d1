// The directory's filters, kept in the page's address so a search can be
// bookmarked, shared and come back with the browser's Back button. Choices
// apply at once; words apply when searched.
import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { SetURLSearchParams } from "react-router";
import { SelectField, TextField } from "../../components/FormField";
import { languageName } from "../../components/regions";
import { currentLocale } from "../../i18n/i18n";
import type { DirectoryFilters } from "./api";
import { useVisibleGroups } from "./api";
import { MEETING_LANGUAGES, MEETING_MODES, TIMES_OF_DAY, type MeetingMode, type TimeOfDay } from "./constants";
import { weekdayNames } from "./time";
import { sortedTypes } from "./types";

const FILTER_KEYS = ["day", "timeOfDay", "type", "language", "mode", "group", "q"] as const;

/** The filters in an address's query, ignoring anything that is not one. */
export function filtersFrom(params: URLSearchParams): DirectoryFilters {
  const f: DirectoryFilters = {};
  const day = params.get("day");
  if (day !== null && /^[0-6]$/.test(day)) f.day = Number(day);
  const time = params.get("timeOfDay");
  if (time && (TIMES_OF_DAY as readonly string[]).includes(time)) f.timeOfDay = time as TimeOfDay;
  const mode = params.get("mode");
  if (mode && (MEETING_MODES as readonly string[]).includes(mode)) f.mode = mode as MeetingMode;
  for (const key of ["type", "language", "group", "q"] as const) {
    const value = params.get(key)?.trim();
    if (value) f[key] = value.slice(0, key === "q" ? 100 : 64);
  }
  return f;
}

export const hasFilters = (f: DirectoryFilters) => FILTER_KEYS.some((k) => f[k] !== undefined);

export function DirectoryFilterForm({
  filters,
  setParams,
}: {
  filters: DirectoryFilters;
  setParams: SetURLSearchParams;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const groups = useVisibleGroups();
  const [words, setWords] = useState(filters.q ?? "");
  // The browser's Back button can change the words in the address.
  useEffect(() => setWords(filters.q ?? ""), [filters.q]);
  const days = weekdayNames(locale);
  // Weeks start on Sunday in English (US) and on Monday in Spanish.
  const dayOrder = locale === "es" ? [1, 2, 3, 4, 5, 6, 0] : [0, 1, 2, 3, 4, 5, 6];
  const languages = MEETING_LANGUAGES.includes(filters.language ?? "en")
    ? MEETING_LANGUAGES
    : [...MEETING_LANGUAGES, filters.language!];

  function set(key: (typeof FILTER_KEYS)[number], value: string) {
    setParams(
      (params) => {
        const next = new URLSearchParams(params);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true, preventScrollReset: true },
    );
  }

  function onSearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    set("q", words.trim());
  }

  function clear() {
    setWords("");
    setParams(new URLSearchParams(), { replace: true, preventScrollReset: true });
  }

  return (
    <section className="card meeting-filters" aria-labelledby="meeting-filters-title">
      <h2 id="meeting-filters-title" className="h3">
        {t("meetings.filters.title")}
      </h2>
      <form role="search" className="meeting-search" onSubmit={onSearch}>
        <TextField
          label={t("meetings.filters.words")}
          hint={t("meetings.filters.wordsHint")}
          type="search"
          value={words}
          maxLength={100}
          onChange={(e) => setWords(e.target.value)}
        />
        <button type="submit" className="button button-secondary">
          {t("meetings.filters.search")}
        </button>
      </form>
      <div className="meeting-filter-grid">
        <SelectField label={t("meetings.filters.day")} value={filters.day ?? ""} onChange={(e) => set("day", e.target.value)}>
          <option value="">{t("meetings.filters.anyDay")}</option>
          {dayOrder.map((d) => (
            <option key={d} value={d}>
              {days[d]}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("meetings.filters.timeOfDay")}
          value={filters.timeOfDay ?? ""}
          onChange={(e) => set("timeOfDay", e.target.value)}
        >
          <option value="">{t("meetings.filters.anyTime")}</option>
          {TIMES_OF_DAY.map((time) => (
            <option key={time} value={time}>
              {t(`meetings.timeOfDay.${time}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("meetings.filters.mode")} value={filters.mode ?? ""} onChange={(e) => set("mode", e.target.value)}>
          <option value="">{t("meetings.filters.anyMode")}</option>
          {MEETING_MODES.map((mode) => (
            <option key={mode} value={mode}>
              {t(`meetings.modeFilter.${mode}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("meetings.filters.type")} value={filters.type ?? ""} onChange={(e) => set("type", e.target.value)}>
          <option value="">{t("meetings.filters.anyType")}</option>
          {sortedTypes(locale).map((type) => (
            <option key={type.code} value={type.code}>
              {type.label}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("meetings.filters.language")}
          value={filters.language ?? ""}
          onChange={(e) => set("language", e.target.value)}
        >
          <option value="">{t("meetings.filters.anyLanguage")}</option>
          {languages.map((code) => (
            <option key={code} value={code}>
              {languageName(code, locale)}
            </option>
          ))}
        </SelectField>
        {groups.data && (groups.data.items.length > 0 || filters.group) ? (
          <SelectField
            label={t("meetings.filters.group")}
            value={filters.group ?? ""}
            onChange={(e) => set("group", e.target.value)}
          >
            <option value="">{t("meetings.filters.anyGroup")}</option>
            {filters.group && !groups.data.items.some((g) => g.slug === filters.group) ? (
              <option value={filters.group}>{filters.group}</option>
            ) : null}
            {groups.data.items.map((g) => (
              <option key={g.id} value={g.slug}>
                {g.name}
              </option>
            ))}
          </SelectField>
        ) : null}
      </div>
      {hasFilters(filters) ? (
        <div className="button-row">
          <button type="button" className="button button-quiet button-small" onClick={clear}>
            {t("meetings.filters.clear")}
          </button>
        </div>
      ) : null}
    </section>
  );
}
