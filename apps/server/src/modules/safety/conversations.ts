// Private conversations between two people, with history: on-call outreach
// happens here, moderators' warnings arrive here, and one-on-one peer support
// will reuse it. Every message a person types is screened like any other write.
import type { ConversationMessage, ConversationPage, ConversationSummary } from "@kindred/contracts";
import { sql } from "drizzle-orm";
import type { AppContext } from "../../context.js";
import { type Db, selectRows } from "../../db/client.js";
import { problems } from "../../http/problem.js";
import { timeOrderedId } from "../../lib/ids.js";
import type { Actor } from "../../policy/index.js";
import { admitWrite, applyWatchedWords, conversationPeers, holdAndFlag } from "../moderation/pipeline.js";
import { safetyPolicy } from "./policy.js";
import type { Screening } from "./screen.js";
import { screenWriting } from "./screen.js";

type Services = Pick<AppContext, "db" | "notifier" | "realtime" | "safety">;

export const pairKey = (a: string, b: string) => [a, b].sort().join(":");

/** The pair's conversation, created on first use (inside the caller's transaction). */
export async function openConversation(tx: Db, a: string, b: string, createdBy: string): Promise<string> {
  const key = pairKey(a, b);
  const [row] = await selectRows<{ id: string }>(
    tx,
    sql`insert into conversation (id, pair_key, created_by) values (${timeOrderedId()}, ${key}, ${createdBy})
        on conflict (pair_key) do update set pair_key = excluded.pair_key returning id`,
  );
  await tx.execute(sql`insert into conversation_member (conversation_id, user_id) values (${row!.id}, ${a}), (${row!.id}, ${b}) on conflict do nothing`);
  return row!.id;
}

export async function startConversation(db: Db, actor: Actor | null, otherId: string) {
  safetyPolicy.authorize(actor, "conversations.use", null);
  const [other] = await selectRows<{ active: boolean; blocked: boolean }>(
    db,
    sql`select u.status = 'active' as active,
          exists (select 1 from block b where (b.blocker_id = ${actor!.id} and b.blocked_id = u.id) or (b.blocker_id = u.id and b.blocked_id = ${actor!.id})) as blocked
        from "user" u where u.id = ${otherId}`,
  );
  if (!other) throw problems.notFound("This person");
  safetyPolicy.authorize(actor, "conversation.start", { otherId, otherActive: other.active, blockedEitherWay: other.blocked });
  return db.transaction((tx) => openConversation(tx, actor!.id, otherId, actor!.id));
}

async function loadMembers(db: Db, conversationId: string) {
  const rows = await selectRows<{ userId: string }>(db, sql`select user_id as "userId" from conversation_member where conversation_id = ${conversationId}`);
  if (rows.length === 0) throw problems.notFound("This conversation");
  return rows.map((r) => r.userId);
}

type MessageRow = { id: string; conversationId: string; authorId: string | null; pseudonym: string | null; body: string; kind: ConversationMessage["kind"]; createdAt: Date };

const presentMessage = (viewerId: string, r: MessageRow): ConversationMessage => ({
  id: r.id,
  conversationId: r.conversationId,
  author: r.authorId ? { id: r.authorId, pseudonym: r.pseudonym ?? "" } : null,
  mine: r.authorId === viewerId,
  body: r.body,
  kind: r.kind,
  createdAt: new Date(r.createdAt).toISOString(),
});

const summaries = (db: Db, viewerId: string, conversationId: string | null) =>
  selectRows<{ id: string; otherId: string | null; other: string | null; lastMessageAt: Date | null; lastBody: string | null; unread: boolean }>(
    db,
    sql`select c.id, o.user_id as "otherId", coalesce(u.display_username, u.name) as other, c.last_message_at as "lastMessageAt",
          (select m.body from conversation_message m where m.conversation_id = c.id and m.hidden_at is null order by m.id desc limit 1) as "lastBody",
          (c.last_message_at is not null and (me.last_read_at is null or me.last_read_at < c.last_message_at)
            and exists (select 1 from conversation_message m where m.conversation_id = c.id and m.author_id is distinct from ${viewerId}
                        and (me.last_read_at is null or m.created_at > me.last_read_at))) as unread
        from conversation_member me join conversation c on c.id = me.conversation_id
        left join conversation_member o on o.conversation_id = c.id and o.user_id <> ${viewerId}
        left join "user" u on u.id = o.user_id
        where me.user_id = ${viewerId} ${conversationId ? sql`and c.id = ${conversationId}` : sql``}
        order by c.last_message_at desc nulls last, c.id desc limit 200`,
  );

const presentSummary = (r: Awaited<ReturnType<typeof summaries>>[number]): ConversationSummary => ({
  id: r.id,
  other: r.otherId ? { id: r.otherId, pseudonym: r.other ?? "" } : null,
  lastMessageAt: r.lastMessageAt ? new Date(r.lastMessageAt).toISOString() : null,
  lastExcerpt: r.lastBody ? r.lastBody.slice(0, 120) : null,
  unread: r.unread,
});

export async function listConversations(db: Db, actor: Actor) {
  safetyPolicy.authorize(actor, "conversations.use", null);
  return { items: (await summaries(db, actor.id, null)).map(presentSummary) };
}

export async function readConversation(db: Db, actor: Actor, conversationId: string, q: { before?: string; limit: number }): Promise<ConversationPage> {
  safetyPolicy.authorize(actor, "conversation.read", { memberIds: await loadMembers(db, conversationId) });
  const rows = await selectRows<MessageRow>(
    db,
    sql`select m.id, m.conversation_id as "conversationId", m.author_id as "authorId", coalesce(u.display_username, u.name) as pseudonym,
          m.body, m.kind, m.created_at as "createdAt"
        from conversation_message m left join "user" u on u.id = m.author_id
        where m.conversation_id = ${conversationId} and m.hidden_at is null ${q.before ? sql`and m.id < ${q.before}` : sql``}
        order by m.id desc limit ${q.limit + 1}`,
  );
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit).reverse();
  await db.execute(sql`update conversation_member set last_read_at = now() where conversation_id = ${conversationId} and user_id = ${actor.id}`);
  const [summary] = await summaries(db, actor.id, conversationId);
  return { conversation: presentSummary(summary!), items: page.map((r) => presentMessage(actor.id, r)), nextCursor: more ? page[0]!.id : null };
}

/** Writes one message (inside the caller's transaction) and returns what to publish after commit. */
export async function insertMessage(
  tx: Db,
  m: { conversationId: string; authorId: string; authorPseudonym: string; body: string; kind: ConversationMessage["kind"]; screen: boolean },
) {
  const id = timeOrderedId();
  // The database's clock, like the read markers that are compared with it.
  const [inserted] = await selectRows<{ at: Date }>(
    tx,
    sql`insert into conversation_message (id, conversation_id, author_id, body, kind) values (${id}, ${m.conversationId}, ${m.authorId}, ${m.body}, ${m.kind})
        returning created_at as at`,
  );
  const at = inserted!.at;
  await tx.execute(sql`update conversation set last_message_at = ${at} where id = ${m.conversationId}`);
  await tx.execute(sql`update conversation_member set last_read_at = ${at} where conversation_id = ${m.conversationId} and user_id = ${m.authorId}`);
  const screening: Screening | null = m.screen
    ? await screenWriting(tx, { sourceKind: "conversation_message", sourceId: id, authorId: m.authorId, text: m.body })
    : null;
  const row: MessageRow = { id, conversationId: m.conversationId, authorId: m.authorId, pseudonym: m.authorPseudonym, body: m.body, kind: m.kind, createdAt: at };
  return { id, row, screening };
}

/** After commit: both people's open tabs get the message; the other person gets a notification. */
export async function publishMessage(services: Services, members: string[], row: MessageRow) {
  services.realtime.emitToUsers(
    members.map((userId) => ({ event: "conversation:message" as const, userId, payload: { conversationId: row.conversationId, message: presentMessage(userId, row) } })),
  );
  // A person who muted the writer still receives the message, quietly: no notification.
  const muters = new Set(
    (await selectRows<{ muterId: string }>(services.db, sql`select muter_id as "muterId" from mute where muted_id = ${row.authorId}`)).map((m) => m.muterId),
  );
  const others = members.filter((id) => id !== row.authorId && !muters.has(id));
  await services.notifier.notify(
    others.map((userId) => ({
      userId,
      kind: "conversation.message" as const,
      actorId: row.authorId,
      params: { who: row.pseudonym ?? "" },
      link: `/messages/${row.conversationId}`,
    })),
  );
}

export async function sendMessage(services: Services, actor: Actor, conversationId: string, body: string) {
  const members = await loadMembers(services.db, conversationId);
  // Only its own people get as far as looking at who blocked whom.
  safetyPolicy.authorize(actor, "conversation.read", { memberIds: members });
  const peers = await conversationPeers(services.db, actor.id, members);
  safetyPolicy.authorize(actor, "conversation.send", { memberIds: members, blockedEitherWay: peers.blockedEitherWay });
  // The moderation pipeline: silence (replies to the safety team still go through), new-account rate limit, watched words.
  const admission = await admitWrite(services.db, actor, "conversation_message", { toSafetyTeam: peers.safetyTeam });
  const words = await applyWatchedWords(services.db, { body, format: "plain" });
  const { row, screening } = await services.db.transaction(async (tx) => {
    const written = await insertMessage(tx, { conversationId, authorId: actor.id, authorPseudonym: actor.pseudonym, body: words.body, kind: "message", screen: true });
    // A private message is never held: what would hold a post flags it instead.
    await holdAndFlag(tx, { kind: "conversation_message", id: written.id, authorId: actor.id }, words, admission, written.screening!.assessment.tier, { canHold: false });
    return written;
  });
  await services.safety.dispatch(screening);
  await publishMessage(services, members, row);
  return { message: presentMessage(actor.id, row), support: screening!.support };
}

export async function conversationMembers(db: Db, conversationId: string) {
  return loadMembers(db, conversationId);
}
