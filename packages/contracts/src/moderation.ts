import { z } from "zod";
import { FlagReason } from "./forums.js";

// ── The review queue ──────────────────────────────────────────────────────────

export const REVIEW_TARGET_KINDS = ["forum_post", "conversation_message", "group_post"] as const;
export const ReviewTargetKind = z.enum(REVIEW_TARGET_KINDS);
export type ReviewTargetKind = z.infer<typeof ReviewTargetKind>;

/** Who raised a flag: a member, the crisis detector, an admin's watched word, or the new-account limits. */
export const REVIEW_SOURCES = ["member", "detector", "watched_word", "new_account"] as const;
export const ReviewSource = z.enum(REVIEW_SOURCES);
export type ReviewSource = z.infer<typeof ReviewSource>;

/**
 * What a moderator may do with an item. Content decisions (hide, restore,
 * approve, dismiss, edit_method_details) settle the item; actions on the
 * author (warn, silence, suspend) leave it open for the content decision.
 */
export const REVIEW_ACTIONS = ["hide", "restore", "approve", "dismiss", "edit_method_details", "warn", "silence", "suspend"] as const;
export const ReviewAction = z.enum(REVIEW_ACTIONS);
export type ReviewAction = z.infer<typeof ReviewAction>;

/** Where the content stands now: held posts wait for approval; removed ones were taken back by their author. */
export const ReviewState = z.enum(["visible", "hidden", "held", "removed"]);
export type ReviewState = z.infer<typeof ReviewState>;

export const ReviewFlag = z.object({
  id: z.string(),
  source: ReviewSource,
  /** A member's FlagReason, or the system's: crisis_signal, watched_word, held_for_approval, new_account. */
  reason: z.string(),
  note: z.string(),
  /** The detector's crisis tier, for its flags. */
  tier: z.number().int().nullable(),
  createdAt: z.string(),
});
export type ReviewFlag = z.infer<typeof ReviewFlag>;

const Span = z.object({ start: z.number().int(), end: z.number().int() });

export const ReviewItem = z.object({
  id: z.string(),
  status: z.enum(["pending", "resolved"]),
  /** Higher is more urgent; the queue is ordered by it, then by age. */
  severity: z.number().int(),
  target: z.object({
    kind: ReviewTargetKind,
    id: z.string(),
    /** Where it can be read in Kindred (forum posts); null for private messages. */
    link: z.string().nullable(),
    topicTitle: z.string().nullable(),
  }),
  /** Null for an anonymous post (reveal it through GET /api/forums/posts/:id/author, which is audited) or a deleted account. */
  author: z
    .object({
      id: z.string(),
      pseudonym: z.string(),
      status: z.enum(["active", "pending", "suspended"]),
      silencedUntil: z.string().nullable(),
    })
    .nullable(),
  anonymous: z.boolean(),
  /** Plain text; method details are marked by `methodSpans` (offsets into it) so views hide them by default. */
  excerpt: z.string(),
  methodSpans: z.array(Span),
  state: ReviewState,
  flags: z.array(ReviewFlag),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
  outcome: z.string().nullable(),
  /** What this moderator may do with it now. */
  actions: z.array(ReviewAction),
});
export type ReviewItem = z.infer<typeof ReviewItem>;

export const ReviewQueueQuery = z.strictObject({
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(25),
});
export const ReviewQueue = z.object({
  items: z.array(ReviewItem),
  nextCursor: z.string().nullable(),
  /** Every pending item, for a badge. */
  pendingCount: z.number().int(),
});
export type ReviewQueue = z.infer<typeof ReviewQueue>;

const Reason = z.string().trim().min(1, "Say why, for the record").max(500);
const Message = z.string().trim().min(1, "Write the message").max(2000);

/** One action on a review item; `reason` is kept in the audit log, `message` is what the author reads. */
export const ReviewActionBody = z.discriminatedUnion("action", [
  z.strictObject({ action: z.literal("hide"), reason: Reason }),
  z.strictObject({ action: z.literal("restore"), reason: Reason }),
  z.strictObject({ action: z.literal("approve"), reason: Reason }),
  z.strictObject({ action: z.literal("dismiss"), reason: Reason }),
  z.strictObject({ action: z.literal("edit_method_details"), reason: Reason, message: Message.optional() }),
  z.strictObject({ action: z.literal("warn"), reason: Reason, message: Message }),
  z.strictObject({
    action: z.literal("silence"),
    reason: Reason,
    /** From an hour to a year. */
    hours: z.number().int().min(1).max(24 * 365),
    message: Message.optional(),
  }),
  z.strictObject({ action: z.literal("suspend"), reason: Reason }),
]);
export type ReviewActionBody = z.input<typeof ReviewActionBody>;

/** A member tells the moderators about a post or a private message they received. */
export const NewReport = z.strictObject({
  targetKind: ReviewTargetKind,
  targetId: z.string().min(1).max(64),
  reason: FlagReason,
  note: z.string().trim().max(1000).default(""),
});
export type NewReport = z.input<typeof NewReport>;

/** The text that replaces method details a moderator edits out. */
export const METHOD_DETAILS_REMOVED = "[method details removed]";

// ── Watched words ─────────────────────────────────────────────────────────────

/** There is no "block": words never stop a person from posting, least of all a cry for help. */
export const WATCHED_WORD_ACTIONS = ["require_approval", "flag", "replace", "link"] as const;
export const WatchedWordAction = z.enum(WATCHED_WORD_ACTIONS);
export type WatchedWordAction = z.infer<typeof WatchedWordAction>;

export const WatchedWord = z.object({
  id: z.string(),
  phrase: z.string(),
  action: WatchedWordAction,
  replacement: z.string().nullable(),
  url: z.string().nullable(),
  createdAt: z.string(),
});
export type WatchedWord = z.infer<typeof WatchedWord>;
export const WatchedWordList = z.object({ items: z.array(WatchedWord) });

const Phrase = z
  .string()
  .trim()
  .min(2, "At least 2 characters")
  .max(100, "At most 100 characters")
  .refine((p) => (p.match(/[\p{L}\p{N}]/gu) ?? []).length >= 2, "Use at least two letters or digits")
  .refine((p) => /^[\p{L}\p{N}\p{M}*'’\- ]+$/u.test(p), "Letters, digits, spaces, apostrophes, dashes and * only")
  .refine((p) => !p.includes("**"), "One * is enough");
const Replacement = z.string().trim().min(1, "Write the replacement").max(100);
const Url = z
  .string()
  .trim()
  .max(300)
  .url("A full address such as https://example.org/help")
  .refine((u) => /^https?:\/\//i.test(u), "Must start with https:// or http://");

function checkActionFields(w: { action?: WatchedWordAction; replacement?: string | null; url?: string | null }, ctx: z.RefinementCtx) {
  if (w.action === "replace" && !w.replacement) ctx.addIssue({ code: "custom", path: ["replacement"], message: "Say what replaces the word" });
  if (w.action === "link" && !w.url) ctx.addIssue({ code: "custom", path: ["url"], message: "Give the address to link to" });
  if (w.action && w.action !== "replace" && w.replacement) ctx.addIssue({ code: "custom", path: ["replacement"], message: "Only a replace rule has a replacement" });
  if (w.action && w.action !== "link" && w.url) ctx.addIssue({ code: "custom", path: ["url"], message: "Only a link rule has an address" });
}

export const NewWatchedWord = z
  .strictObject({ phrase: Phrase, action: WatchedWordAction, replacement: Replacement.nullable().optional(), url: Url.nullable().optional() })
  .superRefine(checkActionFields);
export type NewWatchedWord = z.input<typeof NewWatchedWord>;
/** Only the fields sent change; the result must still be a whole rule. */
export const UpdateWatchedWord = z.strictObject({
  phrase: Phrase.optional(),
  action: WatchedWordAction.optional(),
  replacement: Replacement.nullable().optional(),
  url: Url.nullable().optional(),
});
export type UpdateWatchedWord = z.input<typeof UpdateWatchedWord>;

// ── Silences and mutes ────────────────────────────────────────────────────────

export const MuteBody = z.strictObject({ pseudonym: z.string().trim().min(1).max(30) });
export const MutedList = z.object({ items: z.array(z.object({ pseudonym: z.string(), mutedAt: z.string() })) });
export type MutedList = z.infer<typeof MutedList>;
