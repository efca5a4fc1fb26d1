import { z } from "zod";
import { RegistrationMode } from "./accounts.js";

export const CrisisLineKind = z.enum(["call", "text", "chat", "emergency"]);

export const CrisisLine = z.object({
  id: z.number().int(),
  country: z.string(),
  name: z.string(),
  kind: CrisisLineKind,
  contact: z.string(),
  description: z.string(),
  url: z.string().nullable(),
  sortOrder: z.number().int(),
});
export type CrisisLine = z.infer<typeof CrisisLine>;

export const CrisisLineInput = z.strictObject({
  country: z.string().regex(/^([A-Z]{2}|EU)$/, "A two-letter country code, or EU"),
  name: z.string().trim().min(2).max(120),
  kind: CrisisLineKind,
  contact: z.string().trim().min(2).max(80),
  description: z.string().trim().max(300).default(""),
  url: z
    .string()
    .url()
    .max(300)
    .refine((u) => /^https?:\/\//i.test(u), "Must start with https:// or http://")
    .nullable()
    .default(null),
  sortOrder: z.number().int().min(0).max(1000).default(0),
});
export type CrisisLineInput = z.infer<typeof CrisisLineInput>;

export const CrisisLinesResponse = z.object({
  country: z.string(),
  countries: z.array(z.string()),
  lines: z.array(CrisisLine),
});

/** True for IANA names the runtime knows (Intl is in browsers and Node alike). */
export function isTimeZoneName(tz: string): boolean {
  if (!tz.includes("/") && tz !== "UTC") return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const PublicConfig = z.object({
  name: z.string(),
  registrationMode: RegistrationMode,
  defaultCountry: z.string(),
  /** The organization's IANA time zone: the directory's default and new meetings' zone. */
  timeZone: z.string(),
  /** The area it serves, e.g. "Portland, OR, USA": online meetings' approximate address in the Meeting Guide feed. */
  meetingArea: z.string(),
  guidelines: z.object({ version: z.number().int(), en: z.string(), es: z.string() }),
});
export type PublicConfig = z.infer<typeof PublicConfig>;

/** Settings only admins see: new-account limits and how long an imminent-risk alert may wait. */
const SafetySettings = {
  /** For this many days after joining, an account is new (0: no account is new). */
  newAccountDays: z.number().int().min(0).max(90),
  /** How many of a new account's first forum posts wait for a moderator (0: none). Never a post in crisis. */
  newAccountHeldPosts: z.number().int().min(0).max(20),
  /** Forum posts and private messages a new account may write per hour (0: no limit). */
  newAccountPostsPerHour: z.number().int().min(0).max(500),
  /** Minutes an imminent-risk alert may wait for an acknowledgement before the backup and admins are paged. */
  alertAckMinutes: z.number().int().min(1).max(60),
};

export const OrgSettings = PublicConfig.extend(SafetySettings);
export type OrgSettings = z.infer<typeof OrgSettings>;

export const OrgSettingsUpdate = z.strictObject({
  name: z.string().trim().min(2).max(80).optional(),
  registrationMode: RegistrationMode.optional(),
  defaultCountry: z.string().regex(/^[A-Z]{2}$/).optional(),
  timeZone: z
    .string()
    .trim()
    .max(64)
    .refine(isTimeZoneName, "A time zone from the tz database, such as America/Chicago")
    .optional(),
  meetingArea: z.string().trim().max(200, "At most 200 characters").optional(),
  newAccountDays: SafetySettings.newAccountDays.optional(),
  newAccountHeldPosts: SafetySettings.newAccountHeldPosts.optional(),
  newAccountPostsPerHour: SafetySettings.newAccountPostsPerHour.optional(),
  alertAckMinutes: SafetySettings.alertAckMinutes.optional(),
});
export type OrgSettingsUpdate = z.input<typeof OrgSettingsUpdate>;

export const GuidelinesPublish = z.strictObject({
  en: z.string().trim().min(20).max(20000),
  es: z.string().trim().min(20).max(20000),
});
