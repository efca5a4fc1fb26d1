// Runtime lists the forum UI iterates over. The contracts package holds the same
// lists next to its zod schemas; importing them would ship zod to every browser,
// so the web app keeps copies and the compiler checks that they stay identical.
import type {
  CATEGORY_AUDIENCES as CONTRACT_AUDIENCES,
  CONTENT_WARNINGS as CONTRACT_WARNINGS,
  FLAG_REASONS as CONTRACT_FLAG_REASONS,
  MAX_BODY_LENGTH as CONTRACT_MAX_BODY,
  MAX_TITLE_LENGTH as CONTRACT_MAX_TITLE,
  REACTIONS as CONTRACT_REACTIONS,
} from "@kindred/contracts";

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const check = <T extends true>(_: T) => undefined;

/** In the order the contract lists them, which is also the order people choose from. */
export const CONTENT_WARNINGS = [
  "relapse",
  "self_harm",
  "suicide",
  "trauma",
  "substance_detail",
  "eating",
  "abuse",
  "grief",
] as const;
check<Same<typeof CONTENT_WARNINGS, typeof CONTRACT_WARNINGS>>(true);
export type ContentWarning = (typeof CONTENT_WARNINGS)[number];

export const REACTIONS = ["me_too", "strength", "helped"] as const;
check<Same<typeof REACTIONS, typeof CONTRACT_REACTIONS>>(true);
export type Reaction = (typeof REACTIONS)[number];

export const FLAG_REASONS = ["harassment", "spam", "unsafe_advice", "crisis_concern", "other"] as const;
check<Same<typeof FLAG_REASONS, typeof CONTRACT_FLAG_REASONS>>(true);
export type FlagReason = (typeof FLAG_REASONS)[number];

export const CATEGORY_AUDIENCES = ["members", "role"] as const;
check<Same<typeof CATEGORY_AUDIENCES, typeof CONTRACT_AUDIENCES>>(true);
export type CategoryAudience = (typeof CATEGORY_AUDIENCES)[number];

export const MAX_TITLE_LENGTH = 150;
check<Same<typeof MAX_TITLE_LENGTH, typeof CONTRACT_MAX_TITLE>>(true);
export const MIN_TITLE_LENGTH = 3;

export const MAX_BODY_LENGTH = 20_000;
check<Same<typeof MAX_BODY_LENGTH, typeof CONTRACT_MAX_BODY>>(true);

/** How many posts a topic page shows (the server's default too). */
export const POSTS_PER_PAGE = 20;
