// The public shapes of the crisis detector.

/** Crisis tiers after the Columbia scale: 0 none · 1 distress · 2 ideation · 3 plan, means, intent, recent self-harm or dangerous use · 4 imminent or in progress. */
export type Tier = 0 | 1 | 2 | 3 | 4;

export type Category =
  | "suicide"
  | "self_harm"
  | "overdose"
  | "relapse_danger"
  | "abuse"
  | "harm_to_others"
  | "concern_for_other"
  | "distress";

export type Language = "en" | "es";

/** The order categories are listed in when their tiers are equal (the same as @kindred/contracts' CRISIS_CATEGORIES). */
export const CATEGORIES: readonly Category[] = Object.freeze([
  "suicide",
  "self_harm",
  "overdose",
  "relapse_danger",
  "abuse",
  "harm_to_others",
  "concern_for_other",
  "distress",
] as const);

export interface Evidence {
  category: Category;
  tier: Tier;
  /** The lexicon rule that matched, e.g. "en.suicide.intent". */
  rule: string;
  /** Offsets into the ORIGINAL text (UTF-16 code units, end exclusive). */
  start: number;
  end: number;
  /** Context that changed or explains the tier: negation, past, third_person, imminent… */
  modifiers: string[];
}

export interface Assessment {
  tier: Tier;
  /** Every category found at tier 1 or more, highest tier first. */
  categories: Category[];
  evidence: Evidence[];
  language: Language;
}

export interface AssessOptions {
  /** Skip detection and treat the text as this language (both lexicons are still applied: people code-switch). */
  language?: Language;
}

export interface Span {
  start: number;
  end: number;
}
