// Profiles (with per-field visibility) and the blocked-people list.
import {
  DEFAULT_VISIBILITY,
  type OwnProfile,
  type Pathway,
  type ProfileUpdate,
  type ProfileVisibility,
  type PublicProfile,
} from "@kindred/contracts";
import { and, desc, eq, or } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { block, profile, user } from "../../db/schema/index.js";
import { problems } from "../../http/problem.js";
import type { Actor } from "../../policy/index.js";
import { effectiveRoles } from "../../policy/actor.js";
import { displayEmail, placeholderEmail } from "../accounts/email.js";
import { visibleFields } from "../accounts/policy.js";
import { loadActor } from "../accounts/actor-loader.js";
import { safetyPolicy } from "../safety/policy.js";

type ProfileRow = typeof profile.$inferSelect;

function visibilityOf(row: ProfileRow | undefined): ProfileVisibility {
  return { ...DEFAULT_VISIBILITY, ...(row?.visibility ?? {}) } as ProfileVisibility;
}

export async function findUserByPseudonym(db: Db, pseudonym: string) {
  const [row] = await db
    .select({ id: user.id, pseudonym: user.displayUsername, username: user.username, status: user.status })
    .from(user)
    .where(eq(user.username, pseudonym.trim().toLowerCase()));
  return row;
}

async function profileRow(db: Db, userId: string) {
  const [row] = await db.select().from(profile).where(eq(profile.userId, userId));
  return row;
}

export async function profileCountry(db: Db, userId: string): Promise<string | null> {
  const [row] = await db.select({ country: profile.country }).from(profile).where(eq(profile.userId, userId));
  return row?.country ?? null;
}

export async function getOwnProfile(db: Db, userId: string): Promise<OwnProfile> {
  const [u] = await db.select().from(user).where(eq(user.id, userId));
  if (!u) throw problems.notFound("This account");
  const p = await profileRow(db, userId);
  return {
    pseudonym: u.displayUsername ?? u.name,
    pronouns: p?.pronouns ?? null,
    pathways: (p?.pathways ?? []) as Pathway[],
    recoveringFrom: p?.recoveringFrom ?? null,
    languages: p?.languages ?? [],
    timeZone: p?.timeZone ?? null,
    country: p?.country ?? null,
    locale: (p?.locale ?? "en") as "en" | "es",
    email: displayEmail(u.email),
    visibility: visibilityOf(p),
  };
}

export async function updateOwnProfile(db: Db, userId: string, patch: ProfileUpdate): Promise<OwnProfile> {
  await db.transaction(async (txn) => {
    const tx = txn as unknown as Db;
    if (patch.email !== undefined) await changeEmail(tx, userId, patch.email?.toLowerCase() ?? null);
    await writeProfile(tx, userId, patch);
  });
  return getOwnProfile(db, userId);
}

async function changeEmail(db: Db, userId: string, wanted: string | null) {
  const [current] = await db.select({ email: user.email }).from(user).where(eq(user.id, userId));
  if (!current || displayEmail(current.email) === wanted) return;
  if (wanted) {
    const [taken] = await db.select({ id: user.id }).from(user).where(eq(user.email, wanted));
    if (taken)
      throw problems.conflict("email-taken", "E-mail already in use", "Another account uses this e-mail address.", [
        { path: "body.email", message: "Another account uses this e-mail address" },
      ]);
  }
  await db
    .update(user)
    .set({ email: wanted ?? placeholderEmail(), emailVerified: false, updatedAt: new Date() })
    .where(eq(user.id, userId));
}

async function writeProfile(db: Db, userId: string, patch: ProfileUpdate) {
  const existing = await profileRow(db, userId);
  const values = {
    ...(patch.pronouns !== undefined && { pronouns: patch.pronouns || null }),
    ...(patch.pathways !== undefined && { pathways: [...new Set(patch.pathways)] }),
    ...(patch.recoveringFrom !== undefined && { recoveringFrom: patch.recoveringFrom || null }),
    ...(patch.languages !== undefined && { languages: [...new Set(patch.languages)] }),
    ...(patch.timeZone !== undefined && { timeZone: patch.timeZone }),
    ...(patch.country !== undefined && { country: patch.country }),
    ...(patch.locale !== undefined && { locale: patch.locale }),
    visibility: { ...visibilityOf(existing), ...(patch.visibility ?? {}) },
    updatedAt: new Date(),
  };
  await db
    .insert(profile)
    .values({ userId, ...values })
    .onConflictDoUpdate({ target: profile.userId, set: values });
}

/**
 * Whether a specialist works with this person. One-on-one support will record
 * these relationships; until then nobody does, so "specialists" means only the owner.
 */
export async function worksWith(_db: Db, _specialistId: string, _ownerId: string): Promise<boolean> {
  return false;
}

export async function getPublicProfile(db: Db, viewer: Actor, pseudonym: string): Promise<PublicProfile> {
  const target = await findUserByPseudonym(db, pseudonym);
  if (!target || target.status !== "active") throw problems.notFound("This member");
  const own = await getOwnProfile(db, target.id);
  const fields = visibleFields(viewer, target.id, own.visibility, await worksWith(db, viewer.id, target.id));
  const targetActor = await loadActor(db, target.id);
  const blocks = await db
    .select({ blockerId: block.blockerId })
    .from(block)
    .where(or(and(eq(block.blockerId, viewer.id), eq(block.blockedId, target.id)), and(eq(block.blockerId, target.id), eq(block.blockedId, viewer.id))));
  const blocked = blocks.find((b) => b.blockerId === viewer.id);
  const result: PublicProfile = {
    id: target.id,
    pseudonym: own.pseudonym,
    canMessage: safetyPolicy.can(viewer, "conversation.start", { otherId: target.id, otherActive: true, blockedEitherWay: blocks.length > 0 }),
    // Only the roles others need to know about: who can help them.
    roles: targetActor ? effectiveRoles(targetActor).filter((r) => r !== "admin") : [],
    blockedByMe: Boolean(blocked),
  };
  for (const f of fields) {
    const v = own[f];
    if (v === null || (Array.isArray(v) && v.length === 0)) continue;
    (result as Record<string, unknown>)[f] = v;
  }
  return result;
}

export async function listBlocks(db: Db, blockerId: string) {
  const rows = await db
    .select({ pseudonym: user.displayUsername, blockedAt: block.createdAt })
    .from(block)
    .innerJoin(user, eq(user.id, block.blockedId))
    .where(eq(block.blockerId, blockerId))
    .orderBy(desc(block.createdAt));
  return { items: rows.map((r) => ({ pseudonym: r.pseudonym ?? "", blockedAt: r.blockedAt.toISOString() })) };
}

export async function blockPerson(db: Db, blockerId: string, pseudonym: string) {
  const target = await findUserByPseudonym(db, pseudonym);
  if (!target) throw problems.notFound("This member");
  if (target.id === blockerId)
    throw problems.validation([{ path: "body.pseudonym", message: "You cannot block yourself" }], "You cannot block yourself.");
  await db.insert(block).values({ blockerId, blockedId: target.id }).onConflictDoNothing();
}

export async function unblockPerson(db: Db, blockerId: string, pseudonym: string) {
  const target = await findUserByPseudonym(db, pseudonym);
  if (!target) throw problems.notFound("This member");
  await db.delete(block).where(and(eq(block.blockerId, blockerId), eq(block.blockedId, target.id)));
}

/** Ids of people `userId` has blocked: later features collapse their content. */
export async function blockedIds(db: Db, userId: string): Promise<string[]> {
  const rows = await db.select({ id: block.blockedId }).from(block).where(eq(block.blockerId, userId));
  return rows.map((r) => r.id);
}

