// Health, readiness, OpenAPI, security headers, request ids and log redaction.
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { openTestDatabase } from "../testing/database.js";
import { createTestApp, Person, type TestApp, testConfig } from "../testing/harness.js";
import { loggerOptions } from "./logger.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe("health", () => {
  it("liveness and readiness", async () => {
    const p = new Person(t.app);
    expect((await p.get("/api/health")).body).toEqual({ status: "ok" });
    const ready = await p.get("/api/ready");
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe("ready");
  });

  it("readiness fails with 503 when the database is gone", async () => {
    const other = await createTestApp();
    await other.database.close();
    const res = await new Person(other.app).get("/api/ready");
    expect(res.status).toBe(503);
    expect(res.body.type).toMatch(/not-ready$/);
    await other.app.close();
  });
});

describe("OpenAPI", () => {
  it("documents every API route with its request and response schemas", async () => {
    const doc = (await new Person(t.app).get("/api/openapi.json")).body;
    expect(doc.openapi).toMatch(/^3\./);
    const documented = new Set<string>();
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
      for (const [method, op] of Object.entries(ops)) {
        documented.add(`${method.toUpperCase()} ${path}`);
        expect(op.responses, `${method} ${path}`).toBeDefined();
        const ok = Object.keys(op.responses).find((s) => s.startsWith("2"));
        expect(ok, `${method} ${path} has a success response`).toBeDefined();
        if (["POST", "PUT", "PATCH"].includes(method.toUpperCase()) && !/\/(approve|reactivate|sign-out|read|read-all|restore|watch|reactions\/\{kind\}|acknowledge|reach-out|leave|decline|calendar-link|attending)$/.test(path))
          expect(op.requestBody, `${method} ${path} request body`).toBeDefined();
      }
    }
    const routes = t.app
      .printRoutes({ commonPrefix: false })
      .split("\n")
      .filter((l) => l.includes("/api/"));
    expect(routes.length).toBeGreaterThan(0);
    const expected = [
      "GET /api/health",
      "GET /api/ready",
      "GET /api/config",
      "GET /api/crisis-lines",
      "POST /api/auth/sign-up",
      "POST /api/auth/sign-in",
      "POST /api/auth/two-factor",
      "POST /api/auth/sign-out",
      "GET /api/me",
      "POST /api/me/password",
      "POST /api/me/two-factor/setup",
      "POST /api/me/two-factor/confirm",
      "POST /api/me/two-factor/disable",
      "GET /api/me/profile",
      "PATCH /api/me/profile",
      "GET /api/members/{pseudonym}",
      "GET /api/me/blocks",
      "POST /api/me/blocks",
      "DELETE /api/me/blocks/{pseudonym}",
      "GET /api/admin/users",
      "POST /api/admin/users/{id}/approve",
      "GET /api/me/notifications",
      "GET /api/me/notifications/unread-count",
      "POST /api/me/notifications/{id}/read",
      "POST /api/me/notifications/read-all",
      "GET /api/me/notification-preferences",
      "PATCH /api/me/notification-preferences",
      "GET /api/notifications/unsubscribe",
      "POST /api/notifications/unsubscribe",
      "POST /api/admin/users/{id}/roles",
      "DELETE /api/admin/users/{id}/roles/{role}",
      "PATCH /api/admin/settings",
      "POST /api/admin/guidelines",
      "GET /api/admin/invites",
      "POST /api/admin/invites",
      "POST /api/admin/crisis-lines",
      "PUT /api/admin/crisis-lines/{id}",
      "DELETE /api/admin/crisis-lines/{id}",
      "GET /api/forums/categories",
      "POST /api/forums/categories",
      "PATCH /api/forums/categories/{id}",
      "PUT /api/forums/categories/{id}/watch",
      "DELETE /api/forums/categories/{id}/watch",
      "GET /api/forums/topics",
      "POST /api/forums/topics",
      "GET /api/forums/topics/{id}",
      "PATCH /api/forums/topics/{id}",
      "POST /api/forums/topics/{id}/posts",
      "POST /api/forums/topics/{id}/read",
      "PUT /api/forums/topics/{id}/watch",
      "DELETE /api/forums/topics/{id}/watch",
      "PATCH /api/forums/posts/{id}",
      "DELETE /api/forums/posts/{id}",
      "PUT /api/forums/posts/{id}/reactions/{kind}",
      "DELETE /api/forums/posts/{id}/reactions/{kind}",
      "POST /api/forums/posts/{id}/flags",
      "POST /api/forums/posts/{id}/hide",
      "POST /api/forums/posts/{id}/restore",
      "GET /api/forums/posts/{id}/revisions",
      "GET /api/forums/posts/{id}/author",
      "GET /api/forums/search",
      "GET /api/forums/preferences",
      "PUT /api/forums/preferences",
      "POST /api/admin/users/{id}/reactivate",
      "POST /api/safety/talk",
      "GET /api/safety/alerts",
      "POST /api/safety/alerts/{id}/acknowledge",
      "POST /api/safety/alerts/{id}/reach-out",
      "POST /api/safety/alerts/{id}/resolve",
      "GET /api/safety/rota",
      "POST /api/safety/rota/shifts",
      "DELETE /api/safety/rota/shifts/{id}",
      "POST /api/safety/rota/swaps",
      "DELETE /api/safety/rota/swaps/{id}",
      "GET /api/conversations",
      "POST /api/conversations",
      "GET /api/conversations/{id}",
      "POST /api/conversations/{id}/messages",
      "GET /api/admin/settings",
      "GET /api/moderation/queue",
      "GET /api/moderation/items/{id}",
      "POST /api/moderation/items/{id}/actions",
      "DELETE /api/moderation/silences/{userId}",
      "POST /api/moderation/flags",
      "GET /api/moderation/watched-words",
      "POST /api/moderation/watched-words",
      "PATCH /api/moderation/watched-words/{id}",
      "DELETE /api/moderation/watched-words/{id}",
      "GET /api/me/mutes",
      "POST /api/me/mutes",
      "DELETE /api/me/mutes/{pseudonym}",
      "GET /api/groups",
      "POST /api/groups",
      "GET /api/groups/{slug}",
      "PATCH /api/groups/{slug}",
      "POST /api/groups/{slug}/join",
      "POST /api/groups/{slug}/leave",
      "GET /api/groups/{slug}/members",
      "POST /api/groups/{slug}/requests/{userId}/approve",
      "POST /api/groups/{slug}/requests/{userId}/decline",
      "POST /api/groups/{slug}/invitations",
      "DELETE /api/groups/{slug}/members/{userId}",
      "PUT /api/groups/{slug}/members/{userId}/role",
      "GET /api/groups/{slug}/posts",
      "POST /api/groups/{slug}/posts",
      "DELETE /api/groups/{slug}/posts/{postId}",
      "PUT /api/groups/{slug}/posts/{postId}/reactions/{kind}",
      "DELETE /api/groups/{slug}/posts/{postId}/reactions/{kind}",
      "GET /api/groups/{slug}/calendar.ics",
      "GET /api/meetings",
      "POST /api/meetings",
      "GET /api/meetings/feed.json",
      "GET /api/meetings/mine",
      "POST /api/meetings/mine/calendar-link",
      "DELETE /api/meetings/mine/calendar-link",
      "GET /api/meetings/{slug}",
      "PATCH /api/meetings/{slug}",
      "DELETE /api/meetings/{slug}",
      "PUT /api/meetings/{slug}/exceptions",
      "DELETE /api/meetings/{slug}/exceptions/{occurrence}",
      "PUT /api/meetings/{slug}/attending",
      "DELETE /api/meetings/{slug}/attending",
      "GET /api/meetings/{slug}/calendar.ics",
      "GET /api/calendar/{token}.ics",
      "POST /api/admin/meetings/import",
    ];
    for (const route of expected) expect(documented, route).toContain(route);
  });

  it("serves browsable docs", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/docs/" });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("swagger");
  });
});

describe("headers", () => {
  it("sends security headers and a request id", async () => {
    const res = await new Person(t.app).get("/api/health");
    expect(res.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["referrer-policy"]).toBe("no-referrer");
    expect(res.headers["x-request-id"]).toMatch(/^[\w-]{8,}$/);
  });
});

describe("logs", () => {
  it("never contain passwords, e-mails, cookies or codes", async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const database = await openTestDatabase();
    const app = await buildApp({
      config: testConfig(),
      database,
      logger: { ...(loggerOptions("trace") as object), stream } as never,
    });
    try {
      const p = new Person(app, "LogWatcher", "secret-journey-99");
      await p.signUp({ email: "private@example.org" });
      await p.patch("/api/me/profile", { recoveringFrom: "very private detail" });
      await p.post("/api/me/password", { currentPassword: "secret-journey-99", newPassword: "another-secret-77" });
      const all = lines.join("");
      expect(all.length).toBeGreaterThan(100);
      for (const secret of ["secret-journey-99", "another-secret-77", "private@example.org", "very private detail", "session_token="])
        expect(all).not.toContain(secret);
    } finally {
      await app.close();
      await database.close();
    }
  });
});
