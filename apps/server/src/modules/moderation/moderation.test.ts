// The review queue and its actions through the real HTTP API: ordering and
// pages, what an item shows (and hides), each action's effect and audit row,
// reports of private messages, and every refusal (status, problem type, and
// nothing written).
import { methodDetails } from "@kindred/safety";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { selectRows } from "../../db/client.js";
import { createTestApp, member, Person, staff, type TestApp } from "../../testing/harness.js";
import {
  auditRows,
  conversationWith,
  createCategory,
  expectProblem,
  itemFor,
  messagesOf,
  queueItems,
  refusedWithoutWriting,
  send,
  startTopic,
  warningsTo,
} from "./test-helpers.js";

/** Words the detector must read as imminent risk, naming a method. */
const CRISIS_TEXT = "I am going to kill myself tonight. I have saved up 60 pills of oxycodone and I am taking them all after dinner.";

let t: TestApp;
let admin: Person;
let mod: Person;
let modNo2fa: Person;
let specialist: Person;
let alice: Person;
let bob: Person;
let carol: Person;
let visitor: Person;
let category: { id: string };

beforeAll(async () => {
  t = await createTestApp();
  admin = await staff(t.app, ["admin"]);
  mod = await staff(t.app, ["moderator"]);
  modNo2fa = await staff(t.app, ["moderator"], { twoFactor: false });
  specialist = await staff(t.app, ["specialist"]);
  alice = await member(t.app);
  bob = await member(t.app);
  carol = await member(t.app);
  visitor = new Person(t.app);
  category = await createCategory(admin);
}, 120_000);
afterAll(() => t.close());

const refused = (request: () => ReturnType<Person["get"]>, status: number, type?: string) => refusedWithoutWriting(t.app, request, status, type);
const db = () => t.app.kindred.db;
const actOn = (who: Person, itemId: string, body: Record<string, unknown>) => who.post(`/api/moderation/items/${itemId}/actions`, body);

async function flaggedPost(author: Person, reason = "harassment", flagger = bob, body = "Some words someone did not like.") {
  const { post, topic } = await startTopic(author, category.id, body);
  const res = await flagger.post(`/api/forums/posts/${post.id}/flags`, { reason, note: "Please look" });
  expect(res.status, res.raw).toBe(201);
  const item = await itemFor(mod, post.id);
  expect(item).toBeDefined();
  return { post, topic, item };
}

describe("the queue", () => {
  it("is for moderators and admins with two-factor authentication", async () => {
    expect((await mod.get("/api/moderation/queue")).status).toBe(200);
    expect((await admin.get("/api/moderation/queue")).status).toBe(200);
    await refused(() => visitor.get("/api/moderation/queue"), 401, "unauthenticated");
    await refused(() => alice.get("/api/moderation/queue"), 403, "forbidden");
    await refused(() => specialist.get("/api/moderation/queue"), 403, "forbidden");
    await refused(() => modNo2fa.get("/api/moderation/queue"), 403, "two-factor-required");
    await refused(() => mod.get("/api/moderation/queue?limit=0"), 422, "validation");
    await refused(() => mod.get("/api/moderation/queue?cursor=not-a-cursor"), 422, "validation");
    await refused(() => mod.get("/api/moderation/queue?status=all"), 422, "validation");
  });

  it("orders a detector's imminent-risk flag before harassment, harassment before spam, then by age; pages walk it once", async () => {
    const spam = await flaggedPost(alice, "spam");
    const harassment = await flaggedPost(alice, "harassment");
    const spamLater = await flaggedPost(carol, "spam");
    const crisis = await startTopic(carol, category.id, CRISIS_TEXT);
    expect(crisis.support.showHelp).toBe(true);

    const all = await queueItems(mod);
    const ids = all.map((i) => i.target.id);
    const at = (id: string) => ids.indexOf(id);
    expect(at(crisis.post.id)).toBe(0);
    expect(at(harassment.post.id)).toBeLessThan(at(spam.post.id));
    expect(at(spam.post.id)).toBeLessThan(at(spamLater.post.id));
    const crisisItem = all[0];
    expect(crisisItem.flags).toEqual([expect.objectContaining({ source: "detector", reason: "crisis_signal", tier: expect.any(Number) })]);
    expect(crisisItem.flags[0].tier).toBeGreaterThanOrEqual(3);
    expect(crisisItem.severity).toBeGreaterThan(harassment.item.severity);

    // One item per page: the same order, each item once.
    const walked: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: Awaited<ReturnType<Person["get"]>> = await mod.get(`/api/moderation/queue?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(res.status, res.raw).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(1);
      expect(res.body.pendingCount).toBe(all.length);
      walked.push(...res.body.items.map((i: { target: { id: string } }) => i.target.id));
      cursor = res.body.nextCursor;
      if (++pages > 100) throw new Error("pagination does not end");
    } while (cursor);
    expect(walked).toEqual(ids);
  });

  it("shows the excerpt with method details marked, the flags without who flagged, and the actions this moderator may take", async () => {
    const { post } = await startTopic(alice, category.id, CRISIS_TEXT, { anonymous: true });
    expect((await bob.post(`/api/forums/posts/${post.id}/flags`, { reason: "crisis_concern", note: "Worried about them" })).status).toBe(201);
    const item = await itemFor(mod, post.id);
    expect(item).toMatchObject({
      status: "pending",
      state: "visible",
      anonymous: true,
      // Anonymous posts stay anonymous in the queue; revealing is the audited author endpoint.
      author: null,
      target: { kind: "forum_post", id: post.id, link: `/forums/t/${post.topicId}?from=1#post-1`, topicTitle: "A topic to talk about" },
    });
    expect(item.excerpt).toContain("kill myself");
    expect(item.methodSpans).toEqual(methodDetails(item.excerpt).map((s) => ({ start: s.start, end: s.end })));
    expect(item.methodSpans.length).toBeGreaterThan(0);
    expect(item.flags.map((f: { source: string }) => f.source).sort()).toEqual(["detector", "member"]);
    expect(JSON.stringify(item)).not.toContain(bob.id);
    expect(JSON.stringify(item)).not.toContain(alice.id);
    expect(item.actions).toEqual(["hide", "dismiss", "edit_method_details", "warn", "silence", "suspend"]);
    // The same item, one at a time.
    const one = await mod.get(`/api/moderation/items/${item.id}`);
    expect(one.status, one.raw).toBe(200);
    expect(one.body).toEqual(item);
    await refused(() => alice.get(`/api/moderation/items/${item.id}`), 403, "forbidden");
    await refused(() => mod.get("/api/moderation/items/00000000-0000-4000-8000-000000000000"), 404, "not-found");
  });

  it("never offers account actions on a moderator or admin (that is an admin's business), nor on oneself", async () => {
    const { item } = await flaggedPost(specialist, "spam");
    // Specialists are not moderators: their account can be acted on.
    expect(item.actions).toContain("silence");
    const { item: modItem } = await flaggedPost(admin, "spam");
    expect(modItem.actions).toEqual(["hide", "dismiss"]);
    await refused(() => actOn(mod, modItem.id, { action: "warn", reason: "Testing", message: "Hello" }), 403, "forbidden");
    await refused(() => actOn(mod, modItem.id, { action: "suspend", reason: "Testing" }), 403, "forbidden");
    const { item: ownItem } = await flaggedPost(mod, "spam");
    expect(ownItem.actions).toEqual(["hide", "dismiss"]);
    await refused(() => actOn(mod, ownItem.id, { action: "silence", reason: "Testing", hours: 1 }), 403, "forbidden");
  });
});

describe("actions", () => {
  it("refuses people who are not moderators, bad bodies and actions that do not fit, writing nothing", async () => {
    const { item } = await flaggedPost(alice);
    const url = `/api/moderation/items/${item.id}/actions`;
    const hide = { action: "hide", reason: "Harassment" };
    await refused(() => visitor.post(url, hide), 401, "unauthenticated");
    await refused(() => carol.post(url, hide), 403, "forbidden");
    await refused(() => specialist.post(url, hide), 403, "forbidden");
    await refused(() => modNo2fa.post(url, hide), 403, "two-factor-required");
    for (const body of [
      {},
      { action: "delete", reason: "x" },
      { action: "hide" },
      { action: "hide", reason: "   " },
      { action: "hide", reason: "r".repeat(501) },
      { action: "hide", reason: "x", extra: true },
      { action: "warn", reason: "x" },
      { action: "warn", reason: "x", message: "" },
      { action: "silence", reason: "x" },
      { action: "silence", reason: "x", hours: 0 },
      { action: "silence", reason: "x", hours: 24 * 365 + 1 },
      { action: "silence", reason: "x", hours: 1.5 },
    ]) {
      const res = await refused(() => mod.post(url, body), 422, "validation");
      expect(res.body.errors.length).toBeGreaterThan(0);
    }
    const named = await mod.post(url, { action: "hide" });
    expect(named.body.errors.map((e: { path: string }) => e.path)).toContain("body.reason");
    await refused(() => mod.post(url, { action: "approve", reason: "Not held" }), 409, "action-not-available");
    await refused(() => mod.post(url, { action: "restore", reason: "Not hidden" }), 409, "action-not-available");
    await refused(() => mod.post(url, { action: "edit_method_details", reason: "None here" }), 409, "action-not-available");
    await refused(() => mod.post("/api/moderation/items/00000000-0000-4000-8000-000000000000/actions", hide), 404, "not-found");
  });

  it("hide: members see a placeholder, the item is settled and audited; then nothing more can be done with it", async () => {
    const { item, post, topic } = await flaggedPost(alice);
    const res = await actOn(mod, item.id, { action: "hide", reason: "Harassment of another member" });
    expect(res.status, res.raw).toBe(200);
    expect(res.body).toMatchObject({ status: "resolved", state: "hidden", outcome: "hidden", actions: [] });
    const page = await carol.get(`/api/forums/topics/${topic.id}`);
    expect(page.body.posts[0]).toMatchObject({ id: post.id, state: "hidden_by_moderator", html: "" });
    expect(await itemFor(mod, post.id)).toBeUndefined();
    const audit = (await auditRows(t.app, "moderation.hide")).filter((a) => a.targetId === post.id);
    expect(audit).toEqual([
      { actorId: mod.id, targetType: "forum_post", targetId: post.id, details: expect.objectContaining({ itemId: item.id, reason: "Harassment of another member" }) },
    ]);
    await refused(() => actOn(mod, item.id, { action: "dismiss", reason: "Too late" }), 409, "action-not-available");
  });

  it("restore: a hidden post that is flagged again can be shown again", async () => {
    const { post, topic } = await startTopic(alice, category.id, "Words hidden by mistake.");
    expect((await mod.post(`/api/forums/posts/${post.id}/hide`, { reason: "Mistake" })).status).toBe(200);
    expect((await carol.post(`/api/forums/posts/${post.id}/flags`, { reason: "other", note: "This was fine" })).status).toBe(201);
    const item = await itemFor(mod, post.id);
    expect(item).toMatchObject({ state: "hidden", actions: ["restore", "dismiss", "warn", "silence", "suspend"] });
    const res = await actOn(admin, item.id, { action: "restore", reason: "It was fine" });
    expect(res.body).toMatchObject({ status: "resolved", state: "visible", outcome: "restored" });
    expect((await carol.get(`/api/forums/topics/${topic.id}`)).body.posts[0].state).toBe("visible");
    expect((await auditRows(t.app, "moderation.restore")).some((a) => a.targetId === post.id && a.actorId === admin.id)).toBe(true);
  });

  it("dismiss: the post stays as it is and the item is settled", async () => {
    const { item, post, topic } = await flaggedPost(alice, "spam");
    const res = await actOn(mod, item.id, { action: "dismiss", reason: "Not spam" });
    expect(res.body).toMatchObject({ status: "resolved", state: "visible", outcome: "dismissed" });
    expect((await carol.get(`/api/forums/topics/${topic.id}`)).body.posts[0]).toMatchObject({ id: post.id, state: "visible" });
    expect((await auditRows(t.app, "moderation.dismiss")).find((a) => a.targetId === post.id)?.details).toMatchObject({ reason: "Not spam" });
  });

  it("edit out method details: the spans become a marker, the original is kept for moderators, the author is told privately", async () => {
    const { post, topic } = await startTopic(alice, category.id, `Tonight is the night.\n\n${CRISIS_TEXT}`);
    const spans = methodDetails(post.markdown);
    expect(spans.length).toBeGreaterThan(0);
    const item = await itemFor(mod, post.id);
    expect(item.actions).toContain("edit_method_details");
    const res = await actOn(mod, item.id, { action: "edit_method_details", reason: "Method details", message: "We are here for you." });
    expect(res.status, res.raw).toBe(200);
    expect(res.body).toMatchObject({ status: "resolved", outcome: "edited", state: "visible" });

    let expected = "";
    let at = 0;
    for (const s of spans) {
      expected += post.markdown.slice(at, s.start) + "[method details removed]";
      at = s.end;
    }
    expected += post.markdown.slice(at);
    const [row] = await selectRows<{ markdown: string; html: string }>(db(), sql`select markdown, html from forum_post where id = ${post.id}`);
    expect(row!.markdown).toBe(expected);
    for (const s of spans) expect(row!.html).not.toContain(post.markdown.slice(s.start, s.end));
    // Readers get the edited text; moderators can read the original in the history.
    expect((await carol.get(`/api/forums/topics/${topic.id}`)).body.posts[0].html).toContain("[method details removed]");
    const history = await mod.get(`/api/forums/posts/${post.id}/revisions`);
    expect(history.body.items.map((r: { markdown: string }) => r.markdown)).toContain(post.markdown);
    // The author hears about it in a private warning from the moderator, with the moderator's words.
    const warnings = await warningsTo(alice);
    expect(warnings).toEqual([expect.objectContaining({ from: mod.id, body: expect.stringContaining("removed some details about methods") })]);
    expect(warnings[0]!.body).toContain("We are here for you.");
    expect((await auditRows(t.app, "moderation.edit_method_details")).find((a) => a.targetId === post.id)?.details).toMatchObject({
      reason: "Method details",
      authorId: alice.id,
    });
  });

  it("warn: a private warning reaches the author; the item stays open for the content decision", async () => {
    const author = await member(t.app);
    const { item } = await flaggedPost(author);
    const res = await actOn(mod, item.id, { action: "warn", reason: "First warning", message: "Please keep replies kind." });
    expect(res.body).toMatchObject({ status: "pending", state: "visible" });
    expect(await warningsTo(author)).toEqual([{ body: "Please keep replies kind.", from: mod.id }]);
    const audit = (await auditRows(t.app, "moderation.warn")).filter((a) => a.targetId === author.id);
    expect(audit).toEqual([{ actorId: mod.id, targetType: "user", targetId: author.id, details: expect.objectContaining({ reason: "First warning", itemId: item.id }) }]);
    // The author sees the message and can answer it.
    const list = await author.get("/api/conversations");
    expect(list.body.items[0].other).toEqual({ id: mod.id, pseudonym: mod.pseudonym });
    expect((await send(author, list.body.items[0].id, "Understood, sorry.")).status).toBe(201);
  });

  it("tells a Spanish-speaking author in Spanish, with the time in their own zone", async () => {
    const author = await member(t.app);
    expect((await author.patch("/api/me/profile", { locale: "es", timeZone: "Europe/Madrid" })).status).toBe(200);
    const { item } = await flaggedPost(author);
    expect((await actOn(mod, item.id, { action: "silence", reason: "Cool-down", hours: 2 })).status).toBe(200);
    const [warning] = await warningsTo(author);
    expect(warning!.body).toContain("pausó tus publicaciones hasta el");
    const until = new Intl.DateTimeFormat("es", { timeStyle: "short", timeZone: "Europe/Madrid" }).format(new Date(Date.now() + 2 * 3600_000));
    expect(warning!.body.slice(0, 120)).toMatch(new RegExp(until.slice(0, 2)));
    await mod.delete(`/api/moderation/silences/${author.id}`);
  });

  it("silence: the author can read but not write until the time is up, and is told why; a moderator can lift it", async () => {
    const author = await member(t.app);
    const { item, topic } = await flaggedPost(author);
    const res = await actOn(mod, item.id, { action: "silence", reason: "Repeated harassment", hours: 48, message: "Take a breath." });
    expect(res.status, res.raw).toBe(200);
    expect(res.body.status).toBe("pending");
    expect(Date.parse(res.body.author.silencedUntil) - Date.now()).toBeGreaterThan(47 * 3600_000);
    expect(res.body.actions).toContain("silence");

    const refusedWrite = await author.post(`/api/forums/topics/${topic.id}/posts`, { body: "Let me say one more thing." });
    expectProblem(refusedWrite, 403, "silenced");
    expect(refusedWrite.body.until).toBe(res.body.author.silencedUntil);
    expect(refusedWrite.body.detail).toMatch(/until \d{4}-\d{2}-\d{2}T/);
    expect((await author.get(`/api/forums/topics/${topic.id}`)).status).toBe(200);
    const warnings = await warningsTo(author);
    expect(warnings[0]!.body).toContain("paused your posting");
    expect(warnings[0]!.body).toContain("Take a breath.");
    const [row] = await selectRows<{ reason: string; createdBy: string }>(db(), sql`select reason, created_by as "createdBy" from silence where user_id = ${author.id}`);
    expect(row).toEqual({ reason: "Repeated harassment", createdBy: mod.id });
    expect((await auditRows(t.app, "moderation.silence")).find((a) => a.targetId === author.id)?.details).toMatchObject({ hours: 48 });

    await refused(() => alice.delete(`/api/moderation/silences/${author.id}`), 403, "forbidden");
    expect((await mod.delete(`/api/moderation/silences/${author.id}`)).status).toBe(204);
    await refused(() => mod.delete(`/api/moderation/silences/${author.id}`), 404, "not-found");
    expect((await author.post(`/api/forums/topics/${topic.id}/posts`, { body: "Thank you, I will be kinder." })).status).toBe(201);
    expect((await auditRows(t.app, "moderation.silence_lifted")).map((a) => a.targetId)).toContain(author.id);
  });

  it("suspend: the account is suspended and its sessions end at once", async () => {
    const author = await member(t.app);
    const { item } = await flaggedPost(author, "spam");
    expect((await author.get("/api/me")).status).toBe(200);
    const res = await actOn(mod, item.id, { action: "suspend", reason: "Spam account" });
    expect(res.status, res.raw).toBe(200);
    expect(res.body).toMatchObject({ status: "pending", author: { status: "suspended" } });
    expect(res.body.actions).not.toContain("suspend");
    expect((await author.get("/api/me")).status).toBe(401);
    expectProblem(await author.signIn(), 403);
    const [sessions] = await selectRows<{ n: number }>(db(), sql`select count(*)::int as n from session where user_id = ${author.id}`);
    expect(sessions!.n).toBe(0);
    expect((await auditRows(t.app, "moderation.suspend")).find((a) => a.targetId === author.id)).toMatchObject({
      actorId: mod.id,
      targetType: "user",
      details: expect.objectContaining({ reason: "Spam account", sessionsEnded: 1 }),
    });
    // The content decision is still open.
    expect((await actOn(mod, item.id, { action: "hide", reason: "Spam" })).body.status).toBe("resolved");
  });
});

describe("reports of private messages", () => {
  it("the person who received a message may report it; its writer and outsiders may not", async () => {
    const conversation = await conversationWith(alice, bob);
    const sent = await send(alice, conversation, "A message bob did not want.");
    expect(sent.status, sent.raw).toBe(201);
    const messageId = sent.body.message.id;
    const report = { targetKind: "conversation_message", targetId: messageId, reason: "harassment", note: "Unwanted" };
    await refused(() => alice.post("/api/moderation/flags", report), 403, "forbidden");
    await refused(() => carol.post("/api/moderation/flags", report), 403, "forbidden");
    await refused(() => mod.post("/api/moderation/flags", report), 403, "forbidden");
    await refused(() => visitor.post("/api/moderation/flags", report), 401, "unauthenticated");
    await refused(() => bob.post("/api/moderation/flags", { ...report, targetId: "00000000-0000-4000-8000-000000000000" }), 404, "not-found");
    for (const body of [{}, { ...report, targetKind: "letter" }, { ...report, reason: "boring" }, { ...report, note: "n".repeat(1001) }, { ...report, extra: 1 }])
      await refused(() => bob.post("/api/moderation/flags", body), 422, "validation");
    const res = await bob.post("/api/moderation/flags", report);
    expect(res.status, res.raw).toBe(201);
    await refused(() => bob.post("/api/moderation/flags", report), 409, "already-flagged");

    const auditBefore = (await auditRows(t.app, "moderation.private_messages_viewed")).length;
    const item = await itemFor(mod, messageId);
    expect(item).toMatchObject({
      target: { kind: "conversation_message", id: messageId, link: null, topicTitle: null },
      author: { id: alice.id },
      anonymous: false,
      excerpt: "A message bob did not want.",
      state: "visible",
      flags: [expect.objectContaining({ source: "member", reason: "harassment", note: "Unwanted" })],
    });
    expect(item.actions).not.toContain("edit_method_details");
    // Reading private messages in the queue is recorded.
    const viewed = await auditRows(t.app, "moderation.private_messages_viewed");
    expect(viewed.length).toBeGreaterThan(auditBefore);
    expect(viewed.at(-1)).toMatchObject({ actorId: mod.id, details: { messageIds: expect.arrayContaining([messageId]) } });

    // Hidden: gone from the conversation for both; restored: back.
    expect((await actOn(mod, item.id, { action: "hide", reason: "Harassment" })).body).toMatchObject({ state: "hidden", status: "resolved" });
    expect((await messagesOf(bob, conversation)).map((m) => m.id)).not.toContain(messageId);
    expect((await messagesOf(alice, conversation)).map((m) => m.id)).not.toContain(messageId);
    const [hidden] = await selectRows<{ hiddenAt: Date | null }>(db(), sql`select hidden_at as "hiddenAt" from conversation_message where id = ${messageId}`);
    expect(hidden!.hiddenAt).not.toBeNull();
    // Reported again (by the same person, now that the first is settled), a moderator can restore it.
    expect((await bob.post("/api/moderation/flags", { ...report, reason: "other" })).status).toBe(201);
    const again = await itemFor(mod, messageId);
    expect(again.actions).toContain("restore");
    expect((await actOn(mod, again.id, { action: "restore", reason: "On reflection, fine" })).body.state).toBe("visible");
    expect((await messagesOf(bob, conversation)).map((m) => m.id)).toContain(messageId);
  });

  it("a forum post can be reported through the same endpoint", async () => {
    const { post } = await startTopic(alice, category.id);
    const res = await carol.post("/api/moderation/flags", { targetKind: "forum_post", targetId: post.id, reason: "spam" });
    expect(res.status, res.raw).toBe(201);
    expect((await itemFor(mod, post.id)).flags).toEqual([expect.objectContaining({ source: "member", reason: "spam" })]);
    await refused(() => alice.post("/api/moderation/flags", { targetKind: "forum_post", targetId: post.id, reason: "spam" }), 403, "forbidden");
  });
});
