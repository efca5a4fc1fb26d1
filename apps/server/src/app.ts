// Builds the Fastify app: shared plugins first, then each module's routes under /api.
import crypto from "node:crypto";
import fastifyCookie from "@fastify/cookie";
import fastifyHelmet from "@fastify/helmet";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyServerOptions } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import type { Config } from "./config.js";
import type { AppContext } from "./context.js";
import type { Database } from "./db/client.js";
import { registerCsrfGuard } from "./http/csrf.js";
import { loggerOptions } from "./http/logger.js";
import { registerNulStripping } from "./http/nul-bytes.js";
import { registerProblemHandlers } from "./http/problem.js";
import { registerSessionLoader } from "./http/session.js";
import { registerWebApp } from "./http/web.js";
import { JobQueue } from "./jobs/queue.js";
import { createMailer } from "./mail/mailer.js";
import { createAuth } from "./modules/accounts/auth.js";
import { accountsRoutes } from "./modules/accounts/routes.js";
import { forumsRoutes } from "./modules/forums/routes.js";
import { groupsRoutes } from "./modules/groups/routes.js";
import { refreshOccurrencesJob } from "./modules/meetings/occurrences.js";
import { FEED_PATH, meetingsRoutes } from "./modules/meetings/routes.js";
import { healthRoutes } from "./modules/health/routes.js";
import { organizationRoutes } from "./modules/organization/routes.js";
import { ensureBaseline } from "./modules/organization/service.js";
import { notificationJobs } from "./modules/notifications/jobs.js";
import { createSafety } from "./modules/safety/service.js";
import { safetyRoutes } from "./modules/safety/routes.js";
import { moderationRoutes } from "./modules/moderation/routes.js";
import { notificationsRoutes } from "./modules/notifications/routes.js";
import { createNotifier } from "./modules/notifications/service.js";
import { profilesRoutes } from "./modules/profiles/routes.js";
import { createGateway } from "./realtime/gateway.js";

declare module "fastify" {
  interface FastifyInstance {
    kindred: AppContext;
  }
}

export const BODY_LIMIT_BYTES = 64 * 1024;

export type BuildOptions = {
  config: Config;
  database: Database;
  logger?: FastifyServerOptions["logger"];
  /** How often idle job workers poll; tests lower it. */
  jobPollingIntervalSeconds?: number;
};

export async function buildApp({ config, database, logger, jobPollingIntervalSeconds }: BuildOptions) {
  const app = Fastify({
    logger: logger ?? loggerOptions(config.logLevel),
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: (req) => {
      const incoming = req.headers["x-request-id"];
      return typeof incoming === "string" && /^[\w-]{8,64}$/.test(incoming) ? incoming : crypto.randomUUID();
    },
    requestIdHeader: false,
    trustProxy: false,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerProblemHandlers(app);
  registerNulStripping(app);
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });

  const secret = config.authSecret ?? (await import("./secrets.js")).localSecret(config);
  const auth = createAuth({ db: database.db, secret, baseURL: config.publicUrl, secureCookies: config.cookieSecure });
  const db = database.db;
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, outboxDir: config.outboxDir, log: app.log });
  const jobs = new JobQueue({ database, log: app.log, pollingIntervalSeconds: jobPollingIntervalSeconds });
  const realtime = createGateway({ httpServer: app.server, ctx: { config, db, auth }, log: app.log, redisUrl: config.redisUrl });
  const notifier = createNotifier({ db, realtime, jobs, log: app.log });
  const safety = createSafety({ db, notifier, realtime, jobs, log: app.log });
  jobs.register(...notificationJobs({ db, mailer, publicUrl: config.publicUrl, secret, log: app.log }, config), ...safety.jobs, refreshOccurrencesJob(db));
  const ctx: AppContext = { config, database, db, auth, secret, mailer, jobs, realtime, notifier, safety };
  app.addHook("preClose", async () => {
    await jobs.stop();
    await realtime.close();
    mailer.close();
  });
  await ensureBaseline(db);

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // react-aria positions overlays with inline styles.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    hsts: config.publicUrl.startsWith("https://"),
  });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Kindred API",
        version: "0.1.0",
        description: "Peer support for people in recovery. Errors are RFC 9457 problem+json.",
      },
      tags: [
        { name: "health" },
        { name: "accounts" },
        { name: "profiles" },
        { name: "organization" },
        { name: "admin" },
        { name: "notifications" },
        { name: "forums" },
        { name: "groups" },
        { name: "meetings" },
      ],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs" });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  // Unsubscribe links are authorized by their signed token and posted by mail clients (RFC 8058).
  registerCsrfGuard(app, config.publicUrl, ["/api/notifications/unsubscribe"]);
  registerSessionLoader(app, ctx);

  await app.register(healthRoutes, { prefix: "/api", ctx });
  await app.register(organizationRoutes, { prefix: "/api", ctx });
  await app.register(accountsRoutes, { prefix: "/api", ctx });
  await app.register(profilesRoutes, { prefix: "/api", ctx });
  await app.register(notificationsRoutes, { prefix: "/api", ctx });
  await app.register(forumsRoutes, { prefix: "/api", ctx });
  await app.register(safetyRoutes, { prefix: "/api", ctx });
  await app.register(moderationRoutes, { prefix: "/api", ctx });
  await app.register(groupsRoutes, { prefix: "/api", ctx });
  await app.register(meetingsRoutes, { prefix: "/api", ctx });

  await registerWebApp(app, { alternates: { "/meetings": { href: `${config.publicUrl}${FEED_PATH}`, title: "Meetings Feed", type: "application/json" } } });
  app.decorate("kindred", ctx);
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
