// The meeting form's fields as people fill them in, checked here first, and
// turned into what the server takes (CreateMeeting / UpdateMeeting).
import type { TFunction } from "i18next";
import type { CreateMeeting, Meeting, UpdateMeeting } from "./api";
import { isInPersonMode, isOnlineMode, type MeetingMode } from "./constants";
import { parseRule, toRule, type Recurrence } from "./recurrence";
import { todayIn, weekdayOf } from "./time";

export type FormState = {
  name: string;
  slug: string;
  description: string;
  format: string;
  types: string[];
  language: string;
  mode: MeetingMode;
  conferenceUrl: string;
  conferenceUrlNotes: string;
  conferencePhone: string;
  conferencePhoneNotes: string;
  location: string;
  address: string;
  city: string;
  state: string;
  postalCode: string;
  country: string;
  locationNotes: string;
  timezone: string;
  startsOn: string;
  startTime: string;
  endTime: string;
  recurrence: Recurrence;
  capacity: string;
  temporarilyClosed: boolean;
  facilitators: string;
  groupId: string;
};

/** Every field the server may name in an error, in the order the form shows them. */
export const FORM_FIELDS = [
  "groupId",
  "name",
  "slug",
  "description",
  "format",
  "types",
  "language",
  "mode",
  "conferenceUrl",
  "conferenceUrlNotes",
  "conferencePhone",
  "conferencePhoneNotes",
  "location",
  "address",
  "city",
  "state",
  "postalCode",
  "country",
  "locationNotes",
  "timezone",
  "startsOn",
  "startTime",
  "endTime",
  "rrule",
  "capacity",
  "temporarilyClosed",
  "facilitators",
] as const;
export type FormField = (typeof FORM_FIELDS)[number];
export type FormErrors = Partial<Record<FormField, string>>;

export function emptyForm(timezone: string, language: string, groupId: string): FormState {
  const startsOn = todayIn(timezone);
  return {
    name: "",
    slug: "",
    description: "",
    format: "",
    types: [],
    language,
    mode: "kindred",
    conferenceUrl: "",
    conferenceUrlNotes: "",
    conferencePhone: "",
    conferencePhoneNotes: "",
    location: "",
    address: "",
    city: "",
    state: "",
    postalCode: "",
    country: "",
    locationNotes: "",
    timezone,
    startsOn,
    startTime: "19:00",
    endTime: "20:00",
    recurrence: { kind: "weekly", interval: 1, days: [weekdayOf(startsOn)] },
    capacity: "",
    temporarilyClosed: false,
    facilitators: "",
    groupId,
  };
}

export function formFromMeeting(m: Meeting): FormState {
  return {
    name: m.name,
    slug: m.slug,
    description: m.description,
    format: m.format,
    types: m.types,
    language: m.language,
    mode: m.mode,
    conferenceUrl: m.conferenceUrl ?? "",
    conferenceUrlNotes: m.conferenceUrlNotes,
    conferencePhone: m.conferencePhone ?? "",
    conferencePhoneNotes: m.conferencePhoneNotes,
    location: m.location,
    address: m.address,
    city: m.city,
    state: m.state,
    postalCode: m.postalCode,
    country: m.country,
    locationNotes: m.locationNotes,
    timezone: m.timezone,
    startsOn: m.startsOn,
    startTime: m.startTime,
    endTime: m.endTime,
    recurrence: parseRule(m.rrule, m.startsOn),
    capacity: m.capacity === null ? "" : String(m.capacity),
    temporarilyClosed: m.temporarilyClosed,
    facilitators: m.facilitators.map((f) => f.pseudonym).join(", "),
    groupId: m.group?.id ?? "",
  };
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const facilitatorList = (text: string) =>
  [...new Set(text.split(/[,\n]/).map((p) => p.trim().replace(/^@/, "")).filter(Boolean))];

/** What can be said before asking the server. */
export function checkForm(f: FormState, t: TFunction, creating: boolean): FormErrors {
  const e: FormErrors = {};
  const name = f.name.trim();
  if (name.length === 0) e.name = t("meetings.errors.nameRequired");
  else if (name.length < 3) e.name = t("meetings.errors.nameShort");
  if (creating && f.slug.trim() && (!SLUG.test(f.slug.trim()) || f.slug.trim().length < 2)) e.slug = t("meetings.errors.slugChars");
  if (!f.timezone) e.timezone = t("meetings.errors.timeZone");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.startsOn)) e.startsOn = t("meetings.errors.date");
  if (!HHMM.test(f.startTime)) e.startTime = t("meetings.errors.time");
  if (!HHMM.test(f.endTime)) e.endTime = t("meetings.errors.time");
  else if (HHMM.test(f.startTime) && f.endTime <= f.startTime) e.endTime = t("meetings.errors.endAfterStart");
  if (f.recurrence.kind === "weekly" && f.recurrence.days.length === 0) e.rrule = t("meetings.recurrence.chooseDays");
  if (isOnlineMode(f.mode)) {
    const url = f.conferenceUrl.trim();
    if (url && !/^https?:\/\/[^\s.]+\.[^\s]+$/i.test(url)) e.conferenceUrl = t("meetings.errors.url");
    else if (!url && !f.conferencePhone.trim()) e.conferenceUrl = t("meetings.errors.needsConference");
    if (f.conferencePhone.trim() && !/^[+\d][\d\s().,#*-]*$/.test(f.conferencePhone.trim())) e.conferencePhone = t("meetings.errors.phone");
  }
  if (isInPersonMode(f.mode)) {
    if (!f.address.trim() && !f.location.trim()) e.address = t("meetings.errors.needsAddress");
    if (f.address.trim() && !f.city.trim()) e.city = t("meetings.errors.needsCity");
  }
  if (f.capacity.trim()) {
    const n = Number(f.capacity);
    if (!Number.isInteger(n) || n < 1 || n > 10_000) e.capacity = t("meetings.errors.capacity");
  }
  if (facilitatorList(f.facilitators).length > 10) e.facilitators = t("meetings.errors.tooManyFacilitators");
  return e;
}

/** The fields the server takes; details a mode does not use are cleared, so no stale link or address is published. */
export function toBody(f: FormState): UpdateMeeting {
  const online = isOnlineMode(f.mode);
  const inPerson = isInPersonMode(f.mode);
  const text = (s: string, keep: boolean) => (keep ? s.trim() : "");
  return {
    name: f.name.trim(),
    description: f.description.trim(),
    format: f.format.trim(),
    types: f.types,
    language: f.language,
    mode: f.mode,
    conferenceUrl: online && f.conferenceUrl.trim() ? f.conferenceUrl.trim() : null,
    conferenceUrlNotes: text(f.conferenceUrlNotes, online),
    conferencePhone: online && f.conferencePhone.trim() ? f.conferencePhone.trim() : null,
    conferencePhoneNotes: text(f.conferencePhoneNotes, online),
    location: text(f.location, inPerson),
    address: text(f.address, inPerson),
    city: text(f.city, inPerson),
    state: text(f.state, inPerson),
    postalCode: text(f.postalCode, inPerson),
    country: text(f.country, inPerson),
    locationNotes: text(f.locationNotes, inPerson),
    timezone: f.timezone,
    startsOn: f.startsOn,
    startTime: f.startTime,
    endTime: f.endTime,
    rrule: toRule(f.recurrence),
    capacity: f.capacity.trim() ? Number(f.capacity) : null,
    temporarilyClosed: f.temporarilyClosed,
    facilitators: facilitatorList(f.facilitators),
  };
}

export function toCreateBody(f: FormState): CreateMeeting {
  const body = toBody(f) as CreateMeeting;
  return { ...body, groupId: f.groupId || null, ...(f.slug.trim() ? { slug: f.slug.trim() } : {}) };
}
