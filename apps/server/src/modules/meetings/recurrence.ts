// A meeting's schedule: an RRULE applied to local wall-clock times in the
// meeting's own IANA zone. The rule is expanded over "floating" times (local
// dates written as if they were UTC) and only then placed in the zone, so a
// 7 pm meeting stays at 7 pm local across daylight-saving changes.
import { DateTime, IANAZone } from "luxon";
import rrulePkg from "rrule";

const { RRule } = rrulePkg;
type Options = ReturnType<typeof RRule.parseString>;

export type FieldError = { path: string; message: string };

export type Schedule = {
  timezone: string;
  startsOn: string; // YYYY-MM-DD, the first day it may meet
  startTime: string; // HH:MM local
  endTime: string; // HH:MM local
  rrule: string; // FREQ=…, no DTSTART
};

export type Exception = { occurrence: string; action: "cancel" | "move"; movedTo: string | null; note: string };

export type Expanded = {
  /** Scheduled local start, YYYY-MM-DDTHH:MM: names the occurrence even when moved. */
  original: string;
  start: Date;
  end: Date;
  status: "scheduled" | "moved" | "cancelled";
  note: string;
};

const ALLOWED_FREQS = new Set([RRule.DAILY, RRule.WEEKLY, RRule.MONTHLY, RRule.YEARLY]);
const ALLOWED_PARTS = new Set(["FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "BYSETPOS", "BYMONTH", "UNTIL", "COUNT", "WKST"]);
const MAX_INTERVAL = 52;

const knownZones = new Map<string, boolean>();
/** An IANA zone name (not a fixed offset such as GMT+5). Remembered: checking one builds an Intl formatter. */
export function isTimeZone(tz: string): boolean {
  let known = knownZones.get(tz);
  if (known === undefined) {
    known = IANAZone.isValidZone(tz) && !/^(UTC|GMT)?[+-]/.test(tz);
    if (knownZones.size < 5_000) knownZones.set(tz, known);
  }
  return known;
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
export const durationMinutes = (s: Pick<Schedule, "startTime" | "endTime">) => minutes(s.endTime) - minutes(s.startTime);

/** Strips an optional "RRULE:" prefix and upper-cases the rule. */
export const normalizeRule = (rule: string) => rule.trim().replace(/^RRULE:/i, "").toUpperCase();

/** Every problem with a schedule, each naming its field (paths under `prefix`). */
export function scheduleErrors(s: Partial<Schedule>, prefix = "body"): FieldError[] {
  const errors: FieldError[] = [];
  if (s.timezone !== undefined && !isTimeZone(s.timezone)) {
    errors.push({ path: `${prefix}.timezone`, message: `"${s.timezone.slice(0, 64)}" is not a time zone from the tz database, such as America/Chicago` });
  }
  if (s.startsOn !== undefined && !DateTime.fromISO(s.startsOn, { zone: "utc" }).isValid) {
    errors.push({ path: `${prefix}.startsOn`, message: "Not a real date" });
  }
  if (s.startTime !== undefined && s.endTime !== undefined && durationMinutes(s as Schedule) <= 0) {
    errors.push({ path: `${prefix}.endTime`, message: "The end must be after the start (meetings that run past midnight end at 23:59)" });
  }
  if (s.rrule !== undefined) {
    const problem = ruleProblem(s.rrule);
    if (problem) errors.push({ path: `${prefix}.rrule`, message: problem });
  }
  return errors;
}

function ruleProblem(raw: string): string | null {
  const rule = normalizeRule(raw);
  if (/\bDTSTART\b|\n/.test(rule)) return "Give the rule alone (FREQ=…), without DTSTART; the start date is its own field";
  const parts = rule.split(";").filter(Boolean);
  for (const part of parts) {
    const [key, value] = part.split("=");
    if (!key || value === undefined || value === "") return `"${part.slice(0, 30)}" is not a KEY=VALUE part of a recurrence rule`;
    if (!ALLOWED_PARTS.has(key)) return `${key.slice(0, 20)} is not supported in a meeting's recurrence rule`;
  }
  const freq = /(?:^|;)FREQ=([^;]*)/.exec(rule)?.[1];
  if (freq === undefined) return "The rule needs FREQ, e.g. FREQ=WEEKLY";
  if (!["SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"].includes(freq)) {
    return `${freq.slice(0, 20)} is not a recurrence frequency (RFC 5545): use DAILY, WEEKLY, MONTHLY or YEARLY`;
  }
  let options: Options;
  try {
    options = RRule.parseString(rule);
  } catch {
    return "Not a valid recurrence rule (RFC 5545), e.g. FREQ=WEEKLY;BYDAY=MO,TH";
  }
  if (options.freq === undefined) return "The rule needs FREQ, e.g. FREQ=WEEKLY";
  if (!ALLOWED_FREQS.has(options.freq)) return "Meetings repeat daily, weekly, monthly or yearly, not more often";
  if (options.interval !== undefined && (options.interval < 1 || options.interval > MAX_INTERVAL)) return `INTERVAL must be between 1 and ${MAX_INTERVAL}`;
  try {
    // A rule that parses can still be impossible (BYMONTHDAY=31;BYMONTH=2): it must meet at least once within ten years.
    const first = new RRule({ ...options, dtstart: new Date(Date.UTC(2000, 0, 1)) }).after(new Date(Date.UTC(2000, 0, 1)), true);
    if (!first || first.getTime() > Date.UTC(2010, 0, 1)) return "This rule never produces a meeting";
  } catch {
    return "Not a valid recurrence rule (RFC 5545), e.g. FREQ=WEEKLY;BYDAY=MO,TH";
  }
  return null;
}

const floating = (date: string, time: string) => new Date(`${date}T${time}:00Z`);
const floatingToLocal = (d: Date) => d.toISOString().slice(0, 16);
const localParts = (local: string) => ({
  year: Number(local.slice(0, 4)), month: Number(local.slice(5, 7)), day: Number(local.slice(8, 10)),
  hour: Number(local.slice(11, 13)), minute: Number(local.slice(14, 16)),
});

/** The instant a local wall-clock time names in a zone (a time skipped by a DST change moves forward, as calendars do). */
export function localToInstant(local: string, timezone: string): Date {
  return DateTime.fromObject(localParts(local), { zone: timezone }).toJSDate();
}

export function ruleFor(s: Schedule) {
  const options = RRule.parseString(normalizeRule(s.rrule));
  return new RRule({ ...options, dtstart: floating(s.startsOn, s.startTime) });
}

/**
 * Occurrences whose start falls in [from, to), with exceptions applied:
 * cancelled ones are kept (status "cancelled") so pages can say so; moved ones
 * carry their new time. A move into the window from outside is included too.
 */
export function expand(s: Schedule, exceptions: Exception[], from: Date, to: Date): Expanded[] {
  const duration = durationMinutes(s) * 60_000;
  // Floating times can differ from instants by up to ±14 h; widen, then filter by real instants.
  const pad = 15 * 3600_000;
  // An exception whose occurrence the rule no longer produces (the rule changed since) is dormant, not applied.
  const live = exceptions.filter((e) => isOccurrence(s, e.occurrence));
  const moves = new Map(live.map((e) => [e.occurrence, e]));
  const out: Expanded[] = [];
  const seen = new Set<string>();
  for (const f of ruleFor(s).between(new Date(from.getTime() - pad), new Date(to.getTime() + pad), true)) {
    const original = floatingToLocal(f);
    seen.add(original);
    out.push(place(s, original, moves.get(original), duration));
  }
  // A move whose original lies outside the window may still land inside it.
  for (const e of live) {
    if (e.action !== "move" || seen.has(e.occurrence) || !e.movedTo) continue;
    out.push(place(s, e.occurrence, e, duration));
  }
  return out.filter((o) => o.start >= from && o.start < to).sort((a, b) => a.start.getTime() - b.start.getTime() || a.original.localeCompare(b.original));
}

function place(s: Schedule, original: string, exception: Exception | undefined, duration: number): Expanded {
  const local = exception?.action === "move" && exception.movedTo ? exception.movedTo : original;
  const start = localToInstant(local, s.timezone);
  const status = !exception ? "scheduled" : exception.action === "cancel" ? "cancelled" : "moved";
  return { original, start, end: new Date(start.getTime() + duration), status, note: exception?.note ?? "" };
}

/** Whether a local start is one the rule produces (exceptions must name a real occurrence). */
export function isOccurrence(s: Schedule, local: string): boolean {
  const f = floating(local.slice(0, 10), local.slice(11, 16));
  return ruleFor(s).between(new Date(f.getTime() - 1), new Date(f.getTime() + 1), true).some((d) => d.getTime() === f.getTime());
}

/** Meeting Guide's `day`: the local weekdays it meets on (0 = Sunday). */
export function weekdays(s: Schedule): number[] {
  const options = RRule.parseString(normalizeRule(s.rrule));
  const by = options.byweekday;
  const list = by === undefined || by === null ? [] : Array.isArray(by) ? by : [by];
  // rrule numbers Monday 0 … Sunday 6.
  const days = list.map((w) => ((typeof w === "number" ? w : (w as { weekday: number }).weekday) + 1) % 7);
  if (days.length === 0) days.push(new Date(`${s.startsOn}T00:00:00Z`).getUTCDay());
  return [...new Set(days)].sort((a, b) => a - b);
}

/** True for rules Meeting Guide can express on its own: every week on some days. */
export const isPlainWeekly = (s: Schedule) => {
  const o = RRule.parseString(normalizeRule(s.rrule));
  const weekdayOnly = (Array.isArray(o.byweekday) ? o.byweekday : o.byweekday ? [o.byweekday] : []).every((w) => typeof w === "number" || !(w as { n?: number }).n);
  return o.freq === RRule.WEEKLY && (o.interval ?? 1) === 1 && weekdayOnly && !o.bymonthday && !o.bysetpos && !o.bymonth && !o.count && !o.until;
};

const descriptions = new Map<string, string>();
/** Plain English, e.g. "every week on Monday, Thursday" (rrule's own wording); remembered, as lists show it on every row. */
export function describe(s: Schedule): string {
  const key = `${s.startsOn} ${s.startTime} ${s.rrule}`;
  let text = descriptions.get(key);
  if (text === undefined) {
    text = ruleFor(s).toText();
    if (descriptions.size >= 10_000) descriptions.clear();
    descriptions.set(key, text);
  }
  return text;
}
