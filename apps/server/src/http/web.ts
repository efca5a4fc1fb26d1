// Serves the built web app; any non-API GET falls back to index.html for client routing.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import { problems, sendProblem } from "./problem.js";

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../web/dist");

export async function registerWebApp(app: FastifyInstance) {
  const indexFile = path.join(WEB_DIST, "index.html");
  const hasBuild = fs.existsSync(indexFile);
  if (hasBuild) {
    await app.register(fastifyStatic, { root: WEB_DIST, prefix: "/", index: false, wildcard: false, maxAge: "1h" });
  }
  app.setNotFoundHandler((request, reply) => {
    const wantsPage = request.method === "GET" && !request.url.startsWith("/api/") && !request.url.startsWith("/api?");
    if (!wantsPage) return sendProblem(reply, request, problems.notFound());
    if (!hasBuild)
      return reply.type("text/plain").status(503).send("The web app is not built yet: run `npm run build`.");
    return reply.type("text/html").header("cache-control", "no-cache").sendFile("index.html", WEB_DIST);
  });
}
