// Resolves the signed-in person (request.actor) from the session cookie, once per request.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppContext } from "../context.js";
import { loadActor } from "../modules/accounts/actor-loader.js";
import type { Actor } from "../policy/index.js";

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor | null;
    sessionId: string | null;
    /** People whose account this request changed outside /api/admin/users/:id (e.g. a moderator's suspension): forgotten once it is answered. */
    accountsChanged: string[] | null;
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

type Resolved = { sessionId: string; actor: Actor; until: number };

/**
 * Resolving a session costs three queries; reading a forum page costs two. So a
 * resolved session is reused for a few seconds (SESSION_CACHE_SECONDS). Any
 * change to an account made through this process (sign-out, roles, status,
 * two-factor, password) forgets that person at once; another process notices
 * within the same few seconds.
 */
export class SessionCache {
  private entries = new Map<string, Resolved>();
  constructor(
    private ttlMs: number,
    private maxEntries = 10_000,
  ) {}

  get(token: string, now = Date.now()): Resolved | null {
    const hit = this.entries.get(token);
    if (!hit) return null;
    if (hit.until > now) return hit;
    this.entries.delete(token);
    return null;
  }

  set(token: string, sessionId: string, actor: Actor, now = Date.now()) {
    if (this.ttlMs <= 0) return;
    // Oldest first out: a Map iterates in insertion order.
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, { sessionId, actor, until: now + this.ttlMs });
  }

  forgetUser(userId: string) {
    for (const [token, entry] of this.entries) if (entry.actor.id === userId) this.entries.delete(token);
  }
}

const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?kindred\.session_token=([^;]+)/;
/** Writes that may change who a person is to the policies: their own account, or an admin acting on one. */
const ACCOUNT_WRITES = /^\/api\/(auth|me|admin)\//;
const ADMIN_TARGET = /^\/api\/admin\/users\/([^/?]+)/;

export function registerSessionLoader(app: FastifyInstance, ctx: AppContext) {
  const cache = new SessionCache(ctx.config.sessionCacheSeconds * 1000);
  const inFlight = new Map<string, Promise<{ sessionId: string; actor: Actor } | null>>();
  const resolveSession = async (request: FastifyRequest) => {
    const session = await ctx.auth.api.getSession({ headers: toWebHeaders(request) }).catch(() => null);
    if (!session) return null;
    const actor = await loadActor(ctx.db, session.user.id);
    return actor ? { sessionId: session.session.id, actor } : null;
  };
  app.decorateRequest("actor", null);
  app.decorateRequest("sessionId", null);
  app.decorateRequest("accountsChanged", null);
  app.addHook("onRequest", async (request) => {
    if (!request.url.startsWith("/api/") || !request.headers.cookie?.includes("kindred.")) return;
    const token = SESSION_COOKIE.exec(request.headers.cookie)?.[1];
    const cached = token ? cache.get(token) : null;
    if (cached) {
      request.sessionId = cached.sessionId;
      request.actor = cached.actor;
      return;
    }
    // One load per session at a time: when an entry expires under load, the requests
    // arriving meanwhile wait for that load instead of each asking the database again.
    let loading = token ? inFlight.get(token) : undefined;
    if (!loading) {
      loading = resolveSession(request);
      if (token) {
        inFlight.set(token, loading);
        // The request awaiting it reports a failure; this copy only clears the entry.
        loading.finally(() => inFlight.delete(token)).catch(() => {});
      }
    }
    const resolved = await loading;
    if (!resolved) return;
    request.sessionId = resolved.sessionId;
    request.actor = resolved.actor;
    if (token) cache.set(token, resolved.sessionId, resolved.actor);
  });
  app.addHook("onResponse", async (request) => {
    for (const id of request.accountsChanged ?? []) cache.forgetUser(id);
    if (request.method === "GET" || request.method === "HEAD" || !ACCOUNT_WRITES.test(request.url)) return;
    if (request.actor) cache.forgetUser(request.actor.id);
    const target = ADMIN_TARGET.exec(request.url)?.[1];
    if (target) cache.forgetUser(decodeURIComponent(target));
  });
}
