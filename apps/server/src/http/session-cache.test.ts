// The short-lived session cache: reused within its time, forgotten at once when
// the account changes through this process, and never outliving a sign-out.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, member, Person, staff, type TestApp } from "../testing/harness.js";
import type { Actor } from "../policy/index.js";
import { SessionCache } from "./session.js";

const someone = (id: string): Actor => ({ id, pseudonym: id, status: "active", grantedRoles: new Set(), twoFactorEnabled: false });

describe("SessionCache", () => {
  it("answers within its time and forgets after it", () => {
    const cache = new SessionCache(5_000);
    cache.set("t1", "s1", someone("u1"), 1_000);
    expect(cache.get("t1", 5_999)?.sessionId).toBe("s1");
    expect(cache.get("t1", 6_000)).toBeNull();
  });

  it("forgets every session of a person at once, and keeps other people's", () => {
    const cache = new SessionCache(5_000);
    cache.set("t1", "s1", someone("u1"), 0);
    cache.set("t2", "s2", someone("u1"), 0);
    cache.set("t3", "s3", someone("u2"), 0);
    cache.forgetUser("u1");
    expect(cache.get("t1", 1)).toBeNull();
    expect(cache.get("t2", 1)).toBeNull();
    expect(cache.get("t3", 1)?.actor.id).toBe("u2");
  });

  it("holds at most its size, dropping the oldest, and nothing when its time is zero", () => {
    const cache = new SessionCache(5_000, 2);
    cache.set("a", "sa", someone("a"), 0);
    cache.set("b", "sb", someone("b"), 0);
    cache.set("c", "sc", someone("c"), 0);
    expect(cache.get("a", 1)).toBeNull();
    expect(cache.get("c", 1)?.sessionId).toBe("sc");
    const off = new SessionCache(0);
    off.set("a", "sa", someone("a"), 0);
    expect(off.get("a", 0)).toBeNull();
  });
});

describe("with the cache on", () => {
  let t: TestApp;
  let admin: Person;
  beforeAll(async () => {
    t = await createTestApp({ SESSION_CACHE_SECONDS: "30" });
    admin = await staff(t.app, ["admin"]);
  }, 60_000);
  afterAll(() => t.close());

  it("a role an admin grants or takes back counts on the person's very next request", async () => {
    const p = await member(t.app);
    await p.enableTwoFactor();
    expect((await p.get("/api/moderation/queue")).status).toBe(403);
    expect((await admin.post(`/api/admin/users/${p.id}/roles`, { role: "moderator" })).status).toBe(200);
    expect((await p.get("/api/moderation/queue")).status).toBe(200);
    expect((await admin.delete(`/api/admin/users/${p.id}/roles/moderator`)).status).toBe(200);
    expect((await p.get("/api/moderation/queue")).status).toBe(403);
  });

  it("a person a moderator suspends is refused on their very next request, though their session was just cached", async () => {
    const mod = await staff(t.app, ["moderator"]);
    const p = await member(t.app);
    const category = (await admin.post("/api/forums/categories", { slug: "cache-check", name: "Cache check" })).body.id;
    const post = (await p.post("/api/forums/topics", { categoryId: category, title: "Selling things", body: "Buy now" })).body.post.id;
    expect((await admin.post(`/api/forums/posts/${post}/flags`, { reason: "spam" })).status).toBe(201);
    const item = (await mod.get("/api/moderation/queue")).body.items.find((i: { target: { id: string } }) => i.target.id === post);
    expect((await p.get("/api/me")).status).toBe(200);
    expect((await mod.post(`/api/moderation/items/${item.id}/actions`, { action: "suspend", reason: "Spam account" })).status).toBe(200);
    expect((await p.get("/api/me")).status).toBe(401);
  });

  it("a signed-out session is refused at once, even though it was just cached", async () => {
    const p = await member(t.app);
    expect((await p.get("/api/me")).status).toBe(200);
    const cookies = new Map(p.cookies);
    expect((await p.post("/api/auth/sign-out")).status).toBe(204);
    p.cookies = cookies;
    expect((await p.get("/api/me")).status).toBe(401);
  });
});

describe("many requests at once with one session", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ SESSION_CACHE_SECONDS: "30" });
  }, 60_000);
  afterAll(() => t.close());

  it("all are answered as that person, and sign-out still ends the session for every later one", async () => {
    const p = await member(t.app);
    const answers = await Promise.all(Array.from({ length: 20 }, () => p.get("/api/me")));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(new Set(answers.map((a) => a.body.id))).toEqual(new Set([p.id]));
    const cookies = new Map(p.cookies);
    expect((await p.post("/api/auth/sign-out")).status).toBe(204);
    p.cookies = cookies;
    const after = await Promise.all(Array.from({ length: 5 }, () => p.get("/api/me")));
    expect(after.map((a) => a.status)).toEqual(Array(5).fill(401));
  });
});
