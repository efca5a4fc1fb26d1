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

export const PublicConfig = z.object({
  name: z.string(),
  registrationMode: RegistrationMode,
  defaultCountry: z.string(),
  guidelines: z.object({ version: z.number().int(), en: z.string(), es: z.string() }),
});
export type PublicConfig = z.infer<typeof PublicConfig>;

export const OrgSettingsUpdate = z.strictObject({
  name: z.string().trim().min(2).max(80).optional(),
  registrationMode: RegistrationMode.optional(),
  defaultCountry: z.string().regex(/^[A-Z]{2}$/).optional(),
});

export const GuidelinesPublish = z.strictObject({
  en: z.string().trim().min(20).max(20000),
  es: z.string().trim().min(20).max(20000),
});
