// Layer 1: normalisation. Turns a message into lower-case word tokens that the
// lexicons can match whatever the spelling, and remembers for every token where
// it came from in the ORIGINAL text.
//
// What it folds: case; Unicode compatibility forms (NFKC: fullwidth, styled
// "math" letters, ligatures); diacritics ("quiéro" → "quiero"); look-alike
// Cyrillic and Greek letters; zero-width characters; apostrophes ("don't" →
// "dont"); doubled and stretched letters ("dieeee", "kill" → "die", "kil": every
// run of one letter becomes one, in the lexicons too); letters spaced or dotted
// apart ("s.u.i.c.i.d.e", "k i l l"); leetspeak ("k1ll", "$uicide", "0verdose"),
// read only when the reading is a word the lexicons know, so "10mg" stays a
// number; text-speak shorthands from the lexicons ("rn" → "right now"); and emoji
// to word tokens (💊 → pill) from lexicon/emoji.json.
//
// It is linear in the length of the text and never throws on any string,
// including lone surrogates and control characters.
import confusablesData from "../lexicon/confusables.json" with { type: "json" };
import emojiData from "../lexicon/emoji.json" with { type: "json" };

export type TokenKind = "word" | "boundary" | "comma" | "quote";

export interface Token {
  /** The normalised word ("." for a sentence boundary, "," for a pause, '"' for a quotation mark). */
  text: string;
  /** Offsets of what it came from in the original text (end exclusive). */
  start: number;
  end: number;
  kind: TokenKind;
}

export interface NormaliserOptions {
  /** A leetspeak reading of a token ("k1ll" → "kil") is kept only when this says it is a known word. */
  isKnownWord?: (word: string) => boolean;
  /** Shorthands keyed by their normalised form, each to the normalised words it stands for. */
  shorthand?: ReadonlyMap<string, readonly string[]>;
}

export type Normaliser = (text: string) => Token[];

const LEET: Record<string, string> = {
  "0": "o",
  "1": "i",
  "3": "e",
  "4": "a",
  "5": "s",
  "7": "t",
  $: "s",
  "@": "a",
  "!": "i",
  "€": "e",
};

// ---- Character folding -------------------------------------------------------

const SPACE = 32;
const NEWLINE = 10;
/** Code points at or below this are emoji tokens: token index = EMOJI_BASE - code. */
const EMOJI_BASE = -1;

const emojiTokens: string[] = [];
const emojiByCodePoint = new Map<number, number>();
for (const [word, list] of Object.entries(emojiData)) {
  if (!Array.isArray(list)) continue;
  const index = emojiTokens.length;
  emojiTokens.push(word);
  for (const emoji of list) {
    const cp = emoji.codePointAt(0);
    if (cp !== undefined) emojiByCodePoint.set(cp, EMOJI_BASE - index);
  }
}

const confusables = new Map<number, number>();
for (const [latin, list] of Object.entries(confusablesData)) {
  if (!Array.isArray(list)) continue;
  const to = latin.codePointAt(0)!;
  for (const ch of list) confusables.set(ch.codePointAt(0)!, to);
}

/** ASCII folding: -1 drops the character, anything else is the code to emit. */
const ASCII = new Int16Array(128);
for (let c = 0; c < 128; c++) {
  if (c >= 65 && c <= 90) ASCII[c] = c + 32;
  else if (c === 10) ASCII[c] = NEWLINE;
  else if (c < 32 || c === 127) ASCII[c] = SPACE;
  else if (c === 39 || c === 96)
    ASCII[c] = -1; // ' and ` are dropped: "don't" → "dont"
  else ASCII[c] = c;
}

const MARK = /\p{M}/u;
const LETTER = /\p{L}/u;
const SPACE_SEPARATOR = /[\p{Zs}]/u;
const DIGIT = /\p{Nd}/u;

function isInvisible(cp: number): boolean {
  return (
    (cp >= 0xfe00 && cp <= 0xfe0f) || // variation selectors
    (cp >= 0x1f3fb && cp <= 0x1f3ff) || // skin tones
    (cp >= 0xe0000 && cp <= 0xe01ef) || // tags, variation selectors supplement
    (cp >= 0x200b && cp <= 0x200f) || // zero-width space/joiners, direction marks
    (cp >= 0x2060 && cp <= 0x2064) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    cp === 0xfeff ||
    cp === 0x00ad ||
    cp === 0x034f ||
    cp === 0x180e
  );
}

const foldCache = new Map<number, readonly number[]>();

/** What one non-ASCII code point becomes: zero or more code points (negative: an emoji token). */
function foldCodePoint(cp: number): readonly number[] {
  const cached = foldCache.get(cp);
  if (cached) return cached;
  let out: number[];
  const emoji = emojiByCodePoint.get(cp);
  if (emoji !== undefined) out = [emoji];
  else if (cp >= 0xd800 && cp <= 0xdfff)
    out = [SPACE]; // a lone surrogate
  else if (isInvisible(cp)) out = [];
  else if (cp === 0x2028 || cp === 0x2029 || cp === 0x85) out = [NEWLINE];
  else if (cp === 0xdf)
    out = [115, 115]; // ß
  else {
    out = [];
    const decomposed = String.fromCodePoint(cp).normalize("NFKC").toLowerCase().normalize("NFD");
    for (const ch of decomposed) {
      const c = ch.codePointAt(0)!;
      if (c < 128) {
        const a = ASCII[c]!;
        if (a >= 0) out.push(a);
      } else if (MARK.test(ch)) continue;
      else if (confusables.has(c)) out.push(confusables.get(c)!);
      else if (c === 0x2018 || c === 0x2019 || c === 0x201b || c === 0x2bc || c === 0x2032 || c === 0xb4) continue;
      else if (c === 0x201c || c === 0x201d || c === 0x201e || c === 0x201f || c === 0xab || c === 0xbb || c === 0x2033)
        out.push(34);
      else if ((c >= 0x2010 && c <= 0x2015) || c === 0x2212) out.push(45);
      else if (c === 0xa1 || c === 0xbf)
        out.push(SPACE); // ¡ ¿
      else if (c === 0x2026) out.push(46, 46, 46);
      else if (LETTER.test(ch) || DIGIT.test(ch)) out.push(c);
      else if (SPACE_SEPARATOR.test(ch)) out.push(SPACE);
      else out.push(SPACE); // symbols, pictographs without a meaning here, other punctuation
    }
  }
  if (foldCache.size < 50_000) foldCache.set(cp, out);
  return out;
}

// ---- Word shaping --------------------------------------------------------------

function isAsciiLetter(c: number): boolean {
  return c >= 97 && c <= 122;
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isWordCode(c: number): boolean {
  return isAsciiLetter(c) || isDigit(c) || (c > 127 && c !== 0xa0 && LETTER.test(String.fromCodePoint(c)));
}

/** Every run of one letter becomes one letter ("dieeee" → "die", "kill" → "kil"); digits are kept. */
export function collapseRepeats(word: string): string {
  // Most words have no doubled letter: return them as they are.
  let doubled = false;
  for (let i = 1; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c === word.charCodeAt(i - 1) && !(c >= 48 && c <= 57)) {
      doubled = true;
      break;
    }
  }
  if (!doubled) return word;
  let out = "";
  let prev = "";
  for (const ch of word) {
    if (ch === prev && !(ch >= "0" && ch <= "9")) continue;
    out += ch;
    prev = ch;
  }
  return out;
}

const ALL_LETTERS = /^[a-z]+$/;
const NUMBER = /^\d+(?:[.,]\d+)*$/;
const HAS_LETTER = /\p{L}/u;

// ---- The normaliser --------------------------------------------------------------

const BOUNDARY_PUNCT = new Set([".", "!", "?", ";"]);
const COMMA_PUNCT = new Set([",", ":", "(", ")", "[", "]", "{", "}"]);
const SEPARATORS_FOR_SPELLING = /^(?:[\p{L}\d][.\-_*~·•|/\\+]){2,}[\p{L}\d][.\-_*~·•|/\\+]?$/u;

/**
 * One normaliser's working state, reused from call to call (normalising is
 * synchronous): typed buffers for the folded codes and their original spans,
 * and the methods of the two passes. A class rather than closures, so that no
 * function is created per call.
 */
class Normalising {
  private codes = new Int32Array(1024);
  private starts = new Int32Array(1024);
  private ends = new Int32Array(1024);
  private n = 0;
  private wide = false;
  private tokens: Token[] = [];
  private singles: Token[] = [];
  private list: number[] | null = null;
  private runFrom = 0;

  constructor(
    private readonly isKnownWord: (word: string) => boolean,
    private readonly shorthand: ReadonlyMap<string, readonly string[]>,
  ) {}

  /** The normalised words for one piece of a word ("k1ll" → ["kil"], "rn" → ["right", "now"]). */
  shapeWord(raw: string): readonly string[] {
    let word: string;
    if (ALL_LETTERS.test(raw)) word = collapseRepeats(raw);
    else if (NUMBER.test(raw)) return [raw];
    else {
      word = collapseRepeats(raw);
      if (HAS_LETTER.test(raw)) {
        let leet = "";
        for (const ch of raw) leet += LEET[ch] ?? ch;
        leet = collapseRepeats(leet);
        if (leet !== word && (this.isKnownWord(leet) || this.shorthand.has(leet))) word = leet;
      }
      // Symbols that were not read as letters are not part of the word.
      if (/[$@!€]/.test(word)) word = word.replace(/[$@!€]/g, "");
      if (word === "") return [];
    }
    return this.shorthand.get(word) ?? [word];
  }

  private grow(need: number) {
    const size = Math.max(need, this.codes.length * 2);
    const c2 = new Int32Array(size);
    c2.set(this.codes.subarray(0, this.n));
    const s2 = new Int32Array(size);
    s2.set(this.starts.subarray(0, this.n));
    const e2 = new Int32Array(size);
    e2.set(this.ends.subarray(0, this.n));
    this.codes = c2;
    this.starts = s2;
    this.ends = e2;
  }

  run(text: string): Token[] {
    const tokens: Token[] = [];
    if (typeof text !== "string" || text.length === 0) return tokens;
    this.tokens = tokens;
    this.singles = [];
    this.n = 0;
    this.wide = false;

    // Pass 1: fold characters, keeping the original span of each folded code.
    if (this.codes.length < text.length + 8) this.grow(text.length + 8);
    for (let i = 0; i < text.length;) {
      const c = text.charCodeAt(i);
      if (c < 128) {
        const a = ASCII[c]!;
        if (a >= 0) {
          this.codes[this.n] = a;
          this.starts[this.n] = i;
          this.ends[this.n] = i + 1;
          this.n++;
        }
        i += 1;
        continue;
      }
      const cp = text.codePointAt(i)!;
      const width = cp > 0xffff ? 2 : 1;
      const folded = foldCodePoint(cp);
      // Room for this character's codes and at least one for each character still to come
      // (an ASCII character never needs more than one, so that branch needs no check).
      const need = this.n + folded.length + (text.length - i) + 8;
      if (need > this.codes.length) this.grow(need);
      for (const f of folded) {
        if (f > 0xffff) this.wide = true;
        this.codes[this.n] = f;
        this.starts[this.n] = i;
        this.ends[this.n] = i + width;
        this.n++;
      }
      i += width;
    }

    // Pass 2: cut into runs of non-space characters and shape each run.
    // Single letters standing alone ("k i l l") are gathered and joined.
    const codes = this.codes;
    const starts = this.starts;
    const ends = this.ends;
    const n = this.n;
    let i = 0;
    while (i < n) {
      const c = codes[i]!;
      if (c === SPACE || c === 9) {
        i++;
        continue;
      }
      if (c === NEWLINE) {
        this.push({ text: ".", start: starts[i]!, end: ends[i]!, kind: "boundary" });
        i++;
        continue;
      }
      if (c <= EMOJI_BASE) {
        const word = emojiTokens[EMOJI_BASE - c]!;
        for (const w of this.shapeWord(word)) this.push({ text: w, start: starts[i]!, end: ends[i]!, kind: "word" });
        i++;
        continue;
      }
      // A run: up to the next space, newline or emoji.
      let j = i;
      while (j < n) {
        const d = codes[j]!;
        if (d === SPACE || d === 9 || d === NEWLINE || d <= EMOJI_BASE) break;
        j++;
      }
      const singles = this.singles;
      if (j - i === 1 && isWordCode(c)) {
        // A lone letter or digit: maybe part of "k i l l".
        const gapBefore = singles.length > 0 ? starts[i]! - singles[singles.length - 1]!.end : 0;
        if (singles.length > 0 && gapBefore > 2) this.flushSingles();
        this.singles.push({ text: String.fromCodePoint(c), start: starts[i]!, end: ends[i]!, kind: "word" });
      } else {
        this.flushSingles();
        this.shapeRun(i, j);
      }
      i = j;
    }
    this.flushSingles();
    this.tokens = [];
    return tokens;
  }

  private flushSingles() {
    const singles = this.singles;
    if (singles.length === 0) return;
    const tokens = this.tokens;
    if (singles.length >= 4 && (singles[0]!.text === "i" || singles[0]!.text === "a")) {
      // "I w a n t": the pronoun or article standing first is a word of its own.
      const rest = singles
        .slice(1)
        .map((t) => t.text)
        .join("");
      const whole = singles.map((t) => t.text).join("");
      if (!this.isKnownWord(collapseRepeats(whole)) && this.isKnownWord(collapseRepeats(rest))) {
        const first = singles.shift()!;
        for (const w of this.shapeWord(first.text)) tokens.push({ ...first, text: w });
      }
    }
    if (singles.length >= 3) {
      const joined = singles.map((t) => t.text).join("");
      for (const w of this.shapeWord(joined))
        tokens.push({ text: w, start: singles[0]!.start, end: singles[singles.length - 1]!.end, kind: "word" });
    } else {
      for (const t of singles) for (const w of this.shapeWord(t.text)) tokens.push({ ...t, text: w });
    }
    this.singles = [];
  }

  private push(token: Token) {
    this.flushSingles();
    this.tokens.push(token);
  }

  /** Index of the folded code behind UTF-16 unit k of the current run (one to one unless a code is astral). */
  private off(k: number): number {
    return this.list ? this.list[k]! : this.runFrom + k;
  }

  private endWord(wordStart: number, k: number, word: string) {
    if (wordStart >= 0 && word !== "") {
      for (const w of this.shapeWord(word))
        this.tokens.push({
          text: w,
          start: this.starts[this.off(wordStart)]!,
          end: this.ends[this.off(k - 1)]!,
          kind: "word",
        });
    }
  }

  private shapeRun(from: number, to: number) {
    const codes = this.codes;
    const starts = this.starts;
    const ends = this.ends;
    const tokens = this.tokens;
    let run: string;
    if (!this.wide && to - from <= 2048)
      run = String.fromCharCode.apply(null, codes.subarray(from, to) as unknown as number[]);
    else {
      run = "";
      for (let k = from; k < to; k++) run += String.fromCodePoint(codes[k]!);
    }
    if (ALL_LETTERS.test(run)) {
      for (const w of this.shapeWord(run))
        tokens.push({ text: w, start: starts[from]!, end: ends[to - 1]!, kind: "word" });
      return;
    }
    this.runFrom = from;
    this.list = null;
    if (this.wide) {
      const list: number[] = [];
      for (let k = from; k < to; k++) {
        list.push(k);
        if (codes[k]! > 0xffff) list.push(k);
      }
      this.list = list;
    }
    if (SEPARATORS_FOR_SPELLING.test(run)) {
      const letters = run.replace(/[.\-_*~·•|/\\+]/g, "");
      for (const w of this.shapeWord(letters))
        tokens.push({ text: w, start: starts[from]!, end: ends[to - 1]!, kind: "word" });
      return;
    }
    // Walk the run: word characters and in-word symbols build a word; other punctuation cuts.
    let wordStart = -1;
    let word = "";
    const L = run.length;
    for (let k = 0; k < L; k++) {
      const ch = run[k]!;
      const code = run.charCodeAt(k);
      const prevWord = k > 0 && isWordCode(run.charCodeAt(k - 1));
      const nextWord = k + 1 < L && isWordCode(run.codePointAt(k + 1)!);
      if (isWordCode(code) || (code >= 0xd800 && code <= 0xdfff)) {
        if (wordStart < 0) wordStart = k;
        word += ch;
        continue;
      }
      const inWord =
        ((ch === "$" || ch === "@" || ch === "€") && nextWord) ||
        (ch === "!" && prevWord && nextWord && /[a-z]/.test(run[k - 1]!) && /[a-z]/.test(run[k + 1]!)) ||
        (ch === "*" && (prevWord || run[k - 1] === "*") && (nextWord || run[k + 1] === "*")) ||
        (ch === "." && prevWord && nextWord && isDigit(run.charCodeAt(k - 1)) && isDigit(run.charCodeAt(k + 1)));
      if (inWord) {
        if (wordStart < 0) wordStart = k;
        word += ch;
        continue;
      }
      this.endWord(wordStart, k, word);
      wordStart = -1;
      word = "";
      const at = this.off(k);
      if (ch === ".") {
        let dots = 1;
        while (run[k + dots] === ".") dots++;
        if (dots > 1) tokens.push({ text: ",", start: starts[at]!, end: ends[this.off(k + dots - 1)]!, kind: "comma" });
        else tokens.push({ text: ".", start: starts[at]!, end: ends[at]!, kind: "boundary" });
        k += dots - 1;
      } else if (BOUNDARY_PUNCT.has(ch)) {
        const last = tokens[tokens.length - 1];
        if (last?.kind === "boundary") last.end = ends[at]!;
        else tokens.push({ text: ".", start: starts[at]!, end: ends[at]!, kind: "boundary" });
      } else if (COMMA_PUNCT.has(ch)) {
        tokens.push({ text: ",", start: starts[at]!, end: ends[at]!, kind: "comma" });
      } else if (ch === '"') {
        tokens.push({ text: '"', start: starts[at]!, end: ends[at]!, kind: "quote" });
      }
      // Anything else (- / _ # & + …) only separates words.
    }
    this.endWord(wordStart, L, word);
  }
}

export function createNormaliser(options: NormaliserOptions = {}): Normaliser {
  const state = new Normalising(
    options.isKnownWord ?? (() => false),
    options.shorthand ?? new Map<string, readonly string[]>(),
  );
  return (text: string) => state.run(text);
}

/** The tokens as one line, for tests and debugging: words, "." boundaries, "," pauses, '"' quotes. */
export function tokensToText(tokens: readonly Token[]): string {
  return tokens.map((t) => t.text).join(" ");
}

/** A normaliser that knows no lexicon (no leetspeak readings, no shorthands): for compiling lexicon phrases. */
export const plainNormalise: Normaliser = createNormaliser();
