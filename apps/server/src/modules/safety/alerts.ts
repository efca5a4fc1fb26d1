// Crisis alerts after they are written: telling the people on call (at once,
// with the job queue retrying on failure), paging the backup and the admins when
// an imminent-risk alert waits too long, and what the on-call person does with
// an alert: acknowledge, reach out in a private conversation, resolve.
import type { Alert, AlertOutcome, CrisisCategory, SafetySourceKind } from "@kindred/contracts";
import { methodDetails } from "@kindred/safety";
import { sql } from "drizzle-orm";
import type { AppContext } from "../../context.js";
import { type Db, selectRows } from "../../db/client.js";
import { problems } from "../../http/problem.js";
import { timeOrderedId } from "../../lib/ids.js";
import type { Actor } from "../../policy/index.js";
import { recordAudit } from "../accounts/audit.js";
import { plainExcerpt } from "../forums/markdown.js";
import { insertMessage, openConversation, publishMessage } from "./conversations.js";
import { safetyPolicy } from "./policy.js";
import { onCallEligible, whoIsOnCall } from "./rota.js";

type Services = Pick<AppContext, "db" | "notifier" | "realtime" | "safety">;

export const QUEUE_ROOM = "safety:queue";
const QUEUE_LINK = "/safety";

type AlertRow = {
  id: string; tier: number; categories: string[]; origin: Alert["origin"]; status: Alert["status"]; authorId: string | null; author: string | null;
  sourceKind: SafetySourceKind | null; sourceId: string | null; relatedSourceId: string | null;
  createdAt: Date; deliveredAt: Date | null; escalatedAt: Date | null; acknowledgedAt: Date | null; acknowledgedById: string | null; acknowledgedBy: string | null;
  resolvedAt: Date | null; outcome: string | null; outcomeNote: string | null; conversationId: string | null; talkRequested: boolean;
};

const alertColumns = sql`a.id, a.tier, a.categories, a.origin, a.status, a.author_id as "authorId", coalesce(au.display_username, au.name) as author,
  a.source_kind as "sourceKind", a.source_id as "sourceId", a.related_source_id as "relatedSourceId", a.created_at as "createdAt",
  a.delivered_at as "deliveredAt", a.escalated_at as "escalatedAt", a.acknowledged_at as "acknowledgedAt", a.acknowledged_by as "acknowledgedById",
  coalesce(ak.display_username, ak.name) as "acknowledgedBy", a.resolved_at as "resolvedAt", a.outcome, a.outcome_note as "outcomeNote",
  a.conversation_id as "conversationId", a.talk_requested_at is not null as "talkRequested"`;
const alertJoins = sql`from crisis_alert a left join "user" au on au.id = a.author_id left join "user" ak on ak.id = a.acknowledged_by`;

export async function loadAlert(db: Db, id: string) {
  const [row] = await selectRows<AlertRow>(db, sql`select ${alertColumns} ${alertJoins} where a.id = ${id}`);
  if (!row) throw problems.notFound("This alert");
  return row;
}

// ── Delivery and escalation ─────────────────────────────────────────────────

/** Staff to tell when the rota is empty: everyone who can be on call, and the admins. */
async function everyoneOnCallCapable(db: Db) {
  return (await onCallEligible(db, ["moderator", "specialist", "admin"])).map((p) => p.id);
}

/** Tells the people on call about one alert; idempotent (one notification per person per alert). */
export async function deliverAlert(services: Pick<AppContext, "db" | "notifier" | "realtime">, alertId: string, at = new Date()) {
  const alert = await loadAlert(services.db, alertId);
  if (alert.status === "resolved") return;
  const onCall = await whoIsOnCall(services.db, at);
  const recipients = onCall.primaryIds.length > 0 ? onCall.primaryIds : await everyoneOnCallCapable(services.db);
  await services.notifier.notify(
    recipients.map((userId) => ({ userId, kind: "safety.crisis_alert" as const, link: `${QUEUE_LINK}?alert=${alert.id}`, dedupeKey: `alert:${alert.id}:${alert.tier}` })),
  );
  await services.db.transaction(async (tx) => {
    await tx.execute(sql`update crisis_alert set delivered_at = ${at} where id = ${alert.id} and delivered_at is null`);
    await recordAudit(tx, null, "safety.alert_delivered", "crisis_alert", alert.id, { recipients: recipients.length, fallback: onCall.primaryIds.length === 0 });
  });
  services.realtime.emitToRoom(QUEUE_ROOM, "safety:alert", { alertId: alert.id, tier: alert.tier, change: "new" });
}

/** Imminent-risk alerts nobody acknowledged in time page the backup on call and the admins. Time is a parameter. */
export async function escalateOverdue(services: Pick<AppContext, "db" | "notifier" | "realtime">, at = new Date()) {
  const overdue = await selectRows<{ id: string; tier: number }>(
    services.db,
    sql`update crisis_alert a set escalated_at = ${at}
        from org_settings s
        where s.id = 1 and a.status = 'open' and a.tier >= 4 and a.escalated_at is null
          and a.created_at <= ${at}::timestamptz - make_interval(mins => s.alert_ack_minutes)
        returning a.id, a.tier`,
  );
  if (overdue.length === 0) return [];
  const onCall = await whoIsOnCall(services.db, at);
  const admins = (await onCallEligible(services.db, ["admin"])).map((p) => p.id);
  let recipients = [...new Set([...onCall.backupIds, ...admins])];
  if (recipients.length === 0) recipients = await everyoneOnCallCapable(services.db);
  for (const alert of overdue) {
    await services.notifier.notify(
      recipients.map((userId) => ({ userId, kind: "safety.escalation" as const, link: `${QUEUE_LINK}?alert=${alert.id}`, dedupeKey: `escalation:${alert.id}` })),
    );
    await recordAudit(services.db, null, "safety.alert_escalated", "crisis_alert", alert.id, { recipients: recipients.length, backups: onCall.backupIds.length });
    services.realtime.emitToRoom(QUEUE_ROOM, "safety:alert", { alertId: alert.id, tier: alert.tier, change: "escalated" });
  }
  return overdue.map((a) => a.id);
}

/** Alerts whose delivery failed and was not retried (e.g. the queue was down too): found and delivered again. */
export async function undeliveredAlerts(db: Db, olderThanSeconds: number, at = new Date()) {
  return selectRows<{ id: string }>(
    db,
    sql`select id from crisis_alert where delivered_at is null and status <> 'resolved'
          and created_at <= ${at}::timestamptz - make_interval(secs => ${olderThanSeconds}) order by created_at limit 100`,
  );
}

// ── What the on-call person does ──────────────────────────────────────────

export async function acknowledge(services: Services, actor: Actor, alertId: string) {
  safetyPolicy.authorize(actor, "alert.act", null);
  const { tier } = await loadAlert(services.db, alertId);
  await services.db.transaction(async (tx) => {
    const done = await selectRows<{ seconds: number }>(
      tx,
      sql`update crisis_alert set status = 'acknowledged', acknowledged_at = now(), acknowledged_by = ${actor.id}
          where id = ${alertId} and status = 'open' returning extract(epoch from now() - created_at)::float as seconds`,
    );
    if (done.length === 0) throw problems.conflict("alert-not-open", "Someone already took this alert", "It is acknowledged or resolved; see who in the queue.");
    await recordAudit(tx, actor.id, "safety.alert_acknowledged", "crisis_alert", alertId, { secondsToAcknowledge: Math.round(done[0]!.seconds) });
  });
  services.realtime.emitToRoom(QUEUE_ROOM, "safety:alert", { alertId, tier, change: "acknowledged" });
  return presentAlerts(services.db, [await loadAlert(services.db, alertId)]).then((a) => a[0]!);
}

const OUTREACH_TEXT: Record<string, (name: string) => string> = {
  en: (name) => `Hi, this is ${name} from the support team. I saw what you wrote and wanted to check in with you. I'm here to listen whenever you're ready.`,
  es: (name) => `Hola, soy ${name} del equipo de apoyo. Vi lo que escribiste y quería saber cómo estás. Estoy aquí para escucharte cuando quieras.`,
};

/** Opens (or reuses) the private conversation with the author and says hello; acknowledges first if nobody has. */
export async function reachOut(services: Services, actor: Actor, alertId: string) {
  safetyPolicy.authorize(actor, "alert.act", null);
  const alert = await loadAlert(services.db, alertId);
  if (!alert.authorId) throw problems.conflict("author-gone", "This person's account no longer exists");
  if (alert.authorId === actor.id) throw problems.conflict("own-alert", "Someone else on the team should reach out", "This alert is about your own words.");
  if (alert.status === "resolved") throw problems.conflict("alert-resolved", "This alert is already resolved", "Write to the person from Messages instead.");
  const [lang] = await selectRows<{ locale: string }>(services.db, sql`select locale from profile where user_id = ${alert.authorId}`);
  const text = (OUTREACH_TEXT[lang?.locale ?? "en"] ?? OUTREACH_TEXT.en!)(actor.pseudonym);
  const { conversationId, row } = await services.db.transaction(async (tx) => {
    const acked = await selectRows<{ seconds: number }>(
      tx,
      sql`update crisis_alert set status = 'acknowledged', acknowledged_at = now(), acknowledged_by = ${actor.id}
          where id = ${alertId} and status = 'open' returning extract(epoch from now() - created_at)::float as seconds`,
    );
    if (acked[0]) await recordAudit(tx, actor.id, "safety.alert_acknowledged", "crisis_alert", alertId, { secondsToAcknowledge: Math.round(acked[0].seconds) });
    const conversationId = await openConversation(tx, actor.id, alert.authorId!, actor.id);
    await tx.execute(sql`update crisis_alert set conversation_id = ${conversationId} where id = ${alertId}`);
    const { row } = await insertMessage(tx, { conversationId, authorId: actor.id, authorPseudonym: actor.pseudonym, body: text, kind: "outreach", screen: false });
    await recordAudit(tx, actor.id, "safety.alert_reached_out", "crisis_alert", alertId, { conversationId });
    return { conversationId, row };
  });
  await publishMessage(services, [actor.id, alert.authorId], row);
  services.realtime.emitToRoom(QUEUE_ROOM, "safety:alert", { alertId, tier: alert.tier, change: "acknowledged" });
  return { conversationId };
}

export async function resolve(services: Services, actor: Actor, alertId: string, input: { outcome: AlertOutcome; note: string }) {
  safetyPolicy.authorize(actor, "alert.act", null);
  const alert = await loadAlert(services.db, alertId);
  if (alert.status === "resolved") throw problems.conflict("alert-resolved", "This alert is already resolved");
  await services.db.transaction(async (tx) => {
    await tx.execute(sql`update crisis_alert set status = 'resolved', resolved_at = now(), resolved_by = ${actor.id}, outcome = ${input.outcome},
                           outcome_note = ${input.note || null},
                           acknowledged_at = coalesce(acknowledged_at, now()), acknowledged_by = coalesce(acknowledged_by, ${actor.id})
                         where id = ${alertId}`);
    await recordAudit(tx, actor.id, "safety.alert_resolved", "crisis_alert", alertId, { outcome: input.outcome });
  });
  services.realtime.emitToRoom(QUEUE_ROOM, "safety:alert", { alertId, tier: alert.tier, change: "resolved" });
  return (await presentAlerts(services.db, [await loadAlert(services.db, alertId)]))[0]!;
}

/** "Talk to someone now" from the help panel: an alert of at least tier 3, delivered at once. One open request per person. */
export async function talkNow(services: Services, actor: Actor, source: { kind: SafetySourceKind; id: string } | undefined) {
  safetyPolicy.authorize(actor, "help.request", null);
  if (source) await assertOwnSource(services.db, actor, source);
  const onCall = await whoIsOnCall(services.db);
  // One open alert per person: asking to talk joins the alert their words already raised (the same post first).
  const [open] = await selectRows<{ id: string; tier: number; acknowledgedBy: string | null; talkRequested: boolean }>(
    services.db,
    sql`select a.id, a.tier, a.acknowledged_by as "acknowledgedBy", a.talk_requested_at is not null as "talkRequested"
        from crisis_alert a where a.author_id = ${actor.id} and a.status <> 'resolved'
        order by (a.source_id is not distinct from ${source?.id ?? null}) desc, a.created_at desc limit 1`,
  );
  if (open) {
    if (!open.talkRequested) {
      await services.db.transaction(async (tx) => {
        await tx.execute(sql`update crisis_alert set talk_requested_at = now() where id = ${open.id}`);
        await recordAudit(tx, actor.id, "safety.talk_requested", "crisis_alert", open.id, source ? { sourceKind: source.kind } : {});
      });
      // The person now asks to talk: whoever holds the alert (or everyone on call) hears it again.
      const recipients = open.acknowledgedBy ? [open.acknowledgedBy] : onCall.primaryIds.length > 0 ? onCall.primaryIds : await everyoneOnCallCapable(services.db);
      await services.notifier.notify(
        recipients.map((userId) => ({ userId, kind: "safety.crisis_alert" as const, link: `${QUEUE_LINK}?alert=${open.id}`, dedupeKey: `talk:${open.id}` })),
      );
      services.realtime.emitToRoom(QUEUE_ROOM, "safety:alert", { alertId: open.id, tier: open.tier, change: "new" });
    }
    return { alertId: open.id, someoneOnCall: onCall.primaryIds.length > 0 };
  }
  const [detected] = source
    ? await selectRows<{ tier: number; categories: string[] }>(
        services.db,
        sql`select tier, categories from crisis_alert where source_kind = ${source.kind} and source_id = ${source.id} and origin = 'detector'`,
      )
    : [];
  const id = timeOrderedId();
  await services.db.transaction(async (tx) => {
    await tx.execute(sql`insert into crisis_alert (id, tier, categories, origin, source_kind, source_id, author_id, talk_requested_at)
                         values (${id}, ${Math.max(3, detected?.tier ?? 0)}, ${sql.param(detected?.categories ?? [])}::text[], 'talk_request',
                                 ${source?.kind ?? null}, ${source?.id ?? null}, ${actor.id}, now())`);
    await recordAudit(tx, actor.id, "safety.talk_requested", "crisis_alert", id, source ? { sourceKind: source.kind } : {});
  });
  await services.safety.dispatch({ alertToDeliver: id });
  return { alertId: id, someoneOnCall: onCall.primaryIds.length > 0 };
}

/**
 * A member told the moderators they are worried about the person who wrote a
 * post: the people on call hear about it too, as concern for that person (one
 * open alert per post). Called inside the flag's transaction; dispatch after commit.
 */
export async function raiseMemberConcern(tx: Db, post: { id: string; authorId: string | null }, flaggerId: string): Promise<string | null> {
  if (!post.authorId) return null;
  const [open] = await selectRows<{ id: string }>(
    tx,
    sql`select id from crisis_alert where source_kind = 'forum_post' and source_id = ${post.id} and status <> 'resolved' limit 1`,
  );
  if (open) return null;
  const id = timeOrderedId();
  await tx.execute(sql`insert into crisis_alert (id, tier, categories, origin, source_kind, source_id, author_id)
                       values (${id}, 3, ${sql.param(["concern_for_other"])}::text[], 'member_concern', 'forum_post', ${post.id}, ${post.authorId})`);
  await recordAudit(tx, flaggerId, "safety.concern_flagged", "crisis_alert", id, { sourceKind: "forum_post" });
  return id;
}

async function assertOwnSource(db: Db, actor: Actor, source: { kind: string; id: string }) {
  const [row] = await selectRows<{ authorId: string | null }>(
    db,
    source.kind === "forum_post"
      ? sql`select author_id as "authorId" from forum_post where id = ${source.id}`
      : source.kind === "group_post"
        ? sql`select author_id as "authorId" from group_post where id = ${source.id}`
        : sql`select author_id as "authorId" from conversation_message where id = ${source.id}`,
  );
  if (!row || row.authorId !== actor.id) throw problems.validation([{ path: "body.source.id", message: "This is not something you wrote" }]);
}

// ── The queue ───────────────────────────────────────────────────────────────

export async function alertQueue(db: Db, actor: Actor, status: "active" | "resolved") {
  safetyPolicy.authorize(actor, "alerts.view", null);
  const rows = await selectRows<AlertRow>(
    db,
    status === "active"
      ? sql`select ${alertColumns} ${alertJoins} where a.status <> 'resolved' order by a.tier desc, a.created_at asc limit 200`
      : sql`select ${alertColumns} ${alertJoins} where a.status = 'resolved' order by a.resolved_at desc limit 100`,
  );
  const onCall = await whoIsOnCall(db);
  return { items: await presentAlerts(db, rows), onCallNow: { primary: onCall.primary, backup: onCall.backup, fallback: onCall.fallback } };
}

async function presentAlerts(db: Db, rows: AlertRow[]): Promise<Alert[]> {
  const postIds = rows.flatMap((r) => [r.sourceKind === "forum_post" ? r.sourceId : null, r.relatedSourceId]).filter((x): x is string => !!x);
  const messageIds = rows.filter((r) => r.sourceKind === "conversation_message" && r.sourceId).map((r) => r.sourceId!);
  const groupPostIds = rows.filter((r) => r.sourceKind === "group_post" && r.sourceId).map((r) => r.sourceId!);
  const [posts, messages, groupPosts] = await Promise.all([
    postIds.length === 0
      ? []
      : selectRows<{ id: string; topicId: string; number: number; markdown: string; authorId: string | null; pseudonym: string | null; anonymous: boolean }>(
          db,
          sql`select p.id, p.topic_id as "topicId", p.number, p.markdown, p.author_id as "authorId", coalesce(u.display_username, u.name) as pseudonym, p.anonymous
              from forum_post p left join "user" u on u.id = p.author_id where p.id = any(${sql.param(postIds)}::text[])`,
        ),
    messageIds.length === 0
      ? []
      : selectRows<{ id: string; body: string }>(db, sql`select id, body from conversation_message where id = any(${sql.param(messageIds)}::text[])`),
    groupPostIds.length === 0
      ? []
      : selectRows<{ id: string; markdown: string; slug: string }>(
          db,
          sql`select p.id, p.markdown, g.slug from group_post p join recovery_group g on g.id = p.group_id where p.id = any(${sql.param(groupPostIds)}::text[])`,
        ),
  ]);
  const groupPostById = new Map(groupPosts.map((p) => [p.id, p]));
  const postById = new Map(posts.map((p) => [p.id, p]));
  const messageById = new Map(messages.map((m) => [m.id, m]));
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  const link = (p: { topicId: string; number: number }) => `/forums/t/${p.topicId}?from=${p.number}#post-${p.number}`;
  return rows.map((r) => {
    let source: Alert["source"] = null;
    if (r.sourceKind && r.sourceId) {
      const post = r.sourceKind === "forum_post" ? postById.get(r.sourceId) : undefined;
      const groupPost = r.sourceKind === "group_post" ? groupPostById.get(r.sourceId) : undefined;
      const text = post
        ? plainExcerpt(post.markdown, 600)
        : groupPost
          ? plainExcerpt(groupPost.markdown, 600)
          : (messageById.get(r.sourceId)?.body.slice(0, 600) ?? "");
      const where = post ? link(post) : groupPost ? `/groups/${groupPost.slug}#post-${groupPost.id}` : null;
      source = { kind: r.sourceKind, id: r.sourceId, link: where, excerpt: text, methodSpans: methodDetails(text) };
    }
    const related = r.relatedSourceId ? postById.get(r.relatedSourceId) : undefined;
    return {
      id: r.id,
      tier: r.tier,
      categories: r.categories as CrisisCategory[],
      origin: r.origin,
      talkRequested: r.talkRequested,
      status: r.status,
      author: r.authorId ? { id: r.authorId, pseudonym: r.author ?? "" } : null,
      source,
      related: related
        ? { link: link(related), author: related.authorId && !related.anonymous ? { id: related.authorId, pseudonym: related.pseudonym ?? "" } : null }
        : null,
      createdAt: iso(r.createdAt)!,
      deliveredAt: iso(r.deliveredAt),
      escalatedAt: iso(r.escalatedAt),
      acknowledgedAt: iso(r.acknowledgedAt),
      acknowledgedBy: r.acknowledgedById ? { id: r.acknowledgedById, pseudonym: r.acknowledgedBy ?? "" } : null,
      timeToAcknowledgeSeconds: r.acknowledgedAt ? Math.round((new Date(r.acknowledgedAt).getTime() - new Date(r.createdAt).getTime()) / 1000) : null,
      resolvedAt: iso(r.resolvedAt),
      outcome: r.outcome as AlertOutcome | null,
      outcomeNote: r.outcomeNote,
      conversationId: r.conversationId,
    };
  });
}
