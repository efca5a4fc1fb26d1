import { z } from "zod";

export const PATHWAYS = [
  "twelve_step",
  "smart",
  "refuge_recovery",
  "medication_assisted",
  "harm_reduction",
  "faith_based",
  "secular",
  "other",
] as const;
export const Pathway = z.enum(PATHWAYS);
export type Pathway = z.infer<typeof Pathway>;

export const VISIBILITIES = ["only_me", "specialists", "members"] as const;
export const Visibility = z.enum(VISIBILITIES);
export type Visibility = z.infer<typeof Visibility>;

/** Optional profile fields, each with its own visibility. */
export const PROFILE_FIELDS = ["pronouns", "pathways", "recoveringFrom", "languages", "timeZone", "country"] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

export const ProfileVisibility = z.strictObject({
  pronouns: Visibility,
  pathways: Visibility,
  recoveringFrom: Visibility,
  languages: Visibility,
  timeZone: Visibility,
  country: Visibility,
});
export type ProfileVisibility = z.infer<typeof ProfileVisibility>;

export const DEFAULT_VISIBILITY: ProfileVisibility = {
  pronouns: "members",
  pathways: "members",
  recoveringFrom: "only_me",
  languages: "members",
  timeZone: "only_me",
  country: "only_me",
};

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

export const LanguageCode = z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, "A language code such as en or es");
export const CountryCode = z.string().regex(/^[A-Z]{2}$/, "A two-letter country code such as US");

export const OwnProfile = z.object({
  pseudonym: z.string(),
  pronouns: z.string().nullable(),
  pathways: z.array(Pathway),
  recoveringFrom: z.string().nullable(),
  languages: z.array(z.string()),
  timeZone: z.string().nullable(),
  country: z.string().nullable(),
  locale: z.enum(["en", "es"]),
  email: z.string().nullable(),
  visibility: ProfileVisibility,
});
export type OwnProfile = z.infer<typeof OwnProfile>;

export const ProfileUpdate = z.strictObject({
  pronouns: z.string().trim().max(40).nullable().optional(),
  pathways: z.array(Pathway).max(PATHWAYS.length).optional(),
  recoveringFrom: z.string().trim().max(200).nullable().optional(),
  languages: z.array(LanguageCode).max(10).optional(),
  timeZone: z.string().max(64).refine(isTimeZone, "Not a known time zone").nullable().optional(),
  country: CountryCode.nullable().optional(),
  locale: z.enum(["en", "es"]).optional(),
  email: z.string().trim().email().max(254).nullable().optional(),
  visibility: ProfileVisibility.partial().optional(),
});
export type ProfileUpdate = z.infer<typeof ProfileUpdate>;

/** What another person sees: fields they may not see are absent. */
export const PublicProfile = z.object({
  id: z.string(),
  pseudonym: z.string(),
  pronouns: z.string().optional(),
  pathways: z.array(Pathway).optional(),
  recoveringFrom: z.string().optional(),
  languages: z.array(z.string()).optional(),
  timeZone: z.string().optional(),
  country: z.string().optional(),
  roles: z.array(z.string()),
  blockedByMe: z.boolean(),
  /** The viewer may start a private conversation (not themselves, no block either way). */
  canMessage: z.boolean(),
});
export type PublicProfile = z.infer<typeof PublicProfile>;

export const BlockBody = z.strictObject({ pseudonym: z.string().trim().min(1).max(30) });
export const BlockedList = z.object({ items: z.array(z.object({ pseudonym: z.string(), blockedAt: z.string() })) });
