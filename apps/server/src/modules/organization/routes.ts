// HTTP for organization configuration and crisis lines.
import {
  CountryCode,
  CrisisLine,
  CrisisLineInput,
  CrisisLinesResponse,
  GuidelinesPublish,
  OrgSettings,
  OrgSettingsUpdate,
  PublicConfig,
} from "@kindred/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.js";
import { problemResponses } from "../../http/openapi.js";
import { recordAudit } from "../accounts/audit.js";
import { profileCountry } from "../profiles/service.js";
import { organizationPolicy as policy } from "./policy.js";
import * as org from "./service.js";

const LineId = z.object({ id: z.coerce.number().int().positive() });

export const organizationRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db } = ctx;

  app.get(
    "/config",
    { schema: { tags: ["organization"], summary: "Public configuration: name, registration mode, guidelines", response: { 200: PublicConfig } } },
    async (req) => {
      policy.authorize(req.actor, "config.read", undefined);
      return org.getPublicConfig(db);
    },
  );

  app.get(
    "/crisis-lines",
    {
      schema: {
        tags: ["organization"],
        summary: "Crisis lines for a country (default: the person's country, else the organization's)",
        querystring: z.strictObject({ country: z.union([CountryCode, z.literal("EU")]).optional() }),
        response: { 200: CrisisLinesResponse, ...problemResponses(422) },
      },
    },
    async (req) => {
      policy.authorize(req.actor, "crisis-lines.read", undefined);
      const country = req.query.country ?? (req.actor ? await profileCountry(db, req.actor.id) : null);
      return org.crisisLinesFor(db, country);
    },
  );

  app.get(
    "/admin/settings",
    {
      schema: {
        tags: ["admin"],
        summary: "Organization settings, with the new-account limits and the alert acknowledgement time",
        response: { 200: OrgSettings, ...problemResponses(401, 403) },
      },
    },
    async (req) => {
      policy.authorize(req.actor, "settings.update", undefined);
      return org.getOrgSettings(db);
    },
  );

  app.patch(
    "/admin/settings",
    {
      schema: {
        tags: ["admin"],
        summary: "Change organization settings (registration mode, name, country, new-account limits, alert acknowledgement time)",
        body: OrgSettingsUpdate,
        response: { 200: OrgSettings, ...problemResponses(401, 403, 422) },
      },
    },
    async (req) => {
      policy.authorize(req.actor, "settings.update", undefined);
      const result = await org.updateSettings(db, req.body);
      await recordAudit(db, req.actor!.id, "settings.update", "organization", "1", { fields: Object.keys(req.body) });
      return result;
    },
  );

  app.post(
    "/admin/guidelines",
    {
      schema: {
        tags: ["admin"],
        summary: "Publish a new version of the community guidelines",
        body: GuidelinesPublish,
        response: { 201: PublicConfig, ...problemResponses(401, 403, 422) },
      },
    },
    async (req, reply) => {
      policy.authorize(req.actor, "guidelines.publish", undefined);
      const result = await org.publishGuidelines(db, req.body);
      await recordAudit(db, req.actor!.id, "guidelines.publish", "guidelines", String(result.guidelines.version));
      return reply.status(201).send(result);
    },
  );

  app.post(
    "/admin/crisis-lines",
    {
      schema: {
        tags: ["admin"],
        summary: "Add a crisis line",
        body: CrisisLineInput,
        response: { 201: CrisisLine, ...problemResponses(401, 403, 422) },
      },
    },
    async (req, reply) => {
      policy.authorize(req.actor, "crisis-lines.manage", undefined);
      const line = await org.createCrisisLine(db, req.body);
      await recordAudit(db, req.actor!.id, "crisis-line.create", "crisis_line", String(line.id));
      return reply.status(201).send(line);
    },
  );

  app.put(
    "/admin/crisis-lines/:id",
    {
      schema: {
        tags: ["admin"],
        summary: "Replace a crisis line",
        params: LineId,
        body: CrisisLineInput,
        response: { 200: CrisisLine, ...problemResponses(401, 403, 404, 422) },
      },
    },
    async (req) => {
      policy.authorize(req.actor, "crisis-lines.manage", undefined);
      const line = await org.updateCrisisLine(db, req.params.id, req.body);
      await recordAudit(db, req.actor!.id, "crisis-line.update", "crisis_line", String(line.id));
      return line;
    },
  );

  app.delete(
    "/admin/crisis-lines/:id",
    {
      schema: {
        tags: ["admin"],
        summary: "Remove a crisis line",
        params: LineId,
        response: { 204: z.null(), ...problemResponses(401, 403, 404, 422) },
      },
    },
    async (req, reply) => {
      policy.authorize(req.actor, "crisis-lines.manage", undefined);
      await org.deleteCrisisLine(db, req.params.id);
      await recordAudit(db, req.actor!.id, "crisis-line.delete", "crisis_line", String(req.params.id));
      return reply.status(204).send(null);
    },
  );
};
