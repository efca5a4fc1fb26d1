// The one way any module tells a person something. `record` writes the
// notification (and its e-mail, if wanted) inside the caller's transaction;
// `publish` runs after commit: live push to the person's sockets and a nudge
// to the e-mail delivery job.
import { NOTIFICATION_KINDS, type Notification, type NotificationKind, type NotificationPage } from "@kindred/contracts";
import { type AnyColumn, and, count, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { FastifyBaseLogger } from "fastify";
import type { Db } from "../../db/client.js";
import { emailDelivery, notification, user } from "../../db/schema/index.js";
import { problems } from "../../http/problem.js";
import type { JobQueue } from "../../jobs/queue.js";
import type { Realtime } from "../../realtime/gateway.js";
import { deliverEmailsJob } from "./job-names.js";
import { type Locale, renderNotification } from "./messages.js";
import { channelsFor, loadRecipients } from "./preferences.js";
import { nextAllowedSend } from "./quiet-hours.js";

export type NotifyInput = {
  userId: string;
  kind: NotificationKind;
  params?: Record<string, string>;
  /** A path inside Kindred, e.g. /settings. */
  link?: string | null;
  actorId?: string | null;
  /** Same key for the same person → one notification, however often notify is called. */
  dedupeKey?: string | null;
};

type Row = typeof notification.$inferSelect;
export type Recorded = {
  row: Row;
  emailNow: boolean;
  /** The push for the person's sockets; null when they want this kind by e-mail only. */
  live: { notification: Notification; unreadCount: number } | null;
};

export type Notifier = ReturnType<typeof createNotifier>;

export function createNotifier(deps: { db: Db; realtime: Realtime; jobs: JobQueue; log: FastifyBaseLogger; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());

  async function record(db: Db, inputs: NotifyInput | NotifyInput[]): Promise<Recorded[]> {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    if (list.length === 0) return [];
    const at = now();
    const [recipients, actors] = await Promise.all([
      loadRecipients(db, list.map((i) => i.userId)),
      actorNames(db, list.map((i) => i.actorId ?? null)),
    ]);
    const planned = list.flatMap((input) => {
      const recipient = recipients.get(input.userId);
      if (!recipient) return [];
      const channels = channelsFor(recipient, input.kind);
      const email = channels.email && recipient.email !== null;
      if (!channels.inApp && !email) return [];
      const row: Row = {
        id: crypto.randomUUID(),
        userId: input.userId,
        kind: input.kind,
        params: input.params ?? {},
        link: input.link ?? null,
        actorId: input.actorId ?? null,
        dedupeKey: input.dedupeKey ?? null,
        inApp: channels.inApp,
        createdAt: at,
        readAt: null,
      };
      return [{ row, recipient, email }];
    });
    if (planned.length === 0) return [];
    const unread = await insertNotifications(db, planned.map((p) => p.row));
    const kept = planned.filter((p) => unread.has(p.row.id));

    const deliveries = kept
      .filter((p) => p.email)
      .map((p) => {
        const mandatory = NOTIFICATION_KINDS[p.row.kind as NotificationKind].mandatory;
        const digest = !mandatory && p.recipient.digest !== "off";
        // Crisis alerts to the people on call never wait for quiet hours.
        const sendAfter = mandatory ? at : nextAllowedSend(at, p.recipient.quietHours, p.recipient.timeZone);
        return { id: crypto.randomUUID(), notificationId: p.row.id, userId: p.row.userId, mode: digest ? ("digest" as const) : ("single" as const), sendAfter };
      });
    if (deliveries.length > 0) await db.insert(emailDelivery).values(deliveries);
    const dueNow = new Set(deliveries.filter((d) => d.mode === "single" && d.sendAfter <= at).map((d) => d.notificationId));
    return kept.map((p) => ({
      row: p.row,
      emailNow: dueNow.has(p.row.id),
      // Everything the live push needs is ready here, so publishing after commit costs no query.
      live: p.row.inApp ? { notification: present(p.row, p.recipient.locale, actors), unreadCount: unread.get(p.row.id)! } : null,
    }));
  }

  async function publish(recorded: Recorded[]) {
    deps.realtime.emitToUsers(
      recorded.flatMap((r) => (r.live ? [{ event: "notification:new" as const, userId: r.row.userId, payload: r.live }] : [])),
    );
    if (recorded.some((r) => r.emailNow)) await deps.jobs.trigger(deliverEmailsJob, {});
  }

  return {
    record,
    publish,
    /**
     * record + publish outside any transaction. A large fan-out is stored in
     * slices, one after the other, and each slice is pushed while the next is
     * being written: the database and the sockets work at the same time. A
     * person's notifications stay in one slice, so unread counts stay exact.
     */
    async notify(inputs: NotifyInput | NotifyInput[]) {
      const all: Recorded[] = [];
      let stored: Recorded[] | null = null;
      for (const slice of slicesByPerson(Array.isArray(inputs) ? inputs : [inputs], FANOUT_SLICE)) {
        const writing = record(deps.db, slice);
        if (stored) await publish(stored);
        stored = await writing;
        all.push(...stored);
      }
      if (stored) await publish(stored);
      return all;
    },
    /** Tells every open tab of this person the new unread count. */
    async pushUnreadCount(userId: string) {
      const unreadCount = (await unreadCounts(deps.db, [userId])).get(userId) ?? 0;
      deps.realtime.emitToUser(userId, "notification:unread", { unreadCount });
      return unreadCount;
    },
  };
}

/** People per slice of a large fan-out (see notify); at least the gateway's batch size. */
const FANOUT_SLICE = 500;

function slicesByPerson(inputs: NotifyInput[], size: number): NotifyInput[][] {
  const byPerson = new Map<string, NotifyInput[]>();
  for (const input of inputs) {
    const own = byPerson.get(input.userId);
    if (own) own.push(input);
    else byPerson.set(input.userId, [input]);
  }
  const slices: NotifyInput[][] = [];
  let current: NotifyInput[] = [];
  for (const own of byPerson.values()) {
    if (current.length > 0 && current.length + own.length > size) {
      slices.push(current);
      current = [];
    }
    current.push(...own);
  }
  if (current.length > 0) slices.push(current);
  return slices;
}

const unreadFilter = (userIds: string[]) => and(anyOf(notification.userId, userIds), isNull(notification.readAt), eq(notification.inApp, true));

/** `column = any($1)`: one array parameter, however many ids (a fan-out can name thousands). */
export const anyOf = (column: AnyColumn, values: string[]) => sql`${column} = any(${sql.param(values)}::text[])`;

/**
 * Inserts many notifications in one statement (array parameters, not thousands of
 * placeholders) and answers, for each inserted one, the person's unread count
 * including it. Rows whose dedupe key already exists are skipped and absent.
 */
async function insertNotifications(db: Db, rows: Row[]): Promise<Map<string, number>> {
  const col = <K extends keyof Row>(key: K) => sql.param(rows.map((r) => r[key]));
  const result = await db.execute(sql`
    with ins as (
      insert into notification (id, user_id, kind, params, link, actor_id, dedupe_key, in_app, created_at)
      select u.*, ${rows[0]!.createdAt.toISOString()}::timestamptz
      from unnest(${col("id")}::text[], ${col("userId")}::text[], ${col("kind")}::text[],
                  ${sql.param(rows.map((r) => JSON.stringify(r.params)))}::jsonb[], ${col("link")}::text[],
                  ${col("actorId")}::text[], ${col("dedupeKey")}::text[], ${col("inApp")}::boolean[]) as u
      on conflict do nothing
      returning id, user_id, in_app
    )
    select ins.id,
      case when ins.in_app then
        -- The statement does not see its own inserts: count what was there, plus this batch's.
        (select count(*) from notification n where n.user_id = ins.user_id and n.read_at is null and n.in_app)
        + row_number() over (partition by ins.user_id, ins.in_app order by ins.id)
      else 0 end::int as unread
    from ins`);
  const out = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { id: string; unread: number }[];
  return new Map(out.map((r) => [r.id, Number(r.unread)]));
}

async function unreadCounts(db: Db, userIds: string[]) {
  const rows = await db
    .select({ userId: notification.userId, n: count() })
    .from(notification)
    .where(unreadFilter(userIds))
    .groupBy(notification.userId);
  return new Map(rows.map((r) => [r.userId, Number(r.n)]));
}

async function actorNames(db: Db, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((i): i is string => i !== null))];
  if (wanted.length === 0) return new Map<string, string>();
  const rows = await db.select({ id: user.id, name: user.displayUsername }).from(user).where(anyOf(user.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name ?? ""]));
}

function present(row: Row, locale: Locale, actors: Map<string, string>): Notification {
  return {
    id: row.id,
    kind: row.kind as NotificationKind,
    text: renderNotification(row.kind, row.params, locale),
    link: row.link,
    actor: row.actorId && actors.has(row.actorId) ? { id: row.actorId, pseudonym: actors.get(row.actorId)! } : null,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}

// Cursor = "<createdAt ISO>|<id>": stable under concurrent inserts.
const encodeCursor = (row: Row) => Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString("base64url");
function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(iso ?? "");
  if (!id || Number.isNaN(createdAt.getTime())) throw problems.validation([{ path: "cursor", message: "Not a cursor from this list" }]);
  return { createdAt, id };
}

export async function listNotifications(
  db: Db,
  userId: string,
  locale: Locale,
  query: { cursor?: string; limit: number; unread?: "true" | "false" },
): Promise<NotificationPage> {
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const rows = await db
    .select()
    .from(notification)
    .where(
      and(
        eq(notification.userId, userId),
        eq(notification.inApp, true),
        query.unread === "true" ? isNull(notification.readAt) : undefined,
        after
          ? or(lt(notification.createdAt, after.createdAt), and(eq(notification.createdAt, after.createdAt), lt(notification.id, after.id)))
          : undefined,
      ),
    )
    // "nulls last" as in notification_user_created_idx (drizzle's desc() there): a page is an index walk, not a sort.
    .orderBy(sql`${notification.createdAt} desc nulls last`, sql`${notification.id} desc nulls last`)
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const actors = await actorNames(db, page.map((r) => r.actorId));
  return {
    items: page.map((r) => present(r, locale, actors)),
    nextCursor: rows.length > query.limit ? encodeCursor(page.at(-1)!) : null,
    unreadCount: (await unreadCounts(db, [userId])).get(userId) ?? 0,
  };
}

export async function unreadCount(db: Db, userId: string) {
  return (await unreadCounts(db, [userId])).get(userId) ?? 0;
}

/** Loads one notification for the policy check (404 when it does not exist). */
export async function findNotification(db: Db, id: string) {
  const [row] = await db.select({ id: notification.id, userId: notification.userId }).from(notification).where(eq(notification.id, id));
  if (!row) throw problems.notFound("This notification");
  return row;
}

export async function markRead(db: Db, id: string, at = new Date()) {
  await db.update(notification).set({ readAt: at }).where(and(eq(notification.id, id), isNull(notification.readAt)));
}

export async function markAllRead(db: Db, userId: string, at = new Date()) {
  await db.update(notification).set({ readAt: at }).where(unreadFilter([userId]));
}

