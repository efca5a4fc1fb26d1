// Limits on people rather than words: the new-account settings (first posts
// held for approval, posts and messages per hour), silences (read but not
// write, except to the safety team, until a time), mutes, and blocks in
// private conversations. Asking for help and reporting are never refused.
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { selectRows } from "../../db/client.js";
import { createTestApp, member, Person, staff, type TestApp } from "../../testing/harness.js";
import {
  conversationWith,
  createCategory,
  expectProblem,
  itemFor,
  joinedDaysAgo,
  notificationsOf,
  refusedWithoutWriting,
  replyTo,
  send,
  setSettings,
  startTopic,
} from "./test-helpers.js";

let t: TestApp;
let admin: Person;
let mod: Person;
let specialist: Person;
let oldTimer: Person;
let visitor: Person;
let category: { id: string };

beforeAll(async () => {
  t = await createTestApp();
  admin = await staff(t.app, ["admin"]);
  mod = await staff(t.app, ["moderator"]);
  specialist = await staff(t.app, ["specialist"]);
  oldTimer = await member(t.app);
  await joinedDaysAgo(t.app, oldTimer, 400);
  visitor = new Person(t.app);
  category = await createCategory(admin);
}, 120_000);
afterAll(() => t.close());

const refused = (request: () => ReturnType<Person["get"]>, status: number, type?: string) => refusedWithoutWriting(t.app, request, status, type);
const db = () => t.app.kindred.db;
const DEFAULTS = { newAccountDays: 3, newAccountHeldPosts: 0, newAccountPostsPerHour: 0, alertAckMinutes: 5 };

describe("the settings", () => {
  afterEach(() => setSettings(admin, DEFAULTS));

  it("admins read and change the new-account limits and the alert acknowledgement time", async () => {
    const read = await admin.get("/api/admin/settings");
    expect(read.status, read.raw).toBe(200);
    expect(read.body).toMatchObject({ ...DEFAULTS, registrationMode: "open" });
    const changed = await setSettings(admin, { newAccountDays: 7, newAccountHeldPosts: 2, newAccountPostsPerHour: 10, alertAckMinutes: 15 });
    expect(changed).toMatchObject({ newAccountDays: 7, newAccountHeldPosts: 2, newAccountPostsPerHour: 10, alertAckMinutes: 15 });
    // Not part of the public configuration.
    expect((await visitor.get("/api/config")).body.newAccountDays).toBeUndefined();
  });

  it("refuses values out of range, naming the field, and people who are not admins", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ alertAckMinutes: 0 }, "body.alertAckMinutes"],
      [{ alertAckMinutes: 61 }, "body.alertAckMinutes"],
      [{ newAccountDays: -1 }, "body.newAccountDays"],
      [{ newAccountHeldPosts: 1.5 }, "body.newAccountHeldPosts"],
      [{ newAccountPostsPerHour: "5" }, "body.newAccountPostsPerHour"],
    ];
    for (const [body, path] of cases) {
      const res = await refused(() => admin.patch("/api/admin/settings", body), 422, "validation");
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    await refused(() => mod.get("/api/admin/settings"), 403, "forbidden");
    await refused(() => mod.patch("/api/admin/settings", { alertAckMinutes: 10 }), 403, "forbidden");
    await refused(() => visitor.get("/api/admin/settings"), 401, "unauthenticated");
  });
});

describe("new accounts", () => {
  afterEach(() => setSettings(admin, DEFAULTS));

  it("their first posts wait for a moderator; later ones, and everyone else's, do not", async () => {
    await setSettings(admin, { newAccountHeldPosts: 2 });
    const newcomer = await member(t.app);
    const watcher = await member(t.app);
    await joinedDaysAgo(t.app, watcher, 30);
    expect((await watcher.put(`/api/forums/categories/${category.id}/watch`, undefined)).status).toBe(204);
    const first = await startTopic(newcomer, category.id, "Hello, I am new here.");
    expect(first.post.state).toBe("held_for_approval");
    expect(first.topic.held).toBe(true);
    expectProblem(await watcher.get(`/api/forums/topics/${first.topic.id}`), 404);
    const second = await newcomer.post(`/api/forums/topics/${first.topic.id}/posts`, { body: "Is anyone around?" });
    expect(second.body.state).toBe("held_for_approval");
    const third = await startTopic(newcomer, category.id, "A third post.");
    expect(third.post.state).toBe("visible");
    // Old accounts and staff are never held.
    expect((await startTopic(oldTimer, category.id)).post.state).toBe("visible");
    const newStaff = await staff(t.app, ["facilitator"]);
    expect((await startTopic(newStaff, category.id)).post.state).toBe("visible");
    expect((await notificationsOf(watcher)).filter((n) => n.link?.includes(first.topic.id))).toEqual([]);

    const item = await itemFor(mod, first.post.id);
    expect(item.flags).toEqual([expect.objectContaining({ source: "new_account", reason: "held_for_approval" })]);
    expect((await mod.post(`/api/moderation/items/${item.id}/actions`, { action: "approve", reason: "Welcome" })).status).toBe(200);
    expect((await watcher.get(`/api/forums/topics/${first.topic.id}`)).body.posts.map((p: { number: number }) => p.number)).toEqual([1]);
    expect((await notificationsOf(watcher)).filter((n) => n.link?.includes(first.topic.id))).toEqual([expect.objectContaining({ kind: "forum.new_topic" })]);
    // The reply held inside the topic waits for its own approval.
    const replyItem = await itemFor(mod, second.body.id);
    expect((await mod.post(`/api/moderation/items/${replyItem.id}/actions`, { action: "hide", reason: "Spam" })).body.state).toBe("hidden");
    expect((await watcher.get(`/api/forums/topics/${first.topic.id}`)).body.posts.map((p: { number: number }) => p.number)).toEqual([1]);
    expect((await watcher.delete(`/api/forums/categories/${category.id}/watch`)).status).toBe(204);
  });

  it("a post that may be a cry for help is never held, even as a first post", async () => {
    await setSettings(admin, { newAccountHeldPosts: 1 });
    const newcomer = await member(t.app);
    const { post, support } = await startTopic(newcomer, category.id, "I can't go on. I am going to kill myself tonight.");
    expect(support.showHelp).toBe(true);
    expect(post.state).toBe("visible");
    const item = await itemFor(mod, post.id);
    expect(item.state).toBe("visible");
    expect(item.flags.map((f: { source: string }) => f.source)).toEqual(expect.arrayContaining(["detector", "new_account"]));
    expect(item.flags.find((f: { source: string }) => f.source === "new_account").reason).toBe("new_account");
  });

  it("the limits end when the account is no longer new", async () => {
    await setSettings(admin, { newAccountHeldPosts: 5, newAccountDays: 3 });
    const newcomer = await member(t.app);
    expect((await startTopic(newcomer, category.id)).post.state).toBe("held_for_approval");
    await joinedDaysAgo(t.app, newcomer, 4);
    expect((await startTopic(newcomer, category.id)).post.state).toBe("visible");
  });

  it("write at most so many forum posts and messages an hour; asking for help and reporting still work", async () => {
    await setSettings(admin, { newAccountPostsPerHour: 3 });
    const newcomer = await member(t.app);
    const { topic, post } = await startTopic(newcomer, category.id);
    await replyTo(newcomer, topic.id);
    const conversation = await conversationWith(newcomer, oldTimer);
    expect((await send(newcomer, conversation, "Hi there")).status).toBe(201);
    const limited = await refused(() => send(newcomer, conversation, "One more"), 429, "new-account-rate-limit");
    expect(limited.body).toMatchObject({ kind: "conversation_message", until: expect.any(String) });
    expect(Date.parse(limited.body.until) - Date.now()).toBeGreaterThan(55 * 60_000);
    const limitedPost = await refused(() => newcomer.post(`/api/forums/topics/${topic.id}/posts`, { body: "More" }), 429, "new-account-rate-limit");
    expect(limitedPost.body.kind).toBe("forum_post");
    // Edits are not new writing.
    expect((await newcomer.patch(`/api/forums/posts/${post.id}`, { body: "Changed my words" })).status).toBe(200);
    expect((await newcomer.post("/api/safety/talk", {})).status).toBe(201);
    const theirs = await startTopic(oldTimer, category.id);
    expect((await newcomer.post(`/api/forums/posts/${theirs.post.id}/flags`, { reason: "spam" })).status).toBe(201);
    // An hour later they may write again.
    await db().execute(sql`update forum_post set created_at = created_at - interval '61 minutes' where author_id = ${newcomer.id}`);
    await db().execute(sql`update conversation_message set created_at = created_at - interval '61 minutes' where author_id = ${newcomer.id}`);
    expect((await send(newcomer, conversation, "Back again")).status).toBe(201);
    // Staff are exempt.
    const newModerator = await staff(t.app, ["moderator"]);
    for (let i = 0; i < 4; i++) await startTopic(newModerator, category.id);
  });
});

describe("silence", () => {
  it("refuses every write until the time is up, except replies to the safety team, asking for help and reporting", async () => {
    const silenced = await member(t.app);
    const { topic, post } = await startTopic(silenced, category.id);
    const theirs = await startTopic(oldTimer, category.id);
    const peer = await conversationWith(silenced, oldTimer);
    // A moderator silences them through the queue.
    expect((await oldTimer.post(`/api/forums/posts/${post.id}/flags`, { reason: "harassment" })).status).toBe(201);
    const item = await itemFor(mod, post.id);
    const res = await mod.post(`/api/moderation/items/${item.id}/actions`, { action: "silence", reason: "Cooling off", hours: 2 });
    expect(res.status, res.raw).toBe(200);
    const until = res.body.author.silencedUntil;

    const writes = [
      () => silenced.post("/api/forums/topics", { categoryId: category.id, title: "Another topic", body: "More words" }),
      () => silenced.post(`/api/forums/topics/${topic.id}/posts`, { body: "A reply" }),
      () => silenced.patch(`/api/forums/posts/${post.id}`, { body: "An edit" }),
      () => silenced.put(`/api/forums/posts/${theirs.post.id}/reactions/strength`, undefined),
      () => send(silenced, peer, "A message"),
    ];
    for (const write of writes) {
      const r = await refused(write, 403, "silenced");
      expect(r.body.until).toBe(until);
    }
    // Reading still works.
    expect((await silenced.get(`/api/forums/topics/${topic.id}`)).status).toBe(200);
    // The moderator's message (the silence notice) can be answered.
    const conversations = await silenced.get("/api/conversations");
    const withMod = conversations.body.items.find((c: { other: { id: string } }) => c.other?.id === mod.id);
    expect((await send(silenced, withMod.id, "I understand.")).status).toBe(201);
    // Help and reports are never refused.
    expect((await silenced.post("/api/safety/talk", {})).status).toBe(201);
    expect((await silenced.post(`/api/forums/posts/${theirs.post.id}/flags`, { reason: "other" })).status).toBe(201);

    // When the time is up, writing works again.
    await db().execute(sql`update silence set until = now() - interval '1 second' where user_id = ${silenced.id}`);
    expect((await silenced.post(`/api/forums/topics/${topic.id}/posts`, { body: "I am back" })).status).toBe(201);
    expect((await send(silenced, peer, "Hello again")).status).toBe(201);
  });
});

describe("mutes", () => {
  it("are listed, added and removed by pseudonym, for active members", async () => {
    const muter = await member(t.app);
    const noisy = await member(t.app);
    expect((await muter.get("/api/me/mutes")).body).toEqual({ items: [] });
    expect((await muter.post("/api/me/mutes", { pseudonym: noisy.pseudonym })).status).toBe(201);
    expect((await muter.post("/api/me/mutes", { pseudonym: noisy.pseudonym.toUpperCase() })).status).toBe(201);
    expect((await muter.get("/api/me/mutes")).body.items).toEqual([{ pseudonym: noisy.pseudonym, mutedAt: expect.any(String) }]);
    await refused(() => muter.post("/api/me/mutes", { pseudonym: muter.pseudonym }), 422, "validation");
    await refused(() => muter.post("/api/me/mutes", { pseudonym: "nobody-by-this-name" }), 404, "not-found");
    await refused(() => muter.post("/api/me/mutes", {}), 422, "validation");
    await refused(() => muter.post("/api/me/mutes", { pseudonym: "x".repeat(31) }), 422, "validation");
    await refused(() => visitor.get("/api/me/mutes"), 401, "unauthenticated");
    await refused(() => visitor.post("/api/me/mutes", { pseudonym: noisy.pseudonym }), 401, "unauthenticated");
    expect((await muter.delete(`/api/me/mutes/${noisy.pseudonym}`)).status).toBe(204);
    expect((await muter.get("/api/me/mutes")).body.items).toEqual([]);
    await refused(() => muter.delete("/api/me/mutes/nobody-by-this-name"), 404, "not-found");
  });

  it("fold the muted person's posts away for the muter only, and their activity does not notify the muter", async () => {
    const muter = await member(t.app);
    const noisy = await member(t.app);
    const other = await member(t.app);
    expect((await muter.post("/api/me/mutes", { pseudonym: noisy.pseudonym })).status).toBe(201);
    const { topic } = await startTopic(muter, category.id);
    const fromNoisy = await replyTo(noisy, topic.id, `Hey @${muter.pseudonym}, listen to this.`);
    await replyTo(other, topic.id, "A reply from someone else.");
    const page = (await muter.get(`/api/forums/topics/${topic.id}`)).body;
    expect(page.posts.find((p: { id: string }) => p.id === fromNoisy.id)).toMatchObject({ collapsed: "muted", state: "visible" });
    expect(page.posts.find((p: { number: number }) => p.number === 3).collapsed).toBeNull();
    expect((await other.get(`/api/forums/topics/${topic.id}`)).body.posts.find((p: { id: string }) => p.id === fromNoisy.id).collapsed).toBeNull();
    const notes = (await notificationsOf(muter)).filter((n) => n.link?.includes(topic.id));
    // The other person's reply notifies; the muted person's reply and mention do not.
    expect(notes).toHaveLength(1);
    expect(notes[0]!.link).toContain("#post-3");
  });
});

describe("blocks in private conversations", () => {
  it("a conversation refuses new messages when either person blocked the other", async () => {
    const a = await member(t.app);
    const b = await member(t.app);
    const conversation = await conversationWith(a, b);
    expect((await send(a, conversation, "Hello")).status).toBe(201);
    expect((await b.post("/api/me/blocks", { pseudonym: a.pseudonym })).status).toBe(201);
    await refused(() => send(a, conversation, "Are you there?"), 403, "forbidden");
    await refused(() => send(b, conversation, "Please stop"), 403, "forbidden");
    expect((await b.delete(`/api/me/blocks/${a.pseudonym}`)).status).toBe(204);
    expect((await send(a, conversation, "Sorry")).status).toBe(201);
    // Blocked people's forum replies do not notify the blocker either.
    expect((await b.post("/api/me/blocks", { pseudonym: a.pseudonym })).status).toBe(201);
    const { topic } = await startTopic(b, category.id);
    await replyTo(a, topic.id);
    expect((await notificationsOf(b)).filter((n) => n.link?.includes(topic.id))).toEqual([]);
  });

  it("the review queue never shows who reported a message, and a report needs no unblocking", async () => {
    const a = await member(t.app);
    const b = await member(t.app);
    const conversation = await conversationWith(a, b);
    const sent = await send(a, conversation, "Something unkind");
    expect((await b.post("/api/me/blocks", { pseudonym: a.pseudonym })).status).toBe(201);
    expect((await b.post("/api/moderation/flags", { targetKind: "conversation_message", targetId: sent.body.message.id, reason: "harassment" })).status).toBe(201);
    const [row] = await selectRows<{ n: number }>(db(), sql`select count(*)::int as n from review_flag where flagger_id = ${b.id}`);
    expect(row!.n).toBe(1);
    expect(JSON.stringify(await itemFor(mod, sent.body.message.id))).not.toContain(b.id);
  });
});

describe("suspension", () => {
  it("a suspended person can neither sign in nor ask for help while suspended (their sessions are gone)", async () => {
    const person = await member(t.app);
    const { post } = await startTopic(person, category.id);
    expect((await oldTimer.post(`/api/forums/posts/${post.id}/flags`, { reason: "spam" })).status).toBe(201);
    const item = await itemFor(mod, post.id);
    expect((await specialist.post(`/api/moderation/items/${item.id}/actions`, { action: "suspend", reason: "x" })).status).toBe(403);
    expect((await mod.post(`/api/moderation/items/${item.id}/actions`, { action: "suspend", reason: "Spam account" })).status).toBe(200);
    expect((await person.post("/api/forums/topics", { categoryId: category.id, title: "Again", body: "Again" })).status).toBe(401);
    expect((await person.post("/api/safety/talk", {})).status).toBe(401);
  });
});
