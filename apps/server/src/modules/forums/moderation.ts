// Flags from members and what moderators do with a post directly: hide and
// restore, edit history, and who wrote an anonymous post. Flags land in the one
// review queue (modules/moderation); every staff action and every look behind
// anonymity is written to the audit log.
import type { FlagReason, Post } from "@kindred/contracts";
import { sql } from "drizzle-orm";
import type { AppContext } from "../../context.js";
import { type Db, selectRows } from "../../db/client.js";
import { problems } from "../../http/problem.js";
import type { Actor } from "../../policy/index.js";
import { recordAudit } from "../accounts/audit.js";
import { raiseReview, settleReview } from "../moderation/review.js";
import { raiseMemberConcern } from "../safety/alerts.js";
import { forumsPolicy } from "./policy.js";
import { loadPostView, readablePost } from "./posts.js";

export async function flagPost(services: Pick<AppContext, "db" | "safety">, actor: Actor, postId: string, input: { reason: FlagReason; note: string }) {
  const post = await readablePost(services.db, actor, postId);
  forumsPolicy.authorize(actor, "post.flag", post.access);
  // A second flag from the same person changes nothing, the item's severity included.
  const raised = await services.db.transaction(async (tx) => {
    const flag = await raiseReview(tx, {
      targetKind: "forum_post", targetId: postId, authorId: post.authorId, source: "member", reason: input.reason, note: input.note, flaggerId: actor.id,
    });
    if (!flag) throw problems.conflict("already-flagged", "You already told us about this post", "A moderator will look at it; thank you.");
    // Worry for the person who wrote it reaches the people on call too, not only the moderators.
    const alertToDeliver = input.reason === "crisis_concern" ? await raiseMemberConcern(tx, post, actor.id) : null;
    return { ...flag, alertToDeliver };
  });
  await services.safety.dispatch(raised);
  return { id: raised.flagId };
}

/** Hides or restores a post inside the caller's transaction (the caller writes the audit row); hiding settles its pending review item. */
export async function setPostHidden(tx: Db, actorId: string, postId: string, hidden: boolean, reason: string | null) {
  await tx.execute(
    hidden
      ? sql`update forum_post set hidden_at = now(), hidden_by = ${actorId}, hidden_reason = ${reason} where id = ${postId}`
      : sql`update forum_post set hidden_at = null, hidden_by = null, hidden_reason = null where id = ${postId}`,
  );
  if (hidden) await settleReview(tx, { kind: "forum_post", id: postId }, actorId, "hidden");
}

/** Hiding takes a post out of members' sight (never deletes it) and settles its open flags. */
export async function setHidden(db: Db, actor: Actor, postId: string, hidden: boolean, reason: string | null): Promise<Post> {
  forumsPolicy.authorize(actor, "post.moderate", null);
  const post = await readablePost(db, actor, postId);
  if (hidden && post.hiddenAt) throw problems.conflict("already-hidden", "This post is already hidden");
  if (!hidden && !post.hiddenAt) throw problems.conflict("not-hidden", "This post is not hidden");
  await db.transaction(async (tx) => {
    await setPostHidden(tx, actor.id, postId, hidden, reason);
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
