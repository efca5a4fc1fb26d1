// CSRF defence for cookie-authenticated writes: an unsafe request must come from
// Kindred's own origin (Origin header), or say so through Fetch Metadata.
import type { FastifyInstance, FastifyRequest } from "fastify";
import { HttpProblem, sendProblem } from "./problem.js";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

export function registerCsrfGuard(app: FastifyInstance, publicUrl: string, exemptPaths: string[] = []) {
  const trusted = new URL(publicUrl).origin;
  app.addHook("onRequest", async (request, reply) => {
    if (SAFE.has(request.method) || !request.url.startsWith("/api/")) return;
    if (exemptPaths.includes(request.url.split("?")[0]!)) return;
    if (isSameOrigin(request, trusted)) return;
    return sendProblem(
      reply,
      request,
      new HttpProblem(403, "cross-site-request", "Request refused", "Changes can only be made from Kindred's own pages."),
    );
  });
}

function isSameOrigin(request: FastifyRequest, trusted: string): boolean {
  const origin = request.headers.origin;
  if (origin) {
    if (origin === trusted) return true;
    // Also the origin the browser actually used (e.g. 127.0.0.1 vs localhost).
    const host = request.headers.host;
    return Boolean(host) && (origin === `http://${host}` || origin === `https://${host}`);
  }
  return request.headers["sec-fetch-site"] === "same-origin";
}
