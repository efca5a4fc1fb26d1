// Serves the built web app; any non-API GET falls back to index.html for client routing.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import { problems, sendProblem } from "./problem.js";

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../web/dist");

export type Alternate = { href: string; title: string; type: string };
export type WebAppOptions = {
  /** Pages whose HTML advertises a machine-readable alternate (e.g. the meeting directory's Meeting Guide feed), by path. */
  alternates?: Record<string, Alternate>;
  distDir?: string;
};

const escapeAttr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/** index.html with `<link rel="alternate">` in its head: in the HTML the server sends, so crawlers that run no script see it. */
export function withAlternate(html: string, alt: Alternate): string {
  const tag = `<link rel="alternate" type="${escapeAttr(alt.type)}" title="${escapeAttr(alt.title)}" href="${escapeAttr(alt.href)}">`;
  return html.replace("</head>", `    ${tag}\n  </head>`);
}

export async function registerWebApp(app: FastifyInstance, options: WebAppOptions = {}) {
  const dist = options.distDir ?? WEB_DIST;
  const indexFile = path.join(dist, "index.html");
  const hasBuild = fs.existsSync(indexFile);
  const alternatePages = new Map(
    Object.entries(options.alternates ?? {}).map(([page, alt]) => [page, hasBuild ? withAlternate(fs.readFileSync(indexFile, "utf8"), alt) : ""]),
  );
  if (hasBuild) {
    await app.register(fastifyStatic, { root: dist, prefix: "/", index: false, wildcard: false, maxAge: "1h" });
  }
  app.setNotFoundHandler((request, reply) => {
    const wantsPage = request.method === "GET" && !request.url.startsWith("/api/") && !request.url.startsWith("/api?");
    if (!wantsPage) return sendProblem(reply, request, problems.notFound());
    if (!hasBuild)
      return reply.type("text/plain").status(503).send("The web app is not built yet: run `npm run build`.");
    const page = request.url.split("?")[0]!.replace(/\/+$/, "") || "/";
    const withAlt = alternatePages.get(page);
    if (withAlt) return reply.type("text/html").header("cache-control", "no-cache").send(withAlt);
    return reply.type("text/html").header("cache-control", "no-cache").sendFile("index.html", dist);
  });
}
