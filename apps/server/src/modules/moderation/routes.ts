// HTTP for moderation: the review queue and its actions, members' reports,
// lifting a silence, the admins' watched words, and each member's mutes.
// Each handler: validated input → policy → service.
import {
  MuteBody,
  MutedList,
  NewReport,
  NewWatchedWord,
  ReviewActionBody,
  ReviewItem,
  ReviewQueue,
  ReviewQueueQuery,
  UpdateWatchedWord,
  WatchedWord,
  WatchedWordList,
} from "@kindred/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.js";
import { problemResponses } from "../../http/openapi.js";
import { act, liftSilence } from "./actions.js";
import * as mutes from "./mutes.js";
import { moderationPolicy as policy } from "./policy.js";
import { reviewQueue, viewItem } from "./queue.js";
import { report } from "./reports.js";
import * as words from "./words.js";

const Id = z.object({ id: z.string().min(1).max(64) });
const UserId = z.object({ userId: z.string().min(1).max(64) });
const PseudonymParam = z.object({ pseudonym: z.string().trim().min(1).max(30) });
const Created = z.object({ id: z.string() });
const NoContent = { 204: z.null() };
const tags = ["moderation"];

export const moderationRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db } = ctx;

  // ── The review queue (moderators and admins) ────────────────────────────
  app.get(
    "/moderation/queue",
    {
      schema: {
        tags,
        summary: "Pending review items: crisis signals first, then by severity and age, with the actions I may take",
        querystring: ReviewQueueQuery,
        response: { 200: ReviewQueue, ...problemResponses(401, 403, 422) },
      },
    },
    async (req) => reviewQueue(db, req.actor!, req.query),
  );

  app.get(
    "/moderation/items/:id",
    { schema: { tags, summary: "One review item, pending or settled", params: Id, response: { 200: ReviewItem, ...problemResponses(401, 403, 404, 422) } } },
    async (req) => {
      policy.authorize(req.actor, "queue.view", null);
      return viewItem(db, req.actor!, req.params.id);
    },
  );

  app.post(
    "/moderation/items/:id/actions",
    {
      schema: {
        tags,
        summary: "Act on a review item: hide, restore, approve, dismiss, edit out method details, warn, silence or suspend its author",
        params: Id,
        body: ReviewActionBody,
        response: { 200: ReviewItem, ...problemResponses(401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      policy.authorize(req.actor, "item.act", null);
      const { item, accountChanged } = await act(ctx, req.actor!, req.params.id, req.body);
      if (accountChanged) req.accountsChanged = [accountChanged];
      return item;
    },
  );

  app.delete(
    "/moderation/silences/:userId",
    { schema: { tags, summary: "Let a silenced person write again now", params: UserId, response: { ...NoContent, ...problemResponses(401, 403, 404, 422) } } },
    async (req, reply) => {
      await liftSilence(db, req.actor!, req.params.userId);
      return reply.status(204).send(null);
    },
  );

  // ── Reports from members ────────────────────────────────────────────────
  app.post(
    "/moderation/flags",
    {
      schema: {
        tags,
        summary: "Tell the moderators about a forum post or a private message I received",
        body: NewReport,
        response: { 201: Created, ...problemResponses(401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      policy.authorize(req.actor, "report.create", null);
      return reply.status(201).send(await report(ctx, req.actor!, req.body));
    },
  );

  // ── Watched words (admins) ──────────────────────────────────────────────
  app.get(
    "/moderation/watched-words",
    { schema: { tags, summary: "Watched words and what each does", response: { 200: WatchedWordList, ...problemResponses(401, 403) } } },
    async (req) => {
      policy.authorize(req.actor, "words.manage", null);
      return words.listWatchedWords(db);
    },
  );

  app.post(
    "/moderation/watched-words",
    { schema: { tags, summary: "Watch a word or phrase", body: NewWatchedWord, response: { 201: WatchedWord, ...problemResponses(401, 403, 409, 422) } } },
    async (req, reply) => {
      policy.authorize(req.actor, "words.manage", null);
      return reply.status(201).send(await words.createWatchedWord(db, req.actor!.id, req.body));
    },
  );

  app.patch(
    "/moderation/watched-words/:id",
    {
      schema: {
        tags,
        summary: "Change a watched word (only the fields sent change)",
        params: Id,
        body: UpdateWatchedWord,
        response: { 200: WatchedWord, ...problemResponses(401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      policy.authorize(req.actor, "words.manage", null);
      return words.updateWatchedWord(db, req.actor!.id, req.params.id, req.body);
    },
  );

  app.delete(
    "/moderation/watched-words/:id",
    { schema: { tags, summary: "Stop watching a word", params: Id, response: { ...NoContent, ...problemResponses(401, 403, 404, 422) } } },
    async (req, reply) => {
      policy.authorize(req.actor, "words.manage", null);
      await words.deleteWatchedWord(db, req.actor!.id, req.params.id);
      return reply.status(204).send(null);
    },
  );

  // ── My mutes ────────────────────────────────────────────────────────────
  app.get(
    "/me/mutes",
    { schema: { tags: ["profiles"], summary: "People I have muted", response: { 200: MutedList, ...problemResponses(401, 403) } } },
    async (req) => {
      policy.authorize(req.actor, "mutes.manage", null);
      return mutes.listMutes(db, req.actor!.id);
    },
  );

  app.post(
    "/me/mutes",
    {
      schema: {
        tags: ["profiles"],
        summary: "Mute someone: their posts are folded away for me and their activity does not notify me (they are not told)",
        body: MuteBody,
        response: { 201: z.null(), ...problemResponses(401, 403, 404, 422) },
      },
    },
    async (req, reply) => {
      policy.authorize(req.actor, "mutes.manage", null);
      await mutes.mutePerson(db, req.actor!.id, req.body.pseudonym);
      return reply.status(201).send(null);
    },
  );

  app.delete(
    "/me/mutes/:pseudonym",
    { schema: { tags: ["profiles"], summary: "Unmute someone", params: PseudonymParam, response: { ...NoContent, ...problemResponses(401, 403, 404, 422) } } },
    async (req, reply) => {
      policy.authorize(req.actor, "mutes.manage", null);
      await mutes.unmutePerson(db, req.actor!.id, req.params.pseudonym);
      return reply.status(204).send(null);
    },
  );
};
