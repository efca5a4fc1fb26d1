// The held-out evaluation set: the detector must meet the targets on it.
// (The set is only measured against: never copy its phrases into lexicons or tests.)
import { describe, expect, it } from "vitest";
import { evaluate, TARGETS } from "./evaluate.js";

describe("held-out evaluation", () => {
  const { overall } = evaluate();
  it(`tier-3+ recall ≥ ${TARGETS.tier3Recall}`, () => {
    expect(overall.tier3Recall.value).toBeGreaterThanOrEqual(TARGETS.tier3Recall);
  });
  it(`tier-2+ recall ≥ ${TARGETS.tier2Recall}`, () => {
    expect(overall.tier2Recall.value).toBeGreaterThanOrEqual(TARGETS.tier2Recall);
  });
  it(`hard-negative false-positive rate ≤ ${TARGETS.hardNegativeFpr}`, () => {
    expect(overall.hardNegativeFpr.value).toBeLessThanOrEqual(TARGETS.hardNegativeFpr);
  });
});
