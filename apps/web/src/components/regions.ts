// Country and language names come from the browser (Intl.DisplayNames), in the reader's language.

/** ISO 3166-1 alpha-2 codes of current countries and territories. */
export const COUNTRY_CODES = (
  "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
  "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
  "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO " +
  "JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR " +
  "MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO " +
  "RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV " +
  "TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW"
).split(" ");

/** Languages offered as checkboxes; any other code can be typed. */
export const COMMON_LANGUAGES = ["en", "es", "fr", "pt", "de", "it", "ar", "zh", "hi", "ru", "uk", "pl", "tl", "vi", "ko", "ht", "ase"];

const cache = new Map<string, Intl.DisplayNames>();
function names(locale: string, type: "region" | "language") {
  const key = `${locale}:${type}`;
  let value = cache.get(key);
  if (!value) {
    value = new Intl.DisplayNames([locale], { type, fallback: "code" });
    cache.set(key, value);
  }
  return value;
}

export function countryName(code: string, locale: string): string {
  try {
    return names(locale, "region").of(code) ?? code;
  } catch {
    return code;
  }
}

export function languageName(code: string, locale: string): string {
  if (code === "ase") return locale === "es" ? "Lengua de señas americana" : "American Sign Language";
  try {
    const name = names(locale, "language").of(code) ?? code;
    // Spanish writes language names in lower case; as a label on its own it reads better capitalised.
    return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
  } catch {
    return code;
  }
}

/** Codes sorted by their name in the reader's language. */
export function sortedCountries(codes: readonly string[], locale: string): { code: string; name: string }[] {
  const collator = new Intl.Collator(locale);
  return codes
    .map((code) => ({ code, name: countryName(code, locale) }))
    .sort((a, b) => collator.compare(a.name, b.name));
}
