// Resolves the signed-in person (request.actor) from the session cookie, once per request.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppContext } from "../context.js";
import { loadActor } from "../modules/accounts/actor-loader.js";
import type { Actor } from "../policy/index.js";

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor | null;
    sessionId: string | null;
  }
}

export function toWebHeaders(request: FastifyRequest): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    headers.set(key, Array.isArray(value) ? value.join(", ") : value);
  }
  return headers;
}

/** Copies the cookies better-auth set on its Response onto Fastify's reply. */
export function forwardCookies(from: Response, reply: FastifyReply) {
  const cookies = from.headers.getSetCookie();
  if (cookies.length > 0) reply.header("set-cookie", cookies);
}

export function registerSessionLoader(app: FastifyInstance, ctx: AppContext) {
  app.decorateRequest("actor", null);
  app.decorateRequest("sessionId", null);
  app.addHook("onRequest", async (request) => {
    if (!request.url.startsWith("/api/") || !request.headers.cookie?.includes("kindred.")) return;
    const session = await ctx.auth.api.getSession({ headers: toWebHeaders(request) }).catch(() => null);
    if (!session) return;
    request.sessionId = session.session.id;
    request.actor = await loadActor(ctx.db, session.user.id);
  });
}
