// Moderation: one review queue for every kind of content (flags from members,
// from the crisis detector, from watched words and new-account holds), the
// admins' watched words, silences, and mutes between members.
import { sql } from "drizzle-orm";
import { index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { user } from "./auth.js";

export const reviewItem = pgTable(
  "review_item",
  {
    id: text("id").primaryKey(),
    targetKind: text("target_kind", { enum: ["forum_post", "conversation_message", "group_post"] }).notNull(),
    targetId: text("target_id").notNull(),
    authorId: text("author_id").references(() => user.id, { onDelete: "set null" }),
    status: text("status", { enum: ["pending", "resolved"] }).notNull().default("pending"),
    /** Higher first: crisis signals, then holds and harassment, then the rest (see moderation/severity.ts). */
    severity: integer("severity").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolvedBy: text("resolved_by").references(() => user.id, { onDelete: "set null" }),
    outcome: text("outcome"),
  },
  (t) => [
    uniqueIndex("review_item_target_pending_idx").on(t.targetKind, t.targetId).where(sql`${t.status} = 'pending'`),
    index("review_item_queue_idx").on(t.severity.desc(), t.createdAt).where(sql`${t.status} = 'pending'`),
  ],
);

export const reviewFlag = pgTable(
  "review_flag",
  {
    id: text("id").primaryKey(),
    itemId: text("item_id")
      .notNull()
      .references(() => reviewItem.id, { onDelete: "cascade" }),
    source: text("source", { enum: ["member", "detector", "watched_word", "new_account"] }).notNull(),
    flaggerId: text("flagger_id").references(() => user.id, { onDelete: "set null" }),
    reason: text("reason").notNull(),
    note: text("note").notNull().default(""),
    /** The detector's tier, for flags it raised. */
    tier: integer("tier"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("review_flag_item_idx").on(t.itemId, t.createdAt),
    uniqueIndex("review_flag_member_once_idx").on(t.itemId, t.flaggerId).where(sql`${t.flaggerId} is not null`),
  ],
);

export const watchedWord = pgTable(
  "watched_word",
  {
    id: text("id").primaryKey(),
    /** A word or phrase; "*" matches any letters inside a word. Matched case- and accent-insensitively. */
    phrase: text("phrase").notNull(),
    action: text("action", { enum: ["require_approval", "flag", "replace", "link"] }).notNull(),
    replacement: text("replacement"),
    url: text("url"),
    createdBy: text("created_by").references(() => user.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("watched_word_phrase_idx").on(sql`lower(${t.phrase})`)],
);

/** A member who may read but not write until a time, set by a moderator with a reason. */
export const silence = pgTable("silence", {
  userId: text("user_id")
    .primaryKey()
    .references(() => user.id, { onDelete: "cascade" }),
  until: timestamp("until", { withTimezone: true }).notNull(),
  reason: text("reason").notNull(),
  createdBy: text("created_by").references(() => user.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A quiet block: the muted person's posts are folded away and their activity does not notify. They are not told. */
export const mute = pgTable(
  "mute",
  {
    muterId: text("muter_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    mutedId: text("muted_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.muterId, t.mutedId] })],
);
