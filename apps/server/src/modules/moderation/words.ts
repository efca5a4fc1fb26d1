// Watched words: an admin's list of words and phrases that are flagged for the
// moderators, hold a forum post for approval, are replaced, or become a link.
// Matching ignores case and accents, respects word boundaries, and lets "*"
// stand for any letters inside a word. There is no "block": words never stop
// anyone from writing, and a phrase the crisis detector reads as a cry for help
// can only be flagged or linked — never held or rewritten.
import type { NewWatchedWord, UpdateWatchedWord, WatchedWord, WatchedWordAction } from "@kindred/contracts";
import { sql } from "drizzle-orm";
import type { z } from "zod";
import { type Db, selectRows } from "../../db/client.js";
import { problems } from "../../http/problem.js";
import { timeOrderedId } from "../../lib/ids.js";
import { recordAudit } from "../accounts/audit.js";
import { assessSafely, HELP_FROM_TIER } from "../safety/screen.js";

export type WatchedWordRow = { id: string; phrase: string; action: WatchedWordAction; replacement: string | null; url: string | null; createdAt: Date };

// ── Matching ──────────────────────────────────────────────────────────────────

const WORD_CHAR = "[\\p{L}\\p{N}]";
const MARK = /\p{M}/u;

/** Lower case, no accents, one kind of apostrophe. */
function fold(s: string): string {
  return s.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "").replace(/[’‘`]/g, "'");
}

/** The folded text, with where each of its characters came from in the original. */
export function foldWithMap(text: string): { folded: string; from: number[]; to: number[] } {
  let folded = "";
  const from: number[] = [];
  const to: number[] = [];
  let i = 0;
  for (const ch of text) {
    const f = fold(ch);
    for (let k = 0; k < f.length; k++) {
      from.push(i);
      to.push(i + ch.length);
    }
    folded += f;
    i += ch.length;
  }
  return { folded, from, to };
}

/** A phrase as a regular expression over folded text: whole words, "*" for letters inside a word, any white space between words. */
export function phrasePattern(phrase: string): RegExp {
  const body = fold(phrase.trim())
    .split(/\s+/)
    .map((word) =>
      word
        .split("*")
        .map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"))
        .join(`${WORD_CHAR}*`),
    )
    .join("\\s+");
  return new RegExp(`(?<!${WORD_CHAR})${body}(?!${WORD_CHAR})`, "gu");
}

export type Match = { word: WatchedWordRow; start: number; end: number };

/** Every match of every word, as offsets into the original text (combining accents included). */
export function findMatches(text: string, words: readonly WatchedWordRow[]): Match[] {
  if (words.length === 0 || text.length === 0) return [];
  const { folded, from, to } = foldWithMap(text);
  const matches: Match[] = [];
  for (const word of words) {
    for (const m of folded.matchAll(phrasePattern(word.phrase))) {
      if (m[0].length === 0) continue;
      const start = from[m.index]!;
      let end = to[m.index + m[0].length - 1]!;
      while (end < text.length && MARK.test(text[end]!)) end++;
      matches.push({ word, start, end });
    }
  }
  return matches.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** Parts of Markdown a rewrite must not touch: code, link destinations and bare addresses. */
function protectedRanges(markdown: string, forLinks: boolean): [number, number][] {
  const patterns = [/```[\s\S]*?(```|$)/g, /`[^`\n]*`/g, /\]\([^)]*\)/g, /<https?:\/\/[^>]*>/g, /\bhttps?:\/\/\S+/g];
  // A link inside a link's text would nest links.
  if (forLinks) patterns.push(/\[[^\]\n]*\]\([^)]*\)/g);
  const ranges: [number, number][] = [];
  for (const p of patterns) for (const m of markdown.matchAll(p)) ranges.push([m.index, m.index + m[0].length]);
  return ranges;
}

const inside = (ranges: [number, number][], m: { start: number; end: number }) => ranges.some(([s, e]) => m.start < e && m.end > s);

export type Screened = {
  title: string | null;
  body: string;
  /** Flag rules that matched (one per rule). */
  flagged: WatchedWordRow[];
  /** Require-approval rules that matched. */
  requireApproval: WatchedWordRow[];
  /** Replace rules that matched but were not applied, because the words may be a cry for help. */
  notReplaced: WatchedWordRow[];
};

function rewrite(text: string, matches: Match[], format: "markdown" | "plain" | "title", apply: { replace: boolean }): string {
  const protectedForReplace = format === "markdown" ? protectedRanges(text, false) : [];
  const protectedForLinks = format === "markdown" ? protectedRanges(text, true) : [];
  let out = "";
  let at = 0;
  for (const m of matches) {
    if (m.start < at) continue; // overlaps an earlier, longer match
    const original = text.slice(m.start, m.end);
    let replacement: string | null = null;
    if (m.word.action === "replace" && apply.replace && !inside(protectedForReplace, m)) replacement = m.word.replacement ?? "";
    if (m.word.action === "link" && format !== "title" && !inside(protectedForLinks, m))
      replacement = format === "markdown" ? `[${original}](${markdownUrl(m.word.url ?? "")})` : `${original} (${m.word.url})`;
    if (replacement === null) continue;
    out += text.slice(at, m.start) + replacement;
    at = m.end;
  }
  return out + text.slice(at);
}

/** An address that cannot end a Markdown link early. */
const markdownUrl = (url: string) => url.replace(/[()\s<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);

const unique = (rows: WatchedWordRow[]) => [...new Map(rows.map((r) => [r.id, r])).values()];

/**
 * Applies the watched words to a piece of writing before it is stored: replace
 * and link rewrite it; flag and require-approval rules are returned for the
 * caller to act on. Replacements are skipped when the original words may be a
 * cry for help (the detector's tier 2 or more).
 */
export function screenWords(input: { title?: string | null; body: string; format: "markdown" | "plain" }, words: readonly WatchedWordRow[]): Screened {
  const title = input.title ?? null;
  const titleMatches = title ? findMatches(title, words) : [];
  const bodyMatches = findMatches(input.body, words);
  const all = [...titleMatches, ...bodyMatches];
  const of = (action: WatchedWordAction) => unique(all.filter((m) => m.word.action === action).map((m) => m.word));
  const replaceRules = of("replace");
  const crisis = replaceRules.length > 0 && assessSafely([title, input.body].filter(Boolean).join("\n")).tier >= HELP_FROM_TIER;
  return {
    title: title === null ? null : rewrite(title, titleMatches, "title", { replace: !crisis }),
    body: rewrite(input.body, bodyMatches, input.format, { replace: !crisis }),
    flagged: of("flag"),
    requireApproval: of("require_approval"),
    notReplaced: crisis ? replaceRules : [],
  };
}

export async function loadWatchedWords(db: Db): Promise<WatchedWordRow[]> {
  return selectRows<WatchedWordRow>(
    db,
    sql`select id, phrase, action, replacement, url, created_at as "createdAt" from watched_word order by lower(phrase)`,
  );
}

// ── The admins' list ──────────────────────────────────────────────────────────

const present = (r: WatchedWordRow): WatchedWord => ({
  id: r.id,
  phrase: r.phrase,
  action: r.action,
  replacement: r.replacement,
  url: r.url,
  createdAt: new Date(r.createdAt).toISOString(),
});

/** Crisis words must never delay or change a cry for help: they may be flagged or linked (to help), nothing else. */
function refuseCrisisRule(phrase: string, action: WatchedWordAction) {
  if (action !== "require_approval" && action !== "replace") return;
  const tier = Math.max(assessSafely(phrase).tier, assessSafely(phrase.replaceAll("*", "")).tier);
  if (tier >= HELP_FROM_TIER)
    throw problems.validation(
      [{ path: "body.action", message: "These words may be a cry for help: they can be flagged or linked to help, never held or replaced" }],
      "Crisis words can only be flagged or linked.",
    );
}

export async function listWatchedWords(db: Db) {
  return { items: (await loadWatchedWords(db)).map(present) };
}

const duplicate = () =>
  problems.conflict("duplicate-phrase", "This phrase is already watched", "Change the existing rule instead.", [
    { path: "body.phrase", message: "Already on the list" },
  ]);

async function phraseTaken(db: Db, phrase: string, exceptId: string | null) {
  const rows = await selectRows<{ id: string }>(
    db,
    sql`select id from watched_word where lower(phrase) = lower(${phrase}) ${exceptId ? sql`and id <> ${exceptId}` : sql``}`,
  );
  return rows.length > 0;
}

export async function createWatchedWord(db: Db, actorId: string, input: z.output<typeof NewWatchedWord>): Promise<WatchedWord> {
  refuseCrisisRule(input.phrase, input.action);
  if (await phraseTaken(db, input.phrase, null)) throw duplicate();
  const id = timeOrderedId();
  return db.transaction(async (tx) => {
    const [row] = await selectRows<WatchedWordRow>(
      tx,
      sql`insert into watched_word (id, phrase, action, replacement, url, created_by)
          values (${id}, ${input.phrase}, ${input.action}, ${input.replacement ?? null}, ${input.url ?? null}, ${actorId})
          on conflict do nothing
          returning id, phrase, action, replacement, url, created_at as "createdAt"`,
    );
    if (!row) throw duplicate();
    await recordAudit(tx, actorId, "moderation.watched_word_created", "watched_word", id, { phrase: input.phrase, action: input.action });
    return present(row);
  });
}

export async function updateWatchedWord(db: Db, actorId: string, id: string, patch: z.output<typeof UpdateWatchedWord>): Promise<WatchedWord> {
  const [current] = await selectRows<WatchedWordRow>(
    db,
    sql`select id, phrase, action, replacement, url, created_at as "createdAt" from watched_word where id = ${id}`,
  );
  if (!current) throw problems.notFound("This watched word");
  const action = patch.action ?? current.action;
  const next = {
    phrase: patch.phrase ?? current.phrase,
    action,
    // Changing the action drops what only the old action used, unless the new one is sent.
    replacement: action === "replace" ? (patch.replacement !== undefined ? patch.replacement : current.replacement) : null,
    url: action === "link" ? (patch.url !== undefined ? patch.url : current.url) : null,
  };
  const errors = [];
  if (next.action === "replace" && !next.replacement) errors.push({ path: "body.replacement", message: "Say what replaces the word" });
  if (next.action === "link" && !next.url) errors.push({ path: "body.url", message: "Give the address to link to" });
  if (patch.replacement && next.action !== "replace") errors.push({ path: "body.replacement", message: "Only a replace rule has a replacement" });
  if (patch.url && next.action !== "link") errors.push({ path: "body.url", message: "Only a link rule has an address" });
  if (errors.length > 0) throw problems.validation(errors);
  refuseCrisisRule(next.phrase, next.action);
  if (await phraseTaken(db, next.phrase, id)) throw duplicate();
  return db.transaction(async (tx) => {
    const [row] = await selectRows<WatchedWordRow>(
      tx,
      sql`update watched_word set phrase = ${next.phrase}, action = ${next.action}, replacement = ${next.replacement}, url = ${next.url}
          where id = ${id} returning id, phrase, action, replacement, url, created_at as "createdAt"`,
    );
    await recordAudit(tx, actorId, "moderation.watched_word_changed", "watched_word", id, { phrase: next.phrase, action: next.action });
    return present(row!);
  });
}

export async function deleteWatchedWord(db: Db, actorId: string, id: string) {
  await db.transaction(async (tx) => {
    const rows = await selectRows<{ phrase: string }>(tx, sql`delete from watched_word where id = ${id} returning phrase`);
    if (rows.length === 0) throw problems.notFound("This watched word");
    await recordAudit(tx, actorId, "moderation.watched_word_deleted", "watched_word", id, { phrase: rows[0]!.phrase });
  });
}
