// HTTP for the safety layer: "talk to someone now", the on-call alert queue and
// its actions, the rota, and private conversations. Each handler: validated
// input → policy → service.
import {
  Alert,
  AlertQueue,
  AlertQueueQuery,
  ConversationList,
  ConversationPage,
  ConversationPageQuery,
  NewMessage,
  NewShift,
  NewSwap,
  ReachOutResult,
  ResolveAlert,
  Rota,
  SentMessage,
  StartConversation,
  TalkNowRequest,
  TalkNowResult,
} from "@kindred/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.js";
import { problemResponses } from "../../http/openapi.js";
import * as alerts from "./alerts.js";
import * as conversations from "./conversations.js";
import { safetyPolicy as policy } from "./policy.js";
import * as rota from "./rota.js";

const Id = z.object({ id: z.string().min(1).max(64) });
const Created = z.object({ id: z.string() });
const NoContent = { 204: z.null() };
const tags = ["safety"];

export const safetyRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db } = ctx;

  app.post(
    "/safety/talk",
    { schema: { tags, summary: "Talk to someone now: tell the people on call", body: TalkNowRequest, response: { 201: TalkNowResult, ...problemResponses(401, 403, 422) } } },
    async (req, reply) => reply.status(201).send(await alerts.talkNow(ctx, req.actor!, req.body.source)),
  );

  // ── Alerts (the on-call team) ─────────────────────────────────────────────
  app.get(
    "/safety/alerts",
    { schema: { tags, summary: "The alert queue, by tier then age", querystring: AlertQueueQuery, response: { 200: AlertQueue, ...problemResponses(401, 403, 422) } } },
    async (req) => alerts.alertQueue(db, req.actor!, req.query.status),
  );
  app.post(
    "/safety/alerts/:id/acknowledge",
    { schema: { tags, summary: "I am taking this alert", params: Id, response: { 200: Alert, ...problemResponses(401, 403, 404, 409, 422) } } },
    async (req) => alerts.acknowledge(ctx, req.actor!, req.params.id),
  );
  app.post(
    "/safety/alerts/:id/reach-out",
    { schema: { tags, summary: "Open a private conversation with the person", params: Id, response: { 200: ReachOutResult, ...problemResponses(401, 403, 404, 409, 422) } } },
    async (req) => alerts.reachOut(ctx, req.actor!, req.params.id),
  );
  app.post(
    "/safety/alerts/:id/resolve",
    { schema: { tags, summary: "Close an alert with its outcome", params: Id, body: ResolveAlert, response: { 200: Alert, ...problemResponses(401, 403, 404, 409, 422) } } },
    async (req) => alerts.resolve(ctx, req.actor!, req.params.id, req.body),
  );

  // ── Rota ──────────────────────────────────────────────────────────────────
  app.get(
    "/safety/rota",
    { schema: { tags, summary: "The weekly on-call rota, swaps, and who is on call now", response: { 200: Rota, ...problemResponses(401, 403) } } },
    async (req) => {
      policy.authorize(req.actor, "rota.view", null);
      return rota.readRota(db);
    },
  );
  app.post(
    "/safety/rota/shifts",
    { schema: { tags, summary: "Add a weekly shift (admins)", body: NewShift, response: { 201: Created, ...problemResponses(401, 403, 422) } } },
    async (req, reply) => {
      policy.authorize(req.actor, "rota.manage", null);
      return reply.status(201).send({ id: await rota.addShift(db, req.actor!.id, req.body) });
    },
  );
  app.delete(
    "/safety/rota/shifts/:id",
    { schema: { tags, summary: "Remove a shift (admins)", params: Id, response: { ...NoContent, ...problemResponses(401, 403, 404, 422) } } },
    async (req, reply) => {
      policy.authorize(req.actor, "rota.manage", null);
      await rota.removeShift(db, req.actor!.id, req.params.id);
      return reply.status(204).send(null);
    },
  );
  app.post(
    "/safety/rota/swaps",
    { schema: { tags, summary: "Someone covers one date of a shift (admins)", body: NewSwap, response: { 201: Created, ...problemResponses(401, 403, 409, 422) } } },
    async (req, reply) => {
      policy.authorize(req.actor, "rota.manage", null);
      return reply.status(201).send({ id: await rota.addSwap(db, req.actor!.id, req.body) });
    },
  );
  app.delete(
    "/safety/rota/swaps/:id",
    { schema: { tags, summary: "Remove a swap (admins)", params: Id, response: { ...NoContent, ...problemResponses(401, 403, 404, 422) } } },
    async (req, reply) => {
      policy.authorize(req.actor, "rota.manage", null);
      await rota.removeSwap(db, req.actor!.id, req.params.id);
      return reply.status(204).send(null);
    },
  );

  // ── Private conversations ───────────────────────────────────────────────
  app.get(
    "/conversations",
    { schema: { tags: ["conversations"], summary: "My private conversations", response: { 200: ConversationList, ...problemResponses(401, 403) } } },
    async (req) => conversations.listConversations(db, req.actor!),
  );
  app.post(
    "/conversations",
    { schema: { tags: ["conversations"], summary: "Start (or reopen) a conversation with one person", body: StartConversation, response: { 201: Created, ...problemResponses(401, 403, 404, 422) } } },
    async (req, reply) => reply.status(201).send({ id: await conversations.startConversation(db, req.actor!, req.body.userId) }),
  );
  app.get(
    "/conversations/:id",
    { schema: { tags: ["conversations"], summary: "One page of a conversation (marks it read)", params: Id, querystring: ConversationPageQuery, response: { 200: ConversationPage, ...problemResponses(401, 403, 404, 422) } } },
    async (req) => conversations.readConversation(db, req.actor!, req.params.id, req.query),
  );
  app.post(
    "/conversations/:id/messages",
    { schema: { tags: ["conversations"], summary: "Send a message", params: Id, body: NewMessage, response: { 201: SentMessage, ...problemResponses(401, 403, 404, 413, 422) } } },
    async (req, reply) => reply.status(201).send(await conversations.sendMessage(ctx, req.actor!, req.params.id, req.body.body)),
  );
};
