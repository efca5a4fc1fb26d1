// The small phrase language the lexicons are written in, compiled to regular
// expressions over a sentence of normalised tokens (" tok tok tok ").
//
//   want to die          words, in order (each is normalised like the text)
//   {die}                any phrase of the class "die" (classes are lists of phrases)
//   [gonna|going to]     alternatives; each alternative is itself a phrase
//   really?  [a|b]?      optional word or group
//   kill*                a word starting with "kil" (a prefix; use for long stems only)
//   ~3                   a gap of 0 to 3 tokens of any kind
//   _                    exactly one token of any kind
//   #  ##                any number / a number of 10 or more written in digits
//   $                    the end of a sentence or clause (a full stop or a comma)
//   ,                    a comma
//
// Every compiled phrase also names its anchors: the tokens (or prefixes) of one
// required element, chosen to be as rare as possible. The detector only tries a
// phrase on a sentence that contains one of its anchors, which keeps scanning
// linear and fast on ordinary messages. The expressions have no nested
// unbounded repetition (gaps are bounded), so they cannot backtrack
// catastrophically.
import { collapseRepeats, type Normaliser } from "./normalise.js";

export type ClassEntry = readonly string[] | PersonClass;
export interface PersonClass {
  first?: readonly string[];
  second?: readonly string[];
  third?: readonly string[];
  /** Possessives and the like: they say less about who the subject is than reflexives and verb forms. */
  weak?: boolean;
}
export type Person = "first" | "second" | "third";

type Node =
  | { t: "lit"; words: string[]; opt: boolean }
  | { t: "prefix"; stem: string; opt: boolean }
  | { t: "alt"; alts: Node[][]; opt: boolean }
  | { t: "gap"; max: number }
  | { t: "any"; opt: boolean }
  | { t: "num"; big: boolean; opt: boolean }
  | { t: "end" };

export interface Anchors {
  exact: string[];
  prefix: string[];
}

export interface CompiledPhrase {
  source: string;
  regexSource: string;
  anchors: Anchors;
}

interface FirstSet {
  exact: Set<string>;
  prefix: Set<string>;
  open: boolean;
}

export class PhraseCompiler {
  private readonly classNodes = new Map<string, Node[][]>();
  private readonly classRegex = new Map<string, string>();
  private readonly resolving = new Set<string>();
  /** Every literal word and prefix stem seen: the vocabulary leetspeak readings are checked against. */
  readonly vocabulary = new Set<string>();
  readonly stems = new Set<string>();
  /** Person of words that appear in one person's list of a person class (ambiguous words are left out). */
  readonly personOf = new Map<string, { person: Person; weak: boolean }>();
  private readonly ambiguous = new Set<string>();

  /** A gap ("~3") never crosses one of these words (negations): "i ~2 use alone" must not read "i never use alone". */
  private readonly gapStopSource: string;

  constructor(
    private readonly classes: Record<string, ClassEntry>,
    private readonly normalise: Normaliser,
    private readonly common: ReadonlySet<string>,
    gapStop: readonly string[] = [],
  ) {
    const stops = [...new Set(gapStop.flatMap((w) => this.words(w)))].map(escapeRegex);
    this.gapStopSource = stops.length > 0 ? `(?!(?:${stops.join("|")}) )` : "";
    for (const [name, entry] of Object.entries(classes)) {
      if (Array.isArray(entry)) continue;
      const pc = entry as PersonClass;
      for (const person of ["first", "second", "third"] as const)
        for (const phrase of pc[person] ?? [])
          for (const word of this.words(phrase)) this.notePerson(word, person, pc.weak === true);
      void name;
    }
  }

  private notePerson(word: string, person: Person, weak: boolean) {
    if (this.ambiguous.has(word)) return;
    const seen = this.personOf.get(word);
    if (seen && seen.person !== person) {
      this.personOf.delete(word);
      this.ambiguous.add(word);
      return;
    }
    if (!seen || (seen.weak && !weak)) this.personOf.set(word, { person, weak });
  }

  private words(phrase: string): string[] {
    return this.normalise(phrase)
      .filter((t) => t.kind === "word")
      .map((t) => t.text);
  }

  compile(source: string): CompiledPhrase {
    const seq = this.parse(source);
    const regexSource = "(?<= )" + this.seqRegex(seq);
    const anchors = this.chooseAnchors(seq, source);
    return { source, regexSource, anchors };
  }

  /** A regular expression source for a list of phrases (no anchors), e.g. for context cues. */
  compileAlternation(sources: readonly string[]): string {
    if (sources.length === 0) return "(?!)";
    return "(?<= )(?:" + sources.map((s) => this.seqRegex(this.parse(s))).join("|") + ")";
  }

  // ---- parsing ----

  private parse(source: string): Node[] {
    const lexemes = lex(source);
    let pos = 0;
    const parseSeq = (stopAt: Set<string>): Node[] => {
      const seq: Node[] = [];
      while (pos < lexemes.length && !stopAt.has(lexemes[pos]!)) {
        const lx = lexemes[pos++]!;
        if (lx === "[") {
          const alts: Node[][] = [parseSeq(new Set(["|", "]"]))];
          while (lexemes[pos] === "|") {
            pos++;
            alts.push(parseSeq(new Set(["|", "]"])));
          }
          if (alts.some((alt) => alt.length === 0)) throw new Error(`empty alternative in "${source}"`);
          if (lexemes[pos] !== "]") throw new Error(`unclosed [ in "${source}"`);
          pos++;
          const opt = lexemes[pos] === "?";
          if (opt) pos++;
          seq.push({ t: "alt", alts, opt });
        } else if (lx === "?") {
          throw new Error(`stray ? in "${source}"`);
        } else seq.push(...this.atom(lx, source));
      }
      return seq;
    };
    const seq = parseSeq(new Set());
    if (pos !== lexemes.length) throw new Error(`unexpected "${lexemes[pos]}" in "${source}"`);
    return seq;
  }

  private atom(lx: string, source: string): Node[] {
    let opt = false;
    let word = lx;
    if (word.length > 1 && word.endsWith("?")) {
      opt = true;
      word = word.slice(0, -1);
    }
    if (/^~\d+$/.test(word)) return [{ t: "gap", max: Number(word.slice(1)) }];
    if (word === "_") return [{ t: "any", opt }];
    if (word === "$") return [{ t: "end" }];
    if (word === ",") return [{ t: "lit", words: [","], opt }];
    if (word === "#") return [{ t: "num", big: false, opt }];
    if (word === "##") return [{ t: "num", big: true, opt }];
    if (word.startsWith("{") && word.endsWith("}")) {
      const name = word.slice(1, -1);
      return [{ t: "alt", alts: this.classAlts(name, source), opt }];
    }
    if (word.length > 1 && word.endsWith("*") && !word.slice(0, -1).includes("*")) {
      const stemWords = this.words(word.slice(0, -1));
      if (stemWords.length !== 1) throw new Error(`bad prefix "${word}" in "${source}"`);
      const stem = collapseRepeats(stemWords[0]!);
      this.stems.add(stem);
      return [{ t: "prefix", stem, opt }];
    }
    const words = this.words(word);
    for (const w of words) this.vocabulary.add(w);
    if (words.length === 0) return [];
    return [{ t: "lit", words, opt }];
  }

  private classAlts(name: string, source: string): Node[][] {
    const cached = this.classNodes.get(name);
    if (cached) return cached;
    const entry = this.classes[name];
    if (!entry) throw new Error(`unknown class {${name}} in "${source}"`);
    if (this.resolving.has(name)) throw new Error(`class {${name}} refers to itself`);
    this.resolving.add(name);
    const phrases: string[] = Array.isArray(entry)
      ? [...entry]
      : [
          ...((entry as PersonClass).first ?? []),
          ...((entry as PersonClass).second ?? []),
          ...((entry as PersonClass).third ?? []),
        ];
    const alts = phrases.map((p) => this.parse(p)).filter((s) => s.length > 0);
    this.resolving.delete(name);
    this.classNodes.set(name, alts);
    return alts;
  }

  // ---- regular expressions ----

  private seqRegex(seq: Node[]): string {
    return seq.map((n) => this.nodeRegex(n)).join("");
  }

  private nodeRegex(node: Node): string {
    switch (node.t) {
      case "lit": {
        const body = node.words.map((w) => escapeRegex(w) + " ").join("");
        return node.opt ? `(?:${body})?` : body;
      }
      case "prefix": {
        const body = escapeRegex(node.stem) + "[^ ]* ";
        return node.opt ? `(?:${body})?` : body;
      }
      case "alt": {
        // Longest alternatives first so the match covers as much as it can.
        const bodies = [...new Set(node.alts.map((a) => this.seqRegex(a)))].sort((a, b) => b.length - a.length);
        const body = `(?:${bodies.join("|")})`;
        return node.opt ? `${body}?` : body;
      }
      case "gap":
        return `(?:${this.gapStopSource}[^ ]+ ){0,${node.max}}`;
      case "any":
        return node.opt ? "(?:[^ ]+ )?" : "[^ ]+ ";
      case "end":
        return "[.,] ";
      case "num": {
        const body = node.big ? "(?:[1-9]\\d|\\d{3,})\\d*(?:[.,]\\d+)? " : "\\d+(?:[.,]\\d+)? ";
        return node.opt ? `(?:${body})?` : body;
      }
    }
  }

  // ---- anchors ----

  private nullable(node: Node): boolean {
    switch (node.t) {
      case "gap":
        return true;
      case "end":
        return false;
      case "lit":
      case "prefix":
      case "any":
      case "num":
        return node.opt;
      case "alt":
        return node.opt || node.alts.some((a) => a.every((n) => this.nullable(n)));
    }
  }

  private firstSet(seq: Node[]): FirstSet {
    const set: FirstSet = { exact: new Set(), prefix: new Set(), open: false };
    for (const node of seq) {
      const f = this.nodeFirst(node);
      f.exact.forEach((w) => set.exact.add(w));
      f.prefix.forEach((w) => set.prefix.add(w));
      set.open ||= f.open;
      if (!this.nullable(node)) return set;
    }
    set.open = true; // the whole sequence can be empty
    return set;
  }

  private nodeFirst(node: Node): FirstSet {
    switch (node.t) {
      case "lit":
        return { exact: new Set([node.words[0]!]), prefix: new Set(), open: false };
      case "prefix":
        return { exact: new Set(), prefix: new Set([node.stem]), open: false };
      case "alt": {
        const set: FirstSet = { exact: new Set(), prefix: new Set(), open: false };
        for (const a of node.alts) {
          const f = this.firstSet(a);
          f.exact.forEach((w) => set.exact.add(w));
          f.prefix.forEach((w) => set.prefix.add(w));
          set.open ||= f.open;
        }
        return set;
      }
      default:
        return { exact: new Set(), prefix: new Set(), open: true };
    }
  }

  private wordCost(w: string): number {
    return this.common.has(w) ? 40 : w.length <= 2 ? 10 : 1;
  }

  /**
   * The cheapest set of tokens one of which must occur wherever the sequence
   * matches: one required element, and for an alternation the best anchor of
   * each alternative.
   */
  private best(seq: Node[]): { exact: Set<string>; prefix: Set<string>; cost: number } | null {
    let best: { exact: Set<string>; prefix: Set<string>; cost: number } | null = null;
    const consider = (c: { exact: Set<string>; prefix: Set<string>; cost: number } | null) => {
      if (c && (!best || c.cost < best.cost)) best = c;
    };
    for (const node of seq) {
      if (this.nullable(node)) continue;
      if (node.t === "lit") {
        for (const w of node.words) consider({ exact: new Set([w]), prefix: new Set(), cost: this.wordCost(w) });
      } else if (node.t === "prefix") {
        consider({ exact: new Set(), prefix: new Set([node.stem]), cost: node.stem.length <= 3 ? 40 : 3 });
      } else if (node.t === "alt") {
        const union = { exact: new Set<string>(), prefix: new Set<string>(), cost: 0 };
        let open = false;
        for (const alt of node.alts) {
          const b = this.best(alt);
          if (!b) {
            open = true;
            break;
          }
          b.exact.forEach((w) => union.exact.add(w));
          b.prefix.forEach((w) => union.prefix.add(w));
        }
        if (!open) {
          union.exact.forEach((w) => (union.cost += this.wordCost(w)));
          union.prefix.forEach((w) => (union.cost += w.length <= 3 ? 40 : 3));
          consider(union);
        }
      }
    }
    return best;
  }

  private chooseAnchors(seq: Node[], source: string): Anchors {
    const best = this.best(seq);
    if (!best) throw new Error(`no anchor word in "${source}" (a phrase needs one required word)`);
    return { exact: [...best.exact], prefix: [...best.prefix] };
  }
}

function lex(source: string): string[] {
  const out: string[] = [];
  let cur = "";
  const flush = () => {
    if (cur) out.push(cur);
    cur = "";
  };
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === " ") flush();
    else if (ch === "[" || ch === "|") {
      flush();
      out.push(ch);
    } else if (ch === "]") {
      flush();
      out.push("]");
      if (source[i + 1] === "?") {
        out.push("?");
        i++;
      }
    } else cur += ch;
  }
  flush();
  return out;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}
