// Recovery groups and their meetings: membership, the group feed, the
// schedule (an RRULE in the meeting's own zone), its exceptions, the
// occurrences materialized for fast directory reads, "my meetings" and the
// secret calendar links.
import { sql } from "drizzle-orm";
import { boolean, customType, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { user } from "./auth.js";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const recoveryGroup = pgTable("recovery_group", {
  id: text("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  description: text("description").notNull().default(""),
  focus: text("focus").array().notNull().default(sql`'{}'::text[]`),
  language: text("language").notNull().default("en"),
  visibility: text("visibility", { enum: ["public", "private", "hidden"] }).notNull(),
  guidelines: text("guidelines").notNull().default(""),
  createdBy: text("created_by").references(() => user.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const groupMember = pgTable(
  "group_member",
  {
    groupId: text("group_id")
      .notNull()
      .references(() => recoveryGroup.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    /** requested and invited are not yet in the group; member and facilitator are. */
    state: text("state", { enum: ["requested", "invited", "member", "facilitator"] }).notNull(),
    note: text("note").notNull().default(""),
    since: timestamp("since", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index("group_member_user_idx").on(t.userId)],
);

export const groupPost = pgTable(
  "group_post",
  {
    id: text("id").primaryKey(),
    groupId: text("group_id")
      .notNull()
      .references(() => recoveryGroup.id, { onDelete: "cascade" }),
    authorId: text("author_id").references(() => user.id, { onDelete: "set null" }),
    announcement: boolean("announcement").notNull().default(false),
    markdown: text("markdown").notNull(),
    html: text("html").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp("removed_at", { withTimezone: true }),
    /** Hidden by a moderator from the review queue. */
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
  },
  (t) => [index("group_post_feed_idx").on(t.groupId, t.createdAt.desc(), t.id.desc())],
);

export const groupPostReaction = pgTable(
  "group_post_reaction",
  {
    postId: text("post_id")
      .notNull()
      .references(() => groupPost.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["me_too", "strength", "helped"] }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.userId, t.kind] })],
);

export const meeting = pgTable(
  "meeting",
  {
    id: text("id").primaryKey(),
    /** Stable across edits: the Meeting Guide feed and calendar UIDs rely on it. */
    slug: text("slug").notNull().unique(),
    groupId: text("group_id").references(() => recoveryGroup.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    format: text("format").notNull().default(""),
    types: text("types").array().notNull().default(sql`'{}'::text[]`),
    language: text("language").notNull().default("en"),
    mode: text("mode", { enum: ["kindred", "online", "in_person", "hybrid"] }).notNull(),
    conferenceUrl: text("conference_url"),
    conferenceUrlNotes: text("conference_url_notes").notNull().default(""),
    conferencePhone: text("conference_phone"),
    conferencePhoneNotes: text("conference_phone_notes").notNull().default(""),
    location: text("location").notNull().default(""),
    address: text("address").notNull().default(""),
    city: text("city").notNull().default(""),
    state: text("state").notNull().default(""),
    postalCode: text("postal_code").notNull().default(""),
    country: text("country").notNull().default(""),
    locationNotes: text("location_notes").notNull().default(""),
    timezone: text("timezone").notNull(),
    startsOn: text("starts_on").notNull(),
    startTime: text("start_time").notNull(),
    endTime: text("end_time").notNull(),
    rrule: text("rrule").notNull(),
    capacity: integer("capacity"),
    temporarilyClosed: boolean("temporarily_closed").notNull().default(false),
    createdBy: text("created_by").references(() => user.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    /** Words of its name, description, city and group name, for the directory's search (meetings/search.ts keeps it). */
    search: tsvector("search"),
  },
  (t) => [index("meeting_group_idx").on(t.groupId), index("meeting_search_idx").using("gin", t.search)],
);

export const meetingFacilitator = pgTable(
  "meeting_facilitator",
  {
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meeting.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.userId] })],
);

export const meetingException = pgTable(
  "meeting_exception",
  {
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meeting.id, { onDelete: "cascade" }),
    /** The scheduled local start it changes, YYYY-MM-DDTHH:MM in the meeting's zone. */
    occurrence: text("occurrence").notNull(),
    action: text("action", { enum: ["cancel", "move"] }).notNull(),
    movedTo: text("moved_to"),
    note: text("note").notNull().default(""),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.occurrence] })],
);

/** Occurrences from now to a horizon, rebuilt when a meeting or its exceptions change: the directory reads only these. */
export const meetingOccurrence = pgTable(
  "meeting_occurrence",
  {
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meeting.id, { onDelete: "cascade" }),
    original: text("original").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    moved: boolean("moved").notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.meetingId, t.original] }),
    // The directory in time order, and the window of a few chosen meetings (a group, a language, words).
    index("meeting_occurrence_start_idx").on(t.startsAt, t.meetingId),
    index("meeting_occurrence_meeting_start_idx").on(t.meetingId, t.startsAt),
  ],
);

export const meetingAttendee = pgTable(
  "meeting_attendee",
  {
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meeting.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.userId] }), index("meeting_attendee_user_idx").on(t.userId)],
);

/** One secret calendar link per person; only its hash is kept, so a new link revokes the old. */
export const calendarToken = pgTable(
  "calendar_token",
  {
    userId: text("user_id")
      .primaryKey()
      .references(() => user.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("calendar_token_hash_idx").on(t.tokenHash)],
);
