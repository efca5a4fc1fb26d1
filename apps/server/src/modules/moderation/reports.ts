// Members telling the moderators about something: a forum post they can read,
// or a private message they received. Either way it joins the review queue as
// a member's flag; the author is never told who flagged.
import type { FlagReason, ReviewTargetKind } from "@kindred/contracts";
import { sql } from "drizzle-orm";
import type { AppContext } from "../../context.js";
import { selectRows } from "../../db/client.js";
import { problems } from "../../http/problem.js";
import type { Actor } from "../../policy/index.js";
import { flagPost } from "../forums/moderation.js";
import { moderationPolicy } from "./policy.js";
import { raiseReview } from "./review.js";

export async function report(services: Pick<AppContext, "db" | "safety">, actor: Actor, input: { targetKind: ReviewTargetKind; targetId: string; reason: FlagReason; note: string }) {
  const { db } = services;
  if (input.targetKind === "forum_post") return flagPost(services, actor, input.targetId, input);
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
