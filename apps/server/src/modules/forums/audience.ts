// Who hears about a forum post: watchers of the topic or category and the
// people mentioned — only those who may read the category, never the author,
// and, for signed posts, never someone who blocked or muted the author.
import { type SQL, sql } from "drizzle-orm";
import { type Db, selectRows } from "../../db/client.js";
import type { NotifyInput } from "../notifications/service.js";
import type { CategoryAccess } from "./policy.js";

/** The SQL twin of the `category.read` rule, for choosing recipients in one query. */
function mayRead(category: CategoryAccess, userColumn: SQL): SQL {
  if (category.audience === "members") return sql`true`;
  const roles = [category.role, "moderator", "admin"].filter(Boolean) as string[];
  return sql`u.two_factor_enabled and exists (select 1 from role_grant g where g.user_id = ${userColumn}
    and g.role in (${sql.join(roles.map((r) => sql`${r}`), sql`, `)}))`;
}

type Post = {
  topicId: string;
  topicTitle: string;
  categoryId: string;
  categoryName: string;
  category: CategoryAccess;
  number: number;
  authorId: string;
  authorPseudonym: string;
  anonymous: boolean;
  mentions: string[];
  isNewTopic: boolean;
};

export async function forumNotifications(db: Db, post: Post): Promise<NotifyInput[]> {
  // Usernames are stored lower-cased and unique: a mention is an index lookup.
  const lowered = post.mentions.map((m) => m.toLowerCase());
  const mentioned = lowered.length
    ? sql`select u.id, true as mentioned from "user" u where u.username in (${sql.join(lowered.map((m) => sql`${m}`), sql`, `)})`
    : sql`select null::text as id, true as mentioned where false`;
  const watchTarget = post.isNewTopic
    ? sql`w.target_type = 'category' and w.target_id = ${post.categoryId}`
    : sql`w.target_type = 'topic' and w.target_id = ${post.topicId}`;
  // People who blocked or muted the author hear nothing from them — except about anonymous posts,
  // where staying silent would tell them who wrote it.
  const blockFilter = post.anonymous
    ? sql``
    : sql`and not exists (select 1 from block b where b.blocker_id = u.id and b.blocked_id = ${post.authorId})
          and not exists (select 1 from mute m where m.muter_id = u.id and m.muted_id = ${post.authorId})`;
  // Start from the few people concerned (watchers, mentioned), never from every account.
  const rows = await selectRows<{ id: string; mentioned: boolean }>(
    db,
    sql`with concerned as (
          select w.user_id as id, false as mentioned from forum_watch w where ${watchTarget}
          union all ${mentioned})
        select u.id, bool_or(c.mentioned) as mentioned
        from concerned c join "user" u on u.id = c.id
        where u.status = 'active' and u.id <> ${post.authorId} and ${mayRead(post.category, sql`u.id`)} ${blockFilter}
        group by u.id`,
  );
  const link = `/forums/t/${post.topicId}?from=${post.number}#post-${post.number}`;
  // Anonymous posts name nobody, in the text or as the notification's actor.
  const who = post.anonymous ? "anonymous" : post.authorPseudonym;
  return rows.map((r) => ({
    userId: r.id,
    kind: r.mentioned ? "forum.mention" : post.isNewTopic ? "forum.new_topic" : "forum.reply",
    params: { title: post.topicTitle, category: post.categoryName, who },
    link,
    actorId: post.anonymous ? null : post.authorId,
    dedupeKey: `forum:${post.topicId}:${post.number}`,
  }));
}
