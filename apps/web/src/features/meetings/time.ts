// Dates and times of meetings: shown in the reader's own time zone, and in the
// meeting's when that reads differently. All formatting is the browser's (Intl),
// in the reader's language.

/** The reader's IANA time zone, as their device knows it. */
export function viewerTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

/** Every time zone the browser knows, for choosing one. */
export function allTimeZones(): string[] {
  try {
    return Intl.supportedValuesOf("timeZone");
  } catch {
    return ["UTC"];
  }
}

/** A zone's name for people: "America/New York" rather than "America/New_York". */
export const zoneLabel = (tz: string) => tz.replace(/_/g, " ");

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}

/** A date that starts a line: "Martes, 22 de diciembre" (Spanish writes weekdays in lower case mid-sentence). */
export const cap = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);

/** The calendar day (YYYY-MM-DD) an instant falls on in a zone. */
export function dayKey(iso: string | Date, tz: string): string {
  const parts = formatter("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(
    new Date(iso),
  );
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** "Monday 2 December" for a YYYY-MM-DD day. */
export function dayName(key: string, locale: string): string {
  return cap(formatter(locale, { timeZone: "UTC", weekday: "long", day: "numeric", month: "long" }).format(
    new Date(`${key}T12:00:00Z`),
  ));
}

/** Whether a day is today or tomorrow in a zone: null for any other day. */
export function relativeDay(key: string, tz: string, now = new Date()): "today" | "tomorrow" | null {
  if (key === dayKey(now, tz)) return "today";
  if (key === dayKey(new Date(now.getTime() + 86_400_000), tz)) return "tomorrow";
  return null;
}

/** "7:30 – 8:30 pm", in a zone. */
export function timeRange(start: string, end: string, tz: string, locale: string): string {
  const f = formatter(locale, { timeZone: tz, hour: "numeric", minute: "2-digit" });
  // formatRange spells out both dates when a range passes midnight; the day heading already says which day.
  if (dayKey(new Date(start), tz) !== dayKey(new Date(end), tz)) return `${f.format(new Date(start))} – ${f.format(new Date(end))}`;
  try {
    return f.formatRange(new Date(start), new Date(end));
  } catch {
    return `${f.format(new Date(start))} – ${f.format(new Date(end))}`;
  }
}

/** "Monday 2 December, 7:30 – 8:30 pm", in a zone. */
export function dateTimeRange(start: string, end: string, tz: string, locale: string): string {
  const day = formatter(locale, { timeZone: tz, weekday: "long", day: "numeric", month: "long" }).format(new Date(start));
  return `${day}, ${timeRange(start, end, tz, locale)}`;
}

/** Whether an instant reads the same on the wall clock in two zones. */
export function sameWallClock(iso: string, a: string, b: string): boolean {
  if (a === b) return true;
  const f = (tz: string) =>
    formatter("en-GB", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" }).format(
      new Date(iso),
    );
  return f(a) === f(b);
}

/** A local wall-clock time (YYYY-MM-DDTHH:MM, as the server names occurrences) for people: "Monday 2 December, 7:30 pm". */
export function localDateTime(local: string, locale: string): string {
  const date = new Date(`${local}:00Z`);
  if (Number.isNaN(date.getTime())) return local;
  return formatter(locale, {
    timeZone: "UTC",
    weekday: "long",
    day: "numeric",
    month: "long",
    hour: "numeric",
    minute: "2-digit",
  }).format(date);
}

/** A local wall-clock time, short: "Tue, Dec 22, 7:00 PM" (for choices in a list). */
export function localDateTimeShort(local: string, locale: string): string {
  const date = new Date(`${local}:00Z`);
  if (Number.isNaN(date.getTime())) return local;
  return cap(
    formatter(locale, { timeZone: "UTC", weekday: "short", day: "numeric", month: "short", hour: "numeric", minute: "2-digit" }).format(date),
  );
}

/** An HH:MM time for people: "7:30 pm" or "19:30", as the language writes it. */
export function clockTime(hhmm: string, locale: string): string {
  const date = new Date(`2000-01-01T${hhmm}:00Z`);
  if (Number.isNaN(date.getTime())) return hhmm;
  return formatter(locale, { timeZone: "UTC", hour: "numeric", minute: "2-digit" }).format(date);
}

/** Weekday names, Sunday first (0 = Sunday, as the directory counts them). */
export function weekdayNames(locale: string, width: "long" | "short" = "long"): string[] {
  // 2023-01-01 was a Sunday.
  return Array.from({ length: 7 }, (_, i) =>
    cap(formatter(locale, { timeZone: "UTC", weekday: width }).format(new Date(Date.UTC(2023, 0, 1 + i, 12)))),
  );
}

/** The weekday (0 = Sunday) of a YYYY-MM-DD date. */
export const weekdayOf = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();

/** Today's date (YYYY-MM-DD) in a zone. */
export const todayIn = (tz: string) => dayKey(new Date(), tz);
