import { z } from "zod";

/** Crisis tiers after the Columbia scale: 0 none · 1 distress · 2 ideation · 3 plan, means, intent · 4 imminent. */
export const CrisisTier = z.number().int().min(0).max(4);
export const CRISIS_CATEGORIES = [
  "suicide",
  "self_harm",
  "overdose",
  "relapse_danger",
  "abuse",
  "harm_to_others",
  "concern_for_other",
  "distress",
] as const;
export const CrisisCategory = z.enum(CRISIS_CATEGORIES);
export type CrisisCategory = z.infer<typeof CrisisCategory>;

export const SAFETY_SOURCE_KINDS = ["forum_post", "conversation_message", "group_post"] as const;
export const SafetySourceKind = z.enum(SAFETY_SOURCE_KINDS);
export type SafetySourceKind = z.infer<typeof SafetySourceKind>;

/**
 * What a write tells its own author about their words, privately: when
 * `showHelp` is true the app opens the help panel at once (crisis lines and
 * "talk to someone now"). The words are published as normal either way.
 */
export const WriteSupport = z.object({
  showHelp: z.boolean(),
  source: z.object({ kind: SafetySourceKind, id: z.string() }).nullable(),
});
export type WriteSupport = z.infer<typeof WriteSupport>;

export const TalkNowRequest = z.strictObject({
  source: z.strictObject({ kind: SafetySourceKind, id: z.string().min(1).max(64) }).optional(),
});
export type TalkNowRequest = z.input<typeof TalkNowRequest>;
export const TalkNowResult = z.object({
  alertId: z.string(),
  /** Whether someone is on the rota right now (otherwise the whole safety team is told). */
  someoneOnCall: z.boolean(),
});
export type TalkNowResult = z.infer<typeof TalkNowResult>;

export const ALERT_OUTCOMES = ["connected_safe", "referred_crisis_line", "emergency_services", "no_risk", "no_response", "other"] as const;
export const AlertOutcome = z.enum(ALERT_OUTCOMES);
export type AlertOutcome = z.infer<typeof AlertOutcome>;

const PersonRef = z.object({ id: z.string(), pseudonym: z.string() });
export type PersonRef = z.infer<typeof PersonRef>;

export const Alert = z.object({
  id: z.string(),
  tier: CrisisTier,
  categories: z.array(CrisisCategory),
  origin: z.enum(["detector", "talk_request", "member_concern"]),
  /** The person asked to talk to someone ("talk to someone now"). */
  talkRequested: z.boolean(),
  status: z.enum(["open", "acknowledged", "resolved"]),
  author: PersonRef.nullable(),
  /** The writing that raised it, for the people on call; method details are marked so views can hide them. */
  source: z
    .object({
      kind: SafetySourceKind,
      id: z.string(),
      /** Where in Kindred it can be read, e.g. /forums/t/<topic>#post-3; null for private conversations. */
      link: z.string().nullable(),
      excerpt: z.string(),
      methodSpans: z.array(z.object({ start: z.number().int(), end: z.number().int() })),
    })
    .nullable(),
  /** Concern for another person: that person's post, when there is one. */
  related: z.object({ link: z.string(), author: PersonRef.nullable() }).nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: PersonRef.nullable(),
  timeToAcknowledgeSeconds: z.number().nullable(),
  resolvedAt: z.string().nullable(),
  outcome: AlertOutcome.nullable(),
  outcomeNote: z.string().nullable(),
  conversationId: z.string().nullable(),
});
export type Alert = z.infer<typeof Alert>;

export const OnCallNow = z.object({
  primary: z.array(PersonRef),
  backup: z.array(PersonRef),
  /** Nobody is on the rota now: alerts go to every moderator and specialist instead. */
  fallback: z.boolean(),
});
export type OnCallNow = z.infer<typeof OnCallNow>;

export const AlertQueue = z.object({ items: z.array(Alert), onCallNow: OnCallNow });
export type AlertQueue = z.infer<typeof AlertQueue>;
export const AlertQueueQuery = z.object({ status: z.enum(["active", "resolved"]).default("active") });

export const ResolveAlert = z.strictObject({ outcome: AlertOutcome, note: z.string().trim().max(2000).default("") });
export type ResolveAlert = z.input<typeof ResolveAlert>;
export const ReachOutResult = z.object({ conversationId: z.string() });

// ── On-call rota ──────────────────────────────────────────────────────────────
const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use a 24-hour time such as 09:00");
export const ShiftRole = z.enum(["primary", "backup"]);
export const Shift = z.object({
  id: z.string(),
  person: PersonRef,
  role: ShiftRole,
  weekday: z.number().int().min(0).max(6),
  startTime: z.string(),
  endTime: z.string(),
});
export type Shift = z.infer<typeof Shift>;
export const NewShift = z.strictObject({
  userId: z.string().min(1).max(64),
  role: ShiftRole,
  /** 0 = Sunday … 6 = Saturday. */
  weekday: z.number().int().min(0).max(6),
  startTime: LocalTime,
  /** At or before the start: the shift runs past midnight. */
  endTime: LocalTime,
});
export type NewShift = z.input<typeof NewShift>;
export const Swap = z.object({ id: z.string(), shiftId: z.string(), onDate: z.string(), cover: PersonRef, reason: z.string() });
export type Swap = z.infer<typeof Swap>;
export const NewSwap = z.strictObject({
  shiftId: z.string().min(1).max(64),
  onDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date such as 2026-12-01"),
  coverUserId: z.string().min(1).max(64),
  reason: z.string().trim().max(500).default(""),
});
export type NewSwap = z.input<typeof NewSwap>;
export const Rota = z.object({
  timeZone: z.string(),
  shifts: z.array(Shift),
  swaps: z.array(Swap),
  /** People who may be put on the rota: moderators and specialists. */
  eligible: z.array(PersonRef),
  onCallNow: OnCallNow,
});
export type Rota = z.infer<typeof Rota>;

// ── Private conversations between two people ─────────────────────────────────
export const ConversationMessage = z.object({
  id: z.string(),
  conversationId: z.string(),
  author: PersonRef.nullable(),
  mine: z.boolean(),
  body: z.string(),
  kind: z.enum(["message", "outreach", "warning"]),
  createdAt: z.string(),
});
export type ConversationMessage = z.infer<typeof ConversationMessage>;
export const ConversationSummary = z.object({
  id: z.string(),
  other: PersonRef.nullable(),
  lastMessageAt: z.string().nullable(),
  lastExcerpt: z.string().nullable(),
  unread: z.boolean(),
});
export type ConversationSummary = z.infer<typeof ConversationSummary>;
export const ConversationList = z.object({ items: z.array(ConversationSummary) });
export const ConversationPage = z.object({
  conversation: ConversationSummary,
  /** Oldest first within the page. */
  items: z.array(ConversationMessage),
  /** Pass as `?before=` for older messages; null at the beginning. */
  nextCursor: z.string().nullable(),
});
export type ConversationPage = z.infer<typeof ConversationPage>;
export const ConversationPageQuery = z.object({
  before: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export const StartConversation = z.strictObject({ userId: z.string().min(1).max(64) });
export const NewMessage = z.strictObject({ body: z.string().trim().min(1, "Write a message").max(4000) });
export type NewMessage = z.input<typeof NewMessage>;
export const SentMessage = z.object({ message: ConversationMessage, support: WriteSupport });
export type SentMessage = z.infer<typeof SentMessage>;

/** Server → client: an alert appeared or changed (room safety:queue). */
export type SafetyAlertEvent = { alertId: string; tier: number; change: "new" | "acknowledged" | "escalated" | "resolved" };
/** Server → client: a new message in one of the person's conversations (their own user room). */
export type ConversationMessageEvent = { conversationId: string; message: ConversationMessage };
