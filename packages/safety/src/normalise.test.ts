import { describe, expect, it } from "vitest";
import { lexicons } from "./lexicons.js";
import { collapseRepeats, plainNormalise, tokensToText } from "./normalise.js";

const norm = (text: string) => tokensToText(lexicons().normalise(text));

describe("normalisation", () => {
  it("lower-cases and drops apostrophes", () => {
    expect(norm("I DON'T Want")).toBe("i dont want");
  });

  it("folds compatibility forms, look-alike letters and diacritics", () => {
    expect(norm("ｉ ｗａｎｔ")).toBe("i want");
    expect(norm("wаnt")).toBe("want"); // Cyrillic а
    expect(norm("quítarme la vída")).toBe("quitarme la vida");
    expect(norm("𝐝𝐢𝐞")).toBe("die");
  });

  it("makes every run of one letter single, in text and lexicon alike", () => {
    expect(collapseRepeats("diiiieee")).toBe("die");
    expect(norm("killl")).toBe(norm("kill"));
    expect(norm("pastillas")).toBe("pastilas");
  });

  it("reads leetspeak only when the reading is a known word", () => {
    expect(norm("k1ll mys3lf")).toBe("kil myself");
    expect(norm("took 10mg")).toBe("tok 10mg");
    expect(norm("$uicidal")).toBe("suicidal");
  });

  it("joins letters spaced or dotted apart", () => {
    expect(norm("s.u.i.c.i.d.e")).toBe("suicide");
    expect(norm("k i l l")).toBe("kil");
    expect(norm("I w a n t to d i e")).toBe("i want to die");
  });

  it("expands text-speak shorthands", () => {
    expect(norm("kms rn")).toBe("kil myself right now");
    expect(norm("sewerslide")).toBe("suicide");
  });

  it("turns emoji into word tokens", () => {
    expect(norm("💊🔪🪢💀🩸")).toBe("pil knife rope death blod");
    expect(norm("👋🏽")).toBe("godbye"); // skin tone dropped
  });

  it("marks sentence boundaries, pauses and quotation marks", () => {
    expect(norm('Hi, "there". Bye!')).toBe('hi , " there " . bye .');
  });

  it("maps every token back to where it came from in the original text", () => {
    const text = "Ｉ ｗａｎｔ to d.i.e 💊💊 — quíero MORIIIR";
    for (const t of lexicons().normalise(text)) {
      expect(t.start).toBeGreaterThanOrEqual(0);
      expect(t.end).toBeGreaterThan(t.start);
      expect(t.end).toBeLessThanOrEqual(text.length);
    }
    const words = lexicons()
      .normalise(text)
      .filter((t) => t.kind === "word");
    expect(words.map((t) => text.slice(t.start, t.end))).toEqual([
      "Ｉ",
      "ｗａｎｔ",
      "to",
      "d.i.e",
      "💊",
      "💊",
      "quíero",
      "MORIIIR",
    ]);
  });

  it("keeps the end of a long text whose characters expand when folded (regression)", () => {
    // Hangul syllables decompose into three letters each: the buffers must grow for what follows.
    const body = "\udaab\ub8bf".repeat(50_000);
    lexicons().normalise(body);
    const tail = lexicons().normalise(`${body}\n\nI took all my pills.`).slice(-3);
    expect(tail.map((t) => t.text)).toEqual(["my", "pils", "."]);
  });

  it("never throws on odd input", () => {
    for (const s of ["", "\u0000\u0001", "\ud800", "\udc00abc", "\u202e\u200b", "🏳️‍🌈".repeat(10), "\n\n\r\t"])
      expect(() => plainNormalise(s)).not.toThrow();
    expect(plainNormalise(undefined as unknown as string)).toEqual([]);
  });
});
