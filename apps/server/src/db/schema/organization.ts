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
