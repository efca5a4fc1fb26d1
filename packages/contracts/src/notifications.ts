import { z } from "zod";

/**
 * Every kind of notification Kindred sends. Modules add their kinds here so the
 * preferences page, the server and e-mail all agree on one typed list.
 * `mandatory` kinds cannot be switched off in-app and ignore quiet hours
 * (crisis alerts to the people on call). `audience` says who can receive the
 * kind at all: everyone, or only the people who can be on call (specialists,
 * moderators, admins).
 */
export const NOTIFICATION_KINDS = {
  "account.role_granted": { group: "account", audience: "everyone", mandatory: false, defaultEmail: true },
  "account.role_revoked": { group: "account", audience: "everyone", mandatory: false, defaultEmail: true },
  "account.approved": { group: "account", audience: "everyone", mandatory: false, defaultEmail: true },
  "forum.reply": { group: "forums", audience: "everyone", mandatory: false, defaultEmail: false },
  "forum.mention": { group: "forums", audience: "everyone", mandatory: false, defaultEmail: true },
  "forum.new_topic": { group: "forums", audience: "everyone", mandatory: false, defaultEmail: false },
  "safety.crisis_alert": { group: "safety", audience: "on_call", mandatory: true, defaultEmail: true },
  "safety.escalation": { group: "safety", audience: "on_call", mandatory: true, defaultEmail: true },
  "conversation.message": { group: "messages", audience: "everyone", mandatory: false, defaultEmail: false },
  "group.join_request": { group: "groups", audience: "everyone", mandatory: false, defaultEmail: true },
  "group.joined": { group: "groups", audience: "everyone", mandatory: false, defaultEmail: true },
  "group.invited": { group: "groups", audience: "everyone", mandatory: false, defaultEmail: true },
  "group.announcement": { group: "groups", audience: "everyone", mandatory: false, defaultEmail: false },
} as const;

export type NotificationKind = keyof typeof NOTIFICATION_KINDS;
export const NotificationKindSchema = z.enum(Object.keys(NOTIFICATION_KINDS) as [NotificationKind, ...NotificationKind[]]);

export const Notification = z.object({
  id: z.string(),
  kind: NotificationKindSchema,
  /** Already in the reader's language. */
  text: z.string(),
  /** A path inside Kindred, e.g. /settings; null when there is nowhere to go. */
  link: z.string().nullable(),
  actor: z.object({ id: z.string(), pseudonym: z.string() }).nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof Notification>;

export const NotificationPage = z.object({
  items: z.array(Notification),
  /** Pass as `?cursor=` to get the next (older) page; null at the end. */
  nextCursor: z.string().nullable(),
  unreadCount: z.number().int(),
});
export type NotificationPage = z.infer<typeof NotificationPage>;

export const NotificationListQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  unread: z.enum(["true", "false"]).optional(),
});

export const UnreadCount = z.object({ unreadCount: z.number().int() });

export const ChannelChoice = z.strictObject({ inApp: z.boolean(), email: z.boolean() });
export type ChannelChoice = z.infer<typeof ChannelChoice>;

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "A time such as 22:00");

export const QuietHours = z.strictObject({ start: HHMM, end: HHMM });
export type QuietHours = z.infer<typeof QuietHours>;

export const DIGESTS = ["off", "daily", "weekly"] as const;
export const Digest = z.enum(DIGESTS);
export type Digest = z.infer<typeof Digest>;

export const NotificationPreferences = z.object({
  /** Only the kinds this person can receive. */
  kinds: z.partialRecord(NotificationKindSchema, ChannelChoice),
  quietHours: QuietHours.nullable(),
  digest: Digest,
  /** The zone quiet hours and digests follow: the profile's, or null when not chosen (UTC is used). */
  timeZone: z.string().nullable(),
  /** False when the person has no e-mail address: only in-app notifications reach them. */
  hasEmail: z.boolean(),
});
export type NotificationPreferences = z.infer<typeof NotificationPreferences>;

export const UpdateNotificationPreferences = z.strictObject({
  kinds: z.partialRecord(NotificationKindSchema, ChannelChoice).optional(),
  quietHours: QuietHours.nullable().optional(),
  digest: Digest.optional(),
});
export type UpdateNotificationPreferences = z.infer<typeof UpdateNotificationPreferences>;

