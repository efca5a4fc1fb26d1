// How often a meeting meets, as people choose it ("every week on Monday and
// Thursday", "every other week", "monthly on the last Friday") and as the
// server keeps it (an RFC 5545 RRULE without DTSTART). Rules the builder cannot
// express (from an imported feed, say) are kept as they are.
import type { TFunction } from "i18next";

/** RRULE weekday codes, Sunday first (index = weekday, 0 = Sunday). */
export const WEEKDAY_CODES = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"] as const;
export type WeekdayCode = (typeof WEEKDAY_CODES)[number];

export const ORDINALS = [1, 2, 3, 4, -1] as const;
export type Ordinal = (typeof ORDINALS)[number];

export type Recurrence =
  | { kind: "weekly"; interval: 1 | 2; days: number[] }
  | { kind: "monthly"; ordinal: Ordinal; day: number }
  | { kind: "custom"; rule: string };

export const normalizeRule = (rule: string) => rule.trim().replace(/^RRULE:/i, "").toUpperCase();

/** The rule the server keeps, e.g. FREQ=WEEKLY;BYDAY=MO,TH or FREQ=MONTHLY;BYDAY=-1FR. */
export function toRule(r: Recurrence): string {
  if (r.kind === "custom") return normalizeRule(r.rule);
  if (r.kind === "monthly") return `FREQ=MONTHLY;BYDAY=${r.ordinal}${WEEKDAY_CODES[r.day]}`;
  const days = [...new Set(r.days)].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7)).map((d) => WEEKDAY_CODES[d]);
  return ["FREQ=WEEKLY", r.interval === 2 ? "INTERVAL=2" : null, days.length > 0 ? `BYDAY=${days.join(",")}` : null]
    .filter(Boolean)
    .join(";");
}

const weekdayIndex = (code: string) => WEEKDAY_CODES.indexOf(code as WeekdayCode);

/** Reads a rule back into the builder; anything it cannot express stays "custom". `startsOn` gives a weekly rule without days its day. */
export function parseRule(raw: string, startsOn: string): Recurrence {
  const rule = normalizeRule(raw);
  const custom: Recurrence = { kind: "custom", rule };
  const parts = new Map<string, string>();
  for (const part of rule.split(";").filter(Boolean)) {
    const [key, value] = part.split("=");
    if (!key || value === undefined || parts.has(key)) return custom;
    parts.set(key, value);
  }
  const known = (keys: string[]) => [...parts.keys()].every((k) => keys.includes(k));
  const interval = Number(parts.get("INTERVAL") ?? "1");
  const freq = parts.get("FREQ");
  if (freq === "WEEKLY" && known(["FREQ", "INTERVAL", "BYDAY", "WKST"]) && (interval === 1 || interval === 2)) {
    const byday = parts.get("BYDAY");
    const days = byday ? byday.split(",").map(weekdayIndex) : [new Date(`${startsOn}T12:00:00Z`).getUTCDay()];
    if (days.some((d) => d < 0)) return custom;
    return { kind: "weekly", interval, days: [...new Set(days)] };
  }
  if (freq === "MONTHLY" && interval === 1) {
    const byday = parts.get("BYDAY") ?? "";
    let match = /^([+-]?\d)([A-Z]{2})$/.exec(byday);
    if (match && known(["FREQ", "INTERVAL", "BYDAY", "WKST"])) {
      const ordinal = Number(match[1]) as Ordinal;
      const day = weekdayIndex(match[2]!);
      if (ORDINALS.includes(ordinal) && day >= 0) return { kind: "monthly", ordinal, day };
    }
    match = /^([A-Z]{2})$/.exec(byday);
    const setpos = Number(parts.get("BYSETPOS"));
    if (match && known(["FREQ", "INTERVAL", "BYDAY", "BYSETPOS", "WKST"]) && ORDINALS.includes(setpos as Ordinal)) {
      const day = weekdayIndex(match[1]!);
      if (day >= 0) return { kind: "monthly", ordinal: setpos as Ordinal, day };
    }
  }
  return custom;
}

const ordinalKey = (o: Ordinal) => (o === -1 ? "last" : String(o)) as "1" | "2" | "3" | "4" | "last";

/**
 * How often, in the reader's language ("Every week on Monday and Thursday").
 * `fallback` (the server's English wording) serves rules the builder cannot read.
 */
export function describeRecurrence(r: Recurrence, t: TFunction, locale: string, fallback: string): string {
  const names = weekdaysLong(locale);
  if (r.kind === "custom") return fallback ? fallback.charAt(0).toUpperCase() + fallback.slice(1) : r.rule;
  if (r.kind === "monthly") {
    return t("meetings.recurrence.monthlyText", {
      ordinal: t(`meetings.recurrence.ordinalText.${ordinalKey(r.ordinal)}`),
      day: names[r.day],
    });
  }
  // Monday first, as people read a week.
  const sorted = [...r.days].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7)).map((d) => names[d]!);
  const days = new Intl.ListFormat(locale, { type: "conjunction" }).format(sorted);
  return r.interval === 2 ? t("meetings.recurrence.biweeklyText", { days }) : t("meetings.recurrence.weeklyText", { days });
}

function weekdaysLong(locale: string): string[] {
  return Array.from({ length: 7 }, (_, i) =>
    new Intl.DateTimeFormat(locale, { timeZone: "UTC", weekday: "long" }).format(new Date(Date.UTC(2023, 0, 1 + i, 12))),
  );
}
