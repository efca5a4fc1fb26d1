// HTTP for recovery groups: list, create, change, membership and the feed.
// Each handler: validated input → load (visibility-checked) → policy → service.
import {
  CreateGroup,
  Group,
  GroupFeed,
  GroupFeedQuery,
  GroupList,
  GroupListQuery,
  GroupMembers,
  GroupPost,
  GroupSlug,
  InviteMember,
  JoinRequest,
  MemberParams,
  NewGroupPost,
  Reaction,
  SetGroupRole,
  UpdateGroup,
  WrittenGroupPost,
} from "@kindred/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.js";
import { problemResponses } from "../../http/openapi.js";
import { problems } from "../../http/problem.js";
import type { Actor } from "../../policy/index.js";
import * as feed from "./feed.js";
import * as membership from "./membership.js";
import { groupsPolicy as policy } from "./policy.js";
import { createGroup, listGroups, loadGroup, presentGroup, updateGroup } from "./service.js";

const Slug = z.object({ slug: GroupSlug });
const PostParams = z.object({ slug: GroupSlug, postId: z.string().min(1).max(64) });
const ReactionParams = PostParams.extend({ kind: Reaction });
const NoContent = { 204: z.null() };
const tags = ["groups"];

export const groupsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db } = ctx;
  const signedIn = (actor: Actor | null): Actor => {
    if (!actor) throw problems.unauthenticated();
    return actor;
  };
  const fresh = async (actor: Actor | null, slug: string) => presentGroup(actor, await loadGroup(db, actor, { slug }));

  app.get(
    "/groups",
    { schema: { tags, summary: "Groups I may see (public ones to everyone)", querystring: GroupListQuery, response: { 200: GroupList, ...problemResponses(422) } } },
    async (req) => ({ items: await listGroups(db, req.actor, req.query), can: { create: policy.can(req.actor, "group.create", null) } }),
  );

  app.post(
    "/groups",
    { schema: { tags, summary: "Start a group (facilitators and admins)", body: CreateGroup, response: { 201: Group, ...problemResponses(401, 403, 409, 422) } } },
    async (req, reply) => {
      policy.authorize(req.actor, "group.create", null);
      const id = await createGroup(db, req.actor!, req.body);
      return reply.status(201).send(presentGroup(req.actor, await loadGroup(db, req.actor, { id })));
    },
  );

  app.get(
    "/groups/:slug",
    { schema: { tags, summary: "One group", params: Slug, response: { 200: Group, ...problemResponses(401, 403, 404) } } },
    async (req) => fresh(req.actor, req.params.slug),
  );

  app.patch(
    "/groups/:slug",
    { schema: { tags, summary: "Change a group (its facilitators, admins)", params: Slug, body: UpdateGroup, response: { 200: Group, ...problemResponses(401, 403, 404, 422) } } },
    async (req) => {
      const group = await loadGroup(db, req.actor, { slug: req.params.slug });
      await updateGroup(db, signedIn(req.actor), group, req.body);
      return fresh(req.actor, req.params.slug);
    },
  );

  // ── Membership ─────────────────────────────────────────────────────────────
  app.post(
    "/groups/:slug/join",
    { schema: { tags, summary: "Join a public group, ask to join a private one, or accept an invitation", params: Slug, body: JoinRequest, response: { 200: Group, ...problemResponses(401, 403, 404, 422) } } },
    async (req) => {
      const actor = signedIn(req.actor);
      await membership.join(ctx, actor, await loadGroup(db, actor, { slug: req.params.slug }), req.body.note);
      return fresh(actor, req.params.slug);
    },
  );

  app.post(
    "/groups/:slug/leave",
    { schema: { tags, summary: "Leave a group, withdraw a request or decline an invitation", params: Slug, response: { ...NoContent, ...problemResponses(401, 403, 404, 409) } } },
    async (req, reply) => {
      const actor = signedIn(req.actor);
      await membership.leave(ctx, actor, await loadGroup(db, actor, { slug: req.params.slug }));
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/groups/:slug/members",
    { schema: { tags, summary: "Who is in the group (facilitators also see requests and invitations)", params: Slug, response: { 200: GroupMembers, ...problemResponses(401, 403, 404) } } },
    async (req) => {
      const actor = signedIn(req.actor);
      return { items: await membership.listMembers(db, actor, await loadGroup(db, actor, { slug: req.params.slug })) };
    },
  );

  for (const [path, approve] of [["approve", true], ["decline", false]] as const) {
    app.post(
      `/groups/:slug/requests/:userId/${path}`,
      { schema: { tags, summary: approve ? "Approve a join request" : "Decline a join request", params: MemberParams, response: { ...NoContent, ...problemResponses(401, 403, 404) } } },
      async (req, reply) => {
        const actor = signedIn(req.actor);
        await membership.decideRequest(ctx, actor, await loadGroup(db, actor, { slug: req.params.slug }), req.params.userId, approve);
        return reply.status(204).send(null);
      },
    );
  }

  app.post(
    "/groups/:slug/invitations",
    { schema: { tags, summary: "Invite a member by pseudonym (a hidden group's only way in)", params: Slug, body: InviteMember, response: { 201: z.object({ userId: z.string() }), ...problemResponses(401, 403, 404, 409, 422) } } },
    async (req, reply) => {
      const actor = signedIn(req.actor);
      const userId = await membership.invite(ctx, actor, await loadGroup(db, actor, { slug: req.params.slug }), req.body.pseudonym);
      return reply.status(201).send({ userId });
    },
  );

  app.delete(
    "/groups/:slug/members/:userId",
    { schema: { tags, summary: "Remove someone from the group", params: MemberParams, response: { ...NoContent, ...problemResponses(401, 403, 404, 409) } } },
    async (req, reply) => {
      const actor = signedIn(req.actor);
      await membership.remove(ctx, actor, await loadGroup(db, actor, { slug: req.params.slug }), req.params.userId);
      return reply.status(204).send(null);
    },
  );

  app.put(
    "/groups/:slug/members/:userId/role",
    { schema: { tags, summary: "Make someone a facilitator of the group, or a member again", params: MemberParams, body: SetGroupRole, response: { ...NoContent, ...problemResponses(401, 403, 404, 409, 422) } } },
    async (req, reply) => {
      const actor = signedIn(req.actor);
      await membership.setRole(db, actor, await loadGroup(db, actor, { slug: req.params.slug }), req.params.userId, req.body.role);
      return reply.status(204).send(null);
    },
  );

  // ── Feed ───────────────────────────────────────────────────────────────────
  app.get(
    "/groups/:slug/posts",
    { schema: { tags, summary: "The group's feed, newest first", params: Slug, querystring: GroupFeedQuery, response: { 200: GroupFeed, ...problemResponses(401, 403, 404, 422) } } },
    async (req) => {
      const actor = signedIn(req.actor);
      return feed.readFeed(db, actor, await loadGroup(db, actor, { slug: req.params.slug }), req.query);
    },
  );

  app.post(
    "/groups/:slug/posts",
    { schema: { tags, summary: "Post in the group (announcements: facilitators)", params: Slug, body: NewGroupPost, response: { 201: WrittenGroupPost, ...problemResponses(401, 403, 404, 422, 429) } } },
    async (req, reply) => {
      const actor = signedIn(req.actor);
      return reply.status(201).send(await feed.writePost(ctx, actor, await loadGroup(db, actor, { slug: req.params.slug }), req.body));
    },
  );

  app.delete(
    "/groups/:slug/posts/:postId",
    { schema: { tags, summary: "Remove a post (its author, the group's facilitators)", params: PostParams, response: { ...NoContent, ...problemResponses(401, 403, 404) } } },
    async (req, reply) => {
      const actor = signedIn(req.actor);
      await feed.deletePost(ctx, actor, await loadGroup(db, actor, { slug: req.params.slug }), req.params.postId);
      return reply.status(204).send(null);
    },
  );

  for (const [method, on] of [["put", true], ["delete", false]] as const) {
    app[method](
      "/groups/:slug/posts/:postId/reactions/:kind",
      { schema: { tags, summary: on ? "React to a post" : "Take a reaction back", params: ReactionParams, response: { 200: GroupPost, ...problemResponses(401, 403, 404) } } },
      async (req) => {
        const actor = signedIn(req.actor);
        return feed.react(ctx, actor, await loadGroup(db, actor, { slug: req.params.slug }), req.params.postId, req.params.kind, on);
      },
    );
  }
};
