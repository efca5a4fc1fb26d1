// Flags from members and what moderators do with them: the review queue,
// hide and restore, edit history, and who wrote an anonymous post. Every staff
// action and every look behind anonymity is written to the audit log.
import type { FlaggedPost, FlagReason, Post } from "@kindred/contracts";
import { sql } from "drizzle-orm";
import { type Db, selectRows } from "../../db/client.js";
import { problems } from "../../http/problem.js";
import { timeOrderedId } from "../../lib/ids.js";
import type { Actor } from "../../policy/index.js";
import { recordAudit } from "../accounts/audit.js";
import { plainExcerpt } from "./markdown.js";
import { forumsPolicy } from "./policy.js";
import { loadPostView, readablePost } from "./posts.js";

/** Most urgent first: a person who may be in crisis comes before anything else. */
const SEVERITY: FlagReason[] = ["crisis_concern", "harassment", "unsafe_advice", "spam", "other"];

export async function flagPost(db: Db, actor: Actor, postId: string, input: { reason: FlagReason; note: string }) {
  const post = await readablePost(db, actor, postId);
  forumsPolicy.authorize(actor, "post.flag", post.access);
  const id = timeOrderedId();
  const inserted = await selectRows<{ id: string }>(
    db,
    sql`insert into forum_flag (id, post_id, flagger_id, reason, note) values (${id}, ${postId}, ${actor.id}, ${input.reason}, ${input.note})
        on conflict (post_id, flagger_id) where resolved_at is null do nothing returning id`,
  );
  if (inserted.length === 0)
    throw problems.conflict("already-flagged", "You already told us about this post", "A moderator will look at it; thank you.");
  return { id };
}

export async function flagQueue(db: Db, actor: Actor): Promise<{ items: FlaggedPost[] }> {
  forumsPolicy.authorize(actor, "post.moderate", null);
  const rows = await selectRows<{
    postId: string; topicId: string; topicTitle: string; number: number; markdown: string; removedAt: Date | null; hiddenAt: Date | null;
    flags: { id: string; reason: FlagReason; note: string; createdAt: string }[];
  }>(
    db,
    sql`select p.id as "postId", p.topic_id as "topicId", t.title as "topicTitle", p.number, p.markdown,
          p.removed_at as "removedAt", p.hidden_at as "hiddenAt",
          json_agg(json_build_object('id', f.id, 'reason', f.reason, 'note', f.note, 'createdAt', f.created_at) order by f.created_at) as flags
        from forum_flag f join forum_post p on p.id = f.post_id join forum_topic t on t.id = p.topic_id
        where f.resolved_at is null group by p.id, t.title limit 500`,
  );
  const items = rows.map((r) => {
    const reasons = r.flags.map((f) => f.reason);
    return {
      postId: r.postId,
      topicId: r.topicId,
      topicTitle: r.topicTitle,
      postNumber: r.number,
      excerpt: plainExcerpt(r.markdown, 240),
      state: r.removedAt ? ("removed_by_author" as const) : r.hiddenAt ? ("hidden_by_moderator" as const) : ("visible" as const),
      flags: r.flags.map((f) => ({ ...f, createdAt: new Date(f.createdAt).toISOString() })),
      severity: SEVERITY.find((s) => reasons.includes(s)) ?? "other",
      firstFlaggedAt: new Date(r.flags[0]!.createdAt).toISOString(),
    };
  });
  items.sort((a, b) => SEVERITY.indexOf(a.severity) - SEVERITY.indexOf(b.severity) || a.firstFlaggedAt.localeCompare(b.firstFlaggedAt));
  return { items };
}

export async function resolveFlags(db: Db, actor: Actor, postId: string, outcome: "hidden" | "kept") {
  forumsPolicy.authorize(actor, "post.moderate", null);
  await readablePost(db, actor, postId);
  await db.transaction(async (tx) => {
    await tx.execute(sql`update forum_flag set resolved_at = now(), resolved_by = ${actor.id}, outcome = ${outcome}
                         where post_id = ${postId} and resolved_at is null`);
    await recordAudit(tx, actor.id, "forum.flags_resolved", "forum_post", postId, { outcome });
  });
}

/** Hiding takes a post out of members' sight (never deletes it) and settles its open flags. */
export async function setHidden(db: Db, actor: Actor, postId: string, hidden: boolean, reason: string | null): Promise<Post> {
  forumsPolicy.authorize(actor, "post.moderate", null);
  const post = await readablePost(db, actor, postId);
  if (hidden && post.hiddenAt) throw problems.conflict("already-hidden", "This post is already hidden");
  if (!hidden && !post.hiddenAt) throw problems.conflict("not-hidden", "This post is not hidden");
  await db.transaction(async (tx) => {
    await tx.execute(
      hidden
        ? sql`update forum_post set hidden_at = now(), hidden_by = ${actor.id}, hidden_reason = ${reason} where id = ${postId}`
        : sql`update forum_post set hidden_at = null, hidden_by = null, hidden_reason = null where id = ${postId}`,
    );
    if (hidden)
      await tx.execute(sql`update forum_flag set resolved_at = now(), resolved_by = ${actor.id}, outcome = 'hidden'
                           where post_id = ${postId} and resolved_at is null`);
    await recordAudit(tx, actor.id, hidden ? "forum.post_hidden" : "forum.post_restored", "forum_post", postId, reason ? { reason } : {});
  });
  return (await loadPostView(db, actor, postId, post.category, post.locked))!;
}

export async function revisions(db: Db, actor: Actor, postId: string) {
  forumsPolicy.authorize(actor, "post.moderate", null);
  const post = await readablePost(db, actor, postId);
  const rows = await selectRows<{ markdown: string; contentWarning: string | null; editedAt: Date; editorId: string | null; editor: string | null }>(
    db,
    sql`select r.markdown, r.content_warning as "contentWarning", r.edited_at as "editedAt", r.editor_id as "editorId",
          coalesce(u.display_username, u.name) as editor
        from forum_post_revision r left join "user" u on u.id = r.editor_id where r.post_id = ${postId} order by r.edited_at`,
  );
  return {
    items: rows.map((r) => ({
      markdown: r.markdown,
      contentWarning: r.contentWarning as Post["contentWarning"],
      editedAt: new Date(r.editedAt).toISOString(),
      // The editor of an anonymous post is its author: revealing them is the audit-logged request below.
      editor: post.anonymous || !r.editorId ? null : { id: r.editorId, pseudonym: r.editor ?? "" },
    })),
  };
}

export async function revealAuthor(db: Db, actor: Actor, postId: string) {
  forumsPolicy.authorize(actor, "post.moderate", null);
  const post = await readablePost(db, actor, postId);
  if (!post.authorId) throw problems.notFound("This post's author");
  const [author] = await selectRows<{ id: string; pseudonym: string }>(
    db,
    sql`select id, coalesce(display_username, name) as pseudonym from "user" where id = ${post.authorId}`,
  );
  if (!author) throw problems.notFound("This post's author");
  await recordAudit(db, actor.id, "forum.author_revealed", "forum_post", postId, { anonymous: post.anonymous });
  return author;
}
