// A generated forum for the forums benchmark, written straight into the
// migrated tables with set-based SQL (generate_series), so 200,000 posts take
// seconds rather than the hours the API would need. Works on PostgreSQL and on
// PGlite through one `exec` function.
//
// The shape:
//  - categories: five for every member and one for specialists only (role audience);
//  - people: `authors` generated members, plus whoever signed up through the API
//    before (the reader and the writers), who also read, react and get blocked;
//  - topics: sizes from a skewed (log-normal) distribution clamped to 1–200 posts
//    whose total is exactly `posts`; a few pinned, locked or removed by their author;
//  - posts: text drawn from a Zipf-like vocabulary (so a few words are in most
//    posts and most words are rare; built in JS as 60,000 pieces of 6–30 words,
//    each post joins 1–7 of them), plus a few planted rare words in an exact
//    number of posts; `search` is to_tsvector('english', …) weighted
//    like the server's (title A, body B), `html` a <p> of the text; ids are
//    time-ordered (the UUID version 7 layout of apps/server/src/lib/ids.ts),
//    built in SQL from each post's creation time;
//  - reactions: rows in forum_reaction that match each post's me_too, strength
//    and helped counters; read positions for every person; each topic's author
//    watches it (as the server does when a topic starts).

/** Runs one SQL text (several statements when there are no values). */
export type Exec = (text: string, values?: unknown[]) => Promise<{ rows: any[] }>;

export type ForumSize = { topics: number; posts: number; authors: number };

export type SearchTerm = { term: string; group: "common" | "rare"; posts: number; share: number };

export type GeneratedForum = {
  size: ForumSize;
  seconds: number;
  /** Rows per table after generation. */
  rows: Record<string, number>;
  /** Seconds per step, for tuning the generator. */
  steps: Record<string, number>;
  /** Topics a member may read (not removed), with their post counts. */
  readable: { id: string; posts: number }[];
  /** Readable topics open to replies (not locked). */
  open: string[];
  terms: SearchTerm[];
  /** Topic sizes: smallest, median, mean and largest number of posts. */
  topicSizes: { min: number; median: number; mean: number; max: number };
};

// ── Text ─────────────────────────────────────────────────────────────────────

/**
 * The most frequent words first. Function words (which English text search
 * drops as stop words) are mixed in so the text reads like talk; the content
 * words among them are the "common" search terms.
 */
const HEAD = `i the feel and to a my it of today is that was day for with me in but
  not so this have meeting just be at been about week like really on
  what you am all one time when how out get sober know think if
  things family help work people up thank now still can do because
  years sponsor more going back much some sleep good started again new
  they feeling here going first night who made hard better said last
  morning craving home anxiety got would group want days life try also
  after could right way next talk step support mind need long see
  something every work little tonight went since friends year call
  making after trying keep hope strong honest stay grateful share
  brother mother father kids partner doctor therapist job money body`
  .split(/\s+/)
  .filter(Boolean);

/** Recovery and everyday words: the middle of the distribution. */
const MIDDLE = `relapse triggers cravings patience journal walk coffee breakfast dinner
  church program steps amends forgiveness shame guilt anger fear loneliness
  boundaries honesty courage gratitude serenity acceptance surrender tools
  routine exercise running gym yoga meditation prayer breathing nap
  weekend holiday birthday anniversary milestone chip token coin
  counselor clinic detox rehab outpatient inpatient medication dose
  appointment insurance paperwork court probation lawyer landlord rent
  apartment kitchen garden dog cat walked drove bus train rain snow
  sunshine spring summer autumn winter morning evening afternoon midnight
  cried laughed called texted listened shared slipped stumbled recovered
  healing growing learning waiting worried scared proud tired exhausted
  restless calm peaceful hopeful anxious lonely angry sad happy numb
  sister daughter son husband wife girlfriend boyfriend roommate neighbor
  coworker boss manager shift overtime interview resume fired hired
  school class exam teacher homework college degree volunteer service
  commitment chair coffee cookies newcomer oldtimer speaker literature
  chapter reading writing phone list fellowship home group homegroup
  spiritual higher power willing open minded humility inventory resentment
  character defects shortcomings prayerful meditation sponsee workbook
  withdrawal shakes sweats headaches appetite insomnia dreams nightmares
  memories childhood trauma grief loss funeral hospital emergency nurse
  recovery sobriety clean serene steady gentle kind patient brave`
  .split(/\s+/)
  .filter(Boolean);

/** Planted in an exact number of posts each: the rare search terms. Not in the vocabulary. */
export const RARE_TERMS = [
  { term: "kintsugi", posts: 3 },
  { term: "saxophone", posts: 5 },
  { term: "lighthouse", posts: 8 },
] as const;

/** Words in a large share of posts (their ranks in HEAD decide how large; measured after generation). */
export const COMMON_TERMS = ["feel", "today", "meeting"] as const;

/** A deterministic pseudo-random generator (mulberry32), so every run builds the same forum. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Made-up but pronounceable words for the long tail: names, places, rarely used words. */
function tailWords(count: number, random: () => number, avoid: Set<string>): string[] {
  const onsets = [
    "b",
    "br",
    "c",
    "ch",
    "d",
    "f",
    "g",
    "gr",
    "h",
    "k",
    "l",
    "m",
    "n",
    "p",
    "pr",
    "r",
    "s",
    "st",
    "t",
    "tr",
    "v",
    "w",
    "z",
  ];
  const vowels = ["a", "e", "i", "o", "u", "ai", "ea", "ou"];
  const codas = ["", "", "n", "r", "l", "s", "m", "nd", "st", "x"];
  const out = new Set<string>();
  while (out.size < count) {
    const syllables = 2 + Math.floor(random() * 2);
    let w = "";
    for (let s = 0; s < syllables; s++)
      w += onsets[Math.floor(random() * onsets.length)]! + vowels[Math.floor(random() * vowels.length)]!;
    w += codas[Math.floor(random() * codas.length)]!;
    if (!avoid.has(w)) out.add(w);
  }
  return [...out];
}

export const VOCABULARY_SIZE = 5000;

/** The vocabulary, most frequent first; word i (1-based) is drawn with probability ≈ ln((i+1)/i) / ln(V). */
export function vocabulary(): string[] {
  const random = prng(7);
  const known = [...new Set([...HEAD, ...MIDDLE])];
  const avoid = new Set([...known, ...RARE_TERMS.map((r) => r.term)]);
  return [...known, ...tailWords(VOCABULARY_SIZE - known.length, random, avoid)];
}

/** `count` words drawn from the vocabulary: word i (1-based) with probability ln((i+1)/i) / ln(V). */
export function phrase(words: string[], random: () => number, count: number): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(words[Math.floor(Math.pow(words.length, random())) - 1]!);
  return out.join(" ");
}

/** A post's text from the same distribution as the generated ones (for the replies the benchmark posts). */
export function sampleText(words: string[], random: () => number, count: number): string {
  const text = phrase(words, random, count);
  return text.charAt(0).toUpperCase() + text.slice(1) + ".";
}

/** Pieces of text the generated posts are built from. */
const PHRASES = 60_000;

// ── Topic sizes ──────────────────────────────────────────────────────────────

/**
 * `topics` sizes between 1 and 200 summing to exactly `posts`: log-normal
 * (many short topics, a few long ones), then nudged to the exact total. One
 * topic has 200 posts and one has 1, when the totals allow it.
 */
export function topicSizes(topics: number, posts: number, random: () => number): number[] {
  const MAX = 200;
  if (posts < topics || posts > topics * MAX)
    throw new Error(`cannot spread ${posts} posts over ${topics} topics of 1–${MAX}`);
  const mean = posts / topics;
  const sigma = 1.1;
  const mu = Math.log(mean) - (sigma * sigma) / 2;
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  let sizes = Array.from({ length: topics }, () => Math.exp(mu + sigma * gauss()));
  // Clamping the tail takes posts away: scale to the total, clamp, and repeat a few times.
  for (let round = 0; round < 5; round++) {
    const sum = sizes.reduce((a, b) => a + b, 0);
    sizes = sizes.map((s) => Math.min(MAX, Math.max(1, (s * posts) / sum)));
  }
  const ints = sizes.map((s) => Math.round(s));
  const fixed = new Set<number>();
  if (topics >= 2 && posts >= MAX + 1 && posts <= (topics - 1) * MAX + 1) {
    ints[0] = MAX;
    ints[1] = 1;
    fixed.add(0).add(1);
  }
  let diff = posts - ints.reduce((a, b) => a + b, 0);
  while (diff !== 0) {
    const i = Math.floor(random() * topics);
    if (fixed.has(i) && topics > 2) continue;
    if (diff > 0 && ints[i]! < MAX) {
      ints[i]!++;
      diff--;
    } else if (diff < 0 && ints[i]! > 1) {
      ints[i]!--;
      diff++;
    }
  }
  return ints;
}

// ── Generation ───────────────────────────────────────────────────────────────

/** Categories: five for members, the last for specialists only. Weights are shares of topics. */
const CATEGORIES = [
  { slug: "check-ins", name: "Daily check-ins", weight: 30, audience: "members", role: null },
  { slug: "general", name: "General", weight: 22, audience: "members", role: null },
  { slug: "family-and-friends", name: "Family and friends", weight: 16, audience: "members", role: null },
  { slug: "wins", name: "Wins, big and small", weight: 14, audience: "members", role: null },
  { slug: "setbacks", name: "Slips and setbacks", weight: 12, audience: "members", role: null },
  { slug: "specialists", name: "Specialists' corner", weight: 6, audience: "role", role: "specialist" },
] as const;

const WARNINGS = ["relapse", "self_harm", "suicide", "trauma", "substance_detail", "eating", "abuse", "grief"];

/** SQL for generated member i's id (an expression of i). */
const PERSON_ID = (i: string) => `md5('bench-person-' || (${i}))::uuid::text`;

/**
 * SQL for a text id in the layout of apps/server/src/lib/ids.ts (UUID version
 * 7) from a timestamptz expression and a text expression: the first 48 bits are
 * the creation time in milliseconds, so ids sort by time; the rest comes from
 * md5(seed), unique per row. Inlined: a SQL function call per row costs more.
 */
const TIME_ID = (at: string, seed: string) => {
  const h = `lpad(to_hex(floor(extract(epoch from ${at}) * 1000)::bigint), 12, '0')`;
  const r = `md5(${seed})`;
  return `(substr(${h}, 1, 8) || '-' || substr(${h}, 9, 4) || '-7' || substr(${r}, 1, 3) || '-'
          || substr('89ab', 1 + ascii(substr(${r}, 4, 1)) % 4, 1) || substr(${r}, 5, 3) || '-' || substr(${r}, 8, 12))`;
};

/**
 * Fills the forum tables. `people` are the ids of people who already exist
 * (signed up through the API); `readerId` is the member whose reads the
 * benchmark measures: they get read positions on a third of the topics.
 */
export async function generateForum(
  exec: Exec,
  size: ForumSize,
  opts: { readerId: string; people: string[]; log?: (line: string) => void },
): Promise<GeneratedForum> {
  const began = performance.now();
  const steps: Record<string, number> = {};
  let stepStart = performance.now();
  const step = (name: string) => {
    const now = performance.now();
    steps[name] = Number(((now - stepStart) / 1000).toFixed(2));
    opts.log?.(`forum data: ${name} ${steps[name]} s`);
    stepStart = now;
  };
  const random = prng(42);
  const words = vocabulary();
  const sizes = topicSizes(size.topics, size.posts, random);

  // Bulk-load settings for this session only. Foreign keys are not checked
  // (session_replication_role = replica skips their triggers): every reference
  // is built from rows inserted just before, so they hold by construction.
  await exec(`set session_replication_role = replica`);
  await exec(`set maintenance_work_mem = '256MB'`);
  await exec(`set work_mem = '64MB'`);
  await exec(`select setseed(0.42)`);
  // Secondary indexes are built once at the end, much faster than kept up row by row.
  const { rows: postIndexes } = await exec(
    `select indexname, indexdef from pg_indexes where schemaname = 'public' and tablename = 'forum_post' and indexname <> 'forum_post_pkey'`,
  );
  for (const ix of postIndexes) await exec(`drop index "${ix.indexname}"`);

  // Text comes in pieces of 6–30 words drawn from the vocabulary (built here),
  // so the SQL does a few index lookups per post instead of one per word.
  const phrases = Array.from({ length: PHRASES }, () => phrase(words, random, 6 + Math.floor(random() * 25)));
  await exec(
    `create temp table bench_phrase as select (k - 1)::int as i, t from unnest($1::text[]) with ordinality as p(t, k)`,
    [phrases],
  );
  await exec(`create unique index on bench_phrase (i)`);
  await exec(
    `insert into forum_category (id, slug, name, description, position, audience, role)
     select gen_random_uuid()::text, c.slug, c.name, '', c.position, c.audience, c.role
     from jsonb_to_recordset($1::jsonb) as c(slug text, name text, audience text, role text, position int)`,
    [JSON.stringify(CATEGORIES.map((c, position) => ({ ...c, position })))],
  );
  // Cumulative weights: a topic's category is where a uniform draw falls.
  await exec(
    `create temp table bench_category as
     select c.id, (sum(w.weight) over (order by c.position))::float8 / sum(w.weight) over () as upto
     from forum_category c join jsonb_to_recordset($1::jsonb) as w(slug text, weight int) on w.slug = c.slug`,
    [JSON.stringify(CATEGORIES)],
  );

  // Generated members, created long before the forum's first topic. Member i's id is md5('bench-person-' || i) as a UUID.
  await exec(
    `insert into "user" (id, name, email, email_verified, created_at, updated_at, username, display_username, status, guidelines_version, guidelines_accepted_at)
     select ${PERSON_ID("i")}, 'Member' || i, ${PERSON_ID("i")} || '@no-email.kindred.invalid', false,
            now() - interval '800 days', now() - interval '800 days', 'member' || i, 'Member' || i, 'active', 1, now() - interval '800 days'
     from generate_series(1, $1::int) i`,
    [size.authors],
  );
  // Everyone who reads and reacts: the generated members, then the signed-up people.
  await exec(
    `create temp table bench_person as
     select (row_number() over (order by x.i) - 1)::int as i, x.id, x.i <= $1::int as author
     from (select i, ${PERSON_ID("i")} as id from generate_series(1, $1::int) i
           union all select $1::int + k::int, id from unnest($2::text[]) with ordinality as p(id, k)) x`,
    [size.authors, opts.people],
  );
  await exec(`create unique index on bench_person (i)`);
  step("categories and people");

  // Topics: sizes from JS; start times over the last two years; a topic's posts
  // spread over part of its age (longer topics over longer spans).
  await exec(
    `create temp table bench_topic as
     select s.ord, s.size, s.size_before,
            (select c.id from bench_category c where c.upto >= s.r_cat order by c.upto limit 1) as category_id,
            now() - s.age as started, s.age * least(1.0, 0.05 + s.size / 60.0) * s.r_span as span,
            ${PERSON_ID("1 + floor(s.r_author * $2::int)::int")} as author_id,
            ${TIME_ID("now() - s.age", "'topic-' || s.ord")} as id,
            (select initcap(p.t) from bench_phrase p where p.i = s.title_phrase) as title,
            s.r_flags < 0.04 as anonymous,
            case when s.r_flags between 0.5 and 0.53 then ($3::text[])[1 + s.ord % cardinality($3::text[])] end as warning,
            s.r_flags
     from (select size, ord::int as ord, coalesce(sum(size) over (order by ord rows between unbounded preceding and 1 preceding), 0)::int as size_before,
                  random() as r_cat, interval '730 days' * random() as age, random() as r_span, random() as r_author, random() as r_flags,
                  floor(random() * $4::int)::int as title_phrase
           from unnest($1::int[]) with ordinality as u(size, ord)) s`,
    [sizes, size.authors, WARNINGS, PHRASES],
  );
  await exec(`create unique index on bench_topic (ord)`);
  step("topic plan");

  // Posts. Post g (1-based over the whole forum) is number n of its topic,
  // written at started + span·(n−1)/(size−1), 1–7 pieces long (about 50 words
  // on average, 6 to 210). The planted rare words go into exactly their number of posts:
  // g·7919 + salt is a permutation of the posts modulo their count.
  await exec(
    `insert into forum_post (id, topic_id, number, author_id, anonymous, markdown, html, content_warning, reply_to_number,
                             language, search, me_too, strength, helped, created_at, removed_at, hidden_at, hidden_reason)
     select ${TIME_ID("x.at", "'post-' || x.g")}, x.topic_id, x.n, x.author_id, x.anonymous, x.body, '<p>' || x.body || '</p>',
            x.warning, x.reply_to, 'en',
            case when x.n = 1 then setweight(to_tsvector('english', x.title), 'A') || setweight(to_tsvector('english', x.body), 'B')
                 else setweight(to_tsvector('english', x.body), 'B') end,
            floor(8 * power(random(), 6))::int, floor(6 * power(random(), 8))::int, floor(4 * power(random(), 10))::int,
            x.at, case when x.removed then x.at + interval '1 hour' end,
            case when x.hidden then x.at + interval '2 hours' end, case when x.hidden then 'Hidden by the benchmark''s moderators' end
     from (
       select p.*,
              initcap(left(w.body, 1)) || substr(w.body, 2)
              || coalesce(' ' || (select string_agg(r.term, ' ') from jsonb_to_recordset($1::jsonb) as r(term text, posts int, salt int)
                                  where ((p.g::bigint * 7919 + r.salt) % $2::int) < r.posts), '') || '.' as body
       from (
         select t.size_before + n as g, n, t.id as topic_id, t.title,
                t.started + case when t.size > 1 then t.span * (n - 1) / (t.size - 1) else interval '0' end as at,
                case when n = 1 then t.author_id else ${PERSON_ID("1 + floor(random() * $3::int)::int")} end as author_id,
                case when n = 1 then t.anonymous else random() < 0.04 end as anonymous,
                case when n = 1 then t.warning when random() < 0.02 then ($4::text[])[1 + n % cardinality($4::text[])] end as warning,
                case when n > 1 and random() < 0.25 then 1 + floor(random() * (n - 1))::int end as reply_to,
                n > 1 and random() < 0.005 as removed,
                n > 1 and random() < 0.003 as hidden,
                1 + floor(7 * power(random(), 2))::int as phrases
         from bench_topic t, generate_series(1, t.size) n
       ) p
       -- A scalar subquery per phrase: always an index lookup, never a hash of all phrases per post.
       cross join lateral (
         select string_agg((select ph.t from bench_phrase ph where ph.i = pick.k), ' ') as body
         from (select floor(random() * $5::int)::int as k from generate_series(1, p.phrases)) pick
       ) w
     ) x`,
    [
      JSON.stringify(RARE_TERMS.map((r, i) => ({ ...r, salt: 1 + i * 104729 }))),
      size.posts,
      size.authors,
      WARNINGS,
      PHRASES,
    ],
  );
  step("posts");

  // Topics, from their posts: counts, last activity, a few pinned, locked or removed by their author.
  await exec(
    `insert into forum_topic (id, category_id, title, author_id, anonymous, content_warning, pinned, locked, deleted_at,
                              post_count, last_post_number, created_at, last_posted_at)
     select t.id, t.category_id, t.title, t.author_id, t.anonymous, t.warning,
            t.r_flags between 0.9 and 0.902, t.r_flags between 0.8 and 0.81,
            case when t.r_flags between 0.7 and 0.705 then t.started + t.span end,
            p.visible, t.size, t.started, p.last_at
     from bench_topic t
     join (select topic_id, count(*) filter (where removed_at is null)::int as visible, max(created_at) as last_at
           from forum_post group by topic_id) p on p.topic_id = t.id`,
  );
  // A removed topic is one whose author removed the first post.
  await exec(
    `update forum_post p set removed_at = t.deleted_at from forum_topic t where t.id = p.topic_id and p.number = 1 and t.deleted_at is not null`,
  );
  step("topics");

  // Reactions matching the counters: the j-th reaction of a kind comes from person (g·31 + kind·101 + j) mod people (at most 7 of a kind, so always different people).
  await exec(
    `insert into forum_reaction (post_id, user_id, kind, created_at)
     select p.id, b.id, k.kind, p.created_at + interval '1 hour'
     from (select id, created_at, me_too, strength, helped, row_number() over () as g from forum_post) p
     cross join lateral (values ('me_too', 0, p.me_too), ('strength', 1, p.strength), ('helped', 2, p.helped)) as k(kind, o, c)
     cross join lateral generate_series(1, k.c) j
     join bench_person b on b.i = ((p.g * 31 + k.o * 101 + j) % (select count(*) from bench_person))::int`,
  );
  step("reactions");

  // Read positions: every person has read 40 topics (partly or fully); the reader a third of all topics.
  await exec(
    `insert into forum_read_state (user_id, topic_id, last_read_number, updated_at)
     select b.id, t.id, case when random() < 0.6 then t.last_post_number else 1 + floor(random() * t.last_post_number)::int end, t.last_posted_at
     from bench_person b
     cross join lateral generate_series(1, least(40, $1::int)) k
     join bench_topic bt on bt.ord = 1 + ((b.i * 37 + k * 211) % $1::int)
     join forum_topic t on t.id = bt.id
     where b.id <> $2
     union all
     select $2, t.id, case when random() < 0.6 then t.last_post_number else 1 + floor(random() * t.last_post_number)::int end, t.last_posted_at
     from forum_topic t where random() < 0.33`,
    [size.topics, opts.readerId],
  );
  // Authors watch their topics; the reader blocks two members.
  await exec(
    `insert into forum_watch (user_id, target_type, target_id, created_at)
     select author_id, 'topic', id, created_at from forum_topic where author_id is not null`,
  );
  await exec(
    `insert into block (blocker_id, blocked_id) select $1, id from bench_person where author and i in (3, 5)`,
    [opts.readerId],
  );
  step("reads, watches and blocks");

  for (const ix of postIndexes) await exec(ix.indexdef);
  step("post indexes");
  // PGlite has one session, which the server goes on using: leave it as it was.
  await exec(`set session_replication_role = origin`);
  await exec(`reset work_mem`);
  await exec(`reset maintenance_work_mem`);
  await exec(`vacuum analyze`);
  step("vacuum analyze");

  const terms: SearchTerm[] = [];
  for (const [group, list] of [
    ["common", COMMON_TERMS],
    ["rare", RARE_TERMS.map((r) => r.term)],
  ] as const) {
    for (const term of list) {
      const { rows } = await exec(
        `select count(*)::int as n from forum_post where search @@ websearch_to_tsquery('english', $1)`,
        [term],
      );
      const posts = Number(rows[0].n);
      terms.push({ term, group, posts, share: posts / size.posts });
    }
  }
  const { rows: readable } = await exec(
    `select t.id, t.last_post_number as posts, t.locked from forum_topic t join forum_category c on c.id = t.category_id
     where c.audience = 'members' and t.deleted_at is null order by t.id`,
  );
  const counts: Record<string, number> = {};
  for (const table of [
    "forum_category",
    "forum_topic",
    "forum_post",
    "forum_reaction",
    "forum_read_state",
    "forum_watch",
    "user",
  ]) {
    const { rows } = await exec(`select count(*)::int as n from "${table}"`);
    counts[table] = Number(rows[0].n);
  }
  await exec(`drop table bench_phrase, bench_category, bench_person, bench_topic`);
  step("checks");

  const sorted = [...sizes].sort((a, b) => a - b);
  return {
    size,
    seconds: (performance.now() - began) / 1000,
    rows: counts,
    steps,
    readable: readable.map((r) => ({ id: r.id as string, posts: Number(r.posts) })),
    open: readable.filter((r) => !r.locked).map((r) => r.id as string),
    terms,
    topicSizes: {
      min: sorted[0]!,
      median: sorted[Math.floor(sorted.length / 2)]!,
      mean: size.posts / size.topics,
      max: sorted.at(-1)!,
    },
  };
}
