// Mutes: a quieter block. A muted person's forum posts reach the muter folded
// away ("muted") and their activity never notifies the muter; unlike a block,
// they can still write to each other. The muted person is never told.
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { mute, user } from "../../db/schema/index.js";
import { problems } from "../../http/problem.js";
import { findUserByPseudonym } from "../profiles/service.js";

export async function listMutes(db: Db, muterId: string) {
  const rows = await db
    .select({ pseudonym: user.displayUsername, name: user.name, mutedAt: mute.createdAt })
    .from(mute)
    .innerJoin(user, eq(user.id, mute.mutedId))
    .where(eq(mute.muterId, muterId))
    .orderBy(desc(mute.createdAt));
  return { items: rows.map((r) => ({ pseudonym: r.pseudonym ?? r.name, mutedAt: r.mutedAt.toISOString() })) };
}

export async function mutePerson(db: Db, muterId: string, pseudonym: string) {
  const target = await findUserByPseudonym(db, pseudonym);
  if (!target) throw problems.notFound("This member");
  if (target.id === muterId) throw problems.validation([{ path: "body.pseudonym", message: "You cannot mute yourself" }], "You cannot mute yourself.");
  await db.insert(mute).values({ muterId, mutedId: target.id }).onConflictDoNothing();
}

export async function unmutePerson(db: Db, muterId: string, pseudonym: string) {
  const target = await findUserByPseudonym(db, pseudonym);
  if (!target) throw problems.notFound("This member");
  await db.delete(mute).where(and(eq(mute.muterId, muterId), eq(mute.mutedId, target.id)));
}
