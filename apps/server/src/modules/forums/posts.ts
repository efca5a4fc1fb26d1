// Writing in the forums: new topics, replies, edits (kept as history), removal
// by the author, reactions, and publishing a post a moderator approved. Each
// write passes the moderation pipeline (modules/moderation/pipeline.ts: silence,
// new-account rate limit, watched words, the crisis screen, holds) and is one
// transaction; notifications are recorded inside it and pushed, with the live
// topic event, after it commits. A held post notifies nobody until approved.
import type { EditPost, NewReply, NewTopic, Post, Reaction, ReactionState, WriteSupport } from "@kindred/contracts";
import { sql } from "drizzle-orm";
import type { z } from "zod";
import type { AppContext } from "../../context.js";
import { type Db, selectRows } from "../../db/client.js";
import { forumPostRevision } from "../../db/schema/index.js";
import { problems } from "../../http/problem.js";
import { timeOrderedId } from "../../lib/ids.js";
import type { Actor } from "../../policy/index.js";
import { admitWrite, applyWatchedWords, holdAndFlag } from "../moderation/pipeline.js";
import type { Recorded } from "../notifications/service.js";
import type { Screening } from "../safety/screen.js";
import { forumNotifications } from "./audience.js";
import { findCategory, setWatch } from "./categories.js";
import { detectLanguage, SEARCH_CONFIG } from "./language.js";
import { mentionsIn, renderMarkdown } from "./markdown.js";
import { type CategoryAccess, forumsPolicy } from "./policy.js";
import { type PostRow, presentPost, readerContext } from "./present.js";
import { loadTopic, type LoadedTopic, postColumns, recordRead } from "./topics.js";

type Services = Pick<AppContext, "db" | "notifier" | "realtime" | "safety">;

/** The index of a post: the topic title (first post only) weighs more than the body. */
function searchVector(markdown: string, title: string | null) {
  const config = SEARCH_CONFIG[detectLanguage(`${title ?? ""} ${markdown}`)];
  return {
    language: config === "spanish" ? "es" : "en",
    vector: title
      ? sql`setweight(to_tsvector(${config}::regconfig, ${title}), 'A') || setweight(to_tsvector(${config}::regconfig, ${markdown}), 'B')`
      : sql`setweight(to_tsvector(${config}::regconfig, ${markdown}), 'B')`,
  };
}

export async function insertPost(
  db: Db,
  p: {
    id: string; topicId: string; number: number; authorId: string; anonymous: boolean; markdown: string; contentWarning: string | null;
    replyToNumber: number | null; title: string | null; at: Date; heldReason?: string | null;
  },
) {
  const { language, vector } = searchVector(p.markdown, p.title);
  const html = renderMarkdown(p.markdown);
  const heldAt = p.heldReason ? p.at : null;
  await db.execute(sql`
    insert into forum_post (id, topic_id, number, author_id, anonymous, markdown, html, content_warning, reply_to_number, language, search, created_at, held_at, held_reason)
    values (${p.id}, ${p.topicId}, ${p.number}, ${p.authorId}, ${p.anonymous}, ${p.markdown}, ${html},
            ${p.contentWarning}, ${p.replyToNumber}, ${language}, ${vector}, ${p.at}, ${heldAt}, ${p.heldReason ?? null})`);
  return html;
}

async function afterCommit(
  services: Services, topicId: string, number: number, recorded: Recorded[], kind: "created" | "updated",
  screening: Screening | null = null, opts: { quiet?: boolean } = {},
) {
  await services.safety.dispatch(screening);
  // A held post is news to nobody yet: its readers hear of it when a moderator approves it.
  if (!opts.quiet) services.realtime.emitToRoom(`topic:${topicId}`, "forum:topic", { topicId, postNumber: number, kind });
  await services.notifier.publish(recorded);
}

export async function createTopic(services: Services, actor: Actor, input: z.output<typeof NewTopic>): Promise<{ topicId: string; support: WriteSupport }> {
  const category = await findCategory(services.db, { id: input.categoryId }).catch(() => {
    throw problems.validation([{ path: "body.categoryId", message: "Choose a category" }]);
  });
  forumsPolicy.authorize(actor, "topic.create", category);
  const admission = await admitWrite(services.db, actor, "forum_post");
  const words = await applyWatchedWords(services.db, { title: input.title, body: input.body, format: "markdown" });
  const title = words.title!;
  const body = words.body;
  const topicId = timeOrderedId();
  const at = new Date();
  const postId = timeOrderedId();
  const { recorded, screening, held } = await services.db.transaction(async (tx) => {
    const screening = await services.safety.screen(tx, { sourceKind: "forum_post", sourceId: postId, authorId: actor.id, text: `${title}\n${body}` });
    const held = await holdAndFlag(tx, { kind: "forum_post", id: postId, authorId: actor.id }, words, admission, screening.assessment.tier, { canHold: true });
    await tx.execute(sql`
      insert into forum_topic (id, category_id, title, author_id, anonymous, content_warning, post_count, last_post_number, created_at, last_posted_at, held_at)
      values (${topicId}, ${category.id}, ${title}, ${actor.id}, ${input.anonymous}, ${input.contentWarning}, 1, 1, ${at}, ${at}, ${held ? at : null})`);
    await insertPost(tx, { id: postId, topicId, number: 1, authorId: actor.id, anonymous: input.anonymous, markdown: body, contentWarning: input.contentWarning, replyToNumber: null, title, at, heldReason: held });
    await recordRead(tx, actor.id, topicId, 1);
    // Authors hear about replies to their own topics unless they stop watching.
    await setWatch(tx, actor.id, "topic", topicId, true);
    const notes = held
      ? []
      : await forumNotifications(tx, {
          topicId, topicTitle: title, categoryId: category.id, categoryName: category.name, category, number: 1,
          authorId: actor.id, authorPseudonym: actor.pseudonym, anonymous: input.anonymous, mentions: mentionsIn(body), isNewTopic: true,
        });
    return { recorded: await services.notifier.record(tx, notes), screening, held };
  });
  await afterCommit(services, topicId, 1, recorded, "created", screening, { quiet: held !== null });
  return { topicId, support: screening.support };
}

export async function reply(services: Services, actor: Actor, topicId: string, input: z.output<typeof NewReply>): Promise<Post & { support: WriteSupport }> {
  const at = new Date();
  const postId = timeOrderedId();
  const { number, recorded, topic, html, screening, held, body } = await services.db.transaction(async (tx) => {
    // The row lock numbers replies one after another, however many people answer at once.
    const topic = await loadTopic(tx, topicId, true);
    forumsPolicy.authorize(actor, "topic.reply", topic.category);
    // A topic waiting for approval is its author's (and staff's) alone.
    if (topic.heldAt && topic.authorId !== actor.id && !forumsPolicy.can(actor, "topic.moderate", null)) throw problems.notFound("This topic");
    assertOpen(actor, topic);
    if (input.replyToNumber !== null && input.replyToNumber > topic.lastPostNumber)
      throw problems.validation([{ path: "body.replyToNumber", message: "There is no post with this number in the topic" }]);
    const admission = await admitWrite(tx, actor, "forum_post");
    const words = await applyWatchedWords(tx, { body: input.body, format: "markdown" });
    const body = words.body;
    const screening = await services.safety.screen(tx, {
      sourceKind: "forum_post", sourceId: postId, authorId: actor.id, text: body,
      // Worry about someone else most often answers the post replied to, or the topic's opening post.
      relatedSource: () => postIdAt(tx, topicId, input.replyToNumber ?? 1),
    });
    const held = await holdAndFlag(tx, { kind: "forum_post", id: postId, authorId: actor.id }, words, admission, screening.assessment.tier, { canHold: true });
    if (held) {
      // A held reply takes its place in the topic when approved; until then it has a negative placeholder number.
      const number = await heldPlaceholder(tx, topicId);
      const html = await insertPost(tx, { id: postId, topicId, number, authorId: actor.id, anonymous: input.anonymous, markdown: body, contentWarning: input.contentWarning, replyToNumber: input.replyToNumber, title: null, at, heldReason: held });
      return { number, topic, html, screening, held, body, recorded: [] as Recorded[] };
    }
    const number = topic.lastPostNumber + 1;
    const html = await insertPost(tx, { id: postId, topicId, number, authorId: actor.id, anonymous: input.anonymous, markdown: body, contentWarning: input.contentWarning, replyToNumber: input.replyToNumber, title: null, at });
    // The topic's counters and the author's read marker move in one round trip.
    await tx.execute(sql`
      with moved as (update forum_topic set last_post_number = ${number}, post_count = post_count + 1, last_posted_at = ${at} where id = ${topicId})
      insert into forum_read_state (user_id, topic_id, last_read_number, updated_at) values (${actor.id}, ${topicId}, ${number}, now())
      on conflict (user_id, topic_id) do update
        set last_read_number = greatest(forum_read_state.last_read_number, excluded.last_read_number), updated_at = now()`);
    // Nobody else can read a topic that waits for approval, so nobody hears of replies in it.
    const notes = topic.heldAt
      ? []
      : await forumNotifications(tx, {
          topicId, topicTitle: topic.title, categoryId: topic.categoryId, categoryName: topic.categoryName, category: topic.category, number,
          authorId: actor.id, authorPseudonym: actor.pseudonym, anonymous: input.anonymous, mentions: mentionsIn(body), isNewTopic: false,
        });
    return { number, topic, html, screening, held, body, recorded: await services.notifier.record(tx, notes) };
  });
  await afterCommit(services, topicId, number, recorded, "created", screening, { quiet: held !== null });
  // Everything about the author's own new post is known here: no need to read it back.
  const row: PostRow = {
    id: postId, topicId, number, authorId: actor.id, pseudonym: actor.pseudonym, anonymous: input.anonymous, markdown: body, html,
    contentWarning: input.contentWarning, replyToNumber: input.replyToNumber, meToo: 0, strength: 0, helped: 0, createdAt: at,
    editedAt: null, removedAt: null, hiddenAt: null, heldAt: held ? at : null, mine: null, blocked: false,
  };
  return { ...presentPost(readerContext(actor, null), row, topic.category, topic.locked), support: screening.support };
}

/** The next free negative number in a topic (under the topic's row lock): -1, -2, … */
async function heldPlaceholder(tx: Db, topicId: string) {
  const [row] = await selectRows<{ n: number }>(tx, sql`select least(coalesce(min(number), 0), 0) - 1 as n from forum_post where topic_id = ${topicId} and number < 0`);
  return row!.n;
}

async function postIdAt(db: Db, topicId: string, number: number) {
  const [row] = await selectRows<{ id: string }>(db, sql`select id from forum_post where topic_id = ${topicId} and number = ${number}`);
  return row?.id ?? null;
}

function assertOpen(actor: Actor, topic: LoadedTopic) {
  if (topic.deletedAt) throw problems.conflict("topic-removed", "This topic was removed", "Its author removed it, so it takes no more replies.");
  if (topic.locked && !forumsPolicy.can(actor, "topic.moderate", null))
    throw problems.conflict("topic-locked", "This topic is closed", "A moderator closed this topic to new replies.");
}

/** A post with everything the write paths and policies need. */
export async function loadPost(db: Db, postId: string) {
  const [row] = await selectRows<{
    id: string; topicId: string; number: number; authorId: string | null; anonymous: boolean; markdown: string;
    contentWarning: string | null; removedAt: Date | null; hiddenAt: Date | null; heldAt: Date | null; heldReason: string | null;
    topicDeletedAt: Date | null; topicHeldAt: Date | null; locked: boolean; audience: "members" | "role"; role: CategoryAccess["role"];
  }>(
    db,
    sql`select p.id, p.topic_id as "topicId", p.number, p.author_id as "authorId", p.anonymous, p.markdown, p.content_warning as "contentWarning",
          p.removed_at as "removedAt", p.hidden_at as "hiddenAt", p.held_at as "heldAt", p.held_reason as "heldReason",
          t.deleted_at as "topicDeletedAt", t.held_at as "topicHeldAt", t.locked, c.audience, c.role
        from forum_post p join forum_topic t on t.id = p.topic_id join forum_category c on c.id = t.category_id
        where p.id = ${postId}`,
  );
  if (!row) throw problems.notFound("This post");
  const category: CategoryAccess = { audience: row.audience, role: row.role };
  // A post hidden by a moderator is out of play like a removed one: no edits, no removal, no reactions.
  return { ...row, category, access: { authorId: row.authorId, removed: row.removedAt !== null || row.hiddenAt !== null, category } };
}
export type LoadedPost = Awaited<ReturnType<typeof loadPost>>;

/** Loads a post and refuses anyone who may not read its category (or it when its topic is gone). */
export async function readablePost(db: Db, actor: Actor, postId: string) {
  const post = await loadPost(db, postId);
  forumsPolicy.authorize(actor, "category.read", post.category);
  const staff = forumsPolicy.can(actor, "post.moderate", null);
  if (post.topicDeletedAt && !staff) throw problems.notFound("This post");
  // What waits for a moderator is its author's and staff's alone.
  if ((post.heldAt || post.topicHeldAt) && !staff && post.authorId !== actor.id) throw problems.notFound("This post");
  return post;
}

export async function loadPostView(db: Db, actor: Actor, postId: string, category: CategoryAccess, locked: boolean): Promise<Post | null> {
  const [row] = await selectRows<PostRow & { collapseWarnings: string[] | null }>(
    db,
    sql`select ${postColumns(actor.id)},
          (select collapse_warnings from forum_preference where user_id = ${actor.id}) as "collapseWarnings"
        from forum_post p left join "user" u on u.id = p.author_id where p.id = ${postId}`,
  );
  return row ? presentPost(readerContext(actor, row.collapseWarnings), row, category, locked) : null;
}

export async function editPost(services: Services, actor: Actor, postId: string, input: z.output<typeof EditPost>): Promise<Post & { support: WriteSupport }> {
  const post = await readablePost(services.db, actor, postId);
  forumsPolicy.authorize(actor, "post.edit", post.access);
  const admission = await admitWrite(services.db, actor, "forum_edit");
  const words = await applyWatchedWords(services.db, { body: input.body, format: "markdown" });
  const body = words.body;
  const contentWarning = input.contentWarning === undefined ? post.contentWarning : input.contentWarning;
  const { screening, held } = await services.db.transaction(async (tx) => {
    await tx.insert(forumPostRevision).values({
      id: timeOrderedId(), postId, markdown: post.markdown, contentWarning: post.contentWarning, editorId: actor.id,
    });
    const title = post.number === 1 ? (await loadTopic(tx, post.topicId)).title : null;
    const { language, vector } = searchVector(body, title);
    await tx.execute(sql`update forum_post set markdown = ${body}, html = ${renderMarkdown(body)}, content_warning = ${contentWarning},
        language = ${language}, search = ${vector}, edited_at = now() where id = ${postId}`);
    if (post.number === 1) await tx.execute(sql`update forum_topic set content_warning = ${contentWarning} where id = ${post.topicId}`);
    const screening = await services.safety.screen(tx, { sourceKind: "forum_post", sourceId: postId, authorId: actor.id, text: title ? `${title}\n${body}` : body });
    const held = await holdAndFlag(tx, { kind: "forum_post", id: postId, authorId: actor.id }, words, admission, screening.assessment.tier, { canHold: !post.heldAt });
    // A published post whose edit needs approval leaves everyone else's sight until a moderator approves it.
    if (held) {
      await tx.execute(sql`update forum_post set held_at = now(), held_reason = ${`${held}_edit`} where id = ${postId}`);
      if (post.number === 1) await tx.execute(sql`update forum_topic set held_at = now() where id = ${post.topicId} and held_at is null`);
    }
    return { screening, held };
  });
  // Readers of the topic hear nothing about a post they cannot see.
  await afterCommit(services, post.topicId, post.number, [], "updated", screening, { quiet: held !== null || post.heldAt !== null });
  return { ...(await loadPostView(services.db, actor, postId, post.category, post.locked))!, support: screening.support };
}

/** The author takes their post back; the first post takes the whole topic with it. */
export async function removePost(services: Services, actor: Actor, postId: string): Promise<Post> {
  const post = await readablePost(services.db, actor, postId);
  forumsPolicy.authorize(actor, "post.delete", post.access);
  await services.db.transaction(async (tx) => {
    await tx.execute(sql`update forum_post set removed_at = now() where id = ${postId}`);
    // A held reply (negative number) was never counted.
    if (post.number === 1) await tx.execute(sql`update forum_topic set deleted_at = now() where id = ${post.topicId}`);
    else if (post.number > 1) await tx.execute(sql`update forum_topic set post_count = post_count - 1 where id = ${post.topicId}`);
  });
  await afterCommit(services, post.topicId, post.number, [], "updated");
  return (await loadPostView(services.db, actor, postId, post.category, post.locked))!;
}

const REACTION_COLUMN: Record<Reaction, string> = { me_too: "me_too", strength: "strength", helped: "helped" };

export async function react(db: Db, actor: Actor, postId: string, kind: Reaction, on: boolean): Promise<ReactionState> {
  const post = await readablePost(db, actor, postId);
  // A post waiting for approval takes no reactions, like a hidden one.
  forumsPolicy.authorize(actor, "post.react", { ...post.access, removed: post.access.removed || post.heldAt !== null });
  await admitWrite(db, actor, "forum_reaction");
  if (post.locked && !forumsPolicy.can(actor, "topic.moderate", null))
    throw problems.conflict("topic-locked", "This topic is closed", "A moderator closed this topic.");
  const column = sql.raw(REACTION_COLUMN[kind]);
  await db.transaction(async (tx) => {
    const changed = await selectRows<{ kind: string }>(
      tx,
      on
        ? sql`insert into forum_reaction (post_id, user_id, kind) values (${postId}, ${actor.id}, ${kind}) on conflict do nothing returning kind`
        : sql`delete from forum_reaction where post_id = ${postId} and user_id = ${actor.id} and kind = ${kind} returning kind`,
    );
    if (changed.length === 0)
      throw on
        ? problems.conflict("already-reacted", "You already reacted this way", "Each reaction counts once per person.")
        : problems.conflict("not-reacted", "You have not reacted this way", "There is no reaction of yours to take back.");
    await tx.execute(sql`update forum_post set ${column} = ${column} + ${on ? 1 : -1} where id = ${postId}`);
  });
  const [state] = await selectRows<{ meToo: number; strength: number; helped: number; mine: string[] | null }>(
    db,
    sql`select me_too as "meToo", strength, helped,
          (select array_agg(kind) from forum_reaction where post_id = ${postId} and user_id = ${actor.id}) as mine
        from forum_post where id = ${postId}`,
  );
  return { reactions: { me_too: state!.meToo, strength: state!.strength, helped: state!.helped }, myReactions: (state!.mine ?? []) as Reaction[] };
}

// ── Moderators' changes to a post (called by modules/moderation) ─────────────

/**
 * Publishes a post a moderator approved. A held reply takes the next number in
 * its topic now (as if written now); a held topic enters the lists. Either way
 * the notifications that were held back are sent, and readers hear of it live.
 * An edit that was held simply becomes visible again.
 */
export async function publishHeldPost(services: Services, tx: Db, postId: string): Promise<() => Promise<void>> {
  const post = await loadPost(tx, postId);
  const topic = await loadTopic(tx, post.topicId, true);
  if (!post.heldAt) throw problems.conflict("not-held", "This post is not waiting for approval");
  const at = new Date();
  const wasEdit = post.heldReason?.endsWith("_edit") ?? false;
  let number = post.number;
  let isNewTopic = false;
  if (post.number < 0) {
    if (topic.deletedAt) throw problems.conflict("topic-removed", "This topic was removed", "Its author removed it, so it takes no more replies.");
    number = topic.lastPostNumber + 1;
    await tx.execute(sql`update forum_post set number = ${number}, held_at = null, held_reason = null where id = ${postId}`);
    await tx.execute(sql`update forum_topic set last_post_number = ${number}, post_count = post_count + 1, last_posted_at = ${at} where id = ${topic.id}`);
    if (post.authorId) await recordRead(tx, post.authorId, topic.id, number);
  } else {
    await tx.execute(sql`update forum_post set held_at = null, held_reason = null where id = ${postId}`);
    if (post.number === 1) {
      isNewTopic = !wasEdit;
      // A topic approved now is news now.
      await tx.execute(sql`update forum_topic set held_at = null ${isNewTopic ? sql`, last_posted_at = ${at}` : sql``} where id = ${topic.id}`);
    }
  }
  let recorded: Recorded[] = [];
  // A reply in a topic still waiting for approval has no readers to tell yet.
  const notify = !wasEdit && post.authorId !== null && (post.number < 0 ? !topic.heldAt : post.number === 1);
  if (notify) {
    const [author] = await selectRows<{ pseudonym: string }>(tx, sql`select coalesce(display_username, name) as pseudonym from "user" where id = ${post.authorId}`);
    const notes = await forumNotifications(tx, {
      topicId: topic.id, topicTitle: topic.title, categoryId: topic.categoryId, categoryName: topic.categoryName, category: topic.category, number,
      authorId: post.authorId!, authorPseudonym: author?.pseudonym ?? "", anonymous: post.anonymous, mentions: mentionsIn(post.markdown), isNewTopic,
    });
    recorded = await services.notifier.record(tx, notes);
  }
  return () => afterCommit(services, topic.id, number, recorded, wasEdit ? "updated" : "created");
}

/**
 * Replaces the given spans of a post's Markdown (method details) with a marker.
 * The text before is kept as a revision, which moderators can read.
 */
export async function replaceInPost(tx: Db, editorId: string, postId: string, spans: { start: number; end: number }[], marker: string) {
  const post = await loadPost(tx, postId);
  let markdown = "";
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (s.start < at) continue;
    markdown += post.markdown.slice(at, s.start) + marker;
    at = s.end;
  }
  markdown += post.markdown.slice(at);
  await tx.insert(forumPostRevision).values({ id: timeOrderedId(), postId, markdown: post.markdown, contentWarning: post.contentWarning, editorId });
  const title = post.number === 1 ? (await loadTopic(tx, post.topicId)).title : null;
  const { language, vector } = searchVector(markdown, title);
  await tx.execute(sql`update forum_post set markdown = ${markdown}, html = ${renderMarkdown(markdown)}, language = ${language}, search = ${vector},
      edited_at = now() where id = ${postId}`);
  return { topicId: post.topicId, number: post.number, topicTitle: title };
}
