// The Meeting Guide JSON format (code4recovery): a schema written from its
// specification, Kindred's meetings as feed entries, and feed entries back as
// meetings for the importer. Kindred's own feed re-imports unchanged.
import { CreateMeeting, isMeetingTypeCode } from "@kindred/contracts";
import { z } from "zod";
import { type FieldError } from "../../http/problem.js";
import { describe, isPlainWeekly, isTimeZone, weekdays } from "./recurrence.js";
import type { MeetingRow } from "./service.js";

const Day = z.number({ error: "A day from 0 (Sunday) to 6 (Saturday)" }).int("A day from 0 (Sunday) to 6 (Saturday)").min(0, "A day from 0 (Sunday) to 6 (Saturday)").max(6, "A day from 0 (Sunday) to 6 (Saturday)");
const HHMM = z.string({ error: "A time as HH:MM, 24-hour" }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, "A time as HH:MM, 24-hour");
const NoHtml = (max: number) => z.string().max(max).refine((s) => !/<\/?[a-z][^>]*>/i.test(s), "No HTML");

/**
 * One feed entry as the Meeting Guide specification describes it: `name` and
 * `slug` required; `day`, `time`, `timezone` and a location (or conference
 * details) for the app to list it. Other fields are optional and typed.
 */
export const MeetingGuideEntry = z
  .object({
    name: NoHtml(255).min(1, "Give the meeting a name"),
    slug: z.string({ error: "Every meeting needs a slug (its stable address)" }).min(1, "Every meeting needs a slug").max(64, "At most 64 characters").regex(/^[a-z0-9][a-z0-9-]*$/i, "URL-safe: letters, numbers and dashes"),
    day: z.union([Day, z.array(Day).min(1).max(7)], { error: "A day from 0 (Sunday) to 6 (Saturday), or a list of them" }).optional(),
    time: HHMM.optional(),
    end_time: HHMM.optional(),
    timezone: z.string().refine(isTimeZone, "A tz database name").optional(),
    types: z.array(z.string().refine(isMeetingTypeCode, "A Meeting Guide type code")).optional(),
    notes: NoHtml(10_000).optional(),
    conference_url: z.string().url("A full web address").optional(),
    conference_url_notes: NoHtml(1_000).optional(),
    conference_phone: z.string().max(100).optional(),
    conference_phone_notes: NoHtml(1_000).optional(),
    location: NoHtml(255).optional(),
    location_notes: NoHtml(2_000).optional(),
    formatted_address: NoHtml(500).optional(),
    address: NoHtml(255).optional(),
    city: NoHtml(100).optional(),
    state: NoHtml(100).optional(),
    postal_code: NoHtml(20).optional(),
    country: NoHtml(100).optional(),
    approximate: z.enum(["yes", "no"]).optional(),
    latitude: z.number().min(-90).max(90).optional(),
    longitude: z.number().min(-180).max(180).optional(),
    region: NoHtml(255).optional(),
    regions: z.array(z.string()).optional(),
    group: NoHtml(255).optional(),
    group_notes: NoHtml(2_000).optional(),
    updated: z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, "UTC as YYYY-MM-DD HH:MM:SS").optional(),
    url: z.string().url().optional(),
    feedback_url: z.string().url().optional(),
    entity: z.string().optional(),
    entity_email: z.string().optional(),
    entity_location: z.string().optional(),
    entity_logo: z.string().optional(),
    entity_phone: z.string().optional(),
    entity_url: z.string().optional(),
  })
  .refine((e) => e.formatted_address || e.address || e.conference_url || e.conference_phone, {
    message: "A location (formatted_address or address) or conference details",
    path: ["formatted_address"],
  });
export type MeetingGuideEntry = z.infer<typeof MeetingGuideEntry>;

export type FeedContext = { publicUrl: string; area: string };

const meetingUrl = (ctx: FeedContext, slug: string) => `${ctx.publicUrl}/meetings/${slug}`;
const updated = (d: Date) => new Date(d).toISOString().replace("T", " ").slice(0, 19);
const joinAddress = (parts: string[]) => parts.filter((p) => p.trim() !== "").join(", ");
/** Sets a field only when it has a value: the format prefers absent to empty. */
const put = <T extends object, K extends string>(o: T, key: K, value: string | null | undefined) => {
  if (value !== null && value !== undefined && value.trim() !== "") (o as Record<string, string>)[key] = value;
};

/** A meeting as a feed entry; `group` names only public groups (the feed lists nothing else). */
export function toEntry(m: MeetingRow, ctx: FeedContext): MeetingGuideEntry {
  const days = weekdays(m);
  const types = [...m.types];
  if (m.temporarilyClosed && !types.includes("TC")) types.push("TC");
  const schedule = isPlainWeekly(m) ? "" : `Meets ${describe(m)}.`;
  const entry: Record<string, unknown> = {
    name: m.name,
    slug: m.slug,
    day: days.length === 1 ? days[0] : days,
    time: m.startTime,
    end_time: m.endTime,
    timezone: m.timezone,
    types: types.sort(),
  };
  put(entry, "notes", [schedule, m.description].filter(Boolean).join("\n\n"));
  const online = m.mode !== "in_person";
  const inPerson = m.mode === "in_person" || m.mode === "hybrid";
  if (online) {
    put(entry, "conference_url", m.mode === "kindred" ? meetingUrl(ctx, m.slug) : m.conferenceUrl);
    put(entry, "conference_url_notes", m.conferenceUrlNotes);
    put(entry, "conference_phone", m.conferencePhone);
    put(entry, "conference_phone_notes", m.conferencePhoneNotes);
  }
  if (inPerson) {
    put(entry, "location", m.location);
    put(entry, "address", m.address);
    put(entry, "city", m.city);
    put(entry, "state", m.state);
    put(entry, "postal_code", m.postalCode);
    put(entry, "country", m.country);
    put(entry, "location_notes", m.locationNotes);
    put(entry, "formatted_address", joinAddress([m.address, m.city, [m.state, m.postalCode].filter(Boolean).join(" "), m.country]));
  } else {
    // Finders drop meetings with no address at all: an online meeting gives the organization's area, marked approximate.
    entry.formatted_address = ctx.area;
    entry.approximate = "yes";
  }
  put(entry, "group", m.groupName);
  entry.updated = updated(m.updatedAt);
  entry.url = meetingUrl(ctx, m.slug);
  return entry as MeetingGuideEntry;
}

export type ImportedMeeting = z.output<typeof CreateMeeting> & { slug: string; groupName: string | null };

const BYDAY = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];
const addMinutes = (hhmm: string, minutes: number) => {
  const total = Math.min(23 * 60 + 59, Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)) + minutes);
  return `${String(Math.floor(total / 60)).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}`;
};

/** The next date (YYYY-MM-DD) on or after `today` that falls on one of these weekdays. */
function firstDay(days: number[], today: Date): string {
  for (let i = 0; i < 7; i++) {
    const d = new Date(today.getTime() + i * 86_400_000);
    if (days.includes(d.getUTCDay())) return d.toISOString().slice(0, 10);
  }
  return today.toISOString().slice(0, 10);
}

/**
 * A feed entry as a meeting to create or update, or the reasons it cannot be
 * one, each naming the field (`[index].field`).
 */
export function fromEntry(raw: unknown, index: number, ctx: FeedContext & { defaultTimeZone: string; today: Date }): { meeting: ImportedMeeting } | { errors: FieldError[] } {
  const parsed = MeetingGuideEntry.safeParse(raw);
  if (!parsed.success) {
    return { errors: parsed.error.issues.map((i) => ({ path: `[${index}]${i.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("")}`, message: i.message })) };
  }
  const e = parsed.data;
  const errors: FieldError[] = [];
  if (e.day === undefined) errors.push({ path: `[${index}].day`, message: "Kindred imports weekly meetings: give the day (0–6, 0 = Sunday)" });
  if (!e.time) errors.push({ path: `[${index}].time`, message: "Give the start time as HH:MM" });
  if (e.time && e.end_time && e.end_time <= e.time) errors.push({ path: `[${index}].end_time`, message: "The end must be after the start" });
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(e.slug) || e.slug.length < 2) {
    errors.push({ path: `[${index}].slug`, message: "Kindred slugs are lowercase letters, numbers and single dashes" });
  }
  if (errors.length > 0) return { errors };
  const days = (Array.isArray(e.day) ? e.day : [e.day!]).slice().sort((a, b) => a - b);
  const ownRoom = e.conference_url === meetingUrl(ctx, e.slug);
  const online = Boolean(e.conference_url || e.conference_phone);
  const inPerson = Boolean(e.address || (e.formatted_address && e.approximate !== "yes"));
  const mode = ownRoom ? "kindred" : online && inPerson ? "hybrid" : online ? "online" : "in_person";
  const hasParts = Boolean(e.address);
  // A formatted address alone goes into the address line; its city is its second part.
  const formattedParts = (e.formatted_address ?? "").split(",").map((s) => s.trim());
  const types = (e.types ?? []).filter((t) => t !== "TC");
  const meeting = {
      slug: e.slug,
      name: e.name,
      description: e.notes ?? "",
      types: [...new Set(types)].sort(),
      language: types.includes("S") ? "es" : "en",
      mode,
      conferenceUrl: ownRoom ? null : (e.conference_url ?? null),
      conferenceUrlNotes: e.conference_url_notes ?? "",
      conferencePhone: e.conference_phone ?? null,
      conferencePhoneNotes: e.conference_phone_notes ?? "",
      location: inPerson ? (e.location ?? "") : "",
      address: inPerson ? (hasParts ? e.address! : (formattedParts[0] ?? "")) : "",
      city: inPerson ? (hasParts ? (e.city ?? "") : (formattedParts[1] ?? "")) : "",
      state: inPerson ? (e.state ?? "") : "",
      postalCode: inPerson ? (e.postal_code ?? "") : "",
      country: inPerson ? (e.country ?? "") : "",
      locationNotes: inPerson ? (e.location_notes ?? "") : "",
      timezone: e.timezone ?? ctx.defaultTimeZone,
      startsOn: firstDay(days, ctx.today),
      startTime: e.time!,
      endTime: e.end_time ?? addMinutes(e.time!, 60),
      rrule: `FREQ=WEEKLY;BYDAY=${days.map((d) => BYDAY[d]).join(",")}`,
      capacity: null,
      temporarilyClosed: (e.types ?? []).includes("TC"),
      groupId: null,
      facilitators: [],
      groupName: e.group ?? null,
  } satisfies z.input<typeof CreateMeeting> & { groupName: string | null };
  // The entry must also make a valid Kindred meeting (lengths, phone format…): name the feed's field when not.
  const { groupName: _g, ...fields } = meeting;
  const checked = CreateMeeting.safeParse(fields);
  if (!checked.success) {
    return {
      errors: checked.error.issues.map((i) => {
        const key = String(i.path[0] ?? "");
        return { path: `[${index}].${FEED_FIELD[key] ?? key}`, message: i.message };
      }),
    };
  }
  return { meeting: { ...checked.data, slug: e.slug, groupName: meeting.groupName } };
}

/** Kindred's field names → the feed's, for error paths. */
const FEED_FIELD: Record<string, string> = {
  description: "notes", conferenceUrl: "conference_url", conferenceUrlNotes: "conference_url_notes", conferencePhone: "conference_phone",
  conferencePhoneNotes: "conference_phone_notes", postalCode: "postal_code", locationNotes: "location_notes", startTime: "time", endTime: "end_time",
};
