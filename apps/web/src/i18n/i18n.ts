// English and Spanish, bundled. The signed-in person's locale wins; otherwise a
// choice made in the header, otherwise the browser's language.
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import core from "./en.json";
import coreEs from "./es.json";
import groupsEn from "./groups.en.json";
import groupsEs from "./groups.es.json";
import meetingsEn from "./meetings.en.json";
import meetingsEs from "./meetings.es.json";

// Each feature with many strings keeps them in its own pair of files, merged here under its key.
export const en = { ...core, groups: groupsEn, meetings: meetingsEn };
const es = { ...coreEs, groups: groupsEs, meetings: meetingsEs };

export const LOCALES = ["en", "es"] as const;
export type Locale = (typeof LOCALES)[number];

// Compile-time check that Spanish has every key English has.
const spanish: typeof en = es;

const STORAGE_KEY = "kindred.locale";

export function isLocale(value: unknown): value is Locale {
  return value === "en" || value === "es";
}

function storedLocale(): Locale | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}

export function browserLocale(): Locale {
  const languages = typeof navigator === "undefined" ? [] : navigator.languages ?? [navigator.language];
  for (const language of languages) {
    const base = language.toLowerCase().split("-")[0];
    if (isLocale(base)) return base;
  }
  return "en";
}

export function rememberLocale(locale: Locale) {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private browsing may refuse storage; the choice then lasts for this visit.
  }
}

export function currentLocale(): Locale {
  return isLocale(i18n.resolvedLanguage) ? i18n.resolvedLanguage : "en";
}

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, es: { translation: spanish } },
  lng: storedLocale() ?? browserLocale(),
  fallbackLng: "en",
  supportedLngs: LOCALES,
  interpolation: { escapeValue: false },
  returnNull: false,
  // No console advertising in a product that promises nothing third-party.
  showSupportNotice: false,
});

function applyLang(lng: string) {
  document.documentElement.lang = lng;
  document.documentElement.dir = i18n.dir(lng);
}
applyLang(i18n.language);
i18n.on("languageChanged", applyLang);

export default i18n;
