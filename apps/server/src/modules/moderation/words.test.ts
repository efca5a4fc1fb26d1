// Watched words: how they match (case, accents, word boundaries, "*"), how
// they rewrite Markdown, the admins' list through the API (with the rule that
// crisis words can only be flagged or linked), and what they do to forum posts
// and private messages — never holding or changing a cry for help.
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
  notificationsOf,
  refusedWithoutWriting,
  send,
  startTopic,
} from "./test-helpers.js";
import { findMatches, screenWords, type WatchedWordRow } from "./words.js";

const word = (phrase: string, action: WatchedWordRow["action"] = "flag", extra: Partial<WatchedWordRow> = {}): WatchedWordRow => ({
  id: phrase,
  phrase,
  action,
  replacement: null,
  url: null,
  createdAt: new Date(),
  ...extra,
});
const matched = (text: string, phrase: string) => findMatches(text, [word(phrase)]).map((m) => text.slice(m.start, m.end));

describe("matching", () => {
  it("ignores case and accents, both in the rule and in the text", () => {
    expect(matched("Have you tried the CAFÉ on Main?", "cafe")).toEqual(["CAFÉ"]);
    expect(matched("Have you tried the cafe on Main?", "Café")).toEqual(["cafe"]);
    expect(matched("El señor dijo que sí", "SENOR")).toEqual(["señor"]);
    // An accent written as a separate combining mark is part of the match.
    expect(matched("the cafe\u0301 again", "café")).toEqual(["cafe\u0301"]);
  });

  it("matches whole words only", () => {
    expect(matched("a classic class", "ass")).toEqual([]);
    expect(matched("scunthorpe", "cunt")).toEqual([]);
    expect(matched("Spam, spam and more spam!", "spam")).toEqual(["Spam", "spam", "spam"]);
    expect(matched("antispam spammer", "spam")).toEqual([]);
    expect(matched("2024spam spam2", "spam")).toEqual([]);
  });

  it("lets * stand for letters inside a word", () => {
    expect(matched("spammer spamming spam antispam", "spam*")).toEqual(["spammer", "spamming", "spam"]);
    expect(matched("what the fck, what the fuuuck", "f*ck")).toEqual(["fck", "fuuuck"]);
    expect(matched("f ck", "f*ck")).toEqual([]);
    expect(matched("unalive unaliving", "*alive")).toEqual(["unalive"]);
  });

  it("matches phrases across any white space, and treats other characters literally", () => {
    expect(matched("buy   cheap\nmeds today", "cheap meds")).toEqual(["cheap\nmeds"]);
    expect(matched("buy cheapmeds", "cheap meds")).toEqual([]);
    expect(matched("don't, dont, don’t", "don't")).toEqual(["don't", "don’t"]);
    expect(matched("e-mail me, email me", "e-mail")).toEqual(["e-mail"]);
    expect(matched("axb a.b", "a.b")).toEqual(["a.b"]);
  });
});

describe("rewriting", () => {
  const replace = word("darn", "replace", { replacement: "d**n" });
  const link = word("naloxone", "link", { url: "https://example.org/naloxone" });

  it("replace and link rewrite Markdown, leaving code and addresses alone", () => {
    const body = "Darn it. Carry naloxone. `darn naloxone` https://example.org/darn [naloxone](https://example.org/x)";
    const out = screenWords({ body, format: "markdown" }, [replace, link]);
    expect(out.body).toBe(
      "d**n it. Carry [naloxone](https://example.org/naloxone). `darn naloxone` https://example.org/darn [naloxone](https://example.org/x)",
    );
  });

  it("an address cannot end the Markdown link early", () => {
    const odd = word("wiki", "link", { url: "https://example.org/a_(b)" });
    expect(screenWords({ body: "see wiki", format: "markdown" }, [odd]).body).toBe("see [wiki](https://example.org/a_%28b%29)");
  });

  it("titles take replacements but not links; plain text gets the address in brackets", () => {
    const out = screenWords({ title: "Darn naloxone", body: "naloxone", format: "plain" }, [replace, link]);
    expect(out.title).toBe("d**n naloxone");
    expect(out.body).toBe("naloxone (https://example.org/naloxone)");
  });

  it("reports flag and approval rules once each", () => {
    const out = screenWords({ title: "cheap meds", body: "cheap meds, cheap meds", format: "markdown" }, [word("cheap meds"), word("meds", "require_approval")]);
    expect(out.flagged.map((w) => w.phrase)).toEqual(["cheap meds"]);
    expect(out.requireApproval.map((w) => w.phrase)).toEqual(["meds"]);
  });

  it("never changes words that may be a cry for help", () => {
    const hopeless = word("pills", "replace", { replacement: "medicine" });
    const out = screenWords({ body: "I am going to kill myself tonight with the pills.", format: "markdown" }, [hopeless]);
    expect(out.body).toBe("I am going to kill myself tonight with the pills.");
    expect(out.notReplaced.map((w) => w.phrase)).toEqual(["pills"]);
    expect(screenWords({ body: "I forgot my pills again.", format: "markdown" }, [hopeless]).body).toBe("I forgot my medicine again.");
  });
});

let t: TestApp;
let admin: Person;
let adminNo2fa: Person;
let mod: Person;
let alice: Person;
let bob: Person;
let visitor: Person;
let category: { id: string };

beforeAll(async () => {
  t = await createTestApp();
  admin = await staff(t.app, ["admin"]);
  adminNo2fa = await staff(t.app, ["admin"], { twoFactor: false });
  mod = await staff(t.app, ["moderator"]);
  alice = await member(t.app);
  bob = await member(t.app);
  visitor = new Person(t.app);
  category = await createCategory(admin);
}, 120_000);
afterAll(() => t.close());

const refused = (request: () => ReturnType<Person["get"]>, status: number, type?: string) => refusedWithoutWriting(t.app, request, status, type);
const URL = "/api/moderation/watched-words";

async function watch(body: Record<string, unknown>) {
  const res = await admin.post(URL, body);
  expect(res.status, res.raw).toBe(201);
  return res.body as { id: string };
}

async function postRow(id: string) {
  const [row] = await selectRows<{ markdown: string; number: number; heldAt: Date | null; heldReason: string | null }>(
    t.app.kindred.db,
    sql`select markdown, number, held_at as "heldAt", held_reason as "heldReason" from forum_post where id = ${id}`,
  );
  return row!;
}

describe("the admins' list", () => {
  it("is for admins with two-factor authentication", async () => {
    const body = { phrase: "cheap pills", action: "flag" };
    await refused(() => visitor.get(URL), 401, "unauthenticated");
    await refused(() => alice.get(URL), 403, "forbidden");
    await refused(() => mod.get(URL), 403, "forbidden");
    await refused(() => adminNo2fa.get(URL), 403, "two-factor-required");
    await refused(() => mod.post(URL, body), 403, "forbidden");
    await refused(() => alice.patch(`${URL}/any`, { action: "flag" }), 403, "forbidden");
    await refused(() => mod.delete(`${URL}/any`), 403, "forbidden");
  });

  it("creates, lists, changes and deletes rules, each audited", async () => {
    const created = await admin.post(URL, { phrase: "Buy now", action: "replace", replacement: "(advert removed)" });
    expect(created.status, created.raw).toBe(201);
    expect(created.body).toMatchObject({ phrase: "Buy now", action: "replace", replacement: "(advert removed)", url: null });
    const list = await admin.get(URL);
    expect(list.body.items.map((w: { id: string }) => w.id)).toContain(created.body.id);
    // Changing the action drops what only the old action used.
    const changed = await admin.patch(`${URL}/${created.body.id}`, { action: "link", url: "https://example.org/guidelines" });
    expect(changed.status, changed.raw).toBe(200);
    expect(changed.body).toMatchObject({ phrase: "Buy now", action: "link", replacement: null, url: "https://example.org/guidelines" });
    const renamed = await admin.patch(`${URL}/${created.body.id}`, { phrase: "buy now!" });
    expect(renamed.status).toBe(422);
    expect((await admin.patch(`${URL}/${created.body.id}`, { phrase: "buy it now" })).body.phrase).toBe("buy it now");
    expect((await admin.delete(`${URL}/${created.body.id}`)).status).toBe(204);
    await refused(() => admin.delete(`${URL}/${created.body.id}`), 404, "not-found");
    await refused(() => admin.patch(`${URL}/${created.body.id}`, { action: "flag" }), 404, "not-found");
    for (const action of ["created", "changed", "deleted"])
      expect((await auditRows(t.app, `moderation.watched_word_${action}`)).map((a) => a.targetId)).toContain(created.body.id);
  });

  it("refuses incomplete or malformed rules, naming the field", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{}, "body.phrase"],
      [{ phrase: "spam", action: "block" }, "body.action"],
      [{ phrase: "x", action: "flag" }, "body.phrase"],
      [{ phrase: "***", action: "flag" }, "body.phrase"],
      [{ phrase: "<script>", action: "flag" }, "body.phrase"],
      [{ phrase: "spam", action: "replace" }, "body.replacement"],
      [{ phrase: "spam", action: "link" }, "body.url"],
      [{ phrase: "spam", action: "link", url: "javascript:alert(1)" }, "body.url"],
      [{ phrase: "spam", action: "flag", url: "https://example.org" }, "body.url"],
      [{ phrase: "spam", action: "flag", replacement: "ham" }, "body.replacement"],
      [{ phrase: "spam", action: "flag", extra: 1 }, "body"],
    ];
    for (const [body, path] of cases) {
      const res = await refused(() => admin.post(URL, body), 422, "validation");
      expect(res.body.errors.map((e: { path: string }) => e.path).join(" "), JSON.stringify(body)).toContain(path);
    }
    const rule = await watch({ phrase: "sell", action: "flag" });
    const res = await refused(() => admin.patch(`${URL}/${rule.id}`, { action: "replace" }), 422, "validation");
    expect(res.body.errors).toEqual([expect.objectContaining({ path: "body.replacement" })]);
    await refused(() => admin.patch(`${URL}/${rule.id}`, { url: "https://example.org" }), 422, "validation");
  });

  it("a phrase is watched once, whatever its case", async () => {
    await watch({ phrase: "Lottery", action: "flag" });
    const res = await refused(() => admin.post(URL, { phrase: "lottery", action: "replace", replacement: "raffle" }), 409, "duplicate-phrase");
    expect(res.body.errors).toEqual([expect.objectContaining({ path: "body.phrase" })]);
  });

  it("crisis words can only be flagged or linked: never held for approval or replaced", async () => {
    for (const action of ["require_approval", "replace"]) {
      const res = await refused(
        () => admin.post(URL, { phrase: "kill myself", action, ...(action === "replace" ? { replacement: "feel bad" } : {}) }),
        422,
        "validation",
      );
      expect(res.body.errors).toEqual([expect.objectContaining({ path: "body.action" })]);
    }
    // Hidden behind a wildcard, too.
    await refused(() => admin.post(URL, { phrase: "kill myself*", action: "require_approval" }), 422, "validation");
    const flagged = await watch({ phrase: "kill myself", action: "flag" });
    await refused(() => admin.patch(`${URL}/${flagged.id}`, { action: "require_approval" }), 422, "validation");
    expect((await admin.patch(`${URL}/${flagged.id}`, { action: "link", url: "https://988lifeline.org" })).status).toBe(200);
  });
});

describe("in forum posts and messages", () => {
  it("replace and link rewrite a topic's title and body before they are stored", async () => {
    await watch({ phrase: "heck", action: "replace", replacement: "h*ck" });
    await watch({ phrase: "meeting finder", action: "link", url: "https://example.org/meetings" });
    const { topic, post } = await startTopic(alice, category.id, "What the HECK, try the meeting finder.", { title: "Heck of a week" });
    expect(topic.title).toBe("h*ck of a week");
    expect(post.markdown).toBe("What the h*ck, try the [meeting finder](https://example.org/meetings).");
    expect(post.html).toContain('href="https://example.org/meetings"');
    const reply = await alice.post(`/api/forums/topics/${topic.id}/posts`, { body: "heck yes" });
    expect(reply.body.markdown).toBe("h*ck yes");
    const edited = await alice.patch(`/api/forums/posts/${reply.body.id}`, { body: "oh heck" });
    expect(edited.body.markdown).toBe("oh h*ck");
  });

  it("flag raises a review item for the moderators, and the post is published as normal", async () => {
    await watch({ phrase: "casino", action: "flag" });
    const { post, topic } = await startTopic(alice, category.id, "Best online CASINO here");
    expect(post.state).toBe("visible");
    expect((await bob.get(`/api/forums/topics/${topic.id}`)).body.posts[0].state).toBe("visible");
    const item = await itemFor(mod, post.id);
    expect(item.flags).toEqual([expect.objectContaining({ source: "watched_word", reason: "watched_word", note: expect.stringContaining("casino") })]);
  });

  it("require approval holds a post for its author and moderators; approving publishes it and sends what was held back", async () => {
    await watch({ phrase: "crypto*", action: "require_approval" });
    expect((await bob.put(`/api/forums/categories/${category.id}/watch`, undefined)).status).toBe(204);
    const before = (await notificationsOf(bob)).length;
    const { topic, post } = await startTopic(alice, category.id, "Cryptocurrency tips for everyone");
    expect(post.state).toBe("held_for_approval");
    expect(topic.held).toBe(true);
    expect(post.html).toContain("Cryptocurrency");
    // Nobody else sees it anywhere; nobody was told.
    expectProblem(await bob.get(`/api/forums/topics/${topic.id}`), 404, "not-found");
    expect((await bob.get("/api/forums/topics")).body.items.map((x: { id: string }) => x.id)).not.toContain(topic.id);
    expect((await bob.get("/api/forums/search?q=cryptocurrency")).body.items).toEqual([]);
    expectProblem(await bob.post(`/api/forums/topics/${topic.id}/posts`, { body: "Hi" }), 404, "not-found");
    expectProblem(await bob.post(`/api/forums/posts/${post.id}/flags`, { reason: "spam" }), 404, "not-found");
    expect((await notificationsOf(bob)).length).toBe(before);
    // Its author sees it, waiting; moderators see it in the queue.
    expect((await alice.get("/api/forums/topics")).body.items.find((x: { id: string }) => x.id === topic.id)).toMatchObject({ held: true });
    expect((await alice.get(`/api/forums/topics/${topic.id}`)).body.posts[0]).toMatchObject({ state: "held_for_approval", markdown: "Cryptocurrency tips for everyone" });
    const item = await itemFor(mod, post.id);
    expect(item).toMatchObject({ state: "held", actions: expect.arrayContaining(["approve", "hide"]) });
    expect(item.actions).not.toContain("dismiss");
    expect(item.flags).toEqual([expect.objectContaining({ source: "watched_word", reason: "held_for_approval" })]);

    const approved = await mod.post(`/api/moderation/items/${item.id}/actions`, { action: "approve", reason: "Harmless" });
    expect(approved.status, approved.raw).toBe(200);
    expect(approved.body).toMatchObject({ status: "resolved", state: "visible", outcome: "approved" });
    expect((await bob.get(`/api/forums/topics/${topic.id}`)).body.posts[0]).toMatchObject({ state: "visible" });
    expect((await bob.get("/api/forums/topics")).body.items.find((x: { id: string }) => x.id === topic.id)).toMatchObject({ held: false });
    expect((await bob.get("/api/forums/search?q=cryptocurrency")).body.items.map((h: { topicId: string }) => h.topicId)).toContain(topic.id);
    const told = await notificationsOf(bob);
    expect(told.length).toBe(before + 1);
    expect(told[0]).toMatchObject({ kind: "forum.new_topic", link: expect.stringContaining(topic.id) });
    expect(await auditRows(t.app, "moderation.approve")).toEqual([expect.objectContaining({ actorId: mod.id, targetId: post.id })]);
    expect((await bob.delete(`/api/forums/categories/${category.id}/watch`)).status).toBe(204);
  });

  it("a held reply has no place in the topic until approved, then takes the next number", async () => {
    const { topic } = await startTopic(bob, category.id, "A plain topic");
    const held = await alice.post(`/api/forums/topics/${topic.id}/posts`, { body: "crypto crypto" });
    expect(held.status, held.raw).toBe(201);
    expect(held.body).toMatchObject({ state: "held_for_approval", number: -1 });
    const plain = await alice.post(`/api/forums/topics/${topic.id}/posts`, { body: "A plain reply" });
    expect(plain.body.number).toBe(2);
    // The topic's author sees two posts; the reply's author sees hers waiting at the end.
    expect((await bob.get(`/api/forums/topics/${topic.id}`)).body.posts.map((p: { number: number }) => p.number)).toEqual([1, 2]);
    expect((await alice.get(`/api/forums/topics/${topic.id}`)).body.posts.map((p: { number: number; state: string }) => [p.number, p.state])).toEqual([
      [1, "visible"],
      [2, "visible"],
      [-1, "held_for_approval"],
    ]);
    const notesBefore = (await notificationsOf(bob)).filter((n) => n.link?.includes(topic.id)).length;
    const item = await itemFor(mod, held.body.id);
    expect(item.target.link).toBe(`/forums/t/${topic.id}`);
    expect((await mod.post(`/api/moderation/items/${item.id}/actions`, { action: "approve", reason: "Fine" })).status).toBe(200);
    const page = await bob.get(`/api/forums/topics/${topic.id}`);
    expect(page.body.posts.map((p: { number: number; id: string }) => [p.number, p.id])).toEqual([
      [1, page.body.posts[0].id],
      [2, plain.body.id],
      [3, held.body.id],
    ]);
    expect(page.body.topic).toMatchObject({ postCount: 3, lastPostNumber: 3 });
    // The topic's author (watching it) hears of the approved reply now.
    expect((await notificationsOf(bob)).filter((n) => n.link?.includes(topic.id)).length).toBe(notesBefore + 1);
  });

  it("an edit that adds a word needing approval takes the post out of sight until approved", async () => {
    const { topic } = await startTopic(bob, category.id, "Another plain topic");
    const reply = await alice.post(`/api/forums/topics/${topic.id}/posts`, { body: "Nothing to see" });
    const edited = await alice.patch(`/api/forums/posts/${reply.body.id}`, { body: "Now with crypto" });
    expect(edited.body.state).toBe("held_for_approval");
    expect((await bob.get(`/api/forums/topics/${topic.id}`)).body.posts.map((p: { id: string }) => p.id)).not.toContain(reply.body.id);
    expect((await postRow(reply.body.id)).heldReason).toBe("watched_word_edit");
    const item = await itemFor(mod, reply.body.id);
    await mod.post(`/api/moderation/items/${item.id}/actions`, { action: "approve", reason: "Fine" });
    expect((await bob.get(`/api/forums/topics/${topic.id}`)).body.posts.find((p: { id: string }) => p.id === reply.body.id)).toMatchObject({
      number: 2,
      state: "visible",
    });
  });

  it("a post the detector rates as a possible cry for help is never held: it is published and flagged", async () => {
    await watch({ phrase: "goodbye", action: "require_approval" });
    const { post, topic, support } = await startTopic(alice, category.id, "Goodbye everyone. I am going to kill myself tonight.");
    expect(support.showHelp).toBe(true);
    expect(post.state).toBe("visible");
    expect((await postRow(post.id)).heldAt).toBeNull();
    expect((await bob.get(`/api/forums/topics/${topic.id}`)).body.posts[0].state).toBe("visible");
    const item = await itemFor(mod, post.id);
    expect(item.state).toBe("visible");
    expect(item.flags).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ source: "detector" }),
        expect.objectContaining({ source: "watched_word", reason: "watched_word", note: expect.stringContaining("Not held") }),
      ]),
    );
  });

  it("private messages: replace and link rewrite them; words needing approval flag them instead (messages are never held)", async () => {
    const conversation = await conversationWith(alice, bob);
    const replaced = await send(alice, conversation, "oh heck, see the meeting finder");
    expect(replaced.status, replaced.raw).toBe(201);
    expect(replaced.body.message.body).toBe("oh h*ck, see the meeting finder (https://example.org/meetings)");
    const flagged = await send(alice, conversation, "want some crypto?");
    expect(flagged.status).toBe(201);
    expect((await messagesOf(bob, conversation)).map((m) => m.id)).toContain(flagged.body.message.id);
    const item = await itemFor(mod, flagged.body.message.id);
    expect(item).toMatchObject({ target: { kind: "conversation_message" }, state: "visible" });
    expect(item.flags).toEqual([expect.objectContaining({ source: "watched_word", note: expect.stringContaining("crypto") })]);
  });
});
