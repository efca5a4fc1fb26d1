// The safety net: a broad co-occurrence layer under the lexicon rules.
//
// The rules are precise but narrow. The net reads each sentence for word classes
// (lexicon/net.json: means, self-reference, immediacy, intent, someone else,
// threats…) and, when classes co-occur within ±12 tokens, proposes a tier. It
// only ever RAISES a message's tier (assess.ts); it never lowers one. A benign
// activity (cooking, a game, a workout, a show), news or lyrics, a joke, a
// quotation, a hypothetical or the distant past in the sentence vetoes it, and
// a negation just before its trigger does too.
import net from "../lexicon/net.json" with { type: "json" };
import type { CompiledLexicons } from "./lexicons.js";
import type { Category, Tier } from "./types.js";

const SPAN = 12;
const NEGATION_LOOKBACK = 3;

type NetClass = Exclude<keyof typeof net, "_about">;
const CLASSES = Object.keys(net).filter((k) => k !== "_about") as NetClass[];

interface Entry {
  cls: number;
  rest: readonly string[];
  prefix: boolean;
}

interface CompiledNet {
  index: Map<string, Entry[]>;
  prefixes: { stem: string; cls: number }[];
  /** First words of the classes every combination needs (see the cheap exit below). */
  triggers: Set<string>;
}

/** Every combination needs at least one of these; a message without any is passed over at once. */
const TRIGGER_CLASSES = new Set(["means", "die", "unresponsive", "threat", "use", "sameDose", "distress"]);

export interface NetFinding {
  s: number;
  a: number;
  b: number;
  tier: Tier;
  categories: Category[];
  rule: string;
}

export interface NetContext {
  /** Sentences as normalised words. */
  words: readonly (readonly string[])[];
  /** Whether word k of sentence s is inside a quotation. */
  quoted: (s: number, k: number) => boolean;
}

let compiled: CompiledNet | null = null;

function compile(lx: CompiledLexicons): CompiledNet {
  const index = new Map<string, Entry[]>();
  const prefixes: { stem: string; cls: number }[] = [];
  const triggers = new Set<string>();
  CLASSES.forEach((name, cls) => {
    for (const raw of net[name] as string[]) {
      const prefix = raw.endsWith("*");
      const ws = lx
        .normalise(prefix ? raw.slice(0, -1) : raw)
        .filter((t) => t.kind === "word")
        .map((t) => t.text);
      if (ws.length === 0) throw new Error(`safety net: "${raw}" in ${name} normalises to nothing`);
      if (prefix && ws.length === 1) {
        prefixes.push({ stem: ws[0]!, cls });
        continue;
      }
      if (TRIGGER_CLASSES.has(name)) triggers.add(ws[0]!);
      const list = index.get(ws[0]!) ?? [];
      list.push({ cls, rest: ws.slice(1), prefix: false });
      index.set(ws[0]!, list);
    }
  });
  return { index, prefixes, triggers };
}

const C = Object.fromEntries(CLASSES.map((n, i) => [n, i])) as Record<NetClass, number>;

/** Per class, the [start, end) of each match in one sentence. */
function classify(net: CompiledNet, words: readonly string[]): number[][] {
  const found: number[][] = CLASSES.map(() => []);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const list = net.index.get(w);
    if (list) {
      for (const e of list) {
        let ok = i + e.rest.length < words.length;
        for (let j = 0; ok && j < e.rest.length; j++) ok = words[i + 1 + j] === e.rest[j];
        if (ok) found[e.cls]!.push(i, i + 1 + e.rest.length);
      }
    }
    for (const p of net.prefixes) if (w.startsWith(p.stem)) found[p.cls]!.push(i, i + 1);
  }
  return found;
}

export function safetyNet(lx: CompiledLexicons, ctx: NetContext): NetFinding[] {
  compiled ??= compile(lx);
  const out: NetFinding[] = [];
  const sentences = ctx.words;
  let docVeto: boolean | null = null;
  const messageVeto = () =>
    (docVeto ??= sentences.some((w) => lx.cues.activity.test(w as string[]) || lx.cues.joke.test(w as string[])));

  // Most messages name nothing the net looks for: one pass of set lookups, no allocation.
  if (compiled.prefixes.length === 0 && !sentences.some((w) => w.some((x) => compiled!.triggers.has(x)))) return [];
  const all = sentences.map((w) => classify(compiled!, w));
  for (let s = 0; s < sentences.length; s++) {
    const words = sentences[s]!;
    const m = all[s]!;
    const has = (cls: number) => m[cls]!.length > 0;
    // Cheap exit: every combination needs one of these triggers.
    if (!has(C.means) && !has(C.die) && !has(C.unresponsive) && !has(C.threat) && !has(C.use) && !has(C.sameDose) && !has(C.distress)) continue;
    if (messageVeto()) return [];
    const w = words as string[];
    if (lx.cues.media.test(w) || (s > 0 && lx.cues.media.test(sentences[s - 1] as string[])) || lx.cues.hypothetical.test(w))
      continue;
    // "used to" is part of "the same amount I used to": that combination ignores the past cue.
    const distant = lx.cues.distantPast.test(w);
    /** An intent or goodbye in this sentence near [a, b), or anywhere in the next or previous one. */
    const intentNear = (a: number, b: number) =>
      near(C.intent, a, b) >= 0 || (all[s - 1]?.[C.intent]?.length ?? 0) > 0 || (all[s + 1]?.[C.intent]?.length ?? 0) > 0;

    /** The first match of cls within SPAN tokens of [a, b), or -1. */
    const near = (cls: number, a: number, b: number): number => {
      const list = m[cls]!;
      for (let k = 0; k < list.length; k += 2) if (list[k + 1]! > a - SPAN && list[k]! < b + SPAN) return list[k]!;
      return -1;
    };
    const clean = (a: number, b: number) => {
      for (let k = a; k < b; k++) if (ctx.quoted(s, k)) return false;
      return !lx.cues.negation.test(w.slice(Math.max(0, a - NEGATION_LOOKBACK), a));
    };
    const add = (a: number, b: number, tier: Tier, categories: Category[], rule: string) => {
      if (clean(a, b)) out.push({ s, a, b, tier, categories, rule });
    };
    const each = (cls: number, fn: (a: number, b: number) => void) => {
      const list = m[cls]!;
      for (let k = 0; k < list.length; k += 2) fn(list[k]!, list[k + 1]!);
    };
    const selfNear = (a: number, b: number) => near(C.self, a, b) >= 0;
    const nowNear = (a: number, b: number) => near(C.immediacy, a, b) >= 0;

    each(C.means, (a, b) => {
      if (distant || !selfNear(a, b)) return;
      const intent = intentNear(a, b);
      if (nowNear(a, b) && (intent || near(C.quantity, a, b) >= 0)) add(a, b, 4, ["suicide"], "net.means.imminent");
      else if (intent || near(C.hidden, a, b) >= 0) add(a, b, 3, ["suicide"], "net.means.plan");
    });
    each(C.die, (a, b) => {
      if (distant) return;
      if (!selfNear(a, b)) return;
      const harm: Category = /^(cut|hurt|cort|lastim|hacerme)/.test(w[a]!) ? "self_harm" : "suicide";
      // The intent must be another phrase than the one read ("kms" is both).
      const other = m[C.intent]!.some((x, k) => k % 2 === 0 && (x >= b || m[C.intent]![k + 1]! <= a) && x > a - SPAN && x < b + SPAN);
      if (nowNear(a, b) && other) add(a, b, 4, [harm], "net.intent.imminent");
      else if (near(C.thought, a, b) >= 0) add(a, b, 2, [harm], "net.ideation");
    });
    each(C.unresponsive, (a, b) => {
      if (distant) return;
      if (near(C.other, a, b) >= 0) add(a, b, 4, ["concern_for_other", "overdose"], "net.other.unresponsive");
    });
    each(C.threat, (a, b) => {
      if (distant) return;
      if (near(C.abuser, a, b) < 0) return;
      const armed = near(C.weapon, a, b) >= 0 && near(C.door, a, b) >= 0;
      add(a, b, armed ? 4 : 3, ["abuse"], armed ? "net.threat.armed" : "net.threat");
    });
    each(C.use, (a, b) => {
      if (distant) return;
      if (!selfNear(a, b) || lx.cues.harmReduction.test(w)) return;
      if (near(C.symptom, a, b) >= 0 && nowNear(a, b)) add(a, b, 4, ["overdose"], "net.use.symptoms");
      else if (near(C.alone, a, b) >= 0 && nowNear(a, b)) add(a, b, 3, ["relapse_danger"], "net.use.alone");
    });
    each(C.sameDose, (a, b) => {
      if (selfNear(a, b) && near(C.breakFrom, a, b) >= 0) add(a, b, 3, ["relapse_danger"], "net.use.old_dose");
    });
    each(C.distress, (a, b) => {
      if (distant) return;
      add(a, b, 1, ["distress"], "net.distress");
    });
  }
  return out;
}
