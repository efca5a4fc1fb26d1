// Safety: crisis alerts raised by the detector (or by a person asking to talk),
// the on-call rota that receives them, and the private conversations between
// two people that outreach (and later one-on-one support) happen in.
import { sql } from "drizzle-orm";
import { date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { user } from "./auth.js";

export const crisisAlert = pgTable(
  "crisis_alert",
  {
    id: text("id").primaryKey(),
    tier: integer("tier").notNull(),
    categories: text("categories").array().notNull().default([]),
    /** detector: a write was assessed at tier 3 or above; talk_request: the person pressed "talk to someone now";
     *  member_concern: a member flagged someone's post as a crisis concern. */
    origin: text("origin", { enum: ["detector", "talk_request", "member_concern"] }).notNull(),
    /** Where the words were written; null for a talk request made from the help panel alone. */
    sourceKind: text("source_kind", { enum: ["forum_post", "conversation_message", "group_post"] }),
    sourceId: text("source_id"),
    /** For concern about someone else: that person's post, when there is one. */
    relatedSourceId: text("related_source_id"),
    /** The person who may need help (the writer). */
    authorId: text("author_id").references(() => user.id, { onDelete: "set null" }),
    language: text("language").notNull().default("en"),
    status: text("status", { enum: ["open", "acknowledged", "resolved"] }).notNull().default("open"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** When the people on call were told; null until delivery succeeds (the job retries). */
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    /** When the backup and the admins were paged because nobody acknowledged in time. */
    escalatedAt: timestamp("escalated_at", { withTimezone: true }),
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }),
    acknowledgedBy: text("acknowledged_by").references(() => user.id, { onDelete: "set null" }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolvedBy: text("resolved_by").references(() => user.id, { onDelete: "set null" }),
    outcome: text("outcome"),
    outcomeNote: text("outcome_note"),
    conversationId: text("conversation_id"),
    /** When the person pressed "talk to someone now" (with or without an alert from their words before). */
    talkRequestedAt: timestamp("talk_requested_at", { withTimezone: true }),
  },
  (t) => [
    index("crisis_alert_queue_idx").on(t.status, t.tier.desc(), t.createdAt).where(sql`${t.status} <> 'resolved'`),
    index("crisis_alert_undelivered_idx").on(t.createdAt).where(sql`${t.deliveredAt} is null`),
    // One detector alert per piece of writing: an edit raises the same alert's tier instead of a second alert.
    uniqueIndex("crisis_alert_source_idx").on(t.sourceKind, t.sourceId).where(sql`${t.origin} = 'detector'`),
    index("crisis_alert_author_idx").on(t.authorId, t.createdAt.desc()),
  ],
);

export const oncallShift = pgTable(
  "oncall_shift",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["primary", "backup"] }).notNull(),
    /** 0 = Sunday … 6 = Saturday, in the organization's time zone. */
    weekday: integer("weekday").notNull(),
    /** "HH:MM" local time; an end at or before the start runs past midnight into the next day. */
    startTime: text("start_time").notNull(),
    endTime: text("end_time").notNull(),
    createdBy: text("created_by").references(() => user.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("oncall_shift_weekday_idx").on(t.weekday)],
);

export const oncallSwap = pgTable(
  "oncall_swap",
  {
    id: text("id").primaryKey(),
    shiftId: text("shift_id")
      .notNull()
      .references(() => oncallShift.id, { onDelete: "cascade" }),
    /** The local date on which that week's shift starts. */
    onDate: date("on_date").notNull(),
    coverUserId: text("cover_user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    reason: text("reason").notNull().default(""),
    createdBy: text("created_by").references(() => user.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("oncall_swap_shift_date_idx").on(t.shiftId, t.onDate)],
);

export const conversation = pgTable("conversation", {
  id: text("id").primaryKey(),
  /** The two people's ids, sorted and joined: one conversation per pair. */
  pairKey: text("pair_key").notNull().unique(),
  createdBy: text("created_by").references(() => user.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  lastMessageAt: timestamp("last_message_at", { withTimezone: true }),
});

export const conversationMember = pgTable(
  "conversation_member",
  {
    conversationId: text("conversation_id")
      .notNull()
      .references(() => conversation.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    lastReadAt: timestamp("last_read_at", { withTimezone: true }),
    joinedAt: timestamp("joined_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.userId] }), index("conversation_member_user_idx").on(t.userId)],
);

export const conversationMessage = pgTable(
  "conversation_message",
  {
    id: text("id").primaryKey(),
    conversationId: text("conversation_id")
      .notNull()
      .references(() => conversation.id, { onDelete: "cascade" }),
    authorId: text("author_id").references(() => user.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    /** A note from the platform (e.g. "reaching out about your post"), not typed by a person. */
    kind: text("kind", { enum: ["message", "outreach", "warning"] }).notNull().default("message"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
  },
  (t) => [
    index("conversation_message_conversation_idx").on(t.conversationId, t.id.desc()),
    // The new-account rate limit counts a person's messages of the last hour.
    index("conversation_message_author_idx").on(t.authorId, t.createdAt.desc()),
  ],
);
