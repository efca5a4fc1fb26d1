// Shared by the tests.
import { CATEGORIES, type Assessment } from "./index.js";

/** Whether an assessment is well formed for the text it came from. */
export function isValidAssessment(a: Assessment, text: string): boolean {
  return (
    [0, 1, 2, 3, 4].includes(a.tier) &&
    (a.language === "en" || a.language === "es") &&
    a.categories.every((c) => CATEGORIES.includes(c)) &&
    new Set(a.categories).size === a.categories.length &&
    a.evidence.every((e) => e.start >= 0 && e.end <= text.length && e.start < e.end && e.tier <= a.tier) &&
    (a.tier === 0 ? a.categories.length === 0 : a.categories.length > 0)
  );
}
