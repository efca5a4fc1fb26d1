// HTTP for the forums: categories, topics, posts, reactions, watches, search,
// flags and moderators' tools for one post (the review queue is in
// modules/moderation). Each handler: validated input → policy → service.
import {
  Category,
  CategoryList,
  CreateCategory,
  EditPost,
  ForumId,
  ForumPreferences,
  HidePost,
  MarkRead,
  ModerateTopic,
  NewFlag,
  NewReply,
  NewTopic,
  Post,
  PostRevisions,
  Reaction,
  ReactionState,
  RevealedAuthor,
  SearchQuery,
  SearchResults,
  TopicListQuery,
  TopicPage,
  TopicSummary,
  TopicView,
  TopicViewQuery,
  UpdateCategory,
  WriteSupport,
  WrittenPost,
} from "@kindred/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.js";
import { problemResponses } from "../../http/openapi.js";
import type { Actor } from "../../policy/index.js";
import * as categories from "./categories.js";
import * as moderation from "./moderation.js";
import { forumsPolicy as policy } from "./policy.js";
import * as posts from "./posts.js";
import { getForumPreferences, setForumPreferences } from "./preferences.js";
import { search } from "./search.js";
import * as topics from "./topics.js";

const Id = z.object({ id: ForumId });
const ReactionParams = z.object({ id: ForumId, kind: Reaction });
const Created = z.object({ id: z.string() });
const NoContent = { 204: z.null() };
const tags = ["forums"];

export const forumsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db } = ctx;
  /** Every forum route is for active members; the record-level rules follow in each handler. */
  const member = (actor: Actor | null): Actor => {
    policy.authorize(actor, "forums.use", null);
    return actor!;
  };

  // ── Categories ─────────────────────────────────────────────────────────────
  app.get(
    "/forums/categories",
    { schema: { tags, summary: "Categories I may read, with my unread topics", response: { 200: CategoryList, ...problemResponses(401, 403) } } },
    async (req) => {
      const actor = member(req.actor);
      return {
        items: await categories.listCategories(db, actor),
        can: { manage: policy.can(actor, "category.manage", null), moderate: policy.can(actor, "post.moderate", null) },
      };
    },
  );

  const presentCategory = async (actor: Actor, id: string) => (await categories.listCategories(db, actor)).find((c) => c.id === id)!;

  app.post(
    "/forums/categories",
    { schema: { tags, summary: "Create a category (admins)", body: CreateCategory, response: { 201: Category, ...problemResponses(401, 403, 409, 422) } } },
    async (req, reply) => {
      policy.authorize(req.actor, "category.manage", null);
      const row = await categories.createCategory(db, req.body);
      return reply.status(201).send(await presentCategory(req.actor!, row.id));
    },
  );

  app.patch(
    "/forums/categories/:id",
    {
      schema: { tags, summary: "Change a category (admins)", params: Id, body: UpdateCategory, response: { 200: Category, ...problemResponses(401, 403, 404, 409, 422) } },
    },
    async (req) => {
      policy.authorize(req.actor, "category.manage", null);
      await categories.updateCategory(db, req.params.id, req.body);
      return presentCategory(req.actor!, req.params.id);
    },
  );

  for (const [method, on] of [["put", true], ["delete", false]] as const) {
    app[method](
      "/forums/categories/:id/watch",
      { schema: { tags, summary: on ? "Watch a category: hear about new topics" : "Stop watching a category", params: Id, response: { ...NoContent, ...problemResponses(401, 403, 404) } } },
      async (req, reply) => {
        const actor = member(req.actor);
        const category = await categories.findCategory(db, { id: req.params.id });
        policy.authorize(actor, "topic.watch", category);
        await categories.setWatch(db, actor.id, "category", category.id, on);
        return reply.status(204).send(null);
      },
    );
    app[method](
      "/forums/topics/:id/watch",
      { schema: { tags, summary: on ? "Watch a topic: hear about replies" : "Stop watching a topic", params: Id, response: { ...NoContent, ...problemResponses(401, 403, 404) } } },
      async (req, reply) => {
        const actor = member(req.actor);
        const topic = await topics.loadTopic(db, req.params.id);
        policy.authorize(actor, "topic.watch", topic.category);
        await categories.setWatch(db, actor.id, "topic", topic.id, on);
        return reply.status(204).send(null);
      },
    );
  }

  // ── Topics ─────────────────────────────────────────────────────────────────
  app.get(
    "/forums/topics",
    { schema: { tags, summary: "Topics by latest activity, in one category or all I may read", querystring: TopicListQuery, response: { 200: TopicPage, ...problemResponses(401, 403, 404, 422) } } },
    async (req) => topics.listTopics(db, member(req.actor), req.query),
  );

  app.post(
    "/forums/topics",
    {
      schema: {
        tags,
        summary: "Start a topic",
        body: NewTopic,
        response: { 201: z.object({ topic: TopicSummary, post: Post, support: WriteSupport }), ...problemResponses(401, 403, 413, 422, 429) },
      },
    },
    async (req, reply) => {
      const actor = member(req.actor);
      const { topicId, support } = await posts.createTopic(ctx, actor, req.body);
      const view = await topics.viewTopic(db, actor, topicId, { from: 1, limit: 1 });
      return reply.status(201).send({ topic: view.topic, post: view.posts[0]!, support });
    },
  );

  app.get(
    "/forums/topics/:id",
    { schema: { tags, summary: "One page of a topic", params: Id, querystring: TopicViewQuery, response: { 200: TopicView, ...problemResponses(401, 403, 404, 422) } } },
    async (req) => topics.viewTopic(db, member(req.actor), req.params.id, req.query),
  );

  app.patch(
    "/forums/topics/:id",
    { schema: { tags, summary: "Pin or lock a topic (moderators)", params: Id, body: ModerateTopic, response: { 200: TopicSummary, ...problemResponses(401, 403, 404, 422) } } },
    async (req) => topics.moderateTopic(db, member(req.actor), req.params.id, req.body),
  );

  app.post(
    "/forums/topics/:id/posts",
    { schema: { tags, summary: "Reply in a topic", params: Id, body: NewReply, response: { 201: WrittenPost, ...problemResponses(401, 403, 404, 409, 413, 422, 429) } } },
    async (req, reply) => reply.status(201).send(await posts.reply(ctx, member(req.actor), req.params.id, req.body)),
  );

  app.post(
    "/forums/topics/:id/read",
    { schema: { tags, summary: "I have read up to this post", params: Id, body: MarkRead, response: { ...NoContent, ...problemResponses(401, 403, 404, 422) } } },
    async (req, reply) => {
      await topics.markRead(db, member(req.actor), req.params.id, req.body.lastReadNumber);
      return reply.status(204).send(null);
    },
  );

  // ── Posts ──────────────────────────────────────────────────────────────────
  app.patch(
    "/forums/posts/:id",
    { schema: { tags, summary: "Edit my post (the earlier text is kept for moderators)", params: Id, body: EditPost, response: { 200: WrittenPost, ...problemResponses(401, 403, 404, 413, 422) } } },
    async (req) => posts.editPost(ctx, member(req.actor), req.params.id, req.body),
  );

  app.delete(
    "/forums/posts/:id",
    { schema: { tags, summary: "Remove my post (the first post removes the topic)", params: Id, response: { 200: Post, ...problemResponses(401, 403, 404) } } },
    async (req) => posts.removePost(ctx, member(req.actor), req.params.id),
  );

  for (const [method, on] of [["put", true], ["delete", false]] as const)
    app[method](
      "/forums/posts/:id/reactions/:kind",
      { schema: { tags, summary: on ? "React to a post" : "Take my reaction back", params: ReactionParams, response: { 200: ReactionState, ...problemResponses(401, 403, 404, 409, 422) } } },
      async (req) => posts.react(db, member(req.actor), req.params.id, req.params.kind, on),
    );

  app.post(
    "/forums/posts/:id/flags",
    { schema: { tags, summary: "Tell the moderators about a post (it joins the review queue)", params: Id, body: NewFlag, response: { 201: Created, ...problemResponses(401, 403, 404, 409, 422) } } },
    async (req, reply) => reply.status(201).send(await moderation.flagPost(ctx, member(req.actor), req.params.id, req.body)),
  );

  // ── Moderation ─────────────────────────────────────────────────────────────
  app.post(
    "/forums/posts/:id/hide",
    { schema: { tags, summary: "Hide a post from members (moderators)", params: Id, body: HidePost, response: { 200: Post, ...problemResponses(401, 403, 404, 409, 422) } } },
    async (req) => moderation.setHidden(db, member(req.actor), req.params.id, true, req.body.reason),
  );

  app.post(
    "/forums/posts/:id/restore",
    { schema: { tags, summary: "Show a hidden post again (moderators)", params: Id, response: { 200: Post, ...problemResponses(401, 403, 404, 409) } } },
    async (req) => moderation.setHidden(db, member(req.actor), req.params.id, false, null),
  );

  app.get(
    "/forums/posts/:id/revisions",
    { schema: { tags, summary: "A post's earlier versions (moderators)", params: Id, response: { 200: PostRevisions, ...problemResponses(401, 403, 404) } } },
    async (req) => moderation.revisions(db, member(req.actor), req.params.id),
  );

  app.get(
    "/forums/posts/:id/author",
    { schema: { tags, summary: "Who wrote a post, anonymous or not (moderators; recorded in the audit log)", params: Id, response: { 200: RevealedAuthor, ...problemResponses(401, 403, 404) } } },
    async (req) => moderation.revealAuthor(db, member(req.actor), req.params.id),
  );

  // ── Search and preferences ─────────────────────────────────────────────────
  app.get(
    "/forums/search",
    { schema: { tags, summary: "Search titles and posts I may read", querystring: SearchQuery, response: { 200: SearchResults, ...problemResponses(401, 403, 404, 422) } } },
    async (req) => search(db, member(req.actor), req.query),
  );

  app.get(
    "/forums/preferences",
    { schema: { tags, summary: "My forum preferences", response: { 200: ForumPreferences, ...problemResponses(401, 403) } } },
    async (req) => getForumPreferences(db, member(req.actor).id),
  );

  app.put(
    "/forums/preferences",
    { schema: { tags, summary: "Change my forum preferences", body: ForumPreferences, response: { 200: ForumPreferences, ...problemResponses(401, 403, 422) } } },
    async (req) => setForumPreferences(db, member(req.actor).id, req.body),
  );
};
