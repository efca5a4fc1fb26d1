// Organization settings, community guidelines and crisis lines.
import type { CrisisLine, CrisisLineInput, OrgSettings, OrgSettingsUpdate, PublicConfig } from "@kindred/contracts";
import { asc, desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { crisisLine, guidelines, orgSettings } from "../../db/schema/index.js";
import { problems } from "../../http/problem.js";
import { BASELINE_CRISIS_LINES, BASELINE_GUIDELINES, EU_COUNTRIES } from "./baseline-data.js";

export async function ensureBaseline(db: Db) {
  await db.insert(orgSettings).values({ id: 1 }).onConflictDoNothing();
  await db.insert(guidelines).values({ version: 1, bodyEn: BASELINE_GUIDELINES.en, bodyEs: BASELINE_GUIDELINES.es }).onConflictDoNothing();
  const [existing] = await db.select({ id: crisisLine.id }).from(crisisLine).limit(1);
  if (!existing) await db.insert(crisisLine).values(BASELINE_CRISIS_LINES);
}

export async function getSettings(db: Db) {
  const [row] = await db.select().from(orgSettings).where(eq(orgSettings.id, 1));
  if (!row) throw new Error("organization settings missing: baseline not applied");
  return row;
}

export async function currentGuidelines(db: Db) {
  const [row] = await db.select().from(guidelines).orderBy(desc(guidelines.version)).limit(1);
  if (!row) throw new Error("community guidelines missing: baseline not applied");
  return row;
}

export async function getPublicConfig(db: Db): Promise<PublicConfig> {
  const [s, g] = await Promise.all([getSettings(db), currentGuidelines(db)]);
  return {
    name: s.name,
    registrationMode: s.registrationMode,
    defaultCountry: s.defaultCountry,
    timeZone: s.timeZone,
    meetingArea: s.meetingArea,
    guidelines: { version: g.version, en: g.bodyEn, es: g.bodyEs },
  };
}

/** The public configuration and the settings only admins see. */
export async function getOrgSettings(db: Db): Promise<OrgSettings> {
  const [publicConfig, s] = await Promise.all([getPublicConfig(db), getSettings(db)]);
  return {
    ...publicConfig,
    newAccountDays: s.newAccountDays,
    newAccountHeldPosts: s.newAccountHeldPosts,
    newAccountPostsPerHour: s.newAccountPostsPerHour,
    alertAckMinutes: s.alertAckMinutes,
  };
}

export async function updateSettings(db: Db, patch: OrgSettingsUpdate) {
  await db.update(orgSettings).set({ ...patch, updatedAt: new Date() }).where(eq(orgSettings.id, 1));
  return getOrgSettings(db);
}

export async function publishGuidelines(db: Db, body: { en: string; es: string }) {
  const current = await currentGuidelines(db);
  await db.insert(guidelines).values({ version: current.version + 1, bodyEn: body.en, bodyEs: body.es });
  return getPublicConfig(db);
}

/** The lines for `country`, falling back to EU-wide lines, then the organization's country. */
export async function crisisLinesFor(db: Db, requested: string | null) {
  const all = await db.select().from(crisisLine).orderBy(asc(crisisLine.country), asc(crisisLine.sortOrder), asc(crisisLine.id));
  const countries = [...new Set(all.map((l) => l.country))];
  const settings = await getSettings(db);
  const pick = (c: string) => all.filter((l) => l.country === c);
  let country = requested ?? settings.defaultCountry;
  let lines = pick(country);
  if (EU_COUNTRIES.has(country)) lines = [...lines, ...pick("EU")];
  if (lines.length === 0) {
    country = settings.defaultCountry;
    lines = pick(country);
  }
  return { country, countries, lines };
}

export async function createCrisisLine(db: Db, input: CrisisLineInput): Promise<CrisisLine> {
  const [row] = await db.insert(crisisLine).values(input).returning();
  return row!;
}

export async function updateCrisisLine(db: Db, id: number, input: CrisisLineInput): Promise<CrisisLine> {
  const [row] = await db.update(crisisLine).set(input).where(eq(crisisLine.id, id)).returning();
  if (!row) throw problems.notFound("This crisis line");
  return row;
}

export async function deleteCrisisLine(db: Db, id: number) {
  const rows = await db.delete(crisisLine).where(eq(crisisLine.id, id)).returning({ id: crisisLine.id });
  if (rows.length === 0) throw problems.notFound("This crisis line");
}
