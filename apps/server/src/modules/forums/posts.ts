// Writing in the forums: new topics, replies, edits (kept as history), removal
// by the author, and reactions. Each write is one transaction; notifications are
// recorded inside it and pushed, with the live topic event, after it commits.
import type { EditPost, NewReply, NewTopic, Post, Reaction, ReactionState } from "@kindred/contracts";
import { sql } from "drizzle-orm";
import type { z } from "zod";
import type { AppContext } from "../../context.js";
import { type Db, selectRows } from "../../db/client.js";
import { forumPostRevision } from "../../db/schema/index.js";
import { problems } from "../../http/problem.js";
import { timeOrderedId } from "../../lib/ids.js";
import type { Actor } from "../../policy/index.js";
import type { Recorded } from "../notifications/service.js";
import { forumNotifications } from "./audience.js";
import { findCategory, setWatch } from "./categories.js";
import { detectLanguage, SEARCH_CONFIG } from "./language.js";
import { mentionsIn, renderMarkdown } from "./markdown.js";
import { type CategoryAccess, forumsPolicy } from "./policy.js";
import { type PostRow, presentPost, readerContext } from "./present.js";
import { loadTopic, type LoadedTopic, recordRead } from "./topics.js";

type Services = Pick<AppContext, "db" | "notifier" | "realtime">;

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
  p: { id: string; topicId: string; number: number; authorId: string; anonymous: boolean; markdown: string; contentWarning: string | null; replyToNumber: number | null; title: string | null; at: Date },
) {
  const { language, vector } = searchVector(p.markdown, p.title);
  const html = renderMarkdown(p.markdown);
  await db.execute(sql`
    insert into forum_post (id, topic_id, number, author_id, anonymous, markdown, html, content_warning, reply_to_number, language, search, created_at)
    values (${p.id}, ${p.topicId}, ${p.number}, ${p.authorId}, ${p.anonymous}, ${p.markdown}, ${html},
            ${p.contentWarning}, ${p.replyToNumber}, ${language}, ${vector}, ${p.at})`);
  return html;
}

async function afterCommit(services: Services, topicId: string, number: number, recorded: Recorded[], kind: "created" | "updated") {
  services.realtime.emitToRoom(`topic:${topicId}`, "forum:topic", { topicId, postNumber: number, kind });
  await services.notifier.publish(recorded);
}

export async function createTopic(services: Services, actor: Actor, input: z.output<typeof NewTopic>) {
  const category = await findCategory(services.db, { id: input.categoryId }).catch(() => {
    throw problems.validation([{ path: "body.categoryId", message: "Choose a category" }]);
  });
  forumsPolicy.authorize(actor, "topic.create", category);
  const topicId = timeOrderedId();
  const at = new Date();
  const recorded = await services.db.transaction(async (tx) => {
    await tx.execute(sql`
      insert into forum_topic (id, category_id, title, author_id, anonymous, content_warning, post_count, last_post_number, created_at, last_posted_at)
      values (${topicId}, ${category.id}, ${input.title}, ${actor.id}, ${input.anonymous}, ${input.contentWarning}, 1, 1, ${at}, ${at})`);
    await insertPost(tx, { id: timeOrderedId(), topicId, number: 1, authorId: actor.id, anonymous: input.anonymous, markdown: input.body, contentWarning: input.contentWarning, replyToNumber: null, title: input.title, at });
    await recordRead(tx, actor.id, topicId, 1);
    // Authors hear about replies to their own topics unless they stop watching.
    await setWatch(tx, actor.id, "topic", topicId, true);
    const notes = await forumNotifications(tx, {
      topicId, topicTitle: input.title, categoryId: category.id, categoryName: category.name, category, number: 1,
      authorId: actor.id, authorPseudonym: actor.pseudonym, anonymous: input.anonymous, mentions: mentionsIn(input.body), isNewTopic: true,
    });
    return services.notifier.record(tx, notes);
  });
  await afterCommit(services, topicId, 1, recorded, "created");
  return topicId;
}

export async function reply(services: Services, actor: Actor, topicId: string, input: z.output<typeof NewReply>): Promise<Post> {
  const at = new Date();
  const postId = timeOrderedId();
  const { number, recorded, topic, html } = await services.db.transaction(async (tx) => {
    // The row lock numbers replies one after another, however many people answer at once.
    const topic = await loadTopic(tx, topicId, true);
    forumsPolicy.authorize(actor, "topic.reply", topic.category);
    assertOpen(actor, topic);
    if (input.replyToNumber !== null && input.replyToNumber > topic.lastPostNumber)
      throw problems.validation([{ path: "body.replyToNumber", message: "There is no post with this number in the topic" }]);
    const number = topic.lastPostNumber + 1;
    const html = await insertPost(tx, { id: postId, topicId, number, authorId: actor.id, anonymous: input.anonymous, markdown: input.body, contentWarning: input.contentWarning, replyToNumber: input.replyToNumber, title: null, at });
    // The topic's counters and the author's read marker move in one round trip.
    await tx.execute(sql`
      with moved as (update forum_topic set last_post_number = ${number}, post_count = post_count + 1, last_posted_at = ${at} where id = ${topicId})
      insert into forum_read_state (user_id, topic_id, last_read_number, updated_at) values (${actor.id}, ${topicId}, ${number}, now())
      on conflict (user_id, topic_id) do update
        set last_read_number = greatest(forum_read_state.last_read_number, excluded.last_read_number), updated_at = now()`);
    const notes = await forumNotifications(tx, {
      topicId, topicTitle: topic.title, categoryId: topic.categoryId, categoryName: topic.categoryName, category: topic.category, number,
      authorId: actor.id, authorPseudonym: actor.pseudonym, anonymous: input.anonymous, mentions: mentionsIn(input.body), isNewTopic: false,
    });
    return { number, topic, html, recorded: await services.notifier.record(tx, notes) };
  });
  await afterCommit(services, topicId, number, recorded, "created");
  // Everything about the author's own new post is known here: no need to read it back.
  const row: PostRow = {
    id: postId, topicId, number, authorId: actor.id, pseudonym: actor.pseudonym, anonymous: input.anonymous, markdown: input.body, html,
    contentWarning: input.contentWarning, replyToNumber: input.replyToNumber, meToo: 0, strength: 0, helped: 0, createdAt: at,
    editedAt: null, removedAt: null, hiddenAt: null, mine: null, blocked: false,
  };
  return presentPost(readerContext(actor, null), row, topic.category, topic.locked);
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
    contentWarning: string | null; removedAt: Date | null; hiddenAt: Date | null; topicDeletedAt: Date | null; locked: boolean;
    audience: "members" | "role"; role: CategoryAccess["role"];
  }>(
    db,
    sql`select p.id, p.topic_id as "topicId", p.number, p.author_id as "authorId", p.anonymous, p.markdown, p.content_warning as "contentWarning",
          p.removed_at as "removedAt", p.hidden_at as "hiddenAt", t.deleted_at as "topicDeletedAt", t.locked, c.audience, c.role
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
  if (post.topicDeletedAt && !forumsPolicy.can(actor, "post.moderate", null)) throw problems.notFound("This post");
  return post;
}

export async function loadPostView(db: Db, actor: Actor, postId: string, category: CategoryAccess, locked: boolean): Promise<Post | null> {
  const [row] = await selectRows<PostRow & { collapseWarnings: string[] | null }>(
    db,
    sql`select p.id, p.topic_id as "topicId", p.number, p.author_id as "authorId", coalesce(u.display_username, u.name) as pseudonym,
          p.anonymous, p.markdown, p.html, p.content_warning as "contentWarning", p.reply_to_number as "replyToNumber",
          p.me_too as "meToo", p.strength, p.helped, p.created_at as "createdAt", p.edited_at as "editedAt",
          p.removed_at as "removedAt", p.hidden_at as "hiddenAt",
          (select array_agg(r.kind) from forum_reaction r where r.post_id = p.id and r.user_id = ${actor.id}) as mine,
          exists (select 1 from block b where b.blocker_id = ${actor.id} and b.blocked_id = p.author_id) as blocked,
          (select collapse_warnings from forum_preference where user_id = ${actor.id}) as "collapseWarnings"
        from forum_post p left join "user" u on u.id = p.author_id where p.id = ${postId}`,
  );
  return row ? presentPost(readerContext(actor, row.collapseWarnings), row, category, locked) : null;
}

export async function editPost(services: Services, actor: Actor, postId: string, input: z.output<typeof EditPost>): Promise<Post> {
  const post = await readablePost(services.db, actor, postId);
  forumsPolicy.authorize(actor, "post.edit", post.access);
  const contentWarning = input.contentWarning === undefined ? post.contentWarning : input.contentWarning;
  await services.db.transaction(async (tx) => {
    await tx.insert(forumPostRevision).values({
      id: timeOrderedId(), postId, markdown: post.markdown, contentWarning: post.contentWarning, editorId: actor.id,
    });
    const title = post.number === 1 ? (await loadTopic(tx, post.topicId)).title : null;
    const { language, vector } = searchVector(input.body, title);
    await tx.execute(sql`update forum_post set markdown = ${input.body}, html = ${renderMarkdown(input.body)}, content_warning = ${contentWarning},
        language = ${language}, search = ${vector}, edited_at = now() where id = ${postId}`);
    if (post.number === 1) await tx.execute(sql`update forum_topic set content_warning = ${contentWarning} where id = ${post.topicId}`);
  });
  await afterCommit(services, post.topicId, post.number, [], "updated");
  return (await loadPostView(services.db, actor, postId, post.category, post.locked))!;
}

/** The author takes their post back; the first post takes the whole topic with it. */
export async function removePost(services: Services, actor: Actor, postId: string): Promise<Post> {
  const post = await readablePost(services.db, actor, postId);
  forumsPolicy.authorize(actor, "post.delete", post.access);
  await services.db.transaction(async (tx) => {
    await tx.execute(sql`update forum_post set removed_at = now() where id = ${postId}`);
    await tx.execute(
      post.number === 1
        ? sql`update forum_topic set deleted_at = now() where id = ${post.topicId}`
        : sql`update forum_topic set post_count = post_count - 1 where id = ${post.topicId}`,
    );
  });
  await afterCommit(services, post.topicId, post.number, [], "updated");
  return (await loadPostView(services.db, actor, postId, post.category, post.locked))!;
}

const REACTION_COLUMN: Record<Reaction, string> = { me_too: "me_too", strength: "strength", helped: "helped" };

export async function react(db: Db, actor: Actor, postId: string, kind: Reaction, on: boolean): Promise<ReactionState> {
  const post = await readablePost(db, actor, postId);
  forumsPolicy.authorize(actor, "post.react", post.access);
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
