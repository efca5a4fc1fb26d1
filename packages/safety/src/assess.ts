// Layers 2–5: matching, person, context modifiers, combinations and the verdict.
//
//   1. normalise the message into word tokens (normalise.ts) and cut it into
//      sentences; a sentence longer than 64 tokens is read in overlapping
//      windows, so the cost stays linear and nothing at the end is missed;
//   2. look up each token's anchors and run only the lexicon patterns anchored
//      there (lexicons.ts, phrase-patterns.ts);
//   3. drop matches covered by an idiom ("this workout is killing me");
//   4. decide whose risk it is (first person, someone else, "people" in
//      general) and which context modifiers apply: negation, hypothetical,
//      past, quotation/news/lyrics, joke, harm-reduction advice. A modifier
//      lowers a tier by at most one step and never touches tier 4;
//   5. combine: means or a goodbye with ideation, intent with a time, use with
//      symptoms or with nobody there;
//   6. the message's tier is the highest tier of its evidence.
import type { CompiledLexicons, CompiledRule, CueName, Matcher } from "./lexicons.js";
import { lexicons, tokenAt, tokenStarts } from "./lexicons.js";
import { safetyNet } from "./safety-net.js";
import type { Token } from "./normalise.js";
import {
  CATEGORIES,
  type Assessment,
  type AssessOptions,
  type Category,
  type Evidence,
  type Language,
  type Span,
  type Tier,
} from "./types.js";

const WINDOW = 64;
const STEP = 48;
const NEGATION_LOOKBACK = 4;
const HYPOTHETICAL_LOOKBACK = 10;
const SUBJECT_LOOKBACK = 10;
const MAX_EVIDENCE = 64;
/** A "clause" longer than this is not one (text without punctuation): context stops there. */
const CLAUSE_MAX = 60;

type Who = "first" | "second" | "third" | "generic";

interface Doc {
  text: string;
  tokens: Token[];
  /** Per sentence: global token indices (words and commas). */
  sentences: number[][];
  /** Per sentence: the token texts. */
  words: string[][];
  quoted: Uint8Array;
  cache: Map<string, boolean>;
  ranges: Map<string, Int32Array>;
  sentenceText: (string | undefined)[];
}

interface Hit {
  matcher: Matcher;
  s: number;
  a: number;
  b: number;
}

interface Finding {
  rule: CompiledRule;
  s: number;
  a: number;
  b: number;
  who: Who;
  tier: number;
  categories: Category[];
  modifiers: string[];
  /** Lowered by a modifier that means it is not happening to this person now (negation, past, hypothetical, generic…). */
  discounted: boolean;
  intent: boolean;
}

/** Evidence of wanting to die or to self-harm (an accidental overdose is not ideation). */
const IDEATION = new Set<Category>(["suicide", "self_harm"]);
const DRUG_RISK = new Set<Category>(["overdose", "relapse_danger"]);

// ---- Document -------------------------------------------------------------------

function buildDoc(lx: CompiledLexicons, text: string): Doc {
  const tokens = lx.normalise(text);
  const sentences: number[][] = [];
  const quotes: number[] = [];
  let current: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === "boundary") {
      if (current.length > 0) sentences.push(current);
      current = [];
    } else if (t.kind === "quote") quotes.push(i);
    else current.push(i);
  }
  if (current.length > 0) sentences.push(current);
  const quoted = new Uint8Array(tokens.length);
  for (let q = 0; q + 1 < quotes.length;) {
    const from = quotes[q]!;
    const to = quotes[q + 1]!;
    // A quotation, not scare quotes around one or two words ("celebrate").
    if (to - from <= 80) {
      if (to - from > 3) for (let k = from + 1; k < to; k++) quoted[k] = 1;
      q += 2;
    } else q += 1;
  }
  const words = sentences.map((s) => s.map((i) => tokens[i]!.text));
  return { text, tokens, sentences, words, quoted, cache: new Map(), ranges: new Map(), sentenceText: [] };
}

function sentenceString(doc: Doc, s: number): string {
  let str = doc.sentenceText[s];
  if (str === undefined) {
    str = ` ${doc.words[s]!.join(" ")} . `;
    doc.sentenceText[s] = str;
  }
  return str;
}

/** Whether a cue occurs anywhere in the message (cached per cue). "Not a joke" is no joke. */
function docHas(doc: Doc, lx: CompiledLexicons, cue: CueName): boolean {
  const cached = doc.cache.get(cue);
  if (cached !== undefined) return cached;
  let found = false;
  for (let s = 0; s < doc.words.length && !found; s++) {
    const words = doc.words[s]!;
    found = lx.cues[cue].test(cue === "joke" ? stripNotNegation(lx, words, 0, words.length) : words);
  }
  doc.cache.set(cue, found);
  return found;
}

function sentenceHas(doc: Doc, lx: CompiledLexicons, cue: CueName, s: number): boolean {
  const key = `${cue}:${s}`;
  const cached = doc.cache.get(key);
  if (cached !== undefined) return cached;
  const found = s >= 0 && s < doc.words.length && lx.cues[cue].test(doc.words[s]!);
  doc.cache.set(key, found);
  return found;
}

// ---- Matching ---------------------------------------------------------------------

function scan(doc: Doc, lx: CompiledLexicons, exact: Map<string, Matcher[]>, prefix: Map<string, Matcher[]>): Hit[] {
  const hits: Hit[] = [];
  const seen = new Set<string>();
  for (let s = 0; s < doc.words.length; s++) {
    const words = doc.words[s]!;
    const n = words.length;
    for (let start = 0; ; start += STEP) {
      const end = Math.min(n, start + WINDOW);
      const whole = start === 0 && end === n ? sentenceString(doc, s) : undefined;
      scanWindow(
        words,
        start,
        end,
        end === n,
        lx,
        exact,
        prefix,
        (matcher, a, b) => {
          const key = `${matcher.source}|${s}|${a}`;
          if (seen.has(key)) return;
          seen.add(key);
          hits.push({ matcher, s, a, b });
        },
        whole,
      );
      if (end >= n) break;
    }
  }
  return hits;
}

let stamp = 0;

function scanWindow(
  words: readonly string[],
  from: number,
  to: number,
  atEnd: boolean,
  lx: CompiledLexicons,
  exact: Map<string, Matcher[]>,
  prefix: Map<string, Matcher[]>,
  onHit: (m: Matcher, a: number, b: number) => void,
  whole?: string,
) {
  // The patterns anchored on these words, each once.
  const current = ++stamp;
  let candidates: Matcher[] | null = null;
  for (let k = from; k < to; k++) {
    const w = words[k]!;
    if (w === ",") continue;
    const list = exact.get(w);
    if (list)
      for (const m of list)
        if (m.stamp !== current) {
          m.stamp = current;
          (candidates ??= []).push(m);
        }
    if (prefix.size > 0)
      for (const len of lx.prefixLengths) {
        if (len > w.length) break;
        const p = prefix.get(w.slice(0, len));
        if (p)
          for (const m of p)
            if (m.stamp !== current) {
              m.stamp = current;
              (candidates ??= []).push(m);
            }
      }
  }
  if (!candidates) return;
  let str: string;
  if (whole !== undefined) str = whole;
  else {
    str = " ";
    for (let k = from; k < to; k++) str += words[k]! + " ";
    if (atEnd) str += ". ";
  }
  let pos: Int32Array | null = null;
  for (const m of candidates as Matcher[]) {
    const re = m.regex;
    re.lastIndex = 0;
    let match: RegExpExecArray | null;
    while ((match = re.exec(str)) !== null) {
      if (match[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      if (match.index >= str.length - 2 && atEnd) continue; // only the end marker
      pos ??= tokenStarts(words, from, to);
      const a = tokenAt(pos, match.index);
      const b = tokenAt(pos, match.index + match[0].length - 2) + 1;
      onHit(m, from + a, from + Math.max(a + 1, b));
    }
  }
}

/**
 * A phrase repeated hundreds of times (pasted or spam) adds nothing after the
 * first few: keep the first and the last PER_PATTERN/2 matches of each pattern,
 * so the work stays bounded and the end of a long message is still read.
 */
const PER_PATTERN = 64;
function trimRepeats(hits: Hit[]): Hit[] {
  if (hits.length <= PER_PATTERN) return hits;
  const byPattern = new Map<Matcher, Hit[]>();
  for (const h of hits) {
    const list = byPattern.get(h.matcher);
    if (list) list.push(h);
    else byPattern.set(h.matcher, [h]);
  }
  const out: Hit[] = [];
  for (const list of byPattern.values()) {
    if (list.length <= PER_PATTERN) out.push(...list);
    else out.push(...list.slice(0, PER_PATTERN / 2), ...list.slice(-PER_PATTERN / 2));
  }
  return out;
}

// ---- Person -------------------------------------------------------------------------

function clauseStart(lx: CompiledLexicons, words: readonly string[], a: number, max: number): number {
  let k = a - 1;
  const stop = Math.max(0, a - max);
  while (k >= stop && words[k] !== "," && !lx.clauseBreaks.has(words[k]!)) k--;
  return k + 1;
}

function clauseEnd(lx: CompiledLexicons, words: readonly string[], b: number): number {
  let k = b;
  const stop = Math.min(words.length, b + CLAUSE_MAX);
  while (k < stop && words[k] !== "," && !lx.clauseBreaks.has(words[k]!)) k++;
  return k;
}

/** Whose risk a match is about; null when nothing says (the writer, usually). */
function whoOf(lx: CompiledLexicons, rule: CompiledRule, words: readonly string[], a: number, b: number): Who | null {
  if (rule.person === "author") return "first";
  let strong: Who | null = null;
  let weak: Who | null = null;
  let anyFirst = false;
  let anyThird = false;
  for (let k = a; k < b; k++) {
    const p = lx.personOf.get(words[k]!);
    if (!p) continue;
    if (p.person === "first") anyFirst = true;
    if (p.person === "third") anyThird = true;
    if (p.weak) weak = p.person;
    else strong = p.person;
  }
  if (rule.person === "object") return anyFirst ? "first" : anyThird ? "third" : "first";
  if (strong && strong !== "third") return strong;
  // The nearest subject looking back in the clause. A clause joined by "and" / "y"
  // with no subject of its own shares the previous clause's ("my roommate took
  // something and won't wake up"): look on into that one.
  let joins = 0;
  let from = a;
  for (let k = a - 1; k >= Math.max(0, a - SUBJECT_LOOKBACK * 2); k--) {
    const w = words[k]!;
    if (w === "," || lx.clauseBreaks.has(w)) {
      if (joins < 2 && lx.joiners.has(w) && from - k <= 4) {
        joins++;
        from = k;
        continue;
      }
      break;
    }
    if (lx.relatives.has(w)) continue;
    const cue = lx.subjectCues.get(w);
    // A third-person verb form agrees with "someone": "si alguien no respira" is advice.
    if (cue) return strong === "third" && cue !== "generic" ? "third" : cue;
    if (joins === 0 && a - k > SUBJECT_LOOKBACK) break;
  }
  return strong ?? weak;
}

// ---- Modifiers ------------------------------------------------------------------------

/** Blanks out negations that carry risk or mean something else ("no one", "can't stop", "not a joke"). */
function stripNotNegation(lx: CompiledLexicons, words: readonly string[], from: number, to: number): string[] {
  const out = words.slice(from, to);
  const r = lx.cues.notNegation.ranges(words, from, to);
  for (let i = 0; i < r.length; i += 2) for (let k = r[i]!; k < r[i + 1]!; k++) out[k - from] = "_";
  return out;
}

function negated(lx: CompiledLexicons, words: readonly string[], a: number): boolean {
  const from = clauseStart(lx, words, a, NEGATION_LOOKBACK);
  if (from >= a) return false;
  return lx.cues.negation.test(stripNotNegation(lx, words, from, a));
}

function hypothetical(lx: CompiledLexicons, words: readonly string[], a: number): boolean {
  const from = Math.max(0, a - HYPOTHETICAL_LOOKBACK);
  if (from >= a) return false;
  return lx.cues.hypothetical.test(words, from, a);
}

/** Where a cue occurs in a sentence, as token ranges [start, end), computed once per sentence. */
function cueRanges(doc: Doc, lx: CompiledLexicons, cue: CueName, s: number): Int32Array {
  const key = `${cue}@${s}`;
  const cached = doc.ranges.get(key);
  if (cached) return cached;
  const ranges = Int32Array.from(lx.cues[cue].ranges(doc.words[s]!));
  doc.ranges.set(key, ranges);
  return ranges;
}

/**
 * A cue within tokens [from, to) of sentence s that is not wholly inside the
 * match [a, b): a rule's own words are not its context.
 */
function cueOutside(
  doc: Doc,
  lx: CompiledLexicons,
  cue: CueName,
  s: number,
  a: number,
  b: number,
  from = 0,
  to = Infinity,
): boolean {
  const r = cueRanges(doc, lx, cue, s);
  // Ranges are in order of their start: skip to the first that starts at `from` or later.
  let lo = 0;
  let hi = r.length >> 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (r[mid * 2]! < from) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo * 2; i < r.length; i += 2) {
    const start = r[i]!;
    const end = r[i + 1]!;
    if (start >= to) break;
    if (start < from || end > to) continue;
    if (start < a || end > b) return true;
  }
  return false;
}

/**
 * A distant-past cue ("18 months ago", "used to", "back when") in the clause [from, to),
 * or one that ends inside it while starting just before ("back when | I was using"): a
 * cue wholly in an earlier clause ("years ago I got clean, but I took…") does not count.
 */
function distantPastIn(doc: Doc, lx: CompiledLexicons, s: number, from: number, to: number): boolean {
  const r = cueRanges(doc, lx, "distantPast", s);
  for (let i = 0; i < r.length; i += 2) {
    const start = r[i]!;
    const end = r[i + 1]!;
    if (start >= to) break;
    if (end <= to && start >= from - 3 && end > from) return true;
  }
  return false;
}

function evaluate(doc: Doc, lx: CompiledLexicons, hit: Hit): Finding | null {
  const rule = hit.matcher.rule;
  const words = doc.words[hit.s]!;
  const { a, b, s } = hit;
  let who = whoOf(lx, rule, words, a, b);
  if (who === null) {
    if (rule.explicitSubject) return null;
    who = "first";
  }
  // Tier 4 speaks of a particular person; "if someone isn't breathing" is advice, not an event.
  if ((who === "generic" || who === "second") && (rule.explicitSubject || rule.tier === 4)) return null;

  const modifiers: string[] = [];
  let lower = false;
  let discounted = false;
  if (who === "generic" || who === "second") {
    modifiers.push(who === "generic" ? "generic" : "second_person");
    lower = discounted = true;
  }
  if (negated(lx, words, a)) {
    modifiers.push("negation");
    lower = discounted = true;
  }
  if (hypothetical(lx, words, a)) {
    modifiers.push("hypothetical");
    lower = discounted = true;
  }
  const cFrom = clauseStart(lx, words, a, CLAUSE_MAX);
  const cTo = clauseEnd(lx, words, b);
  const present = cueOutside(doc, lx, "present", s, a, b, cFrom, cTo);
  // Use, being alone and symptoms are read in their own clause: "4 months clean, picking up after work" is a relapse now.
  const local = rule.kind === "use" || rule.kind === "alone" || rule.kind === "symptom";
  const past =
    !present && (local ? cueOutside(doc, lx, "past", s, -1, -1, cFrom, cTo) : cueOutside(doc, lx, "past", s, a, b));
  if (past) {
    modifiers.push("past");
    lower = discounted = true;
  }
  let quoted = false;
  for (let k = a; k < b && !quoted; k++) quoted = doc.quoted[doc.sentences[s]![k]!] === 1;
  if (quoted) {
    modifiers.push("quotation");
    lower = discounted = true;
  }
  if (sentenceHas(doc, lx, "media", s) || sentenceHas(doc, lx, "media", s - 1)) {
    modifiers.push("media");
    lower = discounted = true;
  }
  // A benign activity in the same sentence (cooking, a game, a workout, a show):
  // "knife in my hand right now, chopping onions", "gonna end it tonight" after a boss fight.
  const activity = sentenceHas(doc, lx, "activity", s);
  if (activity) {
    modifiers.push("activity");
    lower = discounted = true;
  }
  if (docHas(doc, lx, "joke")) {
    modifiers.push("joke");
    lower = true;
  }
  if (rule.categories.some((c) => DRUG_RISK.has(c)) && docHas(doc, lx, "harmReduction")) {
    modifiers.push("harm_reduction");
    lower = true;
  }

  let tier: number = rule.tier;
  if (rule.raise && !lower && sentenceHas(doc, lx, "recent", s)) {
    tier = Math.min(3, tier + 1);
    modifiers.push("recent");
  }
  if (rule.tier === 4 && activity && (rule.intent || rule.id.endsWith("means.in_hand"))) {
    // The one other exception to "tier 4 is never lowered": an intent or means in hand
    // said in a sentence about cooking or a game is read like a past event (tier 1).
    tier = 1;
  } else if (rule.tier === 4) {
    // Never lowered by context, with one exception: an event (not an intent) narrated
    // clearly in the past, in its own clause ("18 months ago I was found unresponsive",
    // "back when I used to…"), with nothing saying it is now. A present event is never lowered.
    if (
      !rule.intent &&
      !present &&
      distantPastIn(doc, lx, s, cFrom, cTo) &&
      !cueOutside(doc, lx, "imminent", s, -1, -1, cFrom, cTo) &&
      !cueOutside(doc, lx, "recent", s, -1, -1, cFrom, cTo)
    ) {
      if (!modifiers.includes("past")) modifiers.push("past");
      discounted = true;
      // What is left is a past event of the kind "I overdosed" (tier 2), lowered one step.
      tier = 1;
    }
  } else if (lower) {
    // A negated, past or someone-else's intent is no intent: what is left is the
    // act it names (ideation, tier 2), lowered one step.
    if (rule.intent && discounted && tier >= 3) tier = 1;
    else tier = Math.max(0, tier - 1);
  }
  return { rule, s, a, b, who, tier, categories: [], modifiers, discounted, intent: rule.intent };
}

function categoriesFor(f: Finding, base: readonly Category[]): Category[] {
  if (f.tier <= 0) return [];
  if (f.tier === 1) return ["distress"];
  const own = base.filter((c) => c !== "distress");
  if (f.who === "third") return ["concern_for_other", ...own.filter((c) => c !== "concern_for_other")];
  return own.length > 0 ? own : ["distress"];
}

// ---- Assessment -------------------------------------------------------------------------

function assessDoc(doc: Doc, lx: CompiledLexicons, language: Language): Assessment {
  const hits = trimRepeats(scan(doc, lx, lx.exact, lx.prefix));
  if (hits.length === 0) return { tier: 0, categories: [], evidence: [], language };

  // Idioms remove the matches they cover (never a tier-4 one).
  const covered = new Map<number, Uint8Array>();
  for (const h of hits) {
    if (h.matcher.rule.kind !== "idiom") continue;
    let mask = covered.get(h.s);
    if (!mask) covered.set(h.s, (mask = new Uint8Array(doc.words[h.s]!.length)));
    mask.fill(1, h.a, h.b);
  }
  const isCovered = (h: Hit) => {
    const mask = covered.get(h.s);
    if (!mask) return false;
    for (let k = h.a; k < h.b; k++) if (mask[k]) return true;
    return false;
  };
  const risky = hits.filter((h) => h.matcher.rule.kind !== "idiom" && !(h.matcher.rule.tier < 4 && isCovered(h)));

  const findings: Finding[] = [];
  for (const h of risky) {
    const f = evaluate(doc, lx, h);
    if (f) findings.push(f);
  }

  // A thought about an act is ideation, not the act: "I think about cutting again"
  // is not "cutting again". Drop an act wholly inside an ideation match of its category.
  const framed = (f: Finding) =>
    f.rule.kind === "risk" &&
    !f.intent &&
    findings.some(
      (g) =>
        g !== f &&
        g.rule.id.endsWith(".ideation") &&
        g.s === f.s &&
        g.a < f.a &&
        g.b >= f.b &&
        g.who === f.who &&
        g.rule.tier < f.rule.tier &&
        g.rule.categories.some((c) => f.rule.categories.includes(c)),
    );
  for (let i = findings.length - 1; i >= 0; i--) if (framed(findings[i]!)) findings.splice(i, 1);

  const risk = findings.filter((f) => f.rule.kind === "risk");
  const live = (f: Finding) => !f.discounted;
  const extra: Finding[] = [];
  const escalate = (from: Finding, tier: number, modifier: string, categories?: Category[]) => {
    const f = {
      ...from,
      tier,
      modifiers: [...from.modifiers, modifier],
      categories: categories ?? [],
      discounted: false,
    };
    extra.push(f);
    return f;
  };
  // Message-wide cues, looked up only when a combination needs them.
  const imminent = () => docHas(doc, lx, "imminent");
  const now = () => docHas(doc, lx, "now");
  const tolerance = () => docHas(doc, lx, "tolerance");

  for (const who of ["first", "third"] as const) {
    const mine = findings.filter((f) => f.who === who && live(f));
    const ideation = Math.max(
      0,
      ...risk.filter((f) => f.who === who && f.rule.categories.some((c) => IDEATION.has(c))).map((f) => f.tier),
    );
    // A wish to hurt someone makes a weapon or knowing where they are a plan.
    const harmWish = Math.max(
      0,
      ...risk
        // The person named in "kill him" is the one at risk, not the speaker: any live wish counts.
        .filter((f) => live(f) && f.rule.categories.includes("harm_to_others"))
        .map((f) => f.tier),
    );
    const harmMeans = mine.filter((f) => f.rule.kind === "means" && f.rule.categories.includes("harm_to_others"));
    if (harmWish >= 2) for (const m of harmMeans) if (m.tier < 3) escalate(m, 3, "with_intent_to_harm");
    const means = mine.filter((f) => f.rule.kind === "means" && !f.rule.categories.includes("harm_to_others"));
    const farewells = mine.filter((f) => f.rule.kind === "farewell");
    // One phrase matched from two starts ("I picked the bridge", "picked the bridge") is one plan element.
    const distinctMeans = new Set(means.map((m) => `${m.rule.id}:${m.s}:${m.b}`)).size;

    // Warning signs add up: means or a plan element with ideation, a goodbye, finality, or a second plan element.
    if (means.length > 0 && (ideation >= 2 || farewells.length > 0 || docHas(doc, lx, "final") || distinctMeans >= 2))
      for (const m of means) if (m.tier < 3) escalate(m, 3, ideation >= 2 ? "with_ideation" : "warning_signs");

    // A goodbye with other warning signs (its own words do not count).
    let finalSentences = 0;
    if (farewells.length > 0)
      for (let s = 0; s < doc.words.length; s++) if (sentenceHas(doc, lx, "final", s)) finalSentences++;
    const finalBesides = (f: Finding) =>
      finalSentences - (sentenceHas(doc, lx, "final", f.s) ? 1 : 0) > 0 || cueOutside(doc, lx, "final", f.s, f.a, f.b);
    const spans = new Set(farewells.map((f) => `${f.s}:${f.a}`));
    for (const f of farewells) {
      const final = finalBesides(f);
      const signs = ideation >= 2 || means.length > 0 || final;
      let tier = f.tier;
      const others = spans.size > 1;
      if (f.rule.tier >= 3) tier = signs || others || imminent() ? 4 : 3;
      else if (ideation >= 3 || (final && (ideation >= 2 || means.length > 0 || imminent()))) tier = 4;
      else if (signs) tier = 3;
      if (tier > f.tier) escalate(f, tier, "farewell");
    }

    // Use with symptoms (an overdose in progress), with nobody there, or after time away (tolerance gone).
    const used = mine.some((f) => f.rule.kind === "use");
    const overdosed = risk.some(
      (f) => f.who === who && f.tier >= 2 && f.rule.categories.includes("overdose") && live(f),
    );
    const symptoms = mine.filter((f) => f.rule.kind === "symptom");
    if ((used || overdosed) && symptoms.length > 0)
      for (const sym of symptoms) escalate(sym, 4, "after_use", ["overdose", "relapse_danger"]);
    if (used) {
      const alone = mine.filter((f) => f.rule.kind === "alone");
      for (const al of alone) escalate(al, 3, "using_alone", ["relapse_danger", "overdose"]);
      if (tolerance())
        for (const u of mine.filter((f) => f.rule.kind === "use"))
          escalate(u, 3, "tolerance_gone", ["relapse_danger", "overdose"]);
    }
  }

  // Intent or a plan with a time: imminent (tier 4). Self-harm with "tonight"; harm to others or using with "now".
  // Means gathered (tier 3 on their own, "I've been stockpiling my meds") with a time are imminent too.
  // Harm to others with a weapon or a plan and a time ("tonight when he gets home, I've got a gun") is imminent.
  const armed = [...findings, ...extra].some(
    (f) => f.rule.kind === "means" && f.rule.categories.includes("harm_to_others") && f.tier >= 3,
  );
  const ownMeans = findings.filter((f) => f.rule.kind === "means" && f.rule.tier >= 3);
  for (const f of [...risk, ...ownMeans, ...extra]) {
    if (f.tier !== 3 || f.discounted) continue;
    // A weapon or an address is a plan, not a time: the intent it goes with decides.
    if (f.rule.kind === "means" && f.rule.categories.includes("harm_to_others")) continue;
    const cats = f.categories.length > 0 ? f.categories : f.rule.categories;
    const drugOrOthers = cats.some((c) => c === "relapse_danger" || c === "harm_to_others");
    const intentLike = f.intent || f.rule.kind === "means" || f.rule.kind === "alone" || f.rule.kind === "use";
    const harmPlan = armed && f.intent && cats.includes("harm_to_others") && imminent();
    if (harmPlan || (drugOrOthers ? now() : intentLike && imminent())) escalate(f, 4, "imminent");
  }

  // Verdict.
  const evidence: Evidence[] = [];
  const byCategory = new Map<Category, number>();
  let top = 0;
  for (const f of [...findings, ...extra]) {
    if (f.tier <= 0) continue;
    const base = f.categories.length > 0 ? f.categories : f.rule.categories;
    const cats = categoriesFor(f, base);
    const start = doc.tokens[doc.sentences[f.s]![f.a]!]!.start;
    const end = doc.tokens[doc.sentences[f.s]![f.b - 1]!]!.end;
    for (const category of cats) {
      evidence.push({ category, tier: f.tier as Tier, rule: f.rule.id, start, end, modifiers: f.modifiers });
      byCategory.set(category, Math.max(byCategory.get(category) ?? 0, f.tier));
    }
    top = Math.max(top, f.tier);
  }
  const categories = [...byCategory.keys()].sort(
    (x, y) => byCategory.get(y)! - byCategory.get(x)! || CATEGORIES.indexOf(x) - CATEGORIES.indexOf(y),
  );
  evidence.sort((x, y) => y.tier - x.tier || x.start - y.start);
  // One entry per category, rule and place, and a bounded list (a message repeating a phrase
  // a thousand times needs no thousand explanations).
  const seen = new Set<string>();
  const kept: Evidence[] = [];
  for (const e of evidence) {
    const key = `${e.category}|${e.rule}|${e.start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(e);
    if (kept.length >= MAX_EVIDENCE) break;
  }
  return { tier: top as Tier, categories, evidence: kept, language };
}

// ---- Safety net ----------------------------------------------------------------------

/**
 * The rules' verdict, raised by the safety net (safety-net.ts) when the net finds
 * a higher tier than the rules did. Never lowered; the rules' evidence is kept.
 */
function withNet(doc: Doc, lx: CompiledLexicons, result: Assessment): Assessment {
  if (result.tier >= 4 || doc.sentences.length === 0) return result;
  const found = safetyNet(lx, {
    words: doc.words,
    quoted: (s, k) => doc.quoted[doc.sentences[s]![k]!] === 1,
  });
  let best = 0;
  for (const f of found) best = Math.max(best, f.tier);
  if (best <= result.tier) return result;
  const evidence = [...result.evidence];
  const byCategory = new Map<Category, number>();
  for (const c of result.categories) byCategory.set(c, Math.max(...result.evidence.filter((e) => e.category === c).map((e) => e.tier), 0));
  for (const f of found) {
    if (f.tier <= result.tier) continue;
    const ids = doc.sentences[f.s]!;
    const start = doc.tokens[ids[f.a]!]!.start;
    const end = doc.tokens[ids[f.b - 1]!]!.end;
    for (const category of f.categories) {
      evidence.push({ category, tier: f.tier, rule: f.rule, start, end, modifiers: ["safety_net"] });
      byCategory.set(category, Math.max(byCategory.get(category) ?? 0, f.tier));
    }
  }
  evidence.sort((x, y) => y.tier - x.tier || x.start - y.start);
  const categories = [...byCategory.keys()].sort(
    (x, y) => byCategory.get(y)! - byCategory.get(x)! || CATEGORIES.indexOf(x) - CATEGORIES.indexOf(y),
  );
  return { tier: best as Tier, categories, evidence: evidence.slice(0, MAX_EVIDENCE), language: result.language };
}

// ---- Language --------------------------------------------------------------------------

let languageWords: { en: Set<string>; es: Set<string> } | null = null;
const SPANISH_MARKS = /[ñÑ¿¡áéíóúÁÉÍÓÚ]/g;

function languageOf(lx: CompiledLexicons, tokens: readonly Token[], text: string): Language {
  if (!languageWords) {
    const allEn = new Set([...lx.stopwords.en, ...lx.vocabularyByLanguage.en]);
    const allEs = new Set([...lx.stopwords.es, ...lx.vocabularyByLanguage.es]);
    const en = new Set([...allEn].filter((w) => !allEs.has(w) && !/^\d/.test(w)));
    const es = new Set([...allEs].filter((w) => !allEn.has(w) && !/^\d/.test(w)));
    languageWords = { en, es };
  }
  let en = 0;
  let es = 0;
  for (const t of tokens) {
    if (t.kind !== "word") continue;
    if (languageWords.en.has(t.text)) en++;
    else if (languageWords.es.has(t.text)) es++;
  }
  const marks = text.length > 4000 ? text.slice(0, 4000).match(SPANISH_MARKS) : text.match(SPANISH_MARKS);
  if (marks) es += Math.min(3, marks.length) * 0.5;
  return es > en ? "es" : "en";
}

// ---- Public ------------------------------------------------------------------------------

function safeText(text: unknown): string {
  return typeof text === "string" ? text : "";
}

export function assess(text: string, options: AssessOptions = {}): Assessment {
  const input = safeText(text);
  const forced = options?.language === "en" || options?.language === "es" ? options.language : undefined;
  try {
    const lx = lexicons();
    const doc = buildDoc(lx, input);
    const language = forced ?? languageOf(lx, doc.tokens, input);
    return withNet(doc, lx, assessDoc(doc, lx, language));
  } catch {
    return { tier: 0, categories: [], evidence: [], language: forced ?? "en" };
  }
}

export function detectLanguage(text: string): Language {
  try {
    const input = safeText(text);
    const lx = lexicons();
    return languageOf(lx, lx.normalise(input), input);
  } catch {
    return "en";
  }
}

/**
 * Spans naming a method or means ("30 pills", "rope", "jump off the bridge"), for
 * moderators' views to blur. Only for messages assessed at tier 2 or more.
 */
export function methodDetails(text: string, options: AssessOptions = {}): Span[] {
  try {
    const input = safeText(text);
    const lx = lexicons();
    const doc = buildDoc(lx, input);
    const language = options?.language ?? "en";
    if (withNet(doc, lx, assessDoc(doc, lx, language)).tier < 2) return [];
    const spans: Span[] = [];
    for (const h of scan(doc, lx, lx.methodExact, lx.methodPrefix)) {
      const ids = doc.sentences[h.s]!;
      spans.push({ start: doc.tokens[ids[h.a]!]!.start, end: doc.tokens[ids[h.b - 1]!]!.end });
    }
    spans.sort((x, y) => x.start - y.start || y.end - x.end);
    const merged: Span[] = [];
    for (const sp of spans) {
      const last = merged[merged.length - 1];
      if (last && sp.start <= last.end) last.end = Math.max(last.end, sp.end);
      else merged.push({ ...sp });
    }
    return merged;
  } catch {
    return [];
  }
}
