// Property tests: whatever the input, the detector answers with a valid
// assessment, in reasonable time, and never throws.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isValidAssessment } from "./test-helpers.js";
import { assess, detectLanguage, methodDetails } from "./index.js";

/** Any UTF-16 code units: control characters, lone surrogates, everything. */
const codeUnits = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 300 })
  .map((cs) => String.fromCharCode(...cs));
/** Full Unicode code points. */
const fullUnicode = fc.string({ unit: "binary", maxLength: 300 });
/** Words the lexicons know, in any order, with noise between them. */
const lexical = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        "i",
        "want",
        "to",
        "die",
        "kill",
        "myself",
        "not",
        "never",
        "tonight",
        "pills",
        "took",
        "all",
        "my",
        "goodbye",
        "me",
        "quiero",
        "morir",
        "no",
        "lol",
        "years",
        "ago",
        "alone",
        "used",
        "💊",
        "🔪",
        "k1ll",
        "s.u.i",
        '"',
        ".",
        ",",
        "?",
        "\n",
      ),
      fc.string({ unit: "binary", maxLength: 3 }),
    ),
    { maxLength: 80 },
  )
  .map((ws) => ws.join(" "));

function check(text: string) {
  const a = assess(text);
  expect(isValidAssessment(a, text)).toBe(true);
  for (const s of methodDetails(text)) {
    expect(s.start).toBeGreaterThanOrEqual(0);
    expect(s.end).toBeLessThanOrEqual(text.length);
    expect(s.start).toBeLessThan(s.end);
  }
  expect(["en", "es"]).toContain(detectLanguage(text));
}

describe("fuzz", () => {
  it("code units, including control characters and lone surrogates", () => {
    fc.assert(fc.property(codeUnits, check), { numRuns: 300 });
  });
  it("full Unicode", () => {
    fc.assert(fc.property(fullUnicode, check), { numRuns: 300 });
  });
  it("lexicon words in random order", () => {
    fc.assert(fc.property(lexical, check), { numRuns: 500 });
  });
  it("100 KB strings, in reasonable time, with tier 4 at the end still found", () => {
    fc.assert(
      fc.property(fc.oneof(codeUnits, lexical), (chunk) => {
        const body = (chunk || "x").repeat(Math.ceil(100_000 / Math.max(1, chunk.length))).slice(0, 100_000);
        const started = performance.now();
        check(body);
        const text = `${body}\n\nI took all my pills.`;
        expect(assess(text).tier).toBe(4);
        // A generous bound (shared CI machines): catastrophic backtracking would take orders of magnitude longer.
        expect(performance.now() - started).toBeLessThan(10_000);
      }),
      { numRuns: 8 },
    );
  });
  it("non-string input", () => {
    for (const v of [undefined, null, 42, {}, []]) {
      expect(assess(v as unknown as string).tier).toBe(0);
      expect(methodDetails(v as unknown as string)).toEqual([]);
      expect(detectLanguage(v as unknown as string)).toBe("en");
    }
  });
});
