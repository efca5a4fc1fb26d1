// Organization-wide settings, community guidelines and the crisis-line directory.
import { integer, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";

export const orgSettings = pgTable("org_settings", {
  id: integer("id").primaryKey().default(1),
  name: text("name").notNull().default("Kindred"),
  registrationMode: text("registration_mode", { enum: ["open", "invite", "approval"] })
    .notNull()
    .default("open"),
  defaultCountry: text("default_country").notNull().default("US"),
  timeZone: text("time_zone").notNull().default("America/New_York"),
  /** New-account limits: for this many days after joining, a member's first posts wait for approval and posting is rate-limited. */
  newAccountDays: integer("new_account_days").notNull().default(3),
  /** How many of a new member's first posts wait for a moderator's approval (0: none). */
  newAccountHeldPosts: integer("new_account_held_posts").notNull().default(0),
  /** Posts and messages a new member may write per hour (0: no limit). */
  newAccountPostsPerHour: integer("new_account_posts_per_hour").notNull().default(0),
  /** Minutes an imminent-risk alert may wait for an acknowledgement before the backup and admins are paged. */
  alertAckMinutes: integer("alert_ack_minutes").notNull().default(5),
  /** The area the organization serves, e.g. "Portland, OR, USA": the approximate address of online-only meetings in the Meeting Guide feed. */
  meetingArea: text("meeting_area").notNull().default(""),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const guidelines = pgTable("guidelines", {
  version: integer("version").primaryKey(),
  bodyEn: text("body_en").notNull(),
  bodyEs: text("body_es").notNull(),
  publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
});

export const crisisLine = pgTable("crisis_line", {
  id: serial("id").primaryKey(),
  country: text("country").notNull(),
  name: text("name").notNull(),
  kind: text("kind", { enum: ["call", "text", "chat", "emergency"] }).notNull(),
  contact: text("contact").notNull(),
  description: text("description").notNull().default(""),
  url: text("url"),
  sortOrder: integer("sort_order").notNull().default(0),
});
