// HTTP for profiles and the blocked-people list.
import { BlockBody, BlockedList, OwnProfile, ProfileUpdate, PublicProfile } from "@kindred/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.js";
import { problemResponses } from "../../http/openapi.js";
import { accountsPolicy as policy } from "../accounts/policy.js";
import * as profiles from "./service.js";

const PseudonymParam = z.object({ pseudonym: z.string().trim().min(1).max(30) });

export const profilesRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db } = ctx;

  app.get(
    "/me/profile",
    { schema: { tags: ["profiles"], summary: "My profile, with each field's visibility", response: { 200: OwnProfile, ...problemResponses(401) } } },
    async (req) => {
      policy.authorize(req.actor, "profile.edit-own", undefined);
      return profiles.getOwnProfile(db, req.actor!.id);
    },
  );

  app.patch(
    "/me/profile",
    {
      schema: {
        tags: ["profiles"],
        summary: "Change my profile",
        body: ProfileUpdate,
        response: { 200: OwnProfile, ...problemResponses(401, 409, 422) },
      },
    },
    async (req) => {
      policy.authorize(req.actor, "profile.edit-own", undefined);
      return profiles.updateOwnProfile(db, req.actor!.id, req.body);
    },
  );

  app.get(
    "/members/:pseudonym",
    {
      schema: {
        tags: ["profiles"],
        summary: "Another member's profile: only the fields its owner lets you see",
        params: PseudonymParam,
        response: { 200: PublicProfile, ...problemResponses(401, 403, 404) },
      },
    },
    async (req) => {
      const target = await profiles.findUserByPseudonym(db, req.params.pseudonym);
      policy.authorize(req.actor, "profile.view", { ownerId: target?.id ?? "" });
      return profiles.getPublicProfile(db, req.actor!, req.params.pseudonym);
    },
  );

  app.get(
    "/me/blocks",
    { schema: { tags: ["profiles"], summary: "People I have blocked", response: { 200: BlockedList, ...problemResponses(401, 403) } } },
    async (req) => {
      policy.authorize(req.actor, "block.manage", undefined);
      return profiles.listBlocks(db, req.actor!.id);
    },
  );

  app.post(
    "/me/blocks",
    {
      schema: {
        tags: ["profiles"],
        summary: "Block someone: their content is collapsed for me and they cannot contact me",
        body: BlockBody,
        response: { 201: z.null(), ...problemResponses(401, 403, 404, 422) },
      },
    },
    async (req, reply) => {
      policy.authorize(req.actor, "block.manage", undefined);
      await profiles.blockPerson(db, req.actor!.id, req.body.pseudonym);
      return reply.status(201).send(null);
    },
  );

  app.delete(
    "/me/blocks/:pseudonym",
    {
      schema: {
        tags: ["profiles"],
        summary: "Unblock someone",
        params: PseudonymParam,
        response: { 204: z.null(), ...problemResponses(401, 403, 404) },
      },
    },
    async (req, reply) => {
      policy.authorize(req.actor, "block.manage", undefined);
      await profiles.unblockPerson(db, req.actor!.id, req.params.pseudonym);
      return reply.status(204).send(null);
    },
  );
};
