// Plain words for what the queue holds: how urgent an item is and why, who or
// what raised each flag, and where the content stands. The server sends codes;
// moderators read sentences.
import type { TFunction } from "i18next";
import type { ReviewItem } from "./api";
import type { ReviewSource } from "./constants";

type Flag = ReviewItem["flags"][number];

/** The same order as the server's severity (modules/moderation/severity.ts): it picks the headline. */
const REASON_WEIGHT: Record<string, number> = {
  crisis_concern: 100,
  held_for_approval: 60,
  harassment: 50,
  unsafe_advice: 40,
  watched_word: 30,
  new_account: 25,
  spam: 20,
  other: 10,
};

const weight = (f: Flag) => (f.source === "detector" ? 100 + 10 * (f.tier ?? 2) : (REASON_WEIGHT[f.reason] ?? 10));

const KNOWN_REASONS = [
  "harassment",
  "spam",
  "unsafe_advice",
  "crisis_concern",
  "other",
  "crisis_signal",
  "watched_word",
  "held_for_approval",
  "new_account",
] as const;
type KnownReason = (typeof KNOWN_REASONS)[number];
const isKnown = (r: string): r is KnownReason => (KNOWN_REASONS as readonly string[]).includes(r);

const tierOf = (n: number | null) => Math.max(1, Math.min(4, Math.round(n ?? 2))) as 1 | 2 | 3 | 4;

/** The flag that makes the item as urgent as it is. */
export function headlineFlag(item: ReviewItem): Flag | null {
  return item.flags.reduce<Flag | null>((best, f) => (best === null || weight(f) > weight(best) ? f : best), null);
}

/** How urgent, in plain words: "Crisis signal — tier 4, imminent", "Reported as unkind or harassing", … */
export function severityText(t: TFunction, item: ReviewItem): string {
  const top = headlineFlag(item);
  if (!top) return t("moderation.severity.other");
  if (top.source === "detector") {
    const tier = tierOf(top.tier);
    return t("moderation.severity.crisis", { tier, level: t(`moderation.tierShort.${tier}`) });
  }
  return isKnown(top.reason) && top.reason !== "crisis_signal"
    ? t(`moderation.severity.${top.reason}`)
    : t("moderation.severity.other");
}

/** A calm colour for the card's edge: someone may be in danger, something waits for approval, or neither. */
export function severityTone(item: ReviewItem): "crisis" | "held" | "plain" {
  const top = headlineFlag(item);
  if (top && (top.source === "detector" || top.reason === "crisis_concern")) return "crisis";
  if (item.state === "held") return "held";
  return "plain";
}

export function sourceText(t: TFunction, source: ReviewSource): string {
  return t(`moderation.source.${source}`);
}

export function reasonText(t: TFunction, flag: Flag): string {
  if (flag.source === "detector") return t("moderation.reason.crisis_signal", { tier: tierOf(flag.tier) });
  return isKnown(flag.reason) ? t(`moderation.reason.${flag.reason}`) : flag.reason;
}
