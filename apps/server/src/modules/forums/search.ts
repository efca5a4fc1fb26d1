// Full-text search over topic titles and post bodies, English and Spanish,
// scoped to what the searcher may read. Ranking looks at the newest 500
// matches: a very common word then costs a bounded amount of work, and in a
// support forum recent conversations are the ones worth finding first.
import type { SearchResults } from "@kindred/contracts";
import { sql } from "drizzle-orm";
import { type Db, selectRows } from "../../db/client.js";
import { problems } from "../../http/problem.js";
import type { Actor } from "../../policy/index.js";
import { findCategory, readableCategories } from "./categories.js";
import { forumsPolicy } from "./policy.js";
import { decodeCursor, encodeCursor } from "../../lib/cursor.js";

const CANDIDATES = 500;
const START = "\u0001";
const STOP = "\u0002";
/** ts_headline drops whatever looks like an HTML tag; "<" travels disguised so people's words come back whole. */
const LT = "\u0003";

type Query = { q: string; category?: string; author?: string; from?: string; to?: string; cursor?: string; limit: number };
type Cursor = { rank: number; id: string };


export async function search(db: Db, actor: Actor, query: Query): Promise<SearchResults> {
  const cursor = decodeCursor<Cursor>(query.cursor, (c) => typeof c.rank === "number" && typeof c.id === "string", "search again");
  if (query.from && query.to && query.to < query.from)
    throw problems.validation([{ path: "querystring.to", message: "The end date comes before the start date" }]);
  let categoryIds: string[];
  if (query.category) {
    const category = await findCategory(db, { slug: query.category });
    forumsPolicy.authorize(actor, "category.read", category);
    categoryIds = [category.id];
  } else categoryIds = (await readableCategories(db, actor)).map((c) => c.id);
  if (categoryIds.length === 0) return { items: [], nextCursor: null };

  const filters = [
    query.from ? sql`and p.created_at >= ${query.from}::date` : sql``,
    query.to ? sql`and p.created_at < ${query.to}::date + 1` : sql``,
    // An author filter never matches their anonymous posts: that would unmask them.
    query.author
      ? sql`and not p.anonymous and p.author_id = (select id from "user" where lower(coalesce(display_username, name)) = lower(${query.author}) limit 1)`
      : sql``,
  ];
  // Written out where it is used (not joined from a CTE) so the planner sees the words and
  // can tell a common one (walk the newest posts) from a rare one (use the full-text index).
  const tsquery = sql`(websearch_to_tsquery('english', ${query.q}) || websearch_to_tsquery('spanish', ${query.q}))`;
  const rows = await selectRows<{
    id: string; topicId: string; title: string; number: number; slug: string; categoryName: string; authorId: string | null;
    pseudonym: string | null; anonymous: boolean; contentWarning: string | null; createdAt: Date; rank: number; headline: string;
  }>(
    db,
    sql`with candidates as materialized (
          select p.id, p.topic_id, p.number, p.author_id, p.anonymous, p.content_warning, p.created_at, p.markdown, p.language, p.search
          from forum_post p
          where p.search @@ ${tsquery} and p.removed_at is null and p.hidden_at is null and p.held_at is null ${sql.join(filters, sql` `)}
            and exists (select 1 from forum_topic t where t.id = p.topic_id and t.deleted_at is null and t.held_at is null
                          and t.category_id in (${sql.join(categoryIds.map((id) => sql`${id}`), sql`, `)}))
          order by p.id desc limit ${CANDIDATES}),
        page as (
          select c.*, ts_rank_cd(c.search, ${tsquery}) as rank from candidates c
          where ${cursor ? sql`(ts_rank_cd(c.search, ${tsquery}), c.id) < (${cursor.rank}::real, ${cursor.id})` : sql`true`}
          order by rank desc, c.id desc limit ${query.limit + 1})
        select page.id, page.topic_id as "topicId", t.title, page.number, c.slug, c.name as "categoryName",
               page.author_id as "authorId", coalesce(u.display_username, u.name) as pseudonym, page.anonymous,
               page.content_warning as "contentWarning", page.created_at as "createdAt", page.rank,
               ts_headline(case page.language when 'es' then 'spanish' else 'english' end::regconfig,
                 replace(page.markdown, '<', ${LT}), ${tsquery},
                 ${`StartSel=${START}, StopSel=${STOP}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`}) as headline
        from page join forum_topic t on t.id = page.topic_id join forum_category c on c.id = t.category_id
             left join "user" u on u.id = page.author_id
        order by page.rank desc, page.id desc`,
  );
  const pageRows = rows.slice(0, query.limit);
  const last = pageRows.at(-1);
  return {
    items: pageRows.map((r) => ({
      topicId: r.topicId,
      topicTitle: r.title,
      postNumber: r.number,
      category: { slug: r.slug, name: r.categoryName },
      author: r.anonymous || !r.authorId ? null : { id: r.authorId, pseudonym: r.pseudonym ?? "" },
      anonymous: r.anonymous,
      contentWarning: (r.contentWarning as SearchResults["items"][number]["contentWarning"]) ?? null,
      snippet: snippetPieces(r.headline),
      createdAt: new Date(r.createdAt).toISOString(),
    })),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor({ rank: last.rank, id: last.id }) : null,
  };
}

/** Splits a headline at its markers into plain text pieces, exactly as written but for runs of white space. */
export function snippetPieces(headline: string) {
  const pieces: { text: string; hit: boolean }[] = [];
  for (const part of headline.split(STOP)) {
    const [before, hit] = part.split(START) as [string, string | undefined];
    const clean = (s: string) => s.replaceAll(LT, "<").replace(/\s+/g, " ");
    if (before) pieces.push({ text: clean(before), hit: false });
    if (hit) pieces.push({ text: clean(hit), hit: true });
  }
  return pieces.filter((p) => p.text.length > 0);
}
