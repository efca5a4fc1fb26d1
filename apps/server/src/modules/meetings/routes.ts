// HTTP for meetings: the directory, one meeting, create/change, exceptions,
// "my meetings", the Meeting Guide feed and import, and iCalendar feeds.
import {
  CalendarLink,
  CreateMeeting,
  Directory,
  DirectoryQuery,
  ExceptionParams,
  GroupSlug,
  ImportReport,
  ImportRequest,
  Meeting,
  MeetingException,
  MeetingSlug,
  MyMeetings,
  UpdateMeeting,
} from "@kindred/contracts";
import { sql } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.js";
import { selectRows } from "../../db/client.js";
import { problemResponses } from "../../http/openapi.js";
import { problems } from "../../http/problem.js";
import type { Actor } from "../../policy/index.js";
import { insideGroupSql } from "../groups/policy.js";
import { loadGroup } from "../groups/service.js";
import { getSettings } from "../organization/service.js";
import { groupCalendarMeetings, issueToken, personalCalendarMeetings, renderCalendar, revokeToken, tokenStatus } from "./calendar.js";
import { directory } from "./directory.js";
import { IMPORT_BODY_LIMIT, importFeed } from "./import.js";
import { type FeedContext, toEntry } from "./meeting-guide.js";
import { meetingsPolicy as policy } from "./policy.js";
import * as meetings from "./service.js";

const Slug = z.object({ slug: MeetingSlug });
const NoContent = { 204: z.null() };
const tags = ["meetings"];
const ICS = "text/calendar; charset=utf-8";
/** The Meeting Guide feed: any JSON array of entries (validated by the schema in meeting-guide.ts and its tests). */
const FeedArray = z.array(z.record(z.string(), z.unknown()));

export const FEED_PATH = "/api/meetings/feed.json";

/** The area online meetings carry as their approximate address: the admin's setting, else the organization's country. */
export async function feedContext(ctx: AppContext): Promise<FeedContext & { defaultTimeZone: string }> {
  const s = await getSettings(ctx.db);
  const country = new Intl.DisplayNames(["en"], { type: "region" }).of(s.defaultCountry) ?? s.defaultCountry;
  return { publicUrl: ctx.config.publicUrl, area: s.meetingArea.trim() || country, defaultTimeZone: s.timeZone };
}

/** Every meeting of the organization and of public groups: what the world may list. */
export async function publicFeed(ctx: AppContext) {
  const feed = await feedContext(ctx);
  const rows = await selectRows<meetings.MeetingRow>(
    ctx.db,
    sql`${meetings.fullSelect(null)} where g.id is null or g.visibility = 'public' order by m.slug`,
  );
  return rows.map((m) => toEntry(m, feed));
}

export const meetingsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db } = ctx;
  const signedIn = (actor: Actor | null): Actor => {
    if (!actor) throw problems.unauthenticated();
    return actor;
  };
  const view = async (actor: Actor | null, slug: string) => meetings.presentMeeting(db, actor, await meetings.loadMeeting(db, actor, slug));

  app.get(
    "/meetings",
    { schema: { tags, summary: "Upcoming meetings in the viewer's time zone, with filters (public meetings to everyone)", querystring: DirectoryQuery, response: { 200: Directory, ...problemResponses(422) } } },
    async (req) => directory(db, req.actor, req.query, (await getSettings(db)).timeZone),
  );

  app.get(
    "/meetings/feed.json",
    {
      schema: {
        tags,
        summary: "The organization's public meetings in the Meeting Guide JSON format, for meeting finders",
        response: { 200: FeedArray },
      },
    },
    async (_req, reply) => {
      // Meeting finders on other sites read this from the browser.
      reply.header("access-control-allow-origin", "*").header("cache-control", "public, max-age=300");
      return publicFeed(ctx);
    },
  );

  app.post(
    "/meetings",
    { schema: { tags, summary: "Create a meeting (facilitators of its group, or of the organization)", body: CreateMeeting, response: { 201: Meeting, ...problemResponses(401, 403, 409, 422) } } },
    async (req, reply) => {
      const actor = signedIn(req.actor);
      const slug = await meetings.createMeeting(db, actor, req.body);
      return reply.status(201).send(await view(actor, slug));
    },
  );

  app.get(
    "/meetings/mine",
    { schema: { tags, summary: "My meetings, each with its next occurrence", response: { 200: MyMeetings, ...problemResponses(401, 403) } } },
    async (req) => {
      const actor = signedIn(req.actor);
      policy.authorize(actor, "calendar.own", null);
      return { items: await meetings.myMeetings(db, actor), calendar: await tokenStatus(db, actor.id) };
    },
  );

  app.post(
    "/meetings/mine/calendar-link",
    { schema: { tags, summary: "A new secret address for my calendar feed (the old one stops working)", response: { 201: CalendarLink, ...problemResponses(401, 403) } } },
    async (req, reply) => {
      const { token, createdAt } = await issueToken(db, signedIn(req.actor));
      return reply.status(201).send({ url: `${ctx.config.publicUrl}/api/calendar/${token}.ics`, createdAt: createdAt.toISOString() });
    },
  );

  app.delete(
    "/meetings/mine/calendar-link",
    { schema: { tags, summary: "Turn off my calendar feed's secret address", response: { ...NoContent, ...problemResponses(401, 403) } } },
    async (req, reply) => {
      await revokeToken(db, signedIn(req.actor));
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/meetings/:slug",
    { schema: { tags, summary: "One meeting with its next occurrences", params: Slug, response: { 200: Meeting, ...problemResponses(401, 403, 404) } } },
    async (req) => view(req.actor, req.params.slug),
  );

  app.patch(
    "/meetings/:slug",
    { schema: { tags, summary: "Change a meeting (its facilitators, its group's, admins)", params: Slug, body: UpdateMeeting, response: { 200: Meeting, ...problemResponses(401, 403, 404, 422) } } },
    async (req) => {
      const actor = signedIn(req.actor);
      await meetings.updateMeeting(db, actor, await meetings.loadMeeting(db, actor, req.params.slug), req.body);
      return view(actor, req.params.slug);
    },
  );

  app.delete(
    "/meetings/:slug",
    { schema: { tags, summary: "Delete a meeting", params: Slug, response: { ...NoContent, ...problemResponses(401, 403, 404) } } },
    async (req, reply) => {
      const actor = signedIn(req.actor);
      await meetings.deleteMeeting(db, actor, await meetings.loadMeeting(db, actor, req.params.slug));
      return reply.status(204).send(null);
    },
  );

  app.put(
    "/meetings/:slug/exceptions",
    { schema: { tags, summary: "Cancel or move one occurrence", params: Slug, body: MeetingException, response: { 200: Meeting, ...problemResponses(401, 403, 404, 422) } } },
    async (req) => {
      const actor = signedIn(req.actor);
      await meetings.setException(db, actor, await meetings.loadMeeting(db, actor, req.params.slug), req.body);
      return view(actor, req.params.slug);
    },
  );

  app.delete(
    "/meetings/:slug/exceptions/:occurrence",
    { schema: { tags, summary: "Put one occurrence back as scheduled", params: ExceptionParams, response: { 200: Meeting, ...problemResponses(401, 403, 404, 422) } } },
    async (req) => {
      const actor = signedIn(req.actor);
      await meetings.clearException(db, actor, await meetings.loadMeeting(db, actor, req.params.slug), req.params.occurrence);
      return view(actor, req.params.slug);
    },
  );

  for (const [method, on] of [["put", true], ["delete", false]] as const) {
    app[method](
      "/meetings/:slug/attending",
      { schema: { tags, summary: on ? "Add to my meetings" : "Take out of my meetings", params: Slug, response: { 200: Meeting, ...problemResponses(401, 403, 404, 409) } } },
      async (req) => {
        const actor = signedIn(req.actor);
        await meetings.setAttending(db, actor, await meetings.loadMeeting(db, actor, req.params.slug), on);
        return view(actor, req.params.slug);
      },
    );
  }

  // ── Calendars ──────────────────────────────────────────────────────────────
  app.get(
    "/meetings/:slug/calendar.ics",
    { schema: { tags, summary: "One meeting as an iCalendar feed", params: Slug, response: { 200: z.string(), ...problemResponses(401, 403, 404) } } },
    async (req, reply) => {
      const m = await meetings.loadMeeting(db, req.actor, req.params.slug);
      const showJoin = policy.can(req.actor, "meeting.join", meetings.accessOf(m));
      const body = await renderCalendar(db, m.name, [{ ...m, showJoin }], ctx.config.publicUrl);
      return reply.type(ICS).header("content-disposition", `attachment; filename="${m.slug}.ics"`).send(body);
    },
  );

  app.get(
    "/groups/:slug/calendar.ics",
    { schema: { tags, summary: "A group's meetings as an iCalendar feed", params: z.object({ slug: GroupSlug }), response: { 200: z.string(), ...problemResponses(401, 403, 404) } } },
    async (req, reply) => {
      const group = await loadGroup(db, req.actor, { slug: req.params.slug });
      const [inside] = await selectRows<{ inside: boolean }>(db, sql`select ${insideGroupSql(req.actor)} as inside from recovery_group g where g.id = ${group.id}`);
      const showJoin = group.visibility === "public" || Boolean(inside?.inside);
      const body = await renderCalendar(db, group.name, await groupCalendarMeetings(db, group.id, showJoin), ctx.config.publicUrl);
      return reply.type(ICS).header("content-disposition", `attachment; filename="${group.slug}.ics"`).send(body);
    },
  );

  app.get(
    "/calendar/:token.ics",
    {
      config: { rateLimit: { max: 60, timeWindow: "1 minute" } },
      schema: { tags, summary: "My meetings as an iCalendar feed, at a secret address", params: z.object({ token: z.string().max(100) }), response: { 200: z.string(), ...problemResponses(404) } },
    },
    async (req, reply) => {
      const body = await renderCalendar(db, "My meetings", await personalCalendarMeetings(db, req.params.token), ctx.config.publicUrl);
      return reply.type(ICS).header("cache-control", "private, no-store").send(body);
    },
  );

  // ── Import ─────────────────────────────────────────────────────────────────
  app.post(
    "/admin/meetings/import",
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: { tags, summary: "Import a Meeting Guide feed (admins): a dry run reports first", body: ImportRequest, response: { 200: ImportReport, ...problemResponses(401, 403, 409, 413, 422) } },
    },
    async (req) => {
      const actor = signedIn(req.actor);
      policy.authorize(actor, "meeting.import", null);
      return importFeed(db, actor, req.body, await feedContext(ctx));
    },
  );
};
