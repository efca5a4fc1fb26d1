// Scores the detector against the held-out labelled set (eval/labelled.jsonl):
//   npm run --silent safety:eval [-- --misses] [-- --json] [-- --file eval/probe.jsonl]
// `--file` scores another file of the same shape instead (a path relative to
// the working directory, or to packages/safety when not found there).
// Prints tier-3+ recall and precision, tier-2+ recall, exact-tier accuracy and
// the hard-negative false-positive rate (hard negatives assessed at tier 2 or
// more), each with a 95% Wilson interval, overall and per language.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { assess } from "./assess.js";
import type { Category, Language, Tier } from "./types.js";

export interface LabelledMessage {
  id: string;
  language: Language;
  text: string;
  tier: Tier;
  categories: Category[];
  hard_negative: boolean;
  kind: string;
}

export interface Rate {
  hits: number;
  total: number;
  value: number;
  low: number;
  high: number;
}

export interface Scores {
  count: number;
  tier3Recall: Rate;
  tier3Precision: Rate;
  tier2Recall: Rate;
  exactTier: Rate;
  hardNegativeFpr: Rate;
}

export interface EvaluationResult {
  overall: Scores;
  byLanguage: Record<Language, Scores>;
  misses: { id: string; language: Language; expected: Tier; actual: Tier; kind: string; hardNegative: boolean }[];
}

export const TARGETS = { tier3Recall: 0.95, tier2Recall: 0.9, hardNegativeFpr: 0.05 } as const;

export const LABELLED_PATH = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "eval", "labelled.jsonl");

export function loadLabelled(file = LABELLED_PATH): LabelledMessage[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as LabelledMessage);
}

/** The Wilson score interval at 95%. */
export function wilson(hits: number, total: number): Rate {
  if (total === 0) return { hits, total, value: NaN, low: NaN, high: NaN };
  const z = 1.959964;
  const p = hits / total;
  const denom = 1 + (z * z) / total;
  const centre = (p + (z * z) / (2 * total)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / total + (z * z) / (4 * total * total))) / denom;
  return { hits, total, value: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

function score(rows: { m: LabelledMessage; actual: Tier }[]): Scores {
  const count = (f: (r: { m: LabelledMessage; actual: Tier }) => boolean) => rows.filter(f).length;
  return {
    count: rows.length,
    tier3Recall: wilson(
      count((r) => r.m.tier >= 3 && r.actual >= 3),
      count((r) => r.m.tier >= 3),
    ),
    tier3Precision: wilson(
      count((r) => r.m.tier >= 3 && r.actual >= 3),
      count((r) => r.actual >= 3),
    ),
    tier2Recall: wilson(
      count((r) => r.m.tier >= 2 && r.actual >= 2),
      count((r) => r.m.tier >= 2),
    ),
    exactTier: wilson(
      count((r) => r.m.tier === r.actual),
      rows.length,
    ),
    hardNegativeFpr: wilson(
      count((r) => r.m.hard_negative && r.actual >= 2),
      count((r) => r.m.hard_negative),
    ),
  };
}

export function evaluate(messages: readonly LabelledMessage[] = loadLabelled()): EvaluationResult {
  const rows = messages.map((m) => ({ m, actual: assess(m.text, { language: m.language }).tier }));
  return {
    overall: score(rows),
    byLanguage: {
      en: score(rows.filter((r) => r.m.language === "en")),
      es: score(rows.filter((r) => r.m.language === "es")),
    },
    misses: rows
      .filter((r) => r.m.tier !== r.actual)
      .map((r) => ({
        id: r.m.id,
        language: r.m.language,
        expected: r.m.tier,
        actual: r.actual,
        kind: r.m.kind,
        hardNegative: r.m.hard_negative,
      })),
  };
}

function fmt(r: Rate): string {
  if (r.total === 0) return "n/a";
  return `${r.value.toFixed(3)} [${r.low.toFixed(3)}, ${r.high.toFixed(3)}] (${r.hits}/${r.total})`;
}

export function report(result: EvaluationResult): string {
  const lines: string[] = [];
  const block = (title: string, s: Scores) => {
    lines.push(`${title} (${s.count} messages)`);
    lines.push(`  tier-3+ recall        ${fmt(s.tier3Recall)}   target ≥ ${TARGETS.tier3Recall}`);
    lines.push(`  tier-3+ precision     ${fmt(s.tier3Precision)}`);
    lines.push(`  tier-2+ recall        ${fmt(s.tier2Recall)}   target ≥ ${TARGETS.tier2Recall}`);
    lines.push(`  exact tier            ${fmt(s.exactTier)}`);
    lines.push(
      `  hard-negative FPR     ${fmt(s.hardNegativeFpr)}   target ≤ ${TARGETS.hardNegativeFpr} (tier ≥ 2 on a hard negative)`,
    );
  };
  block("overall", result.overall);
  block("English", result.byLanguage.en);
  block("Spanish", result.byLanguage.es);
  return lines.join("\n");
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const fileAt = args.indexOf("--file");
  let file = LABELLED_PATH;
  if (fileAt >= 0) {
    const given = args[fileAt + 1];
    if (!given) {
      console.error("usage: evaluate [--misses] [--json] [--file path.jsonl]");
      process.exit(2);
    }
    const local = path.resolve(given);
    file = existsSync(local) ? local : path.join(path.dirname(LABELLED_PATH), "..", given);
  }
  const result = evaluate(loadLabelled(file));
  if (args.includes("--json")) console.log(JSON.stringify(result, null, 2));
  else {
    console.log(report(result));
    if (args.includes("--misses")) {
      console.log(`\nmisclassified (${result.misses.length}): id expected → actual`);
      for (const m of result.misses)
        console.log(`  ${m.id}  ${m.expected} → ${m.actual}  ${m.kind}${m.hardNegative ? " (hard negative)" : ""}`);
    }
  }
}
