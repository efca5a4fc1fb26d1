// Runtime lists the groups UI iterates over. The contracts package holds the same
// lists next to its zod schemas; importing them would ship zod to every browser,
// so the web app keeps copies and the compiler checks that they stay identical.
import type {
  GROUP_FOCUSES as CONTRACT_FOCUSES,
  GROUP_POST_MAX as CONTRACT_POST_MAX,
  GROUP_VISIBILITIES as CONTRACT_VISIBILITIES,
  MEETING_MODES as CONTRACT_MODES,
} from "@kindred/contracts";

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const check = <T extends true>(_: T) => undefined;

/** In the order the contract lists them, which is also the order people choose from. */
export const GROUP_FOCUSES = [
  "alcohol",
  "opioids",
  "stimulants",
  "cannabis",
  "gambling",
  "multiple_pathways",
  "twelve_step",
  "smart_recovery",
  "harm_reduction",
  "faith_based",
  "mental_health",
  "dual_diagnosis",
  "family_members",
  "young_people",
  "women",
  "men",
  "lgbtq",
  "veterans",
  "spanish_speaking",
  "newcomers",
  "long_term_recovery",
] as const;
check<Same<typeof GROUP_FOCUSES, typeof CONTRACT_FOCUSES>>(true);
export type GroupFocus = (typeof GROUP_FOCUSES)[number];

export const GROUP_VISIBILITIES = ["public", "private", "hidden"] as const;
check<Same<typeof GROUP_VISIBILITIES, typeof CONTRACT_VISIBILITIES>>(true);
export type GroupVisibility = (typeof GROUP_VISIBILITIES)[number];

export const MEETING_MODES = ["kindred", "online", "in_person", "hybrid"] as const;
check<Same<typeof MEETING_MODES, typeof CONTRACT_MODES>>(true);

export const GROUP_POST_MAX = 5_000;
check<Same<typeof GROUP_POST_MAX, typeof CONTRACT_POST_MAX>>(true);

/** The contract's limits on a group's own fields. */
export const GROUP_LIMITS = {
  nameMin: 3,
  nameMax: 120,
  descriptionMax: 2_000,
  guidelinesMax: 5_000,
  focusMax: 8,
  noteMax: 500,
} as const;

/** Languages a group can be held in, as the create form offers them. */
export const GROUP_LANGUAGES = ["en", "es"] as const;

/** How many posts a page of the feed holds. */
export const FEED_PAGE = 20;
