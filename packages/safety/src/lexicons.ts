// Layer 4 (loading): the lexicons are data (lexicon/en.json, lexicon/es.json,
// lexicon/emoji.json). This module checks them and compiles them once, at
// import, into anchor tables and regular expressions.
import en from "../lexicon/en.json" with { type: "json" };
import es from "../lexicon/es.json" with { type: "json" };
import { createNormaliser, type Normaliser, plainNormalise } from "./normalise.js";
import { type ClassEntry, type CompiledPhrase, type Person, PhraseCompiler } from "./phrase-patterns.js";
import { CATEGORIES, type Category, type Language, type Tier } from "./types.js";

/**
 * risk: evidence in its own right. means: a way to die named in the first
 * person ("I've been saving my pills"); silent alone, raises ideation to tier 3.
 * farewell: a goodbye; raised to tier 4 with other suicide evidence or a time
 * ("tonight"). symptom: a body in trouble ("can't breathe"); tier 1 alone, an
 * overdose in progress (tier 4) after use. use: a return to use just now
 * (distress alone). alone: nobody with the writer; silent alone, with use it is
 * using alone (tier 3).
 */
export type RuleKind = "risk" | "means" | "farewell" | "symptom" | "use" | "alone";

/** subject: who the subject is decides whose risk it is. object: the person hurt (abuse). author: always the writer. */
export type PersonMode = "subject" | "object" | "author";

export interface RuleData {
  id: string;
  category: Category | Category[];
  tier: Tier;
  patterns: string[];
  kind?: RuleKind;
  /** A statement of intent or plan: a time such as "tonight" makes it imminent (tier 4). */
  intent?: boolean;
  person?: PersonMode;
  /** Only when a subject is written: "I overdosed" but not "overdosed at the park" in a news item. */
  explicitSubject?: boolean;
  /** A recent time ("last night", "again") raises it one step: "I cut myself" (2) → "I cut myself last night" (3). */
  raise?: boolean;
  note?: string;
}

export const CUE_NAMES = [
  "negation",
  "notNegation",
  "hypothetical",
  "past",
  "present",
  "recent",
  "media",
  "joke",
  "harmReduction",
  "imminent",
  "now",
  "final",
  "tolerance",
  "distantPast",
  "activity",
] as const;
export type CueName = (typeof CUE_NAMES)[number];

export interface LexiconData {
  language: Language;
  stopwords: string[];
  shorthand: Record<string, string>;
  classes: Record<string, ClassEntry>;
  person: {
    first: string[];
    second: string[];
    third: string[];
    generic: string[];
    clauseBreak: string[];
    /** "who", "that", "que": skipped when looking back for a subject ("a friend who wants to die" → friend). */
    relative?: string[];
  };
  cues: Record<CueName, string[]>;
  rules: RuleData[];
  idioms: { id: string; patterns: string[] }[];
  methods: string[];
  /** Words a gap in a pattern may not cross (negations). */
  gapStop: string[];
}

export interface CompiledRule {
  id: string;
  categories: Category[];
  tier: Tier;
  kind: RuleKind | "idiom" | "method";
  intent: boolean;
  person: PersonMode;
  explicitSubject: boolean;
  raise: boolean;
  language: Language;
}

export interface Matcher {
  rule: CompiledRule;
  regex: RegExp;
  source: string;
  /** Scratch for the scanner: the last window that listed this matcher as a candidate. */
  stamp: number;
}

export type SubjectCue = "first" | "second" | "third" | "generic";

export interface CompiledLexicons {
  normalise: Normaliser;
  exact: Map<string, Matcher[]>;
  prefix: Map<string, Matcher[]>;
  prefixLengths: number[];
  methodExact: Map<string, Matcher[]>;
  methodPrefix: Map<string, Matcher[]>;
  cues: Record<CueName, CueSet>;
  subjectCues: Map<string, SubjectCue>;
  clauseBreaks: Set<string>;
  /** Conjunctions that join two verb phrases sharing one subject ("and", "y"). */
  joiners: Set<string>;
  relatives: Set<string>;
  personOf: Map<string, { person: Person; weak: boolean }>;
  stopwords: Record<Language, Set<string>>;
  /** Every word each language's lexicon uses (for telling the languages apart). */
  vocabularyByLanguage: Record<Language, Set<string>>;
}

export const LEXICON_DATA: readonly LexiconData[] = [en as unknown as LexiconData, es as unknown as LexiconData];

function check(data: LexiconData) {
  const ids = new Set<string>();
  for (const r of data.rules) {
    if (ids.has(r.id)) throw new Error(`${data.language}: duplicate rule id ${r.id}`);
    ids.add(r.id);
    for (const c of Array.isArray(r.category) ? r.category : [r.category])
      if (!CATEGORIES.includes(c)) throw new Error(`${data.language}: rule ${r.id} has unknown category ${c}`);
    if (![0, 1, 2, 3, 4].includes(r.tier)) throw new Error(`${data.language}: rule ${r.id} has bad tier ${r.tier}`);
  }
  for (const name of CUE_NAMES)
    if (!Array.isArray(data.cues[name])) throw new Error(`${data.language}: cues.${name} missing`);
}

function words(normalise: Normaliser, phrase: string): string[] {
  return normalise(phrase)
    .filter((t) => t.kind === "word")
    .map((t) => t.text);
}

export function compileLexicons(lexicons: readonly LexiconData[] = LEXICON_DATA): CompiledLexicons {
  for (const data of lexicons) check(data);

  // Shorthands first: lexicon phrases are read through them like messages are.
  const shorthand = new Map<string, string[]>();
  for (const data of lexicons)
    for (const [from, to] of Object.entries(data.shorthand)) {
      const key = words(plainNormalise, from);
      if (key.length === 1) shorthand.set(key[0]!, words(plainNormalise, to));
    }
  const phraseNormalise = createNormaliser({ shorthand });

  const stopwords = { en: new Set<string>(), es: new Set<string>() } as Record<Language, Set<string>>;
  for (const data of lexicons)
    for (const w of data.stopwords) for (const x of words(phraseNormalise, w)) stopwords[data.language].add(x);
  const common = new Set<string>([...stopwords.en, ...stopwords.es]);

  const exact = new Map<string, Matcher[]>();
  const prefix = new Map<string, Matcher[]>();
  const methodExact = new Map<string, Matcher[]>();
  const methodPrefix = new Map<string, Matcher[]>();
  const vocabulary = new Set<string>();
  const vocabularyByLanguage = { en: new Set<string>(), es: new Set<string>() } as Record<Language, Set<string>>;
  const stems = new Set<string>();
  const personOf = new Map<string, { person: Person; weak: boolean }>();
  const cueSources: Record<CueName, CompiledPhrase[]> = Object.fromEntries(
    CUE_NAMES.map((n) => [n, []]),
  ) as unknown as Record<CueName, CompiledPhrase[]>;

  const add = (map: Map<string, Matcher[]>, key: string, m: Matcher) => {
    const list = map.get(key);
    if (list) list.push(m);
    else map.set(key, [m]);
  };

  for (const data of lexicons) {
    const compiler = new PhraseCompiler(data.classes, phraseNormalise, common, data.gapStop);
    const register = (rule: CompiledRule, source: string, toExact = exact, toPrefix = prefix) => {
      const phrase = compiler.compile(source);
      const m: Matcher = { rule, regex: new RegExp(phrase.regexSource, "g"), source, stamp: 0 };
      for (const w of phrase.anchors.exact) add(toExact, w, m);
      for (const p of phrase.anchors.prefix) add(toPrefix, p, m);
    };
    for (const r of data.rules) {
      const rule: CompiledRule = {
        id: `${data.language}.${r.id}`,
        categories: Array.isArray(r.category) ? r.category : [r.category],
        tier: r.tier,
        kind: r.kind ?? "risk",
        intent: r.intent === true,
        person: r.person ?? "subject",
        explicitSubject: r.explicitSubject === true,
        raise: r.raise === true,
        language: data.language,
      };
      for (const p of r.patterns) register(rule, p);
    }
    for (const idiom of data.idioms) {
      const rule: CompiledRule = {
        id: `${data.language}.idiom.${idiom.id}`,
        categories: [],
        tier: 0,
        kind: "idiom",
        intent: false,
        person: "author",
        explicitSubject: false,
        raise: false,
        language: data.language,
      };
      for (const p of idiom.patterns) register(rule, p);
    }
    const methodRule: CompiledRule = {
      id: `${data.language}.method`,
      categories: [],
      tier: 0,
      kind: "method",
      intent: false,
      person: "author",
      explicitSubject: false,
      raise: false,
      language: data.language,
    };
    for (const p of data.methods) register(methodRule, p, methodExact, methodPrefix);
    for (const name of CUE_NAMES) for (const source of data.cues[name]) cueSources[name].push(compiler.compile(source));
    compiler.vocabulary.forEach((w) => {
      vocabulary.add(w);
      vocabularyByLanguage[data.language].add(w);
    });
    compiler.stems.forEach((s) => stems.add(s));
    compiler.personOf.forEach((v, k) => {
      if (!personOf.has(k)) personOf.set(k, v);
    });
  }

  const cues = Object.fromEntries(CUE_NAMES.map((n) => [n, new CueSet(cueSources[n])])) as Record<CueName, CueSet>;

  const subjectCues = new Map<string, SubjectCue>();
  const clauseBreaks = new Set<string>();
  const relatives = new Set<string>();
  for (const data of lexicons) {
    for (const w of data.person.relative ?? []) for (const x of words(phraseNormalise, w)) relatives.add(x);
    for (const kind of ["first", "second", "third", "generic"] as const)
      for (const w of data.person[kind])
        for (const x of words(phraseNormalise, w)) if (!subjectCues.has(x)) subjectCues.set(x, kind);
    for (const w of data.person.clauseBreak) for (const x of words(phraseNormalise, w)) clauseBreaks.add(x);
  }

  const stemList = [...stems];
  const isKnownWord = (w: string) => {
    if (vocabulary.has(w)) return true;
    for (const s of stemList) if (w.startsWith(s) && s.length >= 4) return true;
    return false;
  };
  const normalise = createNormaliser({ isKnownWord, shorthand });
  const prefixLengths = [...new Set([...prefix.keys(), ...methodPrefix.keys()].map((k) => k.length))].sort(
    (a, b) => a - b,
  );

  return {
    normalise,
    exact,
    prefix,
    prefixLengths,
    methodExact,
    methodPrefix,
    cues,
    subjectCues,
    clauseBreaks,
    joiners: new Set(["and", "y", "e"]),
    relatives,
    personOf,
    stopwords,
    vocabularyByLanguage,
  };
}

let compiled: CompiledLexicons | null = null;
/** The lexicons shipped with the package, compiled on first use. */
export function lexicons(): CompiledLexicons {
  compiled ??= compileLexicons();
  return compiled;
}

/**
 * The phrases of one context cue (negation, past, media…), matched like the
 * rules: only the phrases anchored on a word of the text are tried.
 */
export class CueSet {
  private readonly exact = new Map<string, CueEntry[]>();
  private readonly prefix = new Map<string, CueEntry[]>();
  private readonly prefixLengths: number[];
  private stamp = 0;

  constructor(phrases: readonly CompiledPhrase[]) {
    const add = (map: Map<string, CueEntry[]>, key: string, e: CueEntry) => {
      const list = map.get(key);
      if (list) list.push(e);
      else map.set(key, [e]);
    };
    for (const p of phrases) {
      const e: CueEntry = { regex: new RegExp(p.regexSource, "g"), stamp: 0 };
      for (const w of p.anchors.exact) add(this.exact, w, e);
      for (const w of p.anchors.prefix) add(this.prefix, w, e);
    }
    this.prefixLengths = [...new Set([...this.prefix.keys()].map((k) => k.length))].sort((a, b) => a - b);
  }

  private collect(list: CueEntry[] | undefined, current: number, out: CueEntry[]) {
    if (!list) return;
    for (const e of list)
      if (e.stamp !== current) {
        e.stamp = current;
        out.push(e);
      }
  }

  private candidates(words: readonly string[], from: number, to: number): CueEntry[] | null {
    const current = ++this.stamp;
    const out: CueEntry[] = [];
    for (let k = from; k < to; k++) {
      const w = words[k]!;
      this.collect(this.exact.get(w), current, out);
      for (const len of this.prefixLengths) {
        if (len > w.length) break;
        this.collect(this.prefix.get(w.slice(0, len)), current, out);
      }
    }
    return out.length > 0 ? out : null;
  }

  /** Whether the cue occurs in words[from, to). */
  test(words: readonly string[], from = 0, to = words.length): boolean {
    const c = this.candidates(words, from, to);
    if (!c) return false;
    const text = ` ${words.slice(from, to).join(" ")} . `;
    for (const e of c) {
      e.regex.lastIndex = 0;
      if (e.regex.test(text)) return true;
    }
    return false;
  }

  /** Where the cue occurs in words[from, to): token ranges [start, end) as pairs, in order of start. */
  ranges(words: readonly string[], from = 0, to = words.length): number[] {
    const c = this.candidates(words, from, to);
    if (!c) return [];
    const text = ` ${words.slice(from, to).join(" ")} . `;
    const pos = tokenStarts(words, from, to);
    const pairs: [number, number][] = [];
    for (const e of c) {
      e.regex.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = e.regex.exec(text)) !== null) {
        if (m[0].length === 0) {
          e.regex.lastIndex++;
          continue;
        }
        if (pos.length === 0) break;
        const a = tokenAt(pos, m.index);
        pairs.push([from + a, from + Math.max(a + 1, tokenAt(pos, m.index + m[0].length - 2) + 1)]);
      }
    }
    pairs.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    return pairs.flat();
  }
}

interface CueEntry {
  regex: RegExp;
  stamp: number;
}

/** Where each of words[from, to) starts in " w w w ". */
export function tokenStarts(words: readonly string[], from: number, to: number): Int32Array {
  const pos = new Int32Array(to - from);
  let at = 1;
  for (let k = from; k < to; k++) {
    pos[k - from] = at;
    at += words[k]!.length + 1;
  }
  return pos;
}

/** The token (index into pos) that character ch of " w w w " belongs to. */
export function tokenAt(pos: Int32Array, ch: number): number {
  let lo = 0;
  let hi = pos.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (pos[mid]! <= ch) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
