// Meetings: their schedule (an RRULE in the meeting's own time zone), the
// directory, "my meetings", calendars and the Meeting Guide import.
import { getTypesForLanguage, isMeetingType } from "@code4recovery/spec";
import { z } from "zod";
import { GroupSlug } from "./groups.js";

/** kindred: online in Kindred's own room · online: elsewhere, by conference URL or phone · in_person · hybrid: both. */
export const MEETING_MODES = ["kindred", "online", "in_person", "hybrid"] as const;
export const MeetingMode = z.enum(MEETING_MODES);
export type MeetingMode = z.infer<typeof MeetingMode>;

/** Meeting Guide type codes with their labels, from @code4recovery/spec. */
export const meetingTypeLabels = (language: "en" | "es"): Record<string, string> => getTypesForLanguage(language);
export const isMeetingTypeCode = (code: string) => isMeetingType(code);

export const TIMES_OF_DAY = ["morning", "afternoon", "evening", "night"] as const;
export const TimeOfDay = z.enum(TIMES_OF_DAY);
export type TimeOfDay = z.infer<typeof TimeOfDay>;
/** Local hours [from, to) of each time of day, in the viewer's time zone. */
export const TIME_OF_DAY_HOURS: Record<TimeOfDay, [number, number]> = { morning: [5, 12], afternoon: [12, 17], evening: [17, 21], night: [21, 29] };

export const MeetingSlug = GroupSlug;
const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "A time as HH:MM, 24-hour");
const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "A date as YYYY-MM-DD");
/** A wall-clock time in the meeting's zone, as YYYY-MM-DDTHH:MM. */
export const LocalDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, "A local date and time as YYYY-MM-DDTHH:MM");
const Text = (max: number) => z.string().trim().max(max, `At most ${max.toLocaleString("en")} characters`);
const MeetingTypes = z
  .array(z.string().trim())
  .max(20, "At most 20 types")
  .superRefine((codes, ctx) => {
    codes.forEach((code, i) => {
      if (!isMeetingType(code)) ctx.addIssue({ code: "custom", path: [i], message: `"${code.slice(0, 20)}" is not a Meeting Guide type code` });
    });
  });
const HttpsUrl = z
  .string()
  .trim()
  .max(500)
  .url("A full web address")
  .refine((u) => /^https?:\/\//i.test(u), "A web address starting with https://");

const MeetingFields = {
  name: z.string().trim().min(3, "At least 3 characters").max(255, "At most 255 characters"),
  description: Text(4_000).default(""),
  format: Text(120).default(""),
  types: MeetingTypes.default([]),
  language: z.string().trim().regex(/^[a-z]{2,3}$/, "A language code such as en or es").default("en"),
  mode: MeetingMode,
  conferenceUrl: HttpsUrl.nullable().default(null),
  conferenceUrlNotes: Text(300).default(""),
  conferencePhone: z.string().trim().max(60).regex(/^[+\d][\d\s().,#*-]*$/, "Digits, spaces and + ( ) - , # *").nullable().default(null),
  conferencePhoneNotes: Text(300).default(""),
  location: Text(200).default(""),
  address: Text(200).default(""),
  city: Text(100).default(""),
  state: Text(100).default(""),
  postalCode: Text(20).default(""),
  country: Text(60).default(""),
  locationNotes: Text(500).default(""),
  /** IANA time zone the meeting keeps its wall-clock time in. */
  timezone: z.string().trim().min(1, "Choose a time zone").max(64),
  startsOn: LocalDate,
  startTime: HHMM,
  endTime: HHMM,
  /** RFC 5545 recurrence rule without DTSTART, e.g. FREQ=WEEKLY;BYDAY=MO,TH or FREQ=MONTHLY;BYDAY=1MO. */
  rrule: z.string().trim().min(1, "How often does it meet?").max(300),
  capacity: z.number().int().min(1, "At least 1").max(10_000).nullable().default(null),
  temporarilyClosed: z.boolean().default(false),
  groupId: z.string().min(1).max(64).nullable().default(null),
  /** Pseudonyms of the people who lead it; the author when empty. */
  facilitators: z.array(z.string().trim().min(1).max(64)).max(10, "At most 10").default([]),
};

export const CreateMeeting = z.strictObject({ slug: MeetingSlug.optional(), ...MeetingFields });
export type CreateMeeting = z.input<typeof CreateMeeting>;
type WithoutDefault<T> = T extends z.ZodDefault<infer I> ? I : T;
type UpdateShape = { [K in Exclude<keyof typeof MeetingFields, "groupId">]: z.ZodOptional<WithoutDefault<(typeof MeetingFields)[K]>> };
/** Every field optional and without its default: a PATCH changes only what it names (a meeting keeps its group). */
export const UpdateMeeting = z.strictObject(
  Object.fromEntries(
    Object.entries(MeetingFields)
      .filter(([k]) => k !== "groupId")
      .map(([k, v]) => [k, (v instanceof z.ZodDefault ? (v.unwrap() as z.ZodType) : v).optional()]),
  ) as unknown as UpdateShape,
);
export type UpdateMeeting = z.input<typeof UpdateMeeting>;

export const MeetingGroupRef = z.object({ id: z.string(), slug: z.string(), name: z.string(), visibility: z.enum(["public", "private", "hidden"]) });

export const Occurrence = z.object({
  /** UTC instants. */
  start: z.string(),
  end: z.string(),
  /** The scheduled local start (YYYY-MM-DDTHH:MM in the meeting's zone), which names this occurrence even when moved. */
  original: z.string(),
  status: z.enum(["scheduled", "moved", "cancelled"]),
  note: z.string(),
});
export type Occurrence = z.infer<typeof Occurrence>;

export const MeetingSummary = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  format: z.string(),
  types: z.array(z.string()),
  language: z.string(),
  mode: MeetingMode,
  timezone: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  /** Plain-language schedule in English, e.g. "every week on Monday, Thursday". */
  schedule: z.string(),
  temporarilyClosed: z.boolean(),
  group: MeetingGroupRef.nullable(),
  city: z.string(),
});
export type MeetingSummary = z.infer<typeof MeetingSummary>;

export const Meeting = MeetingSummary.extend({
  description: z.string(),
  startsOn: z.string(),
  rrule: z.string(),
  capacity: z.number().int().nullable(),
  attending: z.number().int(),
  /** Conference and address details: only for those who may join. */
  conferenceUrl: z.string().nullable(),
  conferenceUrlNotes: z.string(),
  conferencePhone: z.string().nullable(),
  conferencePhoneNotes: z.string(),
  location: z.string(),
  address: z.string(),
  state: z.string(),
  postalCode: z.string(),
  country: z.string(),
  locationNotes: z.string(),
  facilitators: z.array(z.object({ id: z.string(), pseudonym: z.string() })),
  next: z.array(Occurrence),
  exceptions: z.array(Occurrence),
  inMyMeetings: z.boolean(),
  updatedAt: z.string(),
  can: z.object({ edit: z.boolean(), join: z.boolean(), addToMine: z.boolean() }),
  /** Why the join details are hidden, when they are. */
  joinHint: z.enum(["sign_in", "join_group", "full"]).nullable(),
});
export type Meeting = z.infer<typeof Meeting>;

export const DirectoryQuery = z.object({
  /** The viewer's IANA time zone: days and times of day are theirs. */
  tz: z.string().trim().max(64).optional(),
  days: z.coerce.number().int().min(1).max(14).default(7),
  /** Weekday in the viewer's zone, 0 = Sunday. */
  day: z.coerce.number().int().min(0).max(6).optional(),
  timeOfDay: TimeOfDay.optional(),
  type: z.string().trim().max(10).optional(),
  language: z.string().trim().max(10).optional(),
  mode: MeetingMode.optional(),
  group: GroupSlug.optional(),
  q: z.string().trim().max(100).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type DirectoryQuery = z.input<typeof DirectoryQuery>;

export const DirectoryEntry = z.object({
  meeting: MeetingSummary,
  start: z.string(),
  end: z.string(),
  status: z.enum(["upcoming", "starting_soon", "happening_now"]),
  moved: z.boolean(),
});
export type DirectoryEntry = z.infer<typeof DirectoryEntry>;
export const Directory = z.object({
  timezone: z.string(),
  items: z.array(DirectoryEntry),
  nextCursor: z.string().nullable(),
  can: z.object({ create: z.boolean() }),
});
export type Directory = z.infer<typeof Directory>;

export const MeetingException = z.strictObject({
  /** The scheduled local start being changed, YYYY-MM-DDTHH:MM in the meeting's zone. */
  occurrence: LocalDateTime,
  action: z.enum(["cancel", "move"]),
  /** For a move: the new local start in the meeting's zone. */
  movedTo: LocalDateTime.optional(),
  note: Text(300).default(""),
});
export type MeetingException = z.input<typeof MeetingException>;
export const ExceptionParams = z.object({ slug: MeetingSlug, occurrence: LocalDateTime });

export const MyMeetings = z.object({
  items: z.array(z.object({ meeting: MeetingSummary, next: Occurrence.nullable() })),
  calendar: z.object({ active: z.boolean(), createdAt: z.string().nullable() }),
});
export type MyMeetings = z.infer<typeof MyMeetings>;
/** Shown once, when made: the secret address of a person's calendar feed. */
export const CalendarLink = z.object({ url: z.string(), createdAt: z.string() });

export const ImportRequest = z.strictObject({
  /** A Meeting Guide feed: the JSON array itself, or a URL on this machine's loopback to fetch it from. */
  feed: z.unknown().optional(),
  url: z.string().trim().max(500).optional(),
  dryRun: z.boolean().default(true),
  /** Write the valid entries even though some were skipped. */
  acceptValid: z.boolean().default(false),
});
export type ImportRequest = z.input<typeof ImportRequest>;
const ImportLine = z.object({ index: z.number().int(), slug: z.string().nullable(), name: z.string().nullable() });
export const ImportReport = z.object({
  dryRun: z.boolean(),
  applied: z.boolean(),
  created: z.array(ImportLine),
  updated: z.array(ImportLine.extend({ fields: z.array(z.string()) })),
  unchanged: z.array(ImportLine),
  skipped: z.array(ImportLine.extend({ errors: z.array(z.object({ field: z.string(), message: z.string() })) })),
});
export type ImportReport = z.infer<typeof ImportReport>;
