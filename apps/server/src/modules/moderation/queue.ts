// The review queue as moderators read it: pending items, most severe first and
// then oldest first (keyset pages), each with its content's excerpt (method
// details marked so views hide them), its flags, where the content stands, and
// the actions this moderator may take. Anonymous authors stay anonymous here;
// revealing one is the audited GET /api/forums/posts/:id/author.
import type { ReviewFlag, ReviewItem, ReviewState } from "@kindred/contracts";
import { methodDetails } from "@kindred/safety";
import { type SQL, sql } from "drizzle-orm";
import { type Db, selectRows } from "../../db/client.js";
import { problems } from "../../http/problem.js";
import { decodeCursor, encodeCursor, isTimestamp } from "../../lib/cursor.js";
import type { Actor } from "../../policy/index.js";
import { recordAudit } from "../accounts/audit.js";
import { plainExcerpt } from "../forums/markdown.js";
import { availableActions, type ItemAccess, moderationPolicy } from "./policy.js";
import type { ReviewTargetKind } from "./review.js";

const EXCERPT_CHARS = 500;

export type ItemRow = {
  id: string;
  status: "pending" | "resolved";
  severity: number;
  targetKind: ReviewTargetKind;
  targetId: string;
  authorId: string | null;
  createdAt: Date;
  cursorAt: string;
  resolvedAt: Date | null;
  outcome: string | null;
  pseudonym: string | null;
  authorStatus: "active" | "pending" | "suspended" | null;
  silencedUntil: Date | null;
  authorIsStaff: boolean;
  topicId: string | null;
  topicTitle: string | null;
  number: number | null;
  anonymous: boolean | null;
  markdown: string | null;
  removedAt: Date | null;
  hiddenAt: Date | null;
  heldAt: Date | null;
  messageBody: string | null;
  messageHiddenAt: Date | null;
  groupSlug: string | null;
  groupPostMarkdown: string | null;
  groupPostRemovedAt: Date | null;
  groupPostHiddenAt: Date | null;
  flags: { id: string; source: ReviewFlag["source"]; reason: string; note: string; tier: number | null; createdAt: string }[] | null;
};

const itemSelect = sql`
  select i.id, i.status, i.severity, i.target_kind as "targetKind", i.target_id as "targetId", i.author_id as "authorId",
    i.created_at as "createdAt", i.created_at::text as "cursorAt", i.resolved_at as "resolvedAt", i.outcome,
    coalesce(u.display_username, u.name) as pseudonym, u.status as "authorStatus",
    (select s.until from silence s where s.user_id = i.author_id and s.until > now()) as "silencedUntil",
    exists (select 1 from role_grant g where g.user_id = i.author_id and g.role in ('moderator', 'admin')) as "authorIsStaff",
    p.topic_id as "topicId", t.title as "topicTitle", p.number, p.anonymous, p.markdown,
    p.removed_at as "removedAt", p.hidden_at as "hiddenAt", p.held_at as "heldAt",
    m.body as "messageBody", m.hidden_at as "messageHiddenAt",
    rg.slug as "groupSlug", gp.markdown as "groupPostMarkdown", gp.removed_at as "groupPostRemovedAt", gp.hidden_at as "groupPostHiddenAt",
    (select json_agg(json_build_object('id', f.id, 'source', f.source, 'reason', f.reason, 'note', f.note, 'tier', f.tier,
                                       'createdAt', f.created_at) order by f.created_at)
       from review_flag f where f.item_id = i.id) as flags
  from review_item i
  left join "user" u on u.id = i.author_id
  left join forum_post p on i.target_kind = 'forum_post' and p.id = i.target_id
  left join forum_topic t on t.id = p.topic_id
  left join conversation_message m on i.target_kind = 'conversation_message' and m.id = i.target_id
  left join group_post gp on i.target_kind = 'group_post' and gp.id = i.target_id
  left join recovery_group rg on rg.id = gp.group_id`;

function stateOf(r: ItemRow): ReviewState {
  if (r.targetKind === "conversation_message") return r.messageBody === null ? "removed" : r.messageHiddenAt ? "hidden" : "visible";
  if (r.targetKind === "group_post") return r.groupPostMarkdown === null || r.groupPostRemovedAt ? "removed" : r.groupPostHiddenAt ? "hidden" : "visible";
  if (r.markdown === null || r.removedAt) return "removed";
  if (r.hiddenAt) return "hidden";
  return r.heldAt ? "held" : "visible";
}

/** Method details found by the detector (never throws: a failing detector marks nothing, and the moderator still reads). */
function spans(text: string) {
  try {
    return methodDetails(text).map((s) => ({ start: s.start, end: s.end }));
  } catch {
    return [];
  }
}

export function accessOf(r: ItemRow): ItemAccess {
  return {
    targetKind: r.targetKind,
    pending: r.status === "pending",
    state: stateOf(r),
    authorId: r.authorId,
    authorIsStaff: r.authorIsStaff,
    authorStatus: r.authorStatus,
    hasMethodDetails: r.targetKind === "forum_post" && r.markdown !== null && spans(r.markdown).length > 0,
  };
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function presentItem(actor: Actor, r: ItemRow): ReviewItem {
  const anonymous = r.targetKind === "forum_post" && r.anonymous === true;
  const excerpt =
    r.targetKind === "forum_post"
      ? r.markdown === null ? "" : plainExcerpt(r.markdown, EXCERPT_CHARS)
      : r.targetKind === "group_post"
        ? r.groupPostMarkdown === null ? "" : plainExcerpt(r.groupPostMarkdown, EXCERPT_CHARS)
        : (r.messageBody ?? "").slice(0, EXCERPT_CHARS);
  const link =
    r.targetKind === "forum_post" && r.topicId
      ? r.number !== null && r.number > 0
        ? `/forums/t/${r.topicId}?from=${r.number}#post-${r.number}`
        : `/forums/t/${r.topicId}`
      : r.targetKind === "group_post" && r.groupSlug
        ? `/groups/${r.groupSlug}#post-${r.targetId}`
        : null;
  return {
    id: r.id,
    status: r.status,
    severity: r.severity,
    target: { kind: r.targetKind, id: r.targetId, link, topicTitle: r.topicTitle },
    author:
      anonymous || !r.authorId
        ? null
        : { id: r.authorId, pseudonym: r.pseudonym ?? "", status: r.authorStatus ?? "active", silencedUntil: iso(r.silencedUntil) },
    anonymous,
    excerpt,
    methodSpans: spans(excerpt),
    state: stateOf(r),
    // Who flagged is never shown: not to the author, and not here either.
    flags: (r.flags ?? []).map((f) => ({ id: f.id, source: f.source, reason: f.reason, note: f.note, tier: f.tier, createdAt: iso(f.createdAt)! })),
    createdAt: iso(r.createdAt)!,
    resolvedAt: iso(r.resolvedAt),
    outcome: r.outcome,
    actions: availableActions(actor, accessOf(r)),
  };
}

type Cursor = { s: number; at: string; id: string };


/** Private messages are private data: a moderator reading them in the queue leaves an audit row. */
async function auditPrivateReads(db: Db, actor: Actor, rows: ItemRow[]) {
  const messages = rows.filter((r) => r.targetKind === "conversation_message");
  if (messages.length > 0)
    await recordAudit(db, actor.id, "moderation.private_messages_viewed", "conversation_message", null, { messageIds: messages.map((r) => r.targetId) });
}

export async function reviewQueue(db: Db, actor: Actor, query: { cursor?: string; limit: number }) {
  moderationPolicy.authorize(actor, "queue.view", null);
  const cursor = decodeCursor<Cursor>(query.cursor, (c) => Number.isInteger(c.s) && isTimestamp(c.at) && typeof c.id === "string");
  const after: SQL = cursor
    ? sql`and (i.severity < ${cursor.s} or (i.severity = ${cursor.s} and (i.created_at, i.id) > (${cursor.at}::timestamptz, ${cursor.id})))`
    : sql``;
  const rows = await selectRows<ItemRow>(
    db,
    sql`${itemSelect} where i.status = 'pending' ${after} order by i.severity desc, i.created_at, i.id limit ${query.limit + 1}`,
  );
  const [count] = await selectRows<{ n: number }>(db, sql`select count(*)::int as n from review_item where status = 'pending'`);
  const page = rows.slice(0, query.limit);
  await auditPrivateReads(db, actor, page);
  const last = page.at(-1);
  return {
    items: page.map((r) => presentItem(actor, r)),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ s: last.severity, at: last.cursorAt, id: last.id }) : null,
    pendingCount: count!.n,
  };
}

export async function loadItemRow(db: Db, itemId: string): Promise<ItemRow> {
  const [row] = await selectRows<ItemRow>(db, sql`${itemSelect} where i.id = ${itemId}`);
  if (!row) throw problems.notFound("This review item");
  return row;
}

export async function viewItem(db: Db, actor: Actor, itemId: string) {
  moderationPolicy.authorize(actor, "queue.view", null);
  const row = await loadItemRow(db, itemId);
  await auditPrivateReads(db, actor, [row]);
  return presentItem(actor, row);
}
