// Forum categories: the admin-managed list, each reader's view of it, and watches.
import type { Category, CreateCategory, UpdateCategory } from "@kindred/contracts";
import type { z } from "zod";
import { asc, eq, sql } from "drizzle-orm";
import { type Db, selectRows } from "../../db/client.js";
import { forumCategory, forumWatch } from "../../db/schema/index.js";
import { problems } from "../../http/problem.js";
import type { Actor } from "../../policy/index.js";
import { readableCategoryIds } from "./policy.js";

export type CategoryRow = typeof forumCategory.$inferSelect;

export async function allCategories(db: Db): Promise<CategoryRow[]> {
  return db.select().from(forumCategory).orderBy(asc(forumCategory.position), asc(forumCategory.name));
}

/** The categories this person may read, in display order. */
export async function readableCategories(db: Db, actor: Actor | null): Promise<CategoryRow[]> {
  const all = await allCategories(db);
  const ids = new Set(readableCategoryIds(actor, all));
  return all.filter((c) => ids.has(c.id));
}

export async function findCategory(db: Db, by: { id: string } | { slug: string }): Promise<CategoryRow> {
  const [row] = await db
    .select()
    .from(forumCategory)
    .where("id" in by ? eq(forumCategory.id, by.id) : eq(forumCategory.slug, by.slug));
  if (!row) throw problems.notFound("This category");
  return row;
}

/** Readable categories with their counts and this reader's unread topics and watch. */
export async function listCategories(db: Db, actor: Actor): Promise<Category[]> {
  const categories = await readableCategories(db, actor);
  if (categories.length === 0) return [];
  const stats = await selectRows<{ categoryId: string; topics: number; lastPostedAt: Date | null; unread: number; watching: boolean }>(
    db,
    sql`select c.id as "categoryId",
          (select count(*)::int from forum_topic t where t.category_id = c.id and t.deleted_at is null and t.held_at is null) as topics,
          (select max(t.last_posted_at) from forum_topic t where t.category_id = c.id and t.deleted_at is null and t.held_at is null) as "lastPostedAt",
          (select count(*)::int from forum_read_state r join forum_topic t on t.id = r.topic_id
             where r.user_id = ${actor.id} and t.category_id = c.id and t.deleted_at is null
               and t.last_post_number > r.last_read_number) as unread,
          exists (select 1 from forum_watch w where w.user_id = ${actor.id} and w.target_type = 'category' and w.target_id = c.id) as watching
        from forum_category c where c.id in (${sql.join(categories.map((c) => sql`${c.id}`), sql`, `)})`,
  );
  const byId = new Map(stats.map((s) => [s.categoryId, s]));
  return categories.map((c) => {
    const s = byId.get(c.id);
    return {
      id: c.id,
      slug: c.slug,
      name: c.name,
      description: c.description,
      position: c.position,
      audience: c.audience,
      role: c.role,
      topicCount: s?.topics ?? 0,
      lastPostedAt: s?.lastPostedAt ? new Date(s.lastPostedAt).toISOString() : null,
      unreadTopics: s?.unread ?? 0,
      watching: s?.watching ?? false,
    };
  });
}

function checkAudience(audience: "members" | "role" | undefined, role: string | null | undefined) {
  if (audience === "role" && !role)
    throw problems.validation([{ path: "body.role", message: "Choose the role whose holders may read this category" }]);
}

export async function createCategory(db: Db, input: z.output<typeof CreateCategory>) {
  checkAudience(input.audience, input.role);
  const [row] = await db
    .insert(forumCategory)
    .values({
      id: crypto.randomUUID(),
      slug: input.slug,
      name: input.name,
      description: input.description,
      position: input.position ?? 0,
      audience: input.audience,
      role: input.audience === "role" ? input.role : null,
    })
    .onConflictDoNothing({ target: forumCategory.slug })
    .returning();
  if (!row) throw slugTaken();
  return row;
}

export async function updateCategory(db: Db, id: string, input: UpdateCategory) {
  const current = await findCategory(db, { id });
  const audience = input.audience ?? current.audience;
  const role = input.role !== undefined ? input.role : current.role;
  checkAudience(audience, role);
  try {
    const [row] = await db
      .update(forumCategory)
      .set({ ...input, audience, role: audience === "role" ? role : null })
      .where(eq(forumCategory.id, id))
      .returning();
    return row!;
  } catch (error) {
    // drizzle wraps the driver's error; the unique violation's code is on its cause.
    const code = (error as { code?: string; cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code;
    if (code === "23505") throw slugTaken();
    throw error;
  }
}

const slugTaken = () =>
  problems.conflict("slug-taken", "That address is taken", "Another category already uses this slug.", [
    { path: "body.slug", message: "Another category already uses this slug" },
  ]);

export async function setWatch(db: Db, userId: string, targetType: "topic" | "category", targetId: string, on: boolean) {
  if (on) await db.insert(forumWatch).values({ userId, targetType, targetId }).onConflictDoNothing();
  else
    await db
      .delete(forumWatch)
      .where(sql`${forumWatch.userId} = ${userId} and ${forumWatch.targetType} = ${targetType} and ${forumWatch.targetId} = ${targetId}`);
}
