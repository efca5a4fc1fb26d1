// Reading topics: lists by category and "latest" (keyset pages), one topic's
// page of posts with the reader's reactions, blocks and read position, and
// the reader's read marker.
import type { TopicPage, TopicSummary, TopicView } from "@kindred/contracts";
import { type SQL, sql } from "drizzle-orm";
import { type Db, selectRows } from "../../db/client.js";
import { problems } from "../../http/problem.js";
import type { Actor } from "../../policy/index.js";
import { findCategory, readableCategories } from "./categories.js";
import { type CategoryAccess, forumsPolicy, isForumStaff } from "./policy.js";
import { type PostRow, presentPost, presentTopic, readerContext, type TopicRow } from "./present.js";
import { decodeCursor, encodeCursor, isTimestamp } from "../../lib/cursor.js";

const topicColumns = (readerId: string) => sql`
  t.id, t.title, t.category_id as "categoryId", c.slug as "categorySlug", c.name as "categoryName",
  t.author_id as "authorId", coalesce(u.display_username, u.name) as pseudonym, t.anonymous,
  t.content_warning as "contentWarning", t.pinned, t.locked, t.post_count as "postCount",
  t.last_post_number as "lastPostNumber", t.created_at as "createdAt", t.last_posted_at as "lastPostedAt",
  rs.last_read_number as "lastReadNumber", t.held_at as "heldAt",
  (select created_at from "user" where id = ${readerId}) as "joinedAt"`;

const topicJoins = (readerId: string, topics = sql`forum_topic`) => sql`
  ${topics} t
  join forum_category c on c.id = t.category_id
  left join "user" u on u.id = t.author_id
  left join forum_read_state rs on rs.topic_id = t.id and rs.user_id = ${readerId}`;

/** A post as presentPost needs it, with this reader's reactions, blocks and mutes. */
export const postColumns = (readerId: string) => sql`
  p.id, p.topic_id as "topicId", p.number, p.author_id as "authorId", coalesce(u.display_username, u.name) as pseudonym,
  p.anonymous, p.markdown, p.html, p.content_warning as "contentWarning", p.reply_to_number as "replyToNumber",
  p.me_too as "meToo", p.strength, p.helped, p.created_at as "createdAt", p.edited_at as "editedAt",
  p.removed_at as "removedAt", p.hidden_at as "hiddenAt", p.held_at as "heldAt",
  (select array_agg(r.kind) from forum_reaction r where r.post_id = p.id and r.user_id = ${readerId}) as mine,
  exists (select 1 from block b where b.blocker_id = ${readerId} and b.blocked_id = p.author_id) as blocked,
  exists (select 1 from mute m where m.muter_id = ${readerId} and m.muted_id = p.author_id) as muted`;

type Cursor = { pinned: boolean; at: string; id: string };

/**
 * Newest activity first. With a category, pinned topics lead its first page;
 * "latest" across categories ignores pins so one category cannot crowd it.
 */
export async function listTopics(db: Db, actor: Actor, query: { category?: string; cursor?: string; limit: number }): Promise<TopicPage> {
  const cursor = decodeCursor<Cursor>(query.cursor, (c) => typeof c.pinned === "boolean" && isTimestamp(c.at) && typeof c.id === "string");
  let categoryIds: string[];
  let byCategory = false;
  if (query.category) {
    const category = await findCategory(db, { slug: query.category });
    forumsPolicy.authorize(actor, "category.read", category);
    categoryIds = [category.id];
    byCategory = true;
  } else {
    categoryIds = (await readableCategories(db, actor)).map((c) => c.id);
  }
  if (categoryIds.length === 0) return { items: [], nextCursor: null };
  // A topic whose first post waits for a moderator is listed for its author and staff only.
  const held = isForumStaff(actor) ? sql`` : sql`and (t.held_at is null or t.author_id = ${actor.id})`;
  // "nulls last" as in the indexes (drizzle writes desc() that way): otherwise PostgreSQL cannot walk them.
  const order = byCategory
    ? sql`t.pinned desc nulls last, t.last_posted_at desc nulls last, t.id desc nulls last`
    : sql`t.last_posted_at desc nulls last, t.id desc nulls last`;
  const after: SQL = !cursor
    ? sql`true`
    : byCategory
      ? sql`(t.pinned, t.last_posted_at, t.id) < (${cursor.pinned}, ${cursor.at}::timestamptz, ${cursor.id})`
      : sql`(t.last_posted_at, t.id) < (${cursor.at}::timestamptz, ${cursor.id})`;
  // The page is chosen on forum_topic alone (walking its index), then joined: joining first
  // would make PostgreSQL join every topic before sorting.
  const rows = await selectRows<TopicRow & { cursorAt: string }>(
    db,
    sql`with page as (
          select * from forum_topic t
          where t.deleted_at is null and t.category_id in (${sql.join(categoryIds.map((id) => sql`${id}`), sql`, `)}) and ${after} ${held}
          order by ${order} limit ${query.limit + 1})
        select ${topicColumns(actor.id)}, t.last_posted_at::text as "cursorAt"
        from ${topicJoins(actor.id, sql`page`)}
        order by ${order}`,
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => presentTopic(r)),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ pinned: byCategory && last.pinned, at: last.cursorAt, id: last.id }) : null,
  };
}

type TopicHeader = TopicRow & {
  audience: "members" | "role";
  role: CategoryAccess["role"];
  deletedAt: Date | null;
  watching: boolean;
  collapseWarnings: string[] | null;
};

async function topicHeader(db: Db, actor: Actor, topicId: string): Promise<TopicHeader> {
  const [row] = await selectRows<TopicHeader>(
    db,
    sql`select ${topicColumns(actor.id)}, c.audience, c.role, t.deleted_at as "deletedAt",
          exists (select 1 from forum_watch w where w.user_id = ${actor.id} and w.target_type = 'topic' and w.target_id = t.id) as watching,
          (select collapse_warnings from forum_preference where user_id = ${actor.id}) as "collapseWarnings"
        from ${topicJoins(actor.id)} where t.id = ${topicId}`,
  );
  if (!row) throw problems.notFound("This topic");
  return row;
}

/** One page of a topic (20 posts by default), starting at a post number or at the reader's first unread post. */
export async function viewTopic(db: Db, actor: Actor, topicId: string, query: { from?: number | "unread"; limit: number }): Promise<TopicView> {
  const header = await topicHeader(db, actor, topicId);
  const category: CategoryAccess = { audience: header.audience, role: header.role };
  forumsPolicy.authorize(actor, "category.read", category);
  const reader = readerContext(actor, header.collapseWarnings);
  if (header.deletedAt && !reader.staff) throw problems.notFound("This topic");
  if (header.heldAt && !reader.staff && header.authorId !== actor.id) throw problems.notFound("This topic");
  // "unread" opens at the first post not read yet; with nothing left unread, at the last page.
  const firstUnread = (header.lastReadNumber ?? 0) + 1;
  const from =
    query.from === "unread"
      ? firstUnread <= header.lastPostNumber
        ? firstUnread
        : Math.max(1, header.lastPostNumber - query.limit + 1)
      : (query.from ?? 1);
  // Held posts are for their author and staff. A held reply has no number in the topic yet
  // (a negative placeholder): it comes after the last page, in the same query.
  const mayHeld = reader.staff ? sql`true` : sql`(p.held_at is null or p.author_id = ${actor.id})`;
  const rows = await selectRows<PostRow>(
    db,
    sql`select * from (
          select ${postColumns(actor.id)} from forum_post p left join "user" u on u.id = p.author_id
          where p.topic_id = ${topicId} and p.number >= ${from} and ${mayHeld}
          order by p.number limit ${query.limit + 1}) numbered
        union all
        select * from (
          select ${postColumns(actor.id)} from forum_post p left join "user" u on u.id = p.author_id
          where p.topic_id = ${topicId} and p.number < 0 and ${mayHeld}
          order by p.number desc) held`,
  );
  const numbered = rows.filter((r) => r.number > 0).sort((a, b) => a.number - b.number);
  // Held replies in the order they were written: -1 first.
  const heldReplies = numbered.length > query.limit ? [] : rows.filter((r) => r.number < 0).sort((a, b) => b.number - a.number);
  const posts = [...numbered.slice(0, query.limit), ...heldReplies].map((r) => presentPost(reader, r, category, header.locked));
  const canReply = forumsPolicy.can(actor, "topic.reply", category) && !header.deletedAt && (!header.locked || reader.staff);
  return {
    topic: presentTopic(header),
    posts,
    previousFrom: from > 1 ? Math.max(1, from - query.limit) : null,
    nextFrom: numbered.length > query.limit ? numbered[query.limit]!.number : null,
    watching: header.watching,
    can: { reply: canReply, moderate: reader.staff, watch: forumsPolicy.can(actor, "topic.watch", category) },
  };
}

/** A topic with its category's access rule, for the write paths. */
export async function loadTopic(db: Db, topicId: string, lock = false) {
  const [row] = await selectRows<{
    id: string;
    title: string;
    categoryId: string;
    categoryName: string;
    audience: "members" | "role";
    role: CategoryAccess["role"];
    authorId: string | null;
    anonymous: boolean;
    locked: boolean;
    pinned: boolean;
    deletedAt: Date | null;
    heldAt: Date | null;
    lastPostNumber: number;
  }>(
    db,
    sql`select t.id, t.title, t.category_id as "categoryId", c.name as "categoryName", c.audience, c.role, t.author_id as "authorId",
          t.anonymous, t.locked, t.pinned, t.deleted_at as "deletedAt", t.held_at as "heldAt", t.last_post_number as "lastPostNumber"
        from forum_topic t join forum_category c on c.id = t.category_id
        where t.id = ${topicId} ${lock ? sql`for update of t` : sql``}`,
  );
  if (!row) throw problems.notFound("This topic");
  return { ...row, category: { audience: row.audience, role: row.role } as CategoryAccess };
}
export type LoadedTopic = Awaited<ReturnType<typeof loadTopic>>;

/** Moves the reader's marker forward only: reading an old page never marks newer posts unread. */
export async function markRead(db: Db, actor: Actor, topicId: string, lastReadNumber: number) {
  const topic = await loadTopic(db, topicId);
  forumsPolicy.authorize(actor, "category.read", topic.category);
  if (topic.deletedAt) throw problems.notFound("This topic");
  await recordRead(db, actor.id, topicId, Math.min(lastReadNumber, topic.lastPostNumber));
}

export async function recordRead(db: Db, userId: string, topicId: string, number: number) {
  await db.execute(sql`
    insert into forum_read_state (user_id, topic_id, last_read_number, updated_at) values (${userId}, ${topicId}, ${number}, now())
    on conflict (user_id, topic_id) do update
      set last_read_number = greatest(forum_read_state.last_read_number, excluded.last_read_number), updated_at = now()`);
}

export async function moderateTopic(db: Db, actor: Actor, topicId: string, change: { pinned?: boolean; locked?: boolean }): Promise<TopicSummary> {
  forumsPolicy.authorize(actor, "topic.moderate", null);
  const topic = await loadTopic(db, topicId);
  if (topic.deletedAt) throw problems.notFound("This topic");
  if (change.pinned !== undefined || change.locked !== undefined)
    await db.execute(sql`update forum_topic set
        pinned = ${change.pinned ?? topic.pinned}, locked = ${change.locked ?? topic.locked} where id = ${topicId}`);
  return presentTopic(await topicHeader(db, actor, topicId));
}
