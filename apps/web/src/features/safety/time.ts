// Dates and times of the rota, which are local to the organization's time zone
// and stored as plain "HH:MM" and "YYYY-MM-DD": formatted without any zone
// arithmetic, in the reader's language.

/** The weekday's name, 0 = Sunday. */
export function weekdayName(weekday: number, locale: string, width: "long" | "short" = "long"): string {
  // 7 January 2024 was a Sunday.
  return new Intl.DateTimeFormat(locale, { weekday: width, timeZone: "UTC" }).format(Date.UTC(2024, 0, 7 + weekday));
}

/** The weekday's name standing on its own (a table row, a choice): capitalised, as Spanish names are not. */
export function weekdayTitle(weekday: number, locale: string): string {
  const name = weekdayName(weekday, locale);
  return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
}

/** "09:00" as the reader reads times ("9:00 AM" in English, "9:00" in Spanish). */
export function localTime(hhmm: string, locale: string): string {
  const [h, m] = hhmm.split(":").map(Number);
  if (h === undefined || m === undefined || Number.isNaN(h) || Number.isNaN(m)) return hhmm;
  return new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit", timeZone: "UTC" }).format(
    Date.UTC(2024, 0, 1, h, m),
  );
}

/** "Tuesday, 2 December 2025" for a "YYYY-MM-DD". */
export function calendarDate(date: string, locale: string): string {
  const at = new Date(`${date}T12:00:00Z`);
  if (Number.isNaN(at.getTime())) return date;
  return new Intl.DateTimeFormat(locale, { dateStyle: "full", timeZone: "UTC" }).format(at);
}

/** The weekday of a "YYYY-MM-DD" (0 = Sunday), or null when it is not a date. */
export function weekdayOf(date: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const at = new Date(`${date}T12:00:00Z`);
  return Number.isNaN(at.getTime()) || at.toISOString().slice(0, 10) !== date ? null : at.getUTCDay();
}

/** A shift whose end is at or before its start runs past midnight. */
export const overnight = (start: string, end: string) => end <= start;

/** A time zone's name as people read it: "America/New_York" → "America/New York". */
export const zoneName = (zone: string) => zone.replace(/_/g, " ");
