// Kindred's account data beyond authentication: roles, profiles, blocks, invites.
import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { user } from "./auth.js";

export const roleGrant = pgTable(
  "role_grant",
  {
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["specialist", "facilitator", "moderator", "admin"] }).notNull(),
    grantedBy: text("granted_by").references(() => user.id, { onDelete: "set null" }),
    grantedAt: timestamp("granted_at", { withTimezone: true }).notNull().defaultNow(),
    certificationName: text("certification_name"),
    certificationNumber: text("certification_number"),
    certificationExpiresOn: date("certification_expires_on"),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] })],
);

export type FieldVisibility = "only_me" | "specialists" | "members";

export const profile = pgTable("profile", {
  userId: text("user_id")
    .primaryKey()
    .references(() => user.id, { onDelete: "cascade" }),
  pronouns: text("pronouns"),
  pathways: text("pathways").array().notNull().default([]),
  recoveringFrom: text("recovering_from"),
  languages: text("languages").array().notNull().default([]),
  timeZone: text("time_zone"),
  country: text("country"),
  locale: text("locale").notNull().default("en"),
  visibility: jsonb("visibility").$type<Record<string, FieldVisibility>>().notNull().default({}),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const block = pgTable(
  "block",
  {
    blockerId: text("blocker_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    blockedId: text("blocked_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.blockerId, t.blockedId] })],
);

export const inviteCode = pgTable("invite_code", {
  code: text("code").primaryKey(),
  createdBy: text("created_by").references(() => user.id, { onDelete: "set null" }),
  maxUses: integer("max_uses").notNull().default(1),
  uses: integer("uses").notNull().default(0),
  expiresAt: timestamp("expires_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const auditLog = pgTable(
  "audit_log",
  {
    id: text("id").primaryKey(),
    actorId: text("actor_id").references(() => user.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("audit_log_at_idx").on(t.at)],
);
