// Works through the e-mail outbox: single e-mails when they are due (after
// quiet hours, with back-off after SMTP failures) and digests on schedule.
// Time is a parameter so tests move the clock instead of sleeping.
import { NOTIFICATION_KINDS, type NotificationKind } from "@kindred/contracts";
import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { FastifyBaseLogger } from "fastify";
import type { Db } from "../../db/client.js";
import { emailDelivery, notification, notificationPreference, orgSettings } from "../../db/schema/index.js";
import type { Mailer } from "../../mail/mailer.js";
import { EMAIL_TEXT, type Locale, renderNotification } from "./messages.js";
import { channelsFor, loadRecipients, type Recipient } from "./preferences.js";
import { digestDue, lastDigestSlot, nextAllowedSend } from "./quiet-hours.js";
import { type UnsubscribeScope, unsubscribeToken } from "./unsubscribe.js";

export type DeliveryDeps = { db: Db; mailer: Mailer; publicUrl: string; secret: string; log: FastifyBaseLogger };

/** While one process sends an e-mail, others leave it alone for this long. */
const LEASE_MS = 5 * 60 * 1000;
const MAX_BACKOFF_MS = 6 * 60 * 60 * 1000;
/** 1 min, 2, 4 … capped at 6 h: an e-mail is retried until it goes, never dropped for failing. */
export const retryDelayMs = (attempts: number) => Math.min(60_000 * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);

export async function deliverDueEmails(deps: DeliveryDeps, now = new Date(), batchSize = 50) {
  const result = { sent: 0, failed: 0, held: 0, dropped: 0 };
  for (;;) {
    const claimed = await claimDue(deps.db, now, batchSize);
    if (claimed.length === 0) return result;
    const notes = await deps.db.select().from(notification).where(inArray(notification.id, claimed.map((c) => c.notificationId)));
    const byId = new Map(notes.map((n) => [n.id, n]));
    const recipients = await loadRecipients(deps.db, claimed.map((c) => c.userId));
    const org = await orgName(deps.db);
    for (const d of claimed) {
      const note = byId.get(d.notificationId);
      const recipient = recipients.get(d.userId);
      const kind = note?.kind as NotificationKind | undefined;
      if (!note || !recipient || !kind || !recipient.email || !channelsFor(recipient, kind).email) {
        await settle(deps.db, d.id, { status: "dropped" });
        result.dropped++;
        continue;
      }
      // Quiet hours may have been set since this e-mail was queued.
      const allowed = NOTIFICATION_KINDS[kind].mandatory ? now : nextAllowedSend(now, recipient.quietHours, recipient.timeZone);
      if (allowed > now) {
        await settle(deps.db, d.id, { sendAfter: allowed, attempts: d.attempts - 1 });
        result.held++;
        continue;
      }
      try {
        const text = renderNotification(kind, note.params, recipient.locale);
        await deps.mailer.send(singleEmail(deps, org, recipient, kind, text, note.link));
        await settle(deps.db, d.id, { status: "sent", sentAt: now, lastError: null });
        result.sent++;
      } catch (err) {
        await settle(deps.db, d.id, { sendAfter: new Date(now.getTime() + retryDelayMs(d.attempts)), lastError: errorSummary(err) });
        deps.log.warn({ delivery: d.id, attempts: d.attempts, err: errorSummary(err) }, "e-mail delivery failed; will retry");
        result.failed++;
      }
    }
    if (claimed.length < batchSize) return result;
  }
}

/** Takes a lease on due e-mails (SKIP LOCKED): two processes never send the same one. */
async function claimDue(db: Db, now: Date, limit: number) {
  const due = db
    .select({ id: emailDelivery.id })
    .from(emailDelivery)
    .where(and(eq(emailDelivery.status, "pending"), eq(emailDelivery.mode, "single"), lte(emailDelivery.sendAfter, now)))
    .orderBy(asc(emailDelivery.sendAfter))
    .limit(limit)
    .for("update", { skipLocked: true });
  return db
    .update(emailDelivery)
    .set({ sendAfter: new Date(now.getTime() + LEASE_MS), attempts: sql`${emailDelivery.attempts} + 1` })
    .where(inArray(emailDelivery.id, due))
    .returning();
}

type Settlement = Partial<Pick<typeof emailDelivery.$inferInsert, "status" | "sentAt" | "sendAfter" | "attempts" | "lastError">>;
const settle = (db: Db, id: string, values: Settlement) => db.update(emailDelivery).set(values).where(eq(emailDelivery.id, id));

export async function sendDigests(deps: DeliveryDeps, now = new Date()) {
  const result = { sent: 0, failed: 0 };
  const waiting = await deps.db
    .selectDistinct({ userId: emailDelivery.userId })
    .from(emailDelivery)
    .where(and(eq(emailDelivery.status, "pending"), eq(emailDelivery.mode, "digest")));
  if (waiting.length === 0) return result;
  const recipients = await loadRecipients(deps.db, waiting.map((w) => w.userId));
  const org = await orgName(deps.db);
  for (const recipient of recipients.values()) {
    if (recipient.digest === "off" || !recipient.email) continue;
    if (!digestDue(now, recipient.digest, recipient.timeZone, recipient.lastDigestAt)) continue;
    if (nextAllowedSend(now, recipient.quietHours, recipient.timeZone) > now) continue;
    if (!(await claimDigest(deps.db, recipient, now))) continue; // another process has it
    const items = await deps.db
      .select({ deliveryId: emailDelivery.id, kind: notification.kind, params: notification.params, link: notification.link })
      .from(emailDelivery)
      .innerJoin(notification, eq(notification.id, emailDelivery.notificationId))
      .where(and(eq(emailDelivery.userId, recipient.id), eq(emailDelivery.status, "pending"), eq(emailDelivery.mode, "digest")))
      .orderBy(asc(notification.createdAt));
    const wanted = items.filter((i) => channelsFor(recipient, i.kind as NotificationKind).email);
    const unwanted = items.filter((i) => !wanted.includes(i)).map((i) => i.deliveryId);
    if (unwanted.length > 0) await deps.db.update(emailDelivery).set({ status: "dropped" }).where(inArray(emailDelivery.id, unwanted));
    if (wanted.length === 0) continue;
    const lines = wanted.map((i) => ({ text: renderNotification(i.kind, i.params, recipient.locale), link: i.link }));
    try {
      await deps.mailer.send(digestEmail(deps, org, recipient, lines));
      await deps.db
        .update(emailDelivery)
        .set({ status: "sent", sentAt: now, attempts: sql`${emailDelivery.attempts} + 1` })
        .where(inArray(emailDelivery.id, wanted.map((i) => i.deliveryId)));
      result.sent++;
    } catch (err) {
      // Give the slot back so the next run tries again; the e-mails stay pending.
      await deps.db.update(notificationPreference).set({ lastDigestAt: recipient.lastDigestAt }).where(eq(notificationPreference.userId, recipient.id));
      await deps.db
        .update(emailDelivery)
        .set({ attempts: sql`${emailDelivery.attempts} + 1`, lastError: errorSummary(err) })
        .where(inArray(emailDelivery.id, wanted.map((i) => i.deliveryId)));
      deps.log.warn({ err: errorSummary(err) }, "digest e-mail failed; will retry");
      result.failed++;
    }
  }
  return result;
}

/** Marks this slot's digest as taken, only if nobody took it yet. */
async function claimDigest(db: Db, recipient: Recipient, now: Date) {
  const slot = lastDigestSlot(now, recipient.digest as "daily" | "weekly", recipient.timeZone);
  const taken = await db
    .update(notificationPreference)
    .set({ lastDigestAt: now })
    .where(
      and(
        eq(notificationPreference.userId, recipient.id),
        or(isNull(notificationPreference.lastDigestAt), lt(notificationPreference.lastDigestAt, slot)),
      ),
    )
    .returning({ userId: notificationPreference.userId });
  return taken.length === 1;
}

async function orgName(db: Db) {
  const [row] = await db.select({ name: orgSettings.name }).from(orgSettings).limit(1);
  return row?.name ?? "Kindred";
}

/** SMTP errors often quote the recipient; addresses never reach logs or the outbox table. */
export const errorSummary = (err: unknown) =>
  (err instanceof Error ? err.message : String(err)).replace(/[^\s<>"'@]+@[^\s<>"'@]+/g, "[address]").slice(0, 300);

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export function unsubscribeUrl(deps: Pick<DeliveryDeps, "publicUrl" | "secret">, userId: string, scope: UnsubscribeScope) {
  return `${deps.publicUrl}/api/notifications/unsubscribe?token=${unsubscribeToken(deps.secret, userId, scope)}`;
}

function layout(locale: Locale, paragraphs: string[], listHtml: string, unsubscribe: { url: string; label: string }) {
  const t = EMAIL_TEXT[locale];
  const html = `<!doctype html><html lang="${locale}"><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1f2933;max-width:36rem">
${paragraphs.map((p) => `<p>${p}</p>`).join("\n")}
${listHtml}
<hr><p style="font-size:0.85em;color:#52606d">${escapeHtml(t.why)} <a href="${escapeHtml(unsubscribe.url)}">${escapeHtml(unsubscribe.label)}</a></p>
</body></html>`;
  return html;
}

function singleEmail(deps: DeliveryDeps, org: string, r: Recipient, kind: NotificationKind, text: string, link: string | null) {
  const t = EMAIL_TEXT[r.locale];
  const url = `${deps.publicUrl}${link ?? "/notifications"}`;
  const unsubscribe = unsubscribeUrl(deps, r.id, kind);
  return {
    to: r.email!,
    subject: t.subject(org),
    text: `${t.intro}\n\n${text}\n\n${t.open}: ${url}\n\n--\n${t.why}\n${t.unsubscribe}: ${unsubscribe}\n`,
    html: layout(r.locale, [escapeHtml(t.intro), `<strong>${escapeHtml(text)}</strong>`, `<a href="${escapeHtml(url)}">${escapeHtml(t.open)}</a>`], "", {
      url: unsubscribe,
      label: t.unsubscribe,
    }),
    unsubscribeUrl: unsubscribe,
  };
}

function digestEmail(deps: DeliveryDeps, org: string, r: Recipient, lines: { text: string; link: string | null }[]) {
  const t = EMAIL_TEXT[r.locale];
  const unsubscribe = unsubscribeUrl(deps, r.id, "digest");
  const open = `${deps.publicUrl}/notifications`;
  const list = `<ul>${lines
    .map((l) => `<li><a href="${escapeHtml(`${deps.publicUrl}${l.link ?? "/notifications"}`)}">${escapeHtml(l.text)}</a></li>`)
    .join("")}</ul>`;
  return {
    to: r.email!,
    subject: t.digestSubject(org),
    text: `${t.digestIntro(lines.length)}\n\n${lines.map((l) => `- ${l.text}`).join("\n")}\n\n${t.open}: ${open}\n\n--\n${t.why}\n${t.digestUnsubscribe}: ${unsubscribe}\n`,
    html: layout(r.locale, [escapeHtml(t.digestIntro(lines.length))], `${list}<p><a href="${escapeHtml(open)}">${escapeHtml(t.open)}</a></p>`, {
      url: unsubscribe,
      label: t.digestUnsubscribe,
    }),
    unsubscribeUrl: unsubscribe,
  };
}
