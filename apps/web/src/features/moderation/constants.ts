// The moderation lists the UI iterates over. The contracts package holds the same
// lists next to its zod schemas; importing them would ship zod to every browser,
// so the web app keeps copies and the compiler checks that they stay identical.
import type {
  REVIEW_ACTIONS as CONTRACT_ACTIONS,
  REVIEW_SOURCES as CONTRACT_SOURCES,
  WATCHED_WORD_ACTIONS as CONTRACT_WORD_ACTIONS,
} from "@kindred/contracts";

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const check = <T extends true>(_: T) => undefined;

/** In the order the buttons are offered: content decisions first, then actions on the author. */
export const REVIEW_ACTIONS = [
  "hide",
  "restore",
  "approve",
  "dismiss",
  "edit_method_details",
  "warn",
  "silence",
  "suspend",
] as const;
check<Same<typeof REVIEW_ACTIONS, typeof CONTRACT_ACTIONS>>(true);
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

export const REVIEW_SOURCES = ["member", "detector", "watched_word", "new_account"] as const;
check<Same<typeof REVIEW_SOURCES, typeof CONTRACT_SOURCES>>(true);
export type ReviewSource = (typeof REVIEW_SOURCES)[number];

export const WATCHED_WORD_ACTIONS = ["require_approval", "flag", "replace", "link"] as const;
check<Same<typeof WATCHED_WORD_ACTIONS, typeof CONTRACT_WORD_ACTIONS>>(true);
export type WatchedWordAction = (typeof WATCHED_WORD_ACTIONS)[number];

/** Content decisions settle an item; actions on its author leave it open. */
export const PERSON_ACTIONS: readonly ReviewAction[] = ["warn", "silence", "suspend"];

/** How long a pause in posting lasts, in hours (the server takes 1 hour to a year). */
export const SILENCE_HOURS = [1, 6, 24, 72, 168, 720] as const;

/** The server's limits on what a moderator writes. */
export const MAX_REASON = 500;
export const MAX_MESSAGE = 2000;

/** A member's reasons and the system's, as the server names them on a flag. */
export const SYSTEM_REASONS = ["crisis_signal", "watched_word", "held_for_approval", "new_account"] as const;
