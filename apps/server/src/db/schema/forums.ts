// Forums: categories, topics, posts (with their edit history and reactions),
// and each reader's read position, watches and warning preferences.
import { sql } from "drizzle-orm";
import { boolean, customType, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { user } from "./auth.js";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const forumCategory = pgTable("forum_category", {
  id: text("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  description: text("description").notNull().default(""),
  position: integer("position").notNull().default(0),
  audience: text("audience", { enum: ["members", "role"] }).notNull().default("members"),
  /** With audience "role": the role whose holders (and staff) may read it. */
  role: text("role", { enum: ["specialist", "facilitator", "moderator", "admin"] }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const forumTopic = pgTable(
  "forum_topic",
  {
    id: text("id").primaryKey(),
    categoryId: text("category_id")
      .notNull()
      .references(() => forumCategory.id),
    title: text("title").notNull(),
    authorId: text("author_id").references(() => user.id, { onDelete: "set null" }),
    anonymous: boolean("anonymous").notNull().default(false),
    contentWarning: text("content_warning"),
    pinned: boolean("pinned").notNull().default(false),
    locked: boolean("locked").notNull().default(false),
    /** Set when its author removes the first post: the topic leaves every list. */
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    /** Visible posts (replies and the first post). */
    postCount: integer("post_count").notNull().default(0),
    /** Highest post number used; read positions compare against it. */
    lastPostNumber: integer("last_post_number").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastPostedAt: timestamp("last_posted_at", { withTimezone: true }).notNull().defaultNow(),
    /** Its first post waits for a moderator: the topic stays out of lists and search for everyone but its author and staff. */
    heldAt: timestamp("held_at", { withTimezone: true }),
  },
  (t) => [
    index("forum_topic_latest_idx").on(t.lastPostedAt.desc(), t.id.desc()).where(sql`${t.deletedAt} is null`),
    index("forum_topic_category_idx")
      .on(t.categoryId, t.pinned.desc(), t.lastPostedAt.desc(), t.id.desc())
      .where(sql`${t.deletedAt} is null`),
  ],
);

export const forumPost = pgTable(
  "forum_post",
  {
    id: text("id").primaryKey(),
    topicId: text("topic_id")
      .notNull()
      .references(() => forumTopic.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    authorId: text("author_id").references(() => user.id, { onDelete: "set null" }),
    anonymous: boolean("anonymous").notNull().default(false),
    markdown: text("markdown").notNull(),
    html: text("html").notNull(),
    contentWarning: text("content_warning"),
    replyToNumber: integer("reply_to_number"),
    /** "en" or "es": picks the text-search configuration. */
    language: text("language").notNull().default("en"),
    search: tsvector("search").notNull(),
    meToo: integer("me_too").notNull().default(0),
    strength: integer("strength").notNull().default(0),
    helped: integer("helped").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    editedAt: timestamp("edited_at", { withTimezone: true }),
    removedAt: timestamp("removed_at", { withTimezone: true }),
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
    hiddenBy: text("hidden_by").references(() => user.id, { onDelete: "set null" }),
    hiddenReason: text("hidden_reason"),
    /** Waiting for a moderator's approval (watched word or new-account limit): only its author and moderators see it. */
    heldAt: timestamp("held_at", { withTimezone: true }),
    heldReason: text("held_reason"),
  },
  (t) => [
    uniqueIndex("forum_post_topic_number_idx").on(t.topicId, t.number),
    index("forum_post_search_idx").using("gin", t.search),
    index("forum_post_author_idx").on(t.authorId, t.createdAt.desc()),
  ],
);

export const forumPostRevision = pgTable(
  "forum_post_revision",
  {
    id: text("id").primaryKey(),
    postId: text("post_id")
      .notNull()
      .references(() => forumPost.id, { onDelete: "cascade" }),
    /** The text as it was before this edit. */
    markdown: text("markdown").notNull(),
    contentWarning: text("content_warning"),
    editorId: text("editor_id").references(() => user.id, { onDelete: "set null" }),
    editedAt: timestamp("edited_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("forum_post_revision_post_idx").on(t.postId, t.editedAt)],
);

export const forumReaction = pgTable(
  "forum_reaction",
  {
    postId: text("post_id")
      .notNull()
      .references(() => forumPost.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["me_too", "strength", "helped"] }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.userId, t.kind] })],
);

export const forumReadState = pgTable(
  "forum_read_state",
  {
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    topicId: text("topic_id")
      .notNull()
      .references(() => forumTopic.id, { onDelete: "cascade" }),
    lastReadNumber: integer("last_read_number").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.topicId] })],
);

export const forumWatch = pgTable(
  "forum_watch",
  {
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    targetType: text("target_type", { enum: ["topic", "category"] }).notNull(),
    targetId: text("target_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.targetType, t.targetId] }), index("forum_watch_target_idx").on(t.targetType, t.targetId)],
);

export const forumPreference = pgTable("forum_preference", {
  userId: text("user_id")
    .primaryKey()
    .references(() => user.id, { onDelete: "cascade" }),
  collapseWarnings: text("collapse_warnings").array().notNull(),
});
