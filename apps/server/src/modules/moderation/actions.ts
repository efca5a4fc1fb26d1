// What a moderator does with a review item: one small handler per action, each
// in one transaction with its audit row (`moderation.<action>`, the reason in
// its details). Content decisions settle the item; actions on the author (warn,
// silence, suspend) leave it open. What must happen after commit (live events,
// messages, notifications, closing sockets) is returned as a callback.
import { METHOD_DETAILS_REMOVED, type ReviewAction, type ReviewActionBody } from "@kindred/contracts";
import { methodDetails } from "@kindred/safety";
import { sql } from "drizzle-orm";
import type { z } from "zod";
import type { AppContext } from "../../context.js";
import { type Db, selectRows } from "../../db/client.js";
import { problems } from "../../http/problem.js";
import type { Actor } from "../../policy/index.js";
import { recordAudit } from "../accounts/audit.js";
import { setPostHidden } from "../forums/moderation.js";
import { announceFeedChange } from "../groups/realtime.js";
import { publishHeldPost, replaceInPost } from "../forums/posts.js";
import { insertMessage, openConversation, publishMessage } from "../safety/conversations.js";
import { methodDetailsRemovedText, postingPausedText, readerOf } from "./author-messages.js";
import { availableActions, moderationPolicy } from "./policy.js";
import { accessOf, type ItemRow, loadItemRow, presentItem } from "./queue.js";
import { settleReview } from "./review.js";

type Services = Pick<AppContext, "db" | "notifier" | "realtime" | "safety">;
type Body = z.output<typeof ReviewActionBody>;
type After = () => Promise<void> | void;
type Done = { details?: Record<string, unknown>; after?: After };
type Handler<A extends ReviewAction> = (ctx: {
  services: Services;
  tx: Db;
  actor: Actor;
  item: ItemRow;
  body: Extract<Body, { action: A }>;
}) => Promise<Done>;

const PERSON_ACTIONS: ReadonlySet<ReviewAction> = new Set(["warn", "silence", "suspend"]);

/** A private message of kind "warning" from the moderator to the author, published after commit. */
async function warnAuthor(services: Services, tx: Db, actor: Actor, authorId: string, text: string): Promise<After> {
  const conversationId = await openConversation(tx, actor.id, authorId, actor.id);
  const { row } = await insertMessage(tx, { conversationId, authorId: actor.id, authorPseudonym: actor.pseudonym, body: text, kind: "warning", screen: false });
  return () => publishMessage(services, [actor.id, authorId], row);
}

const topicChanged = (services: Services, item: ItemRow) => () => {
  if (item.topicId && item.number !== null && item.number > 0)
    services.realtime.emitToRoom(`topic:${item.topicId}`, "forum:topic", { topicId: item.topicId, postNumber: item.number, kind: "updated" });
};

async function setMessageHidden(tx: Db, messageId: string, hidden: boolean) {
  await tx.execute(sql`update conversation_message set hidden_at = ${hidden ? sql`now()` : sql`null`} where id = ${messageId}`);
}

/** Hides or restores a group post; the group's open pages read their feed again after commit. */
async function setGroupPostHidden(services: Services, tx: Db, postId: string, hidden: boolean): Promise<After> {
  const [row] = await selectRows<{ groupId: string }>(
    tx,
    sql`update group_post set hidden_at = ${hidden ? sql`now()` : sql`null`} where id = ${postId} returning group_id as "groupId"`,
  );
  return () => {
    if (row) announceFeedChange(services.realtime, { groupId: row.groupId, postId, kind: hidden ? "removed" : "updated" });
  };
}

const handlers: { [A in ReviewAction]: Handler<A> } = {
  hide: async ({ services, tx, actor, item, body }) => {
    let after = topicChanged(services, item);
    if (item.targetKind === "forum_post") await setPostHidden(tx, actor.id, item.targetId, true, body.reason);
    else if (item.targetKind === "group_post") after = await setGroupPostHidden(services, tx, item.targetId, true);
    else await setMessageHidden(tx, item.targetId, true);
    await settleReview(tx, { kind: item.targetKind, id: item.targetId }, actor.id, "hidden");
    return { after };
  },
  restore: async ({ services, tx, actor, item }) => {
    let after = topicChanged(services, item);
    if (item.targetKind === "forum_post") await setPostHidden(tx, actor.id, item.targetId, false, null);
    else if (item.targetKind === "group_post") after = await setGroupPostHidden(services, tx, item.targetId, false);
    else await setMessageHidden(tx, item.targetId, false);
    await settleReview(tx, { kind: item.targetKind, id: item.targetId }, actor.id, "restored");
    return { after };
  },
  approve: async ({ services, tx, actor, item }) => {
    const publish = await publishHeldPost(services, tx, item.targetId);
    await settleReview(tx, { kind: item.targetKind, id: item.targetId }, actor.id, "approved");
    return { after: publish };
  },
  dismiss: async ({ tx, actor, item }) => {
    await settleReview(tx, { kind: item.targetKind, id: item.targetId }, actor.id, "dismissed");
    return {};
  },
  edit_method_details: async ({ services, tx, actor, item, body }) => {
    const spans = methodDetails(item.markdown ?? "");
    if (spans.length === 0) throw problems.conflict("no-method-details", "There are no method details to remove");
    const post = await replaceInPost(tx, actor.id, item.targetId, spans, METHOD_DETAILS_REMOVED);
    await settleReview(tx, { kind: item.targetKind, id: item.targetId }, actor.id, "edited");
    const text = item.authorId ? methodDetailsRemovedText(await readerOf(tx, item.authorId), item.topicTitle, body.message) : "";
    const told = item.authorId && item.authorId !== actor.id ? await warnAuthor(services, tx, actor, item.authorId, text) : null;
    return {
      // Telling an anonymous author opens a conversation with them: the audit row names them.
      details: { spans: spans.length, authorId: item.authorId },
      after: async () => {
        topicChanged(services, { ...item, number: post.number })();
        await told?.();
      },
    };
  },
  warn: async ({ services, tx, actor, item, body }) => {
    const told = await warnAuthor(services, tx, actor, item.authorId!, body.message);
    return { after: told };
  },
  silence: async ({ services, tx, actor, item, body }) => {
    const [row] = await selectRows<{ until: Date }>(
      tx,
      sql`insert into silence (user_id, until, reason, created_by) values (${item.authorId}, now() + make_interval(hours => ${body.hours}), ${body.reason}, ${actor.id})
          on conflict (user_id) do update set until = excluded.until, reason = excluded.reason, created_by = excluded.created_by, created_at = now()
          returning until`,
    );
    const until = new Date(row!.until);
    const text = postingPausedText(await readerOf(tx, item.authorId!), until, body.message);
    const told = await warnAuthor(services, tx, actor, item.authorId!, text);
    return { details: { hours: body.hours, until: until.toISOString() }, after: told };
  },
  suspend: async ({ services, tx, item }) => {
    await tx.execute(sql`update "user" set status = 'suspended', updated_at = now() where id = ${item.authorId}`);
    // Their sessions end now: the rows go, and their open sockets close after commit.
    const sessions = await selectRows<{ id: string }>(tx, sql`delete from session where user_id = ${item.authorId} returning id`);
    return {
      details: { sessionsEnded: sessions.length },
      after: () => {
        for (const s of sessions) services.realtime.disconnectSession(s.id);
      },
    };
  },
};

/** Runs one action on one item; returns the item as it now stands and whose account changed. */
export async function act(services: Services, actor: Actor, itemId: string, body: Body) {
  moderationPolicy.authorize(actor, "item.act", null);
  const { after, authorId } = await services.db.transaction(async (tx) => {
    // The item row is locked so two moderators acting at once take turns.
    await tx.execute(sql`select id from review_item where id = ${itemId} for update`);
    const item = await loadItemRow(tx, itemId);
    if (PERSON_ACTIONS.has(body.action)) {
      if (!item.authorId) throw problems.conflict("no-author", "This content has no author to act on", "Their account was deleted.");
      moderationPolicy.authorize(actor, "person.act", { id: item.authorId, isStaff: item.authorIsStaff });
    }
    if (!availableActions(actor, accessOf(item)).includes(body.action))
      throw problems.conflict("action-not-available", "This cannot be done to this item now", "It may have been settled, or its content changed; reload the queue.");
    const handler = handlers[body.action] as Handler<typeof body.action>;
    const done = await handler({ services, tx, actor, item, body: body as never });
    // Actions on a person are filed under the person; content decisions under the content.
    const person = PERSON_ACTIONS.has(body.action);
    await recordAudit(tx, actor.id, `moderation.${body.action}`, person ? "user" : item.targetKind, person ? item.authorId : item.targetId, {
      itemId, reason: body.reason, ...(person ? { targetKind: item.targetKind, targetId: item.targetId } : {}), ...done.details,
    });
    return { after: done.after, authorId: body.action === "suspend" ? item.authorId : null };
  });
  await after?.();
  return { item: presentItem(actor, await loadItemRow(services.db, itemId)), accountChanged: authorId };
}

/** Lets a silenced person write again before their time is up. */
export async function liftSilence(db: Db, actor: Actor, userId: string) {
  moderationPolicy.authorize(actor, "silence.lift", null);
  await db.transaction(async (tx) => {
    const rows = await selectRows<{ userId: string }>(tx, sql`delete from silence where user_id = ${userId} and until > now() returning user_id as "userId"`);
    if (rows.length === 0) throw problems.notFound("A silence for this person");
    await recordAudit(tx, actor.id, "moderation.silence_lifted", "user", userId, {});
  });
}
