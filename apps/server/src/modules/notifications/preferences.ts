// Reading and changing how a person wants to be notified.
import {
  type ChannelChoice,
  NOTIFICATION_KINDS,
  type NotificationKind,
  type NotificationPreferences,
  type UpdateNotificationPreferences,
} from "@kindred/contracts";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { emailDelivery, notification, notificationPreference, profile, user } from "../../db/schema/index.js";
import { isPlaceholderEmail } from "../accounts/email.js";
import { problems } from "../../http/problem.js";
import { type Actor, hasPower } from "../../policy/actor.js";
import type { Locale } from "./messages.js";
import { validTimeZone } from "./quiet-hours.js";

/** Everything delivery needs to know about one recipient, loaded in one query. */
export type Recipient = {
  id: string;
  email: string | null;
  locale: Locale;
  timeZone: string;
  timeZoneChosen: boolean;
  kinds: Record<string, ChannelChoice>;
  quietHours: { start: string; end: string } | null;
  digest: "off" | "daily" | "weekly";
  lastDigestAt: Date | null;
};

export function channelsFor(recipient: Pick<Recipient, "kinds">, kind: NotificationKind): ChannelChoice {
  const meta = NOTIFICATION_KINDS[kind];
  const chosen = recipient.kinds[kind] ?? { inApp: true, email: meta.defaultEmail };
  // Mandatory kinds (crisis alerts to on-call staff) always reach the bell.
  return meta.mandatory ? { inApp: true, email: chosen.email } : chosen;
}

export async function loadRecipients(db: Db, userIds: string[]): Promise<Map<string, Recipient>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .select({
      id: user.id,
      email: user.email,
      locale: profile.locale,
      timeZone: profile.timeZone,
      kinds: notificationPreference.kinds,
      quietStart: notificationPreference.quietStart,
      quietEnd: notificationPreference.quietEnd,
      digest: notificationPreference.digest,
      lastDigestAt: notificationPreference.lastDigestAt,
    })
    .from(user)
    .leftJoin(profile, eq(profile.userId, user.id))
    .leftJoin(notificationPreference, eq(notificationPreference.userId, user.id))
    .where(sql`${user.id} = any(${sql.param([...new Set(userIds)])}::text[])`);
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        email: isPlaceholderEmail(r.email) ? null : r.email,
        locale: r.locale === "es" ? "es" : "en",
        timeZone: validTimeZone(r.timeZone),
        timeZoneChosen: validTimeZone(r.timeZone) === r.timeZone,
        kinds: r.kinds ?? {},
        quietHours: r.quietStart && r.quietEnd ? { start: r.quietStart, end: r.quietEnd } : null,
        digest: r.digest ?? "off",
        lastDigestAt: r.lastDigestAt,
      },
    ]),
  );
}

/** The kinds a person can receive at all: on-call kinds only for those who can be on call. */
export function kindsFor(actor: Actor): NotificationKind[] {
  const onCall = ON_CALL_ROLES.some((role) => hasPower(actor, role));
  return (Object.keys(NOTIFICATION_KINDS) as NotificationKind[]).filter((k) => NOTIFICATION_KINDS[k].audience === "everyone" || onCall);
}
const ON_CALL_ROLES = ["specialist", "moderator", "admin"] as const;

export async function getPreferences(db: Db, actor: Actor): Promise<NotificationPreferences> {
  const recipient = (await loadRecipients(db, [actor.id])).get(actor.id)!;
  const kinds = Object.fromEntries(kindsFor(actor).map((k) => [k, channelsFor(recipient, k)]));
  return {
    kinds,
    quietHours: recipient.quietHours,
    digest: recipient.digest,
    timeZone: recipient.timeZoneChosen ? recipient.timeZone : null,
    hasEmail: recipient.email !== null,
  };
}

export async function updatePreferences(db: Db, actor: Actor, patch: UpdateNotificationPreferences, now = new Date()) {
  const userId = actor.id;
  const allowed = new Set(kindsFor(actor));
  const foreign = Object.keys(patch.kinds ?? {}).filter((k) => !allowed.has(k as NotificationKind));
  if (foreign.length > 0)
    throw problems.validation(foreign.map((k) => ({ path: `body.kinds.${k}`, message: "This kind of notification does not apply to you" })));
  const current = (await loadRecipients(db, [userId])).get(userId)!;
  const kinds = { ...current.kinds };
  for (const [kind, choice] of Object.entries(patch.kinds ?? {})) {
    kinds[kind] = NOTIFICATION_KINDS[kind as NotificationKind].mandatory ? { inApp: true, email: choice.email } : choice;
  }
  const quiet = patch.quietHours === undefined ? current.quietHours : patch.quietHours;
  const digest = patch.digest ?? current.digest;
  const values = {
    kinds,
    quietStart: quiet?.start ?? null,
    quietEnd: quiet?.end ?? null,
    digest,
    // A newly chosen digest starts at its next slot, not with everything at once.
    lastDigestAt: digest !== current.digest ? now : current.lastDigestAt,
    updatedAt: now,
  };
  await db.transaction(async (tx) => {
    await tx.insert(notificationPreference).values({ userId, ...values }).onConflictDoUpdate({ target: notificationPreference.userId, set: values });
    // Leaving the digest releases what it was holding, at the next delivery run.
    if (digest === "off" && current.digest !== "off")
      await tx
        .update(emailDelivery)
        .set({ mode: "single", sendAfter: now })
        .where(and(eq(emailDelivery.userId, userId), eq(emailDelivery.status, "pending"), eq(emailDelivery.mode, "digest")));
  });
  return getPreferences(db, actor);
}

/** One-click unsubscribe: from one kind, or from the digest (every non-urgent e-mail). */
export async function unsubscribe(db: Db, userId: string, scope: NotificationKind | "digest", now = new Date()) {
  const current = (await loadRecipients(db, [userId])).get(userId);
  if (!current) return null;
  const kinds = { ...current.kinds };
  const stopped = scope === "digest" ? (Object.keys(NOTIFICATION_KINDS) as NotificationKind[]).filter((k) => !NOTIFICATION_KINDS[k].mandatory) : [scope];
  for (const kind of stopped) kinds[kind] = { inApp: channelsFor(current, kind).inApp, email: false };
  const values = { kinds, digest: scope === "digest" ? ("off" as const) : current.digest, updatedAt: now };
  await db.transaction(async (tx) => {
    await tx.insert(notificationPreference).values({ userId, ...values }).onConflictDoUpdate({ target: notificationPreference.userId, set: values });
    const pending = tx
      .select({ id: emailDelivery.id })
      .from(emailDelivery)
      .innerJoin(notification, eq(notification.id, emailDelivery.notificationId))
      .where(and(eq(emailDelivery.userId, userId), eq(emailDelivery.status, "pending"), inArray(notification.kind, stopped)));
    await tx.update(emailDelivery).set({ status: "dropped" }).where(inArray(emailDelivery.id, pending));
  });
  return { stopped };
}
