// Members telling the moderators about something: a forum post they can read,
// a post in a group they are in, or a private message they received. Either way it joins the review queue as
// a member's flag; the author is never told who flagged.
import type { FlagReason, ReviewTargetKind } from "@kindred/contracts";
import { sql } from "drizzle-orm";
import type { AppContext } from "../../context.js";
import { selectRows } from "../../db/client.js";
import { problems } from "../../http/problem.js";
import type { Actor } from "../../policy/index.js";
import { flagPost } from "../forums/moderation.js";
import { groupsPolicy } from "../groups/policy.js";
import { accessOf as groupAccessOf, loadGroup } from "../groups/service.js";
import { moderationPolicy } from "./policy.js";
import { raiseReview } from "./review.js";

export async function report(services: Pick<AppContext, "db" | "safety">, actor: Actor, input: { targetKind: ReviewTargetKind; targetId: string; reason: FlagReason; note: string }) {
  const { db } = services;
  if (input.targetKind === "forum_post") return flagPost(services, actor, input.targetId, input);
  if (input.targetKind === "group_post") return reportGroupPost(services, actor, input);
  const [message] = await selectRows<{ authorId: string | null; memberIds: string[] }>(
    db,
    sql`select m.author_id as "authorId",
          (select array_agg(cm.user_id) from conversation_member cm where cm.conversation_id = m.conversation_id) as "memberIds"
        from conversation_message m where m.id = ${input.targetId}`,
  );
  if (!message) throw problems.notFound("This message");
  moderationPolicy.authorize(actor, "message.report", { memberIds: message.memberIds ?? [], authorId: message.authorId });
  // A second flag from the same person changes nothing, the item's severity included.
  const raised = await db.transaction(async (tx) => {
    const flag = await raiseReview(tx, {
      targetKind: "conversation_message", targetId: input.targetId, authorId: message.authorId,
      source: "member", reason: input.reason, note: input.note, flaggerId: actor.id,
    });
    if (!flag) throw problems.conflict("already-flagged", "You already told us about this message", "A moderator will look at it; thank you.");
    return flag;
  });
  return { id: raised.flagId };
}

/** A post in a group's feed: for the people who may read that feed (anyone else is told it does not exist). */
async function reportGroupPost(services: Pick<AppContext, "db">, actor: Actor, input: { targetId: string; reason: FlagReason; note: string }) {
  const { db } = services;
  const [post] = await selectRows<{ authorId: string | null; groupId: string }>(
    db,
    sql`select author_id as "authorId", group_id as "groupId" from group_post where id = ${input.targetId} and removed_at is null`,
  );
  const group = post ? await loadGroup(db, actor, { id: post.groupId }).catch(() => null) : null;
  if (!post || !group || !groupsPolicy.can(actor, "group.readFeed", groupAccessOf(group))) throw problems.notFound("This post");
  if (post.authorId === actor.id) throw problems.forbidden("You cannot report your own post; you can remove it.");
  const raised = await db.transaction(async (tx) =>
    raiseReview(tx, {
      targetKind: "group_post", targetId: input.targetId, authorId: post.authorId,
      source: "member", reason: input.reason, note: input.note, flaggerId: actor.id,
    }),
  );
  if (!raised) throw problems.conflict("already-flagged", "You already told us about this post", "A moderator will look at it; thank you.");
  return { id: raised.flagId };
}
