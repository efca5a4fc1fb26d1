// HTTP for notifications: my list, read state, preferences, and one-click unsubscribe.
import {
  NotificationListQuery,
  NotificationPage,
  NotificationPreferences,
  UnreadCount,
  UpdateNotificationPreferences,
} from "@kindred/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.js";
import { problemResponses } from "../../http/openapi.js";
import { problems } from "../../http/problem.js";
import type { Locale } from "./messages.js";
import { notificationsPolicy as policy } from "./policy.js";
import { getPreferences, loadRecipients, unsubscribe, updatePreferences } from "./preferences.js";
import * as notifications from "./service.js";
import { readUnsubscribeToken } from "./unsubscribe.js";

const IdParam = z.object({ id: z.string().min(1).max(64) });
const TokenQuery = z.object({ token: z.string().min(10).max(400) });
const OneClickBody = z.object({ "List-Unsubscribe": z.literal("One-Click") });

export const notificationsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db, notifier } = ctx;
  const localeOf = async (userId: string): Promise<Locale> => (await loadRecipients(db, [userId])).get(userId)?.locale ?? "en";

  app.get(
    "/me/notifications",
    {
      schema: {
        tags: ["notifications"],
        summary: "My notifications, newest first (cursor pagination)",
        querystring: NotificationListQuery,
        response: { 200: NotificationPage, ...problemResponses(401, 403, 422) },
      },
    },
    async (req) => {
      policy.authorize(req.actor, "listOwn", null);
      return notifications.listNotifications(db, req.actor!.id, await localeOf(req.actor!.id), req.query);
    },
  );

  app.get(
    "/me/notifications/unread-count",
    { schema: { tags: ["notifications"], summary: "How many of my notifications are unread", response: { 200: UnreadCount, ...problemResponses(401, 403) } } },
    async (req) => {
      policy.authorize(req.actor, "listOwn", null);
      return { unreadCount: await notifications.unreadCount(db, req.actor!.id) };
    },
  );

  app.post(
    "/me/notifications/:id/read",
    {
      schema: {
        tags: ["notifications"],
        summary: "Mark one notification read",
        params: IdParam,
        response: { 200: UnreadCount, ...problemResponses(401, 403, 404) },
      },
    },
    async (req) => {
      policy.authorize(req.actor, "listOwn", null);
      const note = await notifications.findNotification(db, req.params.id);
      policy.authorize(req.actor, "markRead", note);
      await notifications.markRead(db, note.id);
      return { unreadCount: await notifier.pushUnreadCount(req.actor!.id) };
    },
  );

  app.post(
    "/me/notifications/read-all",
    { schema: { tags: ["notifications"], summary: "Mark all my notifications read", response: { 200: UnreadCount, ...problemResponses(401, 403) } } },
    async (req) => {
      policy.authorize(req.actor, "listOwn", null);
      await notifications.markAllRead(db, req.actor!.id);
      return { unreadCount: await notifier.pushUnreadCount(req.actor!.id) };
    },
  );

  app.get(
    "/me/notification-preferences",
    {
      schema: {
        tags: ["notifications"],
        summary: "How I want to be notified: kinds × channels, quiet hours, digest",
        response: { 200: NotificationPreferences, ...problemResponses(401, 403) },
      },
    },
    async (req) => {
      policy.authorize(req.actor, "managePreferences", null);
      return getPreferences(db, req.actor!);
    },
  );

  app.patch(
    "/me/notification-preferences",
    {
      schema: {
        tags: ["notifications"],
        summary: "Change how I want to be notified",
        body: UpdateNotificationPreferences,
        response: { 200: NotificationPreferences, ...problemResponses(401, 403, 422) },
      },
    },
    async (req) => {
      policy.authorize(req.actor, "managePreferences", null);
      return updatePreferences(db, req.actor!, req.body);
    },
  );

  // Mail programs post the one-click form encoded; only this plugin accepts that.
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string", bodyLimit: 1024 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  // One-click unsubscribe from an e-mail. The signed token is the authorization:
  // no session, and no Origin check (mail clients post without one, RFC 8058).
  const secret = ctx.secret;
  const applyToken = async (token: string) => {
    const parsed = readUnsubscribeToken(secret, token);
    if (!parsed) throw problems.validation([{ path: "token", message: "This unsubscribe link is not valid." }], "This unsubscribe link is not valid.");
    const done = await unsubscribe(db, parsed.userId, parsed.scope);
    if (!done) throw problems.notFound("This account");
    return { ...parsed, locale: await localeOf(parsed.userId) };
  };

  app.get(
    "/notifications/unsubscribe",
    {
      schema: {
        tags: ["notifications"],
        summary: "One-click unsubscribe link from an e-mail: stops that kind of e-mail and shows a confirmation page",
        querystring: TokenQuery,
      },
    },
    async (req, reply) => {
      const { scope, locale } = await applyToken(req.query.token);
      reply.type("text/html; charset=utf-8").header("cache-control", "no-store");
      return confirmationPage(locale, scope === "digest");
    },
  );

  app.post(
    "/notifications/unsubscribe",
    {
      schema: {
        tags: ["notifications"],
        summary: "RFC 8058 one-click unsubscribe, as mail programs send it (form body List-Unsubscribe=One-Click)",
        querystring: TokenQuery,
        body: OneClickBody,
        response: { 200: z.object({ unsubscribed: z.string() }), ...problemResponses(404, 422) },
      },
    },
    async (req) => {
      const { scope } = await applyToken(req.query.token);
      return { unsubscribed: scope };
    },
  );
};

const PAGE_TEXT: Record<Locale, { title: string; kind: string; digest: string; manage: string }> = {
  en: {
    title: "You're unsubscribed",
    kind: "You will no longer get e-mails like that one. You'll still see these notifications in Kindred.",
    digest: "You will no longer get digest or other non-urgent e-mails. Your notifications are still waiting for you in Kindred.",
    manage: "Change notification settings",
  },
  es: {
    title: "Se canceló tu suscripción",
    kind: "Ya no recibirás correos como ese. Seguirás viendo estas notificaciones en Kindred.",
    digest: "Ya no recibirás resúmenes ni otros correos no urgentes. Tus notificaciones te siguen esperando en Kindred.",
    manage: "Cambiar los ajustes de notificaciones",
  },
};

function confirmationPage(locale: Locale, digest: boolean) {
  const t = PAGE_TEXT[locale];
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${t.title}</title></head>
<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1f2933;max-width:36rem;margin:3rem auto;padding:0 1rem">
<h1>${t.title}</h1><p>${digest ? t.digest : t.kind}</p><p><a href="/settings/notifications">${t.manage}</a></p></body></html>`;
}
