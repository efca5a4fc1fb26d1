// How urgent a review item is: the queue is ordered by this, highest first, then
// by age. A person who may be in crisis always comes before everything else.
import type { ReviewSource } from "@kindred/contracts";

export type { ReviewSource };

const REASON_SEVERITY: Record<string, number> = {
  crisis_concern: 100,
  held_for_approval: 60,
  harassment: 50,
  unsafe_advice: 40,
  watched_word: 30,
  new_account: 25,
  spam: 20,
  other: 10,
};

/** Detector flags rank by tier above every member reason: tier 4 → 140, tier 2 → 120. */
export function severityOf(flag: { source: ReviewSource; reason: string; tier?: number | null }): number {
  if (flag.source === "detector") return 100 + 10 * (flag.tier ?? 2);
  return REASON_SEVERITY[flag.reason] ?? 10;
}
