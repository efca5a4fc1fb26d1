// The directory's word search: each meeting keeps a tsvector of its name,
// description, city and group name (the 'simple' configuration: lower-cased
// words, no stemming, so names and places in any language match as written),
// searched by word prefixes through a GIN index instead of ILIKE over every
// meeting's text.
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";

const vector = sql`to_tsvector('simple', m.name || ' ' || m.description || ' ' || m.city || ' ' ||
  coalesce((select g.name from recovery_group g where g.id = m.group_id), ''))`;

/** Rewrites the search words of the meetings `where` selects (alias m), in the caller's transaction. */
export async function refreshSearch(db: Db, where: SQL) {
  await db.execute(sql`update meeting m set search = ${vector} where ${where}`);
}

/** "hope sun" → every meeting with a word starting "hope" and one starting "sun"; null when there is no word at all. */
export function searchCondition(words: string): SQL | null {
  const terms = (words.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 8);
  if (terms.length === 0) return null;
  return sql`m.search @@ to_tsquery('simple', ${terms.map((t) => `${t}:*`).join(" & ")})`;
}
