// Notifications: what each person is told, how they want to be told, and the
// e-mail outbox that quiet hours, digests and SMTP retries work through.
import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { user } from "./auth.js";

export const notification = pgTable(
  "notification",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    /** Values the kind's message template needs; rendered in the reader's language. */
    params: jsonb("params").$type<Record<string, string>>().notNull().default({}),
    link: text("link"),
    actorId: text("actor_id").references(() => user.id, { onDelete: "set null" }),
    /** Two notify calls with the same key for the same person make one notification. */
    dedupeKey: text("dedupe_key"),
    /** False when the person wants this kind by e-mail only: kept for the e-mail, left out of the bell. */
    inApp: boolean("in_app").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [
    index("notification_user_created_idx").on(t.userId, t.createdAt.desc(), t.id.desc()),
    index("notification_user_unread_idx").on(t.userId).where(sql`${t.readAt} is null and ${t.inApp}`),
    uniqueIndex("notification_user_dedupe_idx").on(t.userId, t.dedupeKey),
  ],
);

export type ChannelSetting = { inApp: boolean; email: boolean };

export const notificationPreference = pgTable("notification_preference", {
  userId: text("user_id")
    .primaryKey()
    .references(() => user.id, { onDelete: "cascade" }),
  /** Only the kinds a person changed; the rest follow each kind's default. */
  kinds: jsonb("kinds").$type<Record<string, ChannelSetting>>().notNull().default({}),
  quietStart: text("quiet_start"),
  quietEnd: text("quiet_end"),
  digest: text("digest", { enum: ["off", "daily", "weekly"] }).notNull().default("off"),
  lastDigestAt: timestamp("last_digest_at", { withTimezone: true }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The e-mail outbox. A row is written in the same transaction as its
 * notification, so an e-mail is never lost: it waits (quiet hours, digest,
 * SMTP retry back-off) until a delivery run sends it.
 */
export const emailDelivery = pgTable(
  "email_delivery",
  {
    id: text("id").primaryKey(),
    notificationId: text("notification_id")
      .notNull()
      .references(() => notification.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    /** single: its own e-mail; digest: waits for the person's next digest. */
    mode: text("mode", { enum: ["single", "digest"] }).notNull(),
    status: text("status", { enum: ["pending", "sent", "dropped"] }).notNull().default("pending"),
    /** Not before this moment (end of quiet hours, or the next retry). */
    sendAfter: timestamp("send_after", { withTimezone: true }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("email_delivery_due_idx").on(t.sendAfter).where(sql`${t.status} = 'pending' and ${t.mode} = 'single'`),
    index("email_delivery_user_idx").on(t.userId, t.status),
  ],
);
