// Liveness and readiness for operators and load balancers.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.js";
import { problemResponses } from "../../http/openapi.js";
import { HttpProblem } from "../../http/problem.js";

export const healthRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    "/health",
    { schema: { tags: ["health"], summary: "Liveness: the process is up", response: { 200: z.object({ status: z.literal("ok") }) } } },
    async () => ({ status: "ok" as const }),
  );

  app.get(
    "/ready",
    {
      schema: {
        tags: ["health"],
        summary: "Readiness: the database answers",
        response: { 200: z.object({ status: z.literal("ready"), database: z.enum(["pglite", "postgres"]) }), ...problemResponses(503) },
      },
    },
    async () => {
      try {
        await ctx.database.ping();
      } catch {
        throw new HttpProblem(503, "not-ready", "Not ready", "The database is not reachable.");
      }
      return { status: "ready" as const, database: ctx.database.kind };
    },
  );
};
