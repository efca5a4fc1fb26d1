// The forums through the real HTTP API (and real sockets for live updates):
// categories, topics, replies, reading position, audiences, reactions, edits,
// removal, anonymity, notifications, blocks, warnings, flags and moderation.
// Every refusal is checked for its status, its problem type, and that nothing
// was written.
import type { Ack } from "@kindred/contracts";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { selectRows } from "../../db/client.js";
import { member, Person, staff, TEST_ORIGIN } from "../../testing/harness.js";
import { startTestServer } from "../../testing/server.js";
import { connected, nextEvent, openSocket, type TestSocket } from "../../testing/sockets.js";

type Res = Awaited<ReturnType<Person["get"]>>;
type Cat = { id: string; slug: string; name: string };

let server: Awaited<ReturnType<typeof startTestServer>>;
let admin: Person;
let mod: Person;
let modNo2fa: Person;
let specialist: Person;
let specialist2: Person;
let facilitator: Person;
let alice: Person;
let bob: Person;
let carol: Person;
let visitor: Person;
let general: Cat;
let specialists: Cat;
const sockets: TestSocket[] = [];

let slugCounter = 0;
const uniqueSlug = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(slugCounter++).toString(36)}`;

beforeAll(async () => {
  // One real listening server for the whole file: HTTP through inject, sockets over loopback.
  server = await startTestServer({ env: { PUBLIC_URL: TEST_ORIGIN } });
  const app = server.app;
  admin = await staff(app, ["admin"]);
  mod = await staff(app, ["moderator"]);
  modNo2fa = await staff(app, ["moderator"], { twoFactor: false });
  specialist = await staff(app, ["specialist"]);
  specialist2 = await staff(app, ["specialist"]);
  facilitator = await staff(app, ["facilitator"]);
  alice = await member(app);
  bob = await member(app);
  carol = await member(app);
  visitor = new Person(app);
  general = await createCategory({ slug: uniqueSlug("general"), name: "General" });
  specialists = await createCategory({
    slug: uniqueSlug("specialists"),
    name: "Specialists' room",
    audience: "role",
    role: "specialist",
  });
}, 120_000);

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server?.close();
});

// ── Helpers ──────────────────────────────────────────────────────────────────

function expectProblem(res: Res, status: number, type?: string) {
  expect(res.status, res.raw).toBe(status);
  expect(res.headers["content-type"]).toContain("application/problem+json");
  expect(res.body.status).toBe(status);
  if (type) expect(res.body.type).toMatch(new RegExp(`/${type}$`));
}

async function createCategory(body: Record<string, unknown>): Promise<Cat> {
  const res = await admin.post("/api/forums/categories", body);
  expect(res.status, res.raw).toBe(201);
  return res.body;
}

async function startTopic(person: Person, categoryId: string, extra: Record<string, unknown> = {}) {
  const res = await person.post("/api/forums/topics", {
    categoryId,
    title: "A topic to talk about",
    body: "Opening words of the topic.",
    ...extra,
  });
  expect(res.status, res.raw).toBe(201);
  return res.body as { topic: any; post: any };
}

async function replyTo(
  person: Person,
  topicId: string,
  body = "A reply with some words.",
  extra: Record<string, unknown> = {},
) {
  const res = await person.post(`/api/forums/topics/${topicId}/posts`, { body, ...extra });
  expect(res.status, res.raw).toBe(201);
  return res.body;
}

async function view(person: Person, topicId: string, query = "") {
  const res = await person.get(`/api/forums/topics/${topicId}${query}`);
  expect(res.status, res.raw).toBe(200);
  return res.body;
}

const postIn = (page: { posts: any[] }, number: number) => page.posts.find((p) => p.number === number);

async function walk(person: Person, url: string, limit: number) {
  const items: any[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = url.includes("?") ? "&" : "?";
    const res: Res = await person.get(
      `${url}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    expect(res.status, res.raw).toBe(200);
    expect(res.body.items.length).toBeLessThanOrEqual(limit);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
    pages++;
    if (pages > 100) throw new Error("pagination does not end");
  } while (cursor);
  return { items, pages };
}

const db = () => server.app.kindred.db;

async function topicRow(id: string) {
  const [row] = await selectRows<{ lastPostNumber: number; postCount: number; deletedAt: Date | null }>(
    db(),
    sql`select last_post_number as "lastPostNumber", post_count as "postCount", deleted_at as "deletedAt" from forum_topic where id = ${id}`,
  );
  return row!;
}

/** Everything the forums (and their notifications and audit trail) may write, summarised. */
async function fingerprint() {
  const [row] = await selectRows<Record<string, unknown>>(
    db(),
    sql`select
      (select count(*)::int from forum_category) as categories,
      (select md5(coalesce(string_agg(concat_ws('|', id, slug, name, description, position, audience, role), ',' order by id), '')) from forum_category) as category_state,
      (select count(*)::int from forum_topic) as topics,
      (select md5(coalesce(string_agg(concat_ws('|', id, title, pinned, locked, deleted_at, post_count, last_post_number, last_posted_at, content_warning, anonymous), ',' order by id), '')) from forum_topic) as topic_state,
      (select count(*)::int from forum_post) as posts,
      (select md5(coalesce(string_agg(concat_ws('|', id, markdown, html, content_warning, me_too, strength, helped, edited_at, removed_at, hidden_at, hidden_reason), ',' order by id), '')) from forum_post) as post_state,
      (select count(*)::int from forum_post_revision) as revisions,
      (select md5(coalesce(string_agg(concat_ws('|', post_id, user_id, kind), ',' order by post_id, user_id, kind), '')) from forum_reaction) as reactions,
      (select md5(coalesce(string_agg(concat_ws('|', user_id, topic_id, last_read_number), ',' order by user_id, topic_id), '')) from forum_read_state) as read_state,
      (select md5(coalesce(string_agg(concat_ws('|', user_id, target_type, target_id), ',' order by user_id, target_type, target_id), '')) from forum_watch) as watches,
      (select md5(coalesce(string_agg(concat_ws('|', id, item_id, reason, note), ',' order by id), '')) from review_flag) as flags,
      (select md5(coalesce(string_agg(concat_ws('|', id, status, severity, resolved_at, outcome), ',' order by id), '')) from review_item) as review_items,
      (select md5(coalesce(string_agg(concat_ws('|', user_id, array_to_string(collapse_warnings, ',')), ',' order by user_id), '')) from forum_preference) as preferences,
      (select count(*)::int from notification) as notifications,
      (select count(*)::int from audit_log) as audit_rows`,
  );
  return row!;
}

/** Runs a refused request and checks the database is exactly as before. */
async function refusedWithoutWriting(request: () => Promise<Res>, status: number, type?: string) {
  const before = await fingerprint();
  const res = await request();
  expectProblem(res, status, type);
  expect(await fingerprint()).toEqual(before);
  return res;
}

async function auditRows(action: string, targetId: string) {
  return selectRows<{ actorId: string; targetType: string; details: Record<string, unknown> }>(
    db(),
    sql`select actor_id as "actorId", target_type as "targetType", details from audit_log where action = ${action} and target_id = ${targetId}`,
  );
}

async function notificationsAbout(person: Person, topicId: string) {
  const res = await person.get("/api/me/notifications?limit=100");
  expect(res.status, res.raw).toBe(200);
  return (
    res.body.items as {
      kind: string;
      text: string;
      link: string | null;
      actor: { id: string; pseudonym: string } | null;
    }[]
  ).filter((n) => n.link?.includes(topicId));
}

function socketFor(person: Person) {
  const s = openSocket(server.url, person);
  sockets.push(s);
  return connected(s);
}

const emitWithAck = (s: TestSocket, event: string, payload: unknown) =>
  new Promise<Ack>((resolve) => (s.emit as (...a: unknown[]) => void)(event, payload, (ack: Ack) => resolve(ack)));

// ── Categories ───────────────────────────────────────────────────────────────

describe("categories", () => {
  it("an admin creates a members' category and a role-only one; each reader lists what they may read", async () => {
    const slug = uniqueSlug("cat");
    const res = await admin.post("/api/forums/categories", {
      slug,
      name: "Morning check-ins",
      description: "How today starts",
      position: 5,
    });
    expect(res.status, res.raw).toBe(201);
    expect(res.body).toMatchObject({
      slug,
      name: "Morning check-ins",
      description: "How today starts",
      position: 5,
      audience: "members",
      role: null,
      topicCount: 0,
      lastPostedAt: null,
      unreadTopics: 0,
      watching: false,
    });
    const roleSlug = uniqueSlug("spec");
    const roleOnly = await admin.post("/api/forums/categories", {
      slug: roleSlug,
      name: "For specialists",
      audience: "role",
      role: "specialist",
    });
    expect(roleOnly.status, roleOnly.raw).toBe(201);
    expect(roleOnly.body).toMatchObject({ audience: "role", role: "specialist" });

    const slugsFor = async (p: Person) => {
      const list = await p.get("/api/forums/categories");
      expect(list.status, list.raw).toBe(200);
      return { slugs: list.body.items.map((c: Cat) => c.slug) as string[], can: list.body.can };
    };
    const forMember = await slugsFor(alice);
    expect(forMember.slugs).toContain(slug);
    expect(forMember.slugs).not.toContain(roleSlug);
    expect(forMember.can).toEqual({ manage: false, moderate: false });
    expect((await slugsFor(specialist)).slugs).toEqual(expect.arrayContaining([slug, roleSlug]));
    expect((await slugsFor(facilitator)).slugs).not.toContain(roleSlug);
    expect((await slugsFor(mod)).slugs).toEqual(expect.arrayContaining([slug, roleSlug]));
    expect((await slugsFor(mod)).can).toEqual({ manage: false, moderate: true });
    expect((await slugsFor(admin)).can).toEqual({ manage: true, moderate: true });
    // A members' category never keeps a role.
    const ignored = await admin.post("/api/forums/categories", {
      slug: uniqueSlug("members"),
      name: "Open room",
      audience: "members",
      role: "specialist",
    });
    expect(ignored.status).toBe(201);
    expect(ignored.body.role).toBeNull();
  });

  it("an admin edits a category's name and position; the fields not sent stay as they were", async () => {
    const cat = await createCategory({ slug: uniqueSlug("edit"), name: "Before", description: "Old words" });
    const res = await admin.patch(`/api/forums/categories/${cat.id}`, { name: "After", position: 7 });
    expect(res.status, res.raw).toBe(200);
    expect(res.body).toMatchObject({
      id: cat.id,
      slug: cat.slug,
      name: "After",
      position: 7,
      audience: "members",
      role: null,
    });
    expect(res.body.description).toBe("Old words");
  });

  it("an admin turns a members' category into a role-only one; its readers change at once", async () => {
    const cat = await createCategory({ slug: uniqueSlug("torole"), name: "Soon private" });
    expect((await alice.get("/api/forums/categories")).body.items.map((c: Cat) => c.id)).toContain(cat.id);
    const toRole = await admin.patch(`/api/forums/categories/${cat.id}`, { audience: "role", role: "facilitator" });
    expect(toRole.status, toRole.raw).toBe(200);
    expect(toRole.body).toMatchObject({ id: cat.id, name: "Soon private", audience: "role", role: "facilitator" });
    expect((await alice.get("/api/forums/categories")).body.items.map((c: Cat) => c.id)).not.toContain(cat.id);
    expect((await facilitator.get("/api/forums/categories")).body.items.map((c: Cat) => c.id)).toContain(cat.id);
    expectProblem(await alice.get(`/api/forums/topics?category=${cat.slug}`), 403, "forbidden");
  });

  it("renaming a role-only category keeps it role-only (a partial update changes only the fields sent)", async () => {
    const cat = await createCategory({
      slug: uniqueSlug("private"),
      name: "Private",
      description: "Specialists only",
      audience: "role",
      role: "specialist",
    });
    const res = await admin.patch(`/api/forums/categories/${cat.id}`, { name: "Private room" });
    expect(res.status, res.raw).toBe(200);
    expect(res.body).toMatchObject({
      name: "Private room",
      description: "Specialists only",
      audience: "role",
      role: "specialist",
    });
    expect((await alice.get("/api/forums/categories")).body.items.map((c: Cat) => c.id)).not.toContain(cat.id);
  });

  it("bad input is refused with the field named, and nothing is written", async () => {
    const noRole = await refusedWithoutWriting(
      () => admin.post("/api/forums/categories", { slug: uniqueSlug("norole"), name: "No role", audience: "role" }),
      422,
      "validation",
    );
    expect(noRole.body.errors.map((e: { path: string }) => e.path)).toContain("body.role");
    const nullRole = await refusedWithoutWriting(
      () =>
        admin.post("/api/forums/categories", {
          slug: uniqueSlug("norole"),
          name: "No role",
          audience: "role",
          role: null,
        }),
      422,
      "validation",
    );
    expect(nullRole.body.errors.map((e: { path: string }) => e.path)).toContain("body.role");
    for (const body of [
      {},
      { slug: "Not A Slug", name: "Fine" },
      { slug: "x", name: "Fine" },
      { slug: uniqueSlug("ok"), name: "X" },
      { slug: uniqueSlug("ok"), name: "Fine", audience: "everyone" },
      { slug: uniqueSlug("ok"), name: "Fine", audience: "role", role: "member" },
      { slug: uniqueSlug("ok"), name: "Fine", position: -1 },
      { slug: uniqueSlug("ok"), name: "Fine", surprise: true },
    ]) {
      const res = await refusedWithoutWriting(() => admin.post("/api/forums/categories", body), 422, "validation");
      expect(res.body.errors.length, JSON.stringify(body)).toBeGreaterThan(0);
    }
  });

  it("a duplicate slug is a conflict on create", async () => {
    const taken = await createCategory({ slug: uniqueSlug("taken"), name: "Taken" });
    const dup = await refusedWithoutWriting(
      () => admin.post("/api/forums/categories", { slug: taken.slug, name: "Another" }),
      409,
      "slug-taken",
    );
    expect(dup.body.errors).toEqual([expect.objectContaining({ path: "body.slug" })]);
  });

  it("a bad edit is refused and writes nothing: role-only without a role, an unknown category", async () => {
    const other = await createCategory({ slug: uniqueSlug("other"), name: "Other" });
    const patchNoRole = await refusedWithoutWriting(
      () => admin.patch(`/api/forums/categories/${other.id}`, { audience: "role" }),
      422,
      "validation",
    );
    expect(patchNoRole.body.errors.map((e: { path: string }) => e.path)).toContain("body.role");
    for (const body of [{ slug: "Bad Slug" }, { name: "X" }, { audience: "everyone" }, { surprise: 1 }]) {
      await refusedWithoutWriting(() => admin.patch(`/api/forums/categories/${other.id}`, body), 422, "validation");
    }
    await refusedWithoutWriting(
      () => admin.patch("/api/forums/categories/no-such-category", { name: "Ghost" }),
      404,
      "not-found",
    );
  });

  it("a duplicate slug is a conflict on edit too (not a server error)", async () => {
    const taken = await createCategory({ slug: uniqueSlug("taken"), name: "Taken" });
    const other = await createCategory({ slug: uniqueSlug("other"), name: "Other" });
    const res = await refusedWithoutWriting(
      () => admin.patch(`/api/forums/categories/${other.id}`, { slug: taken.slug }),
      409,
      "slug-taken",
    );
    expect(res.body.errors).toEqual([expect.objectContaining({ path: "body.slug" })]);
  });

  it("only admins manage categories: members and moderators 403, admins without 2FA are told to turn it on, visitors 401", async () => {
    const body = { slug: uniqueSlug("nope"), name: "Not allowed" };
    await refusedWithoutWriting(() => alice.post("/api/forums/categories", body), 403, "forbidden");
    await refusedWithoutWriting(() => mod.post("/api/forums/categories", body), 403, "forbidden");
    const adminNo2fa = await staff(server.app, ["admin"], { twoFactor: false });
    await refusedWithoutWriting(() => adminNo2fa.post("/api/forums/categories", body), 403, "two-factor-required");
    await refusedWithoutWriting(() => visitor.post("/api/forums/categories", body), 401, "unauthenticated");
    await refusedWithoutWriting(
      () => alice.patch(`/api/forums/categories/${general.id}`, { name: "Mine now" }),
      403,
      "forbidden",
    );
    await refusedWithoutWriting(
      () => visitor.patch(`/api/forums/categories/${general.id}`, { name: "Mine now" }),
      401,
      "unauthenticated",
    );
    expectProblem(await visitor.get("/api/forums/categories"), 401, "unauthenticated");
    expectProblem(await visitor.get("/api/forums/topics"), 401, "unauthenticated");
  });
});

describe("who may use the forums at all", () => {
  it("a person waiting for approval is refused everywhere, and nothing is written", async () => {
    expect((await admin.patch("/api/admin/settings", { registrationMode: "approval" })).status).toBe(200);
    const pending = new Person(server.app, `pending${Date.now().toString(36)}`);
    const signedUp = await pending.signUp();
    expect((await admin.patch("/api/admin/settings", { registrationMode: "open" })).status).toBe(200);
    expect(signedUp.status, signedUp.raw).toBe(201);
    const { topic, post } = await startTopic(alice, general.id);
    await refusedWithoutWriting(() => pending.get("/api/forums/categories"), 403, "forbidden");
    await refusedWithoutWriting(() => pending.get("/api/forums/topics"), 403, "forbidden");
    await refusedWithoutWriting(() => pending.get(`/api/forums/topics/${topic.id}`), 403, "forbidden");
    await refusedWithoutWriting(
      () => pending.post("/api/forums/topics", { categoryId: general.id, title: "Hello all", body: "Hi" }),
      403,
      "forbidden",
    );
    await refusedWithoutWriting(
      () => pending.post(`/api/forums/topics/${topic.id}/posts`, { body: "Hi" }),
      403,
      "forbidden",
    );
    await refusedWithoutWriting(
      () => pending.put(`/api/forums/posts/${post.id}/reactions/me_too`, {}),
      403,
      "forbidden",
    );
    await refusedWithoutWriting(() => pending.get("/api/forums/search?q=topic"), 403, "forbidden");
    await refusedWithoutWriting(
      () => pending.put("/api/forums/preferences", { collapseWarnings: [] }),
      403,
      "forbidden",
    );
  });
});

// ── Topics ───────────────────────────────────────────────────────────────────

describe("starting topics", () => {
  it("with a content warning and anonymously: nobody sees the author, the author sees their Markdown", async () => {
    const body = "Today was **hard**. I nearly called my old dealer.";
    const res = await alice.post("/api/forums/topics", {
      categoryId: general.id,
      title: "  A hard day  ",
      body,
      contentWarning: "relapse",
      anonymous: true,
    });
    expect(res.status, res.raw).toBe(201);
    const { topic, post } = res.body;
    expect(topic).toMatchObject({
      title: "A hard day",
      category: { id: general.id, slug: general.slug, name: general.name },
      author: null,
      anonymous: true,
      contentWarning: "relapse",
      pinned: false,
      locked: false,
      postCount: 1,
      lastPostNumber: 1,
      lastReadNumber: 1,
      isNew: false,
      unreadCount: 0,
    });
    expect(post).toMatchObject({
      number: 1,
      topicId: topic.id,
      author: null,
      anonymous: true,
      markdown: body,
      contentWarning: "relapse",
      collapsed: null,
      state: "visible",
    });
    expect(post.html).toContain("<strong>hard</strong>");
    expect(post.can).toMatchObject({ edit: true, delete: true, react: false, flag: false, moderate: false });

    for (const reader of [bob, mod]) {
      const page = await view(reader, topic.id);
      expect(page.topic).toMatchObject({ author: null, anonymous: true, contentWarning: "relapse" });
      const first = postIn(page, 1);
      expect(first).toMatchObject({
        author: null,
        anonymous: true,
        markdown: null,
        contentWarning: "relapse",
        collapsed: "warning",
        state: "visible",
      });
      expect(first.html).toContain("<strong>hard</strong>");
      expect(JSON.stringify(page)).not.toContain(alice.pseudonym);
      expect(JSON.stringify(page)).not.toContain(alice.id);
    }
    const list = await bob.get(`/api/forums/topics?category=${general.slug}`);
    const listed = list.body.items.find((t: { id: string }) => t.id === topic.id);
    expect(listed).toMatchObject({ author: null, anonymous: true });
    expect(JSON.stringify(listed)).not.toContain(alice.id);
    expect(JSON.stringify(listed)).not.toContain(alice.pseudonym);
  });

  it("a named topic shows its author to everyone; the markdown only to them", async () => {
    const { topic, post } = await startTopic(bob, general.id, {
      title: "Ninety days today",
      body: "I made it to *ninety* days.",
    });
    expect(topic.author).toEqual({ id: bob.id, pseudonym: bob.pseudonym });
    expect(post.markdown).toBe("I made it to *ninety* days.");
    const page = await view(carol, topic.id);
    expect(postIn(page, 1)).toMatchObject({
      author: { id: bob.id, pseudonym: bob.pseudonym },
      markdown: null,
      collapsed: null,
    });
    expect(postIn(page, 1).html).toContain("<em>ninety</em>");
    expect(page.can).toEqual({ reply: true, moderate: false, watch: true });
    expect((await view(bob, topic.id)).watching).toBe(true);
    expect(page.watching).toBe(false);
  });

  it("a body of exactly 20,000 characters is accepted", async () => {
    const { post } = await startTopic(alice, general.id, { title: "A long one", body: "a".repeat(20_000) });
    expect(post.markdown).toHaveLength(20_000);
  });

  it("bad input gets 422 (or 413 beyond the body limit) and writes nothing", async () => {
    const good = { categoryId: general.id, title: "A fine title", body: "Fine words." };
    const cases: [string, unknown, string | null][] = [
      ["empty object", {}, null],
      ["empty body", { ...good, body: "" }, "body.body"],
      ["whitespace body", { ...good, body: "  \n\t " }, "body.body"],
      ["whitespace-only title", { ...good, title: "     " }, "body.title"],
      ["title too short", { ...good, title: "ab" }, "body.title"],
      ["title too long", { ...good, title: "t".repeat(151) }, "body.title"],
      ["20,001-character body", { ...good, body: "b".repeat(20_001) }, "body.body"],
      ["unknown content warning", { ...good, contentWarning: "spiders" }, "body.contentWarning"],
      ["anonymous not a boolean", { ...good, anonymous: "yes" }, "body.anonymous"],
      ["unknown field", { ...good, pinned: true }, null],
      ["unknown category", { ...good, categoryId: "no-such-category" }, "body.categoryId"],
    ];
    for (const [name, body, path] of cases) {
      const res = await refusedWithoutWriting(() => alice.post("/api/forums/topics", body), 422, "validation");
      expect(res.body.errors.length, name).toBeGreaterThan(0);
      if (path)
        expect(
          res.body.errors.map((e: { path: string }) => e.path),
          name,
        ).toContain(path);
    }
    await refusedWithoutWriting(
      () => alice.post("/api/forums/topics", { ...good, body: "c".repeat(100 * 1024) }),
      413,
      "too-large",
    );
  });

  it("a role-only category refuses those who may not read it, and nothing is written", async () => {
    const body = { categoryId: specialists.id, title: "Let me in", body: "Hello?" };
    await refusedWithoutWriting(() => alice.post("/api/forums/topics", body), 403, "forbidden");
    await refusedWithoutWriting(() => facilitator.post("/api/forums/topics", body), 403, "forbidden");
    await refusedWithoutWriting(() => modNo2fa.post("/api/forums/topics", body), 403, "two-factor-required");
    await refusedWithoutWriting(() => visitor.post("/api/forums/topics", body), 401, "unauthenticated");
    const ok = await specialist.post("/api/forums/topics", body);
    expect(ok.status, ok.raw).toBe(201);
  });
});

describe("topic lists", () => {
  it("a category's list pages by last activity with pinned topics first, without gaps or repeats", async () => {
    const cat = await createCategory({ slug: uniqueSlug("paging"), name: "Paging" });
    const ids: string[] = [];
    for (let i = 0; i < 8; i++)
      ids.push((await startTopic(i % 2 ? alice : bob, cat.id, { title: `Paging topic ${i}` })).topic.id);
    // Pin an old one; bump another old one with a reply.
    expect((await mod.patch(`/api/forums/topics/${ids[1]}`, { pinned: true })).status).toBe(200);
    await replyTo(carol, ids[0]!);

    const { items, pages } = await walk(carol, `/api/forums/topics?category=${cat.slug}`, 3);
    expect(pages).toBe(3);
    const seen = items.map((t) => t.id);
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);
    expect(seen[0]).toBe(ids[1]);
    expect(items[0].pinned).toBe(true);
    expect(seen[1]).toBe(ids[0]);
    const rest = items.slice(1).map((t) => t.lastPostedAt as string);
    expect([...rest].sort().reverse()).toEqual(rest);
    expect(seen.slice(2)).toEqual([ids[7], ids[6], ids[5], ids[4], ids[3], ids[2]]);
    // One at a time, the cursor also carries a pinned topic across a page boundary.
    expect((await walk(carol, `/api/forums/topics?category=${cat.slug}`, 1)).items.map((t) => t.id)).toEqual(seen);
    // The category itself counts them.
    const listed = (await carol.get("/api/forums/categories")).body.items.find((c: Cat) => c.id === cat.id);
    expect(listed.topicCount).toBe(8);
  });

  it("'latest' spans every category the reader may read, newest activity first, pins ignored", async () => {
    const cat = await createCategory({ slug: uniqueSlug("latest"), name: "Latest" });
    const pinned = (await startTopic(alice, cat.id, { title: "Pinned early" })).topic.id;
    await mod.patch(`/api/forums/topics/${pinned}`, { pinned: true });
    const newer = (await startTopic(bob, cat.id, { title: "Newer than the pin" })).topic.id;
    const secret = (await startTopic(specialist, specialists.id, { title: "Specialists only topic" })).topic.id;

    const { items } = await walk(alice, "/api/forums/topics", 4);
    const seen = items.map((t) => t.id as string);
    expect(new Set(seen).size).toBe(seen.length);
    const times = items.map((t) => t.lastPostedAt as string);
    expect([...times].sort().reverse()).toEqual(times);
    expect(seen.indexOf(newer)).toBeLessThan(seen.indexOf(pinned));
    expect(seen).not.toContain(secret);
    const [counted] = await selectRows<{ visible: number }>(
      db(),
      sql`select count(*)::int as visible from forum_topic t join forum_category c on c.id = t.category_id
          where t.deleted_at is null and c.audience = 'members'`,
    );
    expect(seen).toHaveLength(counted!.visible);
    // A specialist sees their category's topics in "latest" too.
    expect((await walk(specialist, "/api/forums/topics", 50)).items.map((t) => t.id)).toContain(secret);
  });

  it("refuses a bad cursor or limit, an unknown category, and a category the reader may not read", async () => {
    const junk = Buffer.from(JSON.stringify({ hello: "world" })).toString("base64url");
    const badDate = Buffer.from(JSON.stringify({ pinned: false, at: "yesterday", id: "x" })).toString("base64url");
    for (const cursor of ["not-a-cursor", junk, badDate]) {
      const res = await alice.get(`/api/forums/topics?cursor=${cursor}`);
      expectProblem(res, 422, "validation");
      expect(res.body.errors[0].path).toBe("querystring.cursor");
      expectProblem(await alice.get(`/api/forums/topics?category=${general.slug}&cursor=${cursor}`), 422, "validation");
    }
    expectProblem(await alice.get("/api/forums/topics?limit=0"), 422, "validation");
    expectProblem(await alice.get("/api/forums/topics?limit=51"), 422, "validation");
    expectProblem(await alice.get("/api/forums/topics?category=No%20Slug"), 422, "validation");
    expectProblem(await alice.get("/api/forums/topics?category=no-such-category"), 404, "not-found");
    expectProblem(await alice.get(`/api/forums/topics?category=${specialists.slug}`), 403, "forbidden");
    expectProblem(await modNo2fa.get(`/api/forums/topics?category=${specialists.slug}`), 403, "two-factor-required");
  });
});

// ── Replies: bad input and refusals ──────────────────────────────────────────

describe("replies: bad input and refusals", () => {
  /** A refused reply leaves the topic's numbering exactly as it was. */
  async function refusedReply(topicId: string, request: () => Promise<Res>, status: number, type?: string) {
    const before = await topicRow(topicId);
    await refusedWithoutWriting(request, status, type);
    expect(await topicRow(topicId)).toEqual(before);
  }

  it("a reply is numbered, shown and counted", async () => {
    const { topic } = await startTopic(alice, general.id);
    const reply = await replyTo(bob, topic.id, "Sending you **strength**.", { replyToNumber: 1 });
    expect(reply).toMatchObject({
      topicId: topic.id,
      number: 2,
      author: { id: bob.id, pseudonym: bob.pseudonym },
      replyToNumber: 1,
      markdown: "Sending you **strength**.",
    });
    expect(await topicRow(topic.id)).toMatchObject({ lastPostNumber: 2, postCount: 2 });
    const page = await view(carol, topic.id);
    expect(page.topic).toMatchObject({ postCount: 2, lastPostNumber: 2 });
    expect(page.posts.map((p: { number: number }) => p.number)).toEqual([1, 2]);
  });

  it("empty, whitespace-only, too long or too large bodies and bad reply numbers write nothing", async () => {
    const { topic } = await startTopic(alice, general.id);
    const url = `/api/forums/topics/${topic.id}/posts`;
    for (const body of [
      {},
      { body: "" },
      { body: " \n " },
      { body: "d".repeat(20_001) },
      { body: "ok", anonymous: 1 },
      { body: "ok", replyToNumber: 0 },
      { body: "ok", extra: 1 },
    ]) {
      await refusedReply(topic.id, () => bob.post(url, body), 422, "validation");
    }
    const tooFar = await bob.post(url, { body: "To a post that does not exist", replyToNumber: 5 });
    expectProblem(tooFar, 422, "validation");
    expect(tooFar.body.errors[0].path).toBe("body.replyToNumber");
    expect(await topicRow(topic.id)).toMatchObject({ lastPostNumber: 1, postCount: 1 });
    await refusedReply(topic.id, () => bob.post(url, { body: "e".repeat(100 * 1024) }), 413, "too-large");
    await refusedReply(topic.id, () => visitor.post(url, { body: "Hello" }), 401, "unauthenticated");
  });

  it("an unknown topic is 404 for every topic route", async () => {
    const ghost = "00000000-0000-7000-8000-000000000000";
    await refusedWithoutWriting(
      () => bob.post(`/api/forums/topics/${ghost}/posts`, { body: "Hello?" }),
      404,
      "not-found",
    );
    await refusedWithoutWriting(() => bob.get(`/api/forums/topics/${ghost}`), 404, "not-found");
    await refusedWithoutWriting(
      () => bob.post(`/api/forums/topics/${ghost}/read`, { lastReadNumber: 1 }),
      404,
      "not-found",
    );
    await refusedWithoutWriting(() => bob.put(`/api/forums/topics/${ghost}/watch`, {}), 404, "not-found");
    await refusedWithoutWriting(() => bob.put(`/api/forums/categories/${ghost}/watch`, {}), 404, "not-found");
    await refusedWithoutWriting(() => mod.patch(`/api/forums/topics/${ghost}`, { locked: true }), 404, "not-found");
    await refusedWithoutWriting(() => bob.patch(`/api/forums/posts/${ghost}`, { body: "Edited" }), 404, "not-found");
    await refusedWithoutWriting(() => bob.delete(`/api/forums/posts/${ghost}`), 404, "not-found");
    await refusedWithoutWriting(() => bob.put(`/api/forums/posts/${ghost}/reactions/me_too`, {}), 404, "not-found");
    await refusedWithoutWriting(
      () => bob.post(`/api/forums/posts/${ghost}/flags`, { reason: "spam" }),
      404,
      "not-found",
    );
  });

  it("reacting twice is a conflict", async () => {
    const { topic, post } = await startTopic(alice, general.id);
    expect((await bob.put(`/api/forums/posts/${post.id}/reactions/helped`, {})).status).toBe(200);
    await refusedReply(
      topic.id,
      () => bob.put(`/api/forums/posts/${post.id}/reactions/helped`, {}),
      409,
      "already-reacted",
    );
    expect(postIn(await view(bob, topic.id), 1).reactions.helped).toBe(1);
  });

  it("editing someone else's post is forbidden, even for a moderator", async () => {
    const { topic, post } = await startTopic(alice, general.id, { body: "My own words." });
    await refusedReply(
      topic.id,
      () => bob.patch(`/api/forums/posts/${post.id}`, { body: "Bob's words now." }),
      403,
      "forbidden",
    );
    await refusedReply(
      topic.id,
      () => mod.patch(`/api/forums/posts/${post.id}`, { body: "The moderator's words now." }),
      403,
      "forbidden",
    );
    await refusedReply(
      topic.id,
      () => visitor.patch(`/api/forums/posts/${post.id}`, { body: "Visitor words." }),
      401,
      "unauthenticated",
    );
    await refusedReply(topic.id, () => bob.delete(`/api/forums/posts/${post.id}`), 403, "forbidden");
    expect(postIn(await view(alice, topic.id), 1)).toMatchObject({ markdown: "My own words.", mine: true });
    expect(postIn(await view(bob, topic.id), 1)).toMatchObject({ markdown: null, mine: false });
  });

  it("a locked topic takes no replies or reactions from members; moderators still may reply", async () => {
    const { topic, post } = await startTopic(alice, general.id);
    const locked = await mod.patch(`/api/forums/topics/${topic.id}`, { locked: true });
    expect(locked.status, locked.raw).toBe(200);
    expect(locked.body.locked).toBe(true);
    await refusedReply(
      topic.id,
      () => bob.post(`/api/forums/topics/${topic.id}/posts`, { body: "Can I still?" }),
      409,
      "topic-locked",
    );
    await refusedReply(
      topic.id,
      () => alice.post(`/api/forums/topics/${topic.id}/posts`, { body: "My own topic?" }),
      409,
      "topic-locked",
    );
    await refusedReply(
      topic.id,
      () => bob.put(`/api/forums/posts/${post.id}/reactions/me_too`, {}),
      409,
      "topic-locked",
    );
    const page = await view(bob, topic.id);
    expect(page.can.reply).toBe(false);
    expect(postIn(page, 1).can.react).toBe(false);
    const modReply = await replyTo(mod, topic.id, "Closing this one; take care, everyone.");
    expect(modReply.number).toBe(2);
    expect((await view(mod, topic.id)).can.reply).toBe(true);
  });

  it("a topic whose first post its author removed takes no more replies", async () => {
    const { topic, post } = await startTopic(alice, general.id);
    await replyTo(bob, topic.id);
    expect((await alice.delete(`/api/forums/posts/${post.id}`)).status).toBe(200);
    await refusedReply(
      topic.id,
      () => carol.post(`/api/forums/topics/${topic.id}/posts`, { body: "Still here?" }),
      409,
      "topic-removed",
    );
    await refusedReply(
      topic.id,
      () => mod.post(`/api/forums/topics/${topic.id}/posts`, { body: "Moderator here" }),
      409,
      "topic-removed",
    );
    expect(await topicRow(topic.id)).toMatchObject({ lastPostNumber: 2 });
  });

  it("a reply in a role-only category the member may not read is forbidden", async () => {
    const { topic } = await startTopic(specialist, specialists.id);
    await refusedReply(
      topic.id,
      () => alice.post(`/api/forums/topics/${topic.id}/posts`, { body: "Can I join?" }),
      403,
      "forbidden",
    );
    await refusedReply(
      topic.id,
      () => facilitator.post(`/api/forums/topics/${topic.id}/posts`, { body: "Can I join?" }),
      403,
      "forbidden",
    );
    await refusedReply(
      topic.id,
      () => modNo2fa.post(`/api/forums/topics/${topic.id}/posts`, { body: "Can I join?" }),
      403,
      "two-factor-required",
    );
    expect((await topicRow(topic.id)).lastPostNumber).toBe(1);
  });
});

// ── Reading position ─────────────────────────────────────────────────────────

describe("reading: new and unread", () => {
  const summaryFor = async (reader: Person, categorySlug: string, topicId: string) => {
    const res = await reader.get(`/api/forums/topics?category=${categorySlug}&limit=50`);
    expect(res.status, res.raw).toBe(200);
    return res.body.items.find((t: { id: string }) => t.id === topicId);
  };

  it("another member's topic is new to a reader who joined before it; reading clears it; a reply makes one unread", async () => {
    const cat = await createCategory({ slug: uniqueSlug("unread"), name: "Unread" });
    const { topic } = await startTopic(alice, cat.id, { title: "Something new" });
    expect(await summaryFor(carol, cat.slug, topic.id)).toMatchObject({
      isNew: true,
      lastReadNumber: null,
      unreadCount: 0,
    });
    // Not new to its author, nor to someone who joined after it was posted.
    expect(await summaryFor(alice, cat.slug, topic.id)).toMatchObject({
      isNew: false,
      lastReadNumber: 1,
      unreadCount: 0,
    });
    const latecomer = await member(server.app);
    expect(await summaryFor(latecomer, cat.slug, topic.id)).toMatchObject({ isNew: false, lastReadNumber: null });

    const read = await carol.post(`/api/forums/topics/${topic.id}/read`, { lastReadNumber: 1 });
    expect(read.status, read.raw).toBe(204);
    expect(await summaryFor(carol, cat.slug, topic.id)).toMatchObject({
      isNew: false,
      lastReadNumber: 1,
      unreadCount: 0,
    });
    expect((await carol.get("/api/forums/categories")).body.items.find((c: Cat) => c.id === cat.id).unreadTopics).toBe(
      0,
    );

    await replyTo(alice, topic.id, "One more thing.");
    expect(await summaryFor(carol, cat.slug, topic.id)).toMatchObject({
      isNew: false,
      lastReadNumber: 1,
      unreadCount: 1,
    });
    expect((await carol.get("/api/forums/categories")).body.items.find((c: Cat) => c.id === cat.id).unreadTopics).toBe(
      1,
    );
    const latest = (await carol.get("/api/forums/topics?limit=50")).body.items.find(
      (t: { id: string }) => t.id === topic.id,
    );
    expect(latest).toMatchObject({ unreadCount: 1 });
  });

  it("?from=unread starts at the first post the reader has not read", async () => {
    const { topic } = await startTopic(alice, general.id);
    for (let i = 2; i <= 5; i++) await replyTo(bob, topic.id, `Reply number ${i}`);
    // Never opened: from the start.
    expect((await view(carol, topic.id, "?from=unread")).posts[0].number).toBe(1);
    await carol.post(`/api/forums/topics/${topic.id}/read`, { lastReadNumber: 3 });
    const page = await view(carol, topic.id, "?from=unread");
    expect(page.posts.map((p: { number: number }) => p.number)).toEqual([4, 5]);
  });

  it("?from=unread with a small page starts at the first unread post and links back", async () => {
    const { topic } = await startTopic(alice, general.id);
    for (let i = 2; i <= 8; i++) await replyTo(bob, topic.id, `Reply number ${i}`);
    await carol.post(`/api/forums/topics/${topic.id}/read`, { lastReadNumber: 3 });
    const small = await view(carol, topic.id, "?from=unread&limit=2");
    expect(small.posts.map((p: { number: number }) => p.number)).toEqual([4, 5]);
    expect(small).toMatchObject({ previousFrom: 2, nextFrom: 6 });
  });

  it("pages of a topic link to each other", async () => {
    const { topic } = await startTopic(alice, general.id);
    for (let i = 2; i <= 5; i++) await replyTo(bob, topic.id, `Reply number ${i}`);
    const first = await view(carol, topic.id, "?limit=2");
    expect(first.posts.map((p: { number: number }) => p.number)).toEqual([1, 2]);
    expect(first).toMatchObject({ previousFrom: null, nextFrom: 3 });
    const second = await view(carol, topic.id, `?from=${first.nextFrom}&limit=2`);
    expect(second.posts.map((p: { number: number }) => p.number)).toEqual([3, 4]);
    expect(second).toMatchObject({ previousFrom: 1, nextFrom: 5 });
    expectProblem(await carol.get(`/api/forums/topics/${topic.id}?from=0`), 422, "validation");
    expectProblem(await carol.get(`/api/forums/topics/${topic.id}?from=soon`), 422, "validation");
    expectProblem(await carol.get(`/api/forums/topics/${topic.id}?limit=51`), 422, "validation");
  });

  it("the read marker never goes backwards and never runs past the last post", async () => {
    const cat = await createCategory({ slug: uniqueSlug("marker"), name: "Marker" });
    const { topic } = await startTopic(alice, cat.id);
    await replyTo(bob, topic.id);
    await replyTo(bob, topic.id);
    expect((await carol.post(`/api/forums/topics/${topic.id}/read`, { lastReadNumber: 3 })).status).toBe(204);
    expect((await carol.post(`/api/forums/topics/${topic.id}/read`, { lastReadNumber: 1 })).status).toBe(204);
    expect(await summaryFor(carol, cat.slug, topic.id)).toMatchObject({ lastReadNumber: 3, unreadCount: 0 });
    expect((await carol.post(`/api/forums/topics/${topic.id}/read`, { lastReadNumber: 999 })).status).toBe(204);
    expect(await summaryFor(carol, cat.slug, topic.id)).toMatchObject({ lastReadNumber: 3, unreadCount: 0 });
    await replyTo(bob, topic.id);
    expect(await summaryFor(carol, cat.slug, topic.id)).toMatchObject({ lastReadNumber: 3, unreadCount: 1 });
  });

  it("bad read markers are refused and change nothing", async () => {
    const { topic } = await startTopic(alice, general.id);
    const url = `/api/forums/topics/${topic.id}/read`;
    for (const body of [
      {},
      { lastReadNumber: 0 },
      { lastReadNumber: 1.5 },
      { lastReadNumber: "1" },
      { lastReadNumber: 1, extra: true },
    ]) {
      await refusedWithoutWriting(() => carol.post(url, body), 422, "validation");
    }
    await refusedWithoutWriting(() => visitor.post(url, { lastReadNumber: 1 }), 401, "unauthenticated");
  });
});

// ── Audiences ────────────────────────────────────────────────────────────────

describe("members-only vs role-only", () => {
  let topic: { id: string };
  let post: { id: string };
  beforeAll(async () => {
    const started = await startTopic(specialist, specialists.id, {
      title: "Caseload and burnout",
      body: "Supervision notes about burnout and boundaries.",
    });
    topic = started.topic;
    post = started.post;
  });

  const joinRoom = async (person: Person, room: string) => emitWithAck(await socketFor(person), "room:join", { room });

  it("a member cannot list, read, search, watch, reply in, react, flag, mark read or listen to the specialists' category", async () => {
    for (const [who, type] of [
      [alice, "forbidden"],
      [facilitator, "forbidden"],
      [modNo2fa, "two-factor-required"],
    ] as const) {
      await refusedWithoutWriting(() => who.get(`/api/forums/topics?category=${specialists.slug}`), 403, type);
      await refusedWithoutWriting(() => who.get(`/api/forums/topics/${topic.id}`), 403, type);
      await refusedWithoutWriting(
        () => who.get(`/api/forums/search?q=burnout&category=${specialists.slug}`),
        403,
        type,
      );
      await refusedWithoutWriting(() => who.put(`/api/forums/topics/${topic.id}/watch`, {}), 403, type);
      await refusedWithoutWriting(() => who.put(`/api/forums/categories/${specialists.id}/watch`, {}), 403, type);
      await refusedWithoutWriting(
        () => who.post(`/api/forums/topics/${topic.id}/posts`, { body: "Me too" }),
        403,
        type,
      );
      await refusedWithoutWriting(
        () => who.post(`/api/forums/topics/${topic.id}/read`, { lastReadNumber: 1 }),
        403,
        type,
      );
      await refusedWithoutWriting(() => who.put(`/api/forums/posts/${post.id}/reactions/me_too`, {}), 403, type);
      await refusedWithoutWriting(() => who.post(`/api/forums/posts/${post.id}/flags`, { reason: "spam" }), 403, type);
      const search = await who.get("/api/forums/search?q=burnout");
      expect(search.status, search.raw).toBe(200);
      expect(search.body.items.map((h: { topicId: string }) => h.topicId)).not.toContain(topic.id);
      const latest = await who.get("/api/forums/topics?limit=50");
      expect(latest.body.items.map((t: { id: string }) => t.id)).not.toContain(topic.id);
      expect((await who.get("/api/forums/categories")).body.items.map((c: Cat) => c.id)).not.toContain(specialists.id);
      const ack = await joinRoom(who, `topic:${topic.id}`);
      expect(ack).toMatchObject({ ok: false, problem: { status: 403 } });
    }
  });

  it("a specialist and a moderator can do all of it", async () => {
    for (const who of [specialist2, mod]) {
      const list = await who.get(`/api/forums/topics?category=${specialists.slug}&limit=50`);
      expect(list.status, list.raw).toBe(200);
      expect(list.body.items.map((t: { id: string }) => t.id)).toContain(topic.id);
      expect((await view(who, topic.id)).posts[0].html).toContain("burnout");
      const search = await who.get(`/api/forums/search?q=burnout&category=${specialists.slug}`);
      expect(search.status, search.raw).toBe(200);
      expect(search.body.items.map((h: { topicId: string }) => h.topicId)).toContain(topic.id);
      expect((await who.put(`/api/forums/topics/${topic.id}/watch`, {})).status).toBe(204);
      expect((await who.put(`/api/forums/categories/${specialists.id}/watch`, {})).status).toBe(204);
      expect((await who.delete(`/api/forums/categories/${specialists.id}/watch`)).status).toBe(204);
      await replyTo(who, topic.id, "You are not alone in this.");
      expect((await who.post(`/api/forums/topics/${topic.id}/read`, { lastReadNumber: 1 })).status).toBe(204);
      expect((await who.put(`/api/forums/posts/${post.id}/reactions/strength`, {})).status).toBe(200);
      expect(await joinRoom(who, `topic:${topic.id}`)).toEqual({ ok: true, data: { room: `topic:${topic.id}` } });
    }
  });

  it("a member may listen to a members' topic; an unknown topic's room answers like a forbidden one", async () => {
    const { topic: open } = await startTopic(alice, general.id);
    expect(await joinRoom(bob, `topic:${open.id}`)).toEqual({ ok: true, data: { room: `topic:${open.id}` } });
    expect(await joinRoom(bob, "topic:no-such-topic")).toMatchObject({ ok: false, problem: { status: 403 } });
  });
});

// ── Reactions ────────────────────────────────────────────────────────────────

describe("reactions", () => {
  it("counts, my reactions, taking one back, and refusals", async () => {
    const { topic, post } = await startTopic(alice, general.id);
    const url = (kind: string) => `/api/forums/posts/${post.id}/reactions/${kind}`;
    const first = await bob.put(url("me_too"), {});
    expect(first.status, first.raw).toBe(200);
    expect(first.body).toEqual({ reactions: { me_too: 1, strength: 0, helped: 0 }, myReactions: ["me_too"] });
    expect((await carol.put(url("me_too"), {})).body.reactions).toEqual({ me_too: 2, strength: 0, helped: 0 });
    const both = await carol.put(url("strength"), {});
    expect(both.body.reactions).toEqual({ me_too: 2, strength: 1, helped: 0 });
    expect([...both.body.myReactions].sort()).toEqual(["me_too", "strength"]);

    const seenByBob = postIn(await view(bob, topic.id), 1);
    expect(seenByBob.reactions).toEqual({ me_too: 2, strength: 1, helped: 0 });
    expect(seenByBob.myReactions).toEqual(["me_too"]);
    expect(seenByBob.can.react).toBe(true);
    const seenByAlice = postIn(await view(alice, topic.id), 1);
    expect(seenByAlice.myReactions).toEqual([]);
    expect(seenByAlice.can.react).toBe(false);

    await refusedWithoutWriting(() => alice.put(url("helped"), {}), 403, "forbidden");
    await refusedWithoutWriting(() => visitor.put(url("helped"), {}), 401, "unauthenticated");
    await refusedWithoutWriting(() => bob.put(url("thumbs_down"), {}), 422, "validation");

    const back = await bob.delete(url("me_too"));
    expect(back.status, back.raw).toBe(200);
    expect(back.body).toEqual({ reactions: { me_too: 1, strength: 1, helped: 0 }, myReactions: [] });
    await refusedWithoutWriting(() => bob.delete(url("me_too")), 409, "not-reacted");
    await refusedWithoutWriting(() => bob.delete(url("helped")), 409, "not-reacted");
    expect(postIn(await view(bob, topic.id), 1).reactions).toEqual({ me_too: 1, strength: 1, helped: 0 });
  });
});

// ── Edits, removal ───────────────────────────────────────────────────────────

describe("edits keep history", () => {
  it("the author edits; moderators read the earlier text; members may not", async () => {
    const { topic } = await startTopic(alice, general.id);
    const reply = await replyTo(bob, topic.id, "First draft of my reply.");
    const edited = await bob.patch(`/api/forums/posts/${reply.id}`, {
      body: "Second draft, kinder.",
      contentWarning: "grief",
    });
    expect(edited.status, edited.raw).toBe(200);
    expect(edited.body).toMatchObject({ markdown: "Second draft, kinder.", contentWarning: "grief", number: 2 });
    expect(edited.body.editedAt).not.toBeNull();
    expect(edited.body.html).toContain("Second draft, kinder.");
    const seen = postIn(await view(carol, topic.id), 2);
    expect(seen.html).toContain("Second draft");
    expect(seen.html).not.toContain("First draft");

    const history = await mod.get(`/api/forums/posts/${reply.id}/revisions`);
    expect(history.status, history.raw).toBe(200);
    expect(history.body.items).toHaveLength(1);
    expect(history.body.items[0]).toMatchObject({
      markdown: "First draft of my reply.",
      contentWarning: null,
      editor: { id: bob.id, pseudonym: bob.pseudonym },
    });

    await refusedWithoutWriting(() => carol.get(`/api/forums/posts/${reply.id}/revisions`), 403, "forbidden");
    await refusedWithoutWriting(() => bob.get(`/api/forums/posts/${reply.id}/revisions`), 403, "forbidden");
    await refusedWithoutWriting(
      () => modNo2fa.get(`/api/forums/posts/${reply.id}/revisions`),
      403,
      "two-factor-required",
    );
    await refusedWithoutWriting(() => visitor.get(`/api/forums/posts/${reply.id}/revisions`), 401, "unauthenticated");
    for (const body of [
      {},
      { body: "" },
      { body: "   " },
      { body: "f".repeat(20_001) },
      { body: "ok", contentWarning: "spiders" },
      { body: "ok", anonymous: true },
    ]) {
      await refusedWithoutWriting(() => bob.patch(`/api/forums/posts/${reply.id}`, body), 422, "validation");
    }
    await refusedWithoutWriting(
      () => bob.patch(`/api/forums/posts/${reply.id}`, { body: "g".repeat(100 * 1024) }),
      413,
      "too-large",
    );
  });

  it("the first post's warning is the topic's: changing it on edit changes the topic; leaving it out keeps it", async () => {
    const { topic, post } = await startTopic(alice, general.id, { contentWarning: "relapse" });
    const kept = await alice.patch(`/api/forums/posts/${post.id}`, { body: "Reworded opening." });
    expect(kept.body.contentWarning).toBe("relapse");
    expect((await view(bob, topic.id)).topic.contentWarning).toBe("relapse");
    const changed = await alice.patch(`/api/forums/posts/${post.id}`, {
      body: "Reworded again.",
      contentWarning: "grief",
    });
    expect(changed.body.contentWarning).toBe("grief");
    expect((await view(bob, topic.id)).topic.contentWarning).toBe("grief");
    const cleared = await alice.patch(`/api/forums/posts/${post.id}`, {
      body: "No warning needed.",
      contentWarning: null,
    });
    expect(cleared.body.contentWarning).toBeNull();
    expect((await view(bob, topic.id)).topic.contentWarning).toBeNull();
    expect(
      (await mod.get(`/api/forums/posts/${post.id}/revisions`)).body.items.map((r: { markdown: string }) => r.markdown),
    ).toEqual(["Opening words of the topic.", "Reworded opening.", "Reworded again."]);
  });

  it("editing an anonymous post keeps the editor anonymous in the history", async () => {
    const { post } = await startTopic(alice, general.id, { anonymous: true, body: "Anonymous first words" });
    expect((await alice.patch(`/api/forums/posts/${post.id}`, { body: "Anonymous second words" })).status).toBe(200);
    const history = await mod.get(`/api/forums/posts/${post.id}/revisions`);
    expect(history.body.items).toEqual([expect.objectContaining({ markdown: "Anonymous first words", editor: null })]);
  });
});

describe("removal by the author", () => {
  it("a removed reply stays as a placeholder without its text", async () => {
    const { topic } = await startTopic(alice, general.id);
    const reply = await replyTo(bob, topic.id, "I should not have said this.");
    const removed = await bob.delete(`/api/forums/posts/${reply.id}`);
    expect(removed.status, removed.raw).toBe(200);
    expect(removed.body).toMatchObject({ state: "removed_by_author", html: "", markdown: null });
    for (const reader of [carol, alice, mod]) {
      const seen = postIn(await view(reader, topic.id), 2);
      expect(seen).toMatchObject({ number: 2, state: "removed_by_author", html: "", markdown: null });
    }
    expect((await view(carol, topic.id)).topic.postCount).toBe(1);
    await refusedWithoutWriting(() => bob.delete(`/api/forums/posts/${reply.id}`), 403, "forbidden");
    await refusedWithoutWriting(
      () => bob.patch(`/api/forums/posts/${reply.id}`, { body: "Bring it back" }),
      403,
      "forbidden",
    );
    await refusedWithoutWriting(
      () => carol.put(`/api/forums/posts/${reply.id}/reactions/me_too`, {}),
      403,
      "forbidden",
    );
  });

  it("removing the first post takes the topic out of every list", async () => {
    const cat = await createCategory({ slug: uniqueSlug("removal"), name: "Removal" });
    const { topic, post } = await startTopic(alice, cat.id, { title: "I changed my mind" });
    await replyTo(bob, topic.id);
    expect((await carol.get("/api/forums/categories")).body.items.find((c: Cat) => c.id === cat.id).topicCount).toBe(1);
    const res = await alice.delete(`/api/forums/posts/${post.id}`);
    expect(res.status, res.raw).toBe(200);
    expect(res.body.state).toBe("removed_by_author");
    expect((await carol.get(`/api/forums/topics?category=${cat.slug}`)).body.items).toEqual([]);
    expect((await carol.get("/api/forums/topics?limit=50")).body.items.map((t: { id: string }) => t.id)).not.toContain(
      topic.id,
    );
    expect((await carol.get("/api/forums/categories")).body.items.find((c: Cat) => c.id === cat.id).topicCount).toBe(0);
    expectProblem(await carol.get(`/api/forums/topics/${topic.id}`), 404, "not-found");
    expectProblem(await alice.get(`/api/forums/topics/${topic.id}`), 404, "not-found");
    expect((await topicRow(topic.id)).deletedAt).not.toBeNull();
  });
});

// ── Anonymity ────────────────────────────────────────────────────────────────

describe("anonymous posts", () => {
  it("a moderator may reveal the author, and that look is written to the audit log; members may not", async () => {
    const { post } = await startTopic(alice, general.id, { anonymous: true });
    await refusedWithoutWriting(() => bob.get(`/api/forums/posts/${post.id}/author`), 403, "forbidden");
    await refusedWithoutWriting(() => alice.get(`/api/forums/posts/${post.id}/author`), 403, "forbidden");
    await refusedWithoutWriting(() => modNo2fa.get(`/api/forums/posts/${post.id}/author`), 403, "two-factor-required");
    await refusedWithoutWriting(() => visitor.get(`/api/forums/posts/${post.id}/author`), 401, "unauthenticated");
    expect(await auditRows("forum.author_revealed", post.id)).toEqual([]);

    const res = await mod.get(`/api/forums/posts/${post.id}/author`);
    expect(res.status, res.raw).toBe(200);
    expect(res.body).toEqual({ id: alice.id, pseudonym: alice.pseudonym });
    const audit = await auditRows("forum.author_revealed", post.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: mod.id, targetType: "forum_post" });
  });

  it("notifications about an anonymous reply never name its author", async () => {
    const { topic } = await startTopic(alice, general.id, { title: "Who is out there" });
    await replyTo(bob, topic.id, `Anonymous hello, @${carol.pseudonym}`, { anonymous: true });
    const [toAuthor] = await notificationsAbout(alice, topic.id);
    expect(toAuthor).toMatchObject({ kind: "forum.reply", actor: null });
    expect(toAuthor!.text).toContain("An anonymous member");
    expect(toAuthor!.text).not.toContain(bob.pseudonym);
    const [toMentioned] = await notificationsAbout(carol, topic.id);
    expect(toMentioned).toMatchObject({ kind: "forum.mention", actor: null });
    expect(toMentioned!.text).toContain("An anonymous member");
    const reply = postIn(await view(alice, topic.id), 2);
    expect(reply).toMatchObject({ author: null, anonymous: true });
  });
});

// ── Notifications ────────────────────────────────────────────────────────────

describe("mentions and watches", () => {
  it("a mention notifies the person named; the topic's author hears of the reply", async () => {
    const { topic } = await startTopic(alice, general.id, { title: "Mentions here" });
    await replyTo(bob, topic.id, `Thank you @${carol.pseudonym} for the idea.`);
    const toCarol = await notificationsAbout(carol, topic.id);
    expect(toCarol).toHaveLength(1);
    expect(toCarol[0]).toMatchObject({ kind: "forum.mention", actor: { id: bob.id, pseudonym: bob.pseudonym } });
    expect(toCarol[0]!.text).toContain(bob.pseudonym);
    expect(toCarol[0]!.link).toContain(`/forums/t/${topic.id}`);
    const toAlice = await notificationsAbout(alice, topic.id);
    expect(toAlice).toHaveLength(1);
    expect(toAlice[0]).toMatchObject({ kind: "forum.reply", actor: { id: bob.id, pseudonym: bob.pseudonym } });
    expect(toAlice[0]!.text).toBe(`${bob.pseudonym} replied in “Mentions here”.`);
    // The replier hears nothing of their own reply.
    expect(await notificationsAbout(bob, topic.id)).toEqual([]);
  });

  it("someone who blocked the author hears nothing: not as a watcher, not when mentioned", async () => {
    const dave = await member(server.app);
    expect((await dave.post("/api/me/blocks", { pseudonym: bob.pseudonym })).status).toBe(201);
    const { topic } = await startTopic(dave, general.id, { title: "Dave's topic" });
    await replyTo(bob, topic.id, `Hey @${dave.pseudonym}, what do you think?`);
    expect(await notificationsAbout(dave, topic.id)).toEqual([]);
    // Someone else still hears of replies.
    await replyTo(carol, topic.id, "I replied too.");
    expect((await notificationsAbout(dave, topic.id)).map((n) => n.kind)).toEqual(["forum.reply"]);
  });

  it("an anonymous reply by someone the watcher blocked still notifies them: silence would unmask its author", async () => {
    const erin = await member(server.app);
    expect((await erin.post("/api/me/blocks", { pseudonym: bob.pseudonym })).status).toBe(201);
    const { topic } = await startTopic(erin, general.id, { title: "Erin's topic" });
    const res = await bob.post(`/api/forums/topics/${topic.id}/posts`, { body: "Thinking of you.", anonymous: true });
    expect(res.status).toBe(201);
    const got = await notificationsAbout(erin, topic.id);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ kind: "forum.reply", actor: null });
    expect(got[0]!.text).toContain("An anonymous member");
  });

  it("a mentioned member who may not read the category hears nothing; a specialist does", async () => {
    const { topic } = await startTopic(specialist, specialists.id, { title: "Case consult" });
    await replyTo(
      specialist2,
      topic.id,
      `@${alice.pseudonym} and @${facilitator.pseudonym} and @${mod.pseudonym}: have a look`,
    );
    expect(await notificationsAbout(alice, topic.id)).toEqual([]);
    expect(await notificationsAbout(facilitator, topic.id)).toEqual([]);
    expect((await notificationsAbout(mod, topic.id)).map((n) => n.kind)).toEqual(["forum.mention"]);
    expect((await notificationsAbout(specialist, topic.id)).map((n) => n.kind)).toEqual(["forum.reply"]);
  });

  it("watching a category brings new topics; unwatching stops them; unwatching a topic stops replies", async () => {
    const cat = await createCategory({ slug: uniqueSlug("watched"), name: "Watched room" });
    const dave = await member(server.app);
    expect((await dave.put(`/api/forums/categories/${cat.id}/watch`, {})).status).toBe(204);
    expect((await dave.get("/api/forums/categories")).body.items.find((c: Cat) => c.id === cat.id).watching).toBe(true);
    const { topic } = await startTopic(alice, cat.id, { title: "Fresh start" });
    const got = await notificationsAbout(dave, topic.id);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ kind: "forum.new_topic", actor: { id: alice.id, pseudonym: alice.pseudonym } });
    expect(got[0]!.text).toBe("New topic in Watched room: “Fresh start”.");
    // A category watch does not bring replies.
    await replyTo(bob, topic.id);
    expect(await notificationsAbout(dave, topic.id)).toHaveLength(1);

    expect((await dave.delete(`/api/forums/categories/${cat.id}/watch`)).status).toBe(204);
    const { topic: second } = await startTopic(alice, cat.id, { title: "Second start" });
    expect(await notificationsAbout(dave, second.id)).toEqual([]);

    expect((await alice.delete(`/api/forums/topics/${second.id}/watch`)).status).toBe(204);
    expect((await view(alice, second.id)).watching).toBe(false);
    await replyTo(bob, second.id);
    expect(await notificationsAbout(alice, second.id)).toEqual([]);
    expect((await alice.put(`/api/forums/topics/${second.id}/watch`, {})).status).toBe(204);
    await replyTo(carol, second.id);
    expect((await notificationsAbout(alice, second.id)).map((n) => n.kind)).toEqual(["forum.reply"]);
  });

  it("an anonymous new topic tells category watchers nothing about who", async () => {
    const cat = await createCategory({ slug: uniqueSlug("anonwatch"), name: "Anon watch" });
    await bob.put(`/api/forums/categories/${cat.id}/watch`, {});
    const { topic } = await startTopic(alice, cat.id, { anonymous: true });
    const [n] = await notificationsAbout(bob, topic.id);
    expect(n).toMatchObject({ kind: "forum.new_topic", actor: null });
    expect(n!.text).not.toContain(alice.pseudonym);
  });
});

// ── Blocks and warnings ──────────────────────────────────────────────────────

describe("blocks and content warnings", () => {
  it("a post by someone the reader blocked comes collapsed as blocked (unless it is anonymous)", async () => {
    const erin = await member(server.app);
    const frank = await member(server.app);
    expect((await erin.post("/api/me/blocks", { pseudonym: frank.pseudonym })).status).toBe(201);
    const { topic } = await startTopic(alice, general.id);
    await replyTo(frank, topic.id, "Frank's named reply");
    await replyTo(frank, topic.id, "Frank's anonymous reply", { anonymous: true });
    const forErin = await view(erin, topic.id);
    expect(postIn(forErin, 2)).toMatchObject({ collapsed: "blocked", state: "visible" });
    // Collapsing an anonymous post as "blocked" would unmask its author.
    expect(postIn(forErin, 3).collapsed).toBeNull();
    expect(postIn(await view(carol, topic.id), 2).collapsed).toBeNull();
    expect(postIn(await view(frank, topic.id), 2).collapsed).toBeNull();
  });

  it("a post with a warning comes collapsed by default and open once the reader stops collapsing that warning", async () => {
    const gina = await member(server.app);
    const { topic } = await startTopic(alice, general.id, { contentWarning: "relapse" });
    await replyTo(bob, topic.id, "About trauma", { contentWarning: "trauma" });
    const defaults = await gina.get("/api/forums/preferences");
    expect(defaults.status, defaults.raw).toBe(200);
    expect([...defaults.body.collapseWarnings].sort()).toEqual([
      "abuse",
      "eating",
      "grief",
      "relapse",
      "self_harm",
      "substance_detail",
      "suicide",
      "trauma",
    ]);
    expect(postIn(await view(gina, topic.id), 1).collapsed).toBe("warning");
    expect(postIn(await view(gina, topic.id), 2).collapsed).toBe("warning");
    // The author never sees their own post collapsed.
    expect(postIn(await view(alice, topic.id), 1).collapsed).toBeNull();

    const keep = defaults.body.collapseWarnings.filter((w: string) => w !== "relapse");
    const saved = await gina.put("/api/forums/preferences", { collapseWarnings: keep });
    expect(saved.status, saved.raw).toBe(200);
    expect(saved.body.collapseWarnings).not.toContain("relapse");
    expect((await gina.get("/api/forums/preferences")).body).toEqual(saved.body);
    const page = await view(gina, topic.id);
    expect(postIn(page, 1)).toMatchObject({ collapsed: null, contentWarning: "relapse" });
    expect(postIn(page, 2).collapsed).toBe("warning");

    for (const body of [
      {},
      { collapseWarnings: ["spiders"] },
      { collapseWarnings: "relapse" },
      { collapseWarnings: [], extra: 1 },
    ]) {
      await refusedWithoutWriting(() => gina.put("/api/forums/preferences", body), 422, "validation");
    }
    await refusedWithoutWriting(
      () => visitor.put("/api/forums/preferences", { collapseWarnings: [] }),
      401,
      "unauthenticated",
    );
  });
});

// ── Flags and moderation ─────────────────────────────────────────────────────

describe("flags and moderation", () => {
  it("flagging: once per person, never one's own post, with a known reason", async () => {
    const { post } = await startTopic(alice, general.id);
    const url = `/api/forums/posts/${post.id}/flags`;
    const first = await bob.post(url, { reason: "spam", note: "Selling things" });
    expect(first.status, first.raw).toBe(201);
    expect(typeof first.body.id).toBe("string");
    await refusedWithoutWriting(() => bob.post(url, { reason: "harassment" }), 409, "already-flagged");
    await refusedWithoutWriting(() => alice.post(url, { reason: "spam" }), 403, "forbidden");
    await refusedWithoutWriting(() => visitor.post(url, { reason: "spam" }), 401, "unauthenticated");
    for (const body of [
      {},
      { reason: "boring" },
      { reason: "spam", note: "n".repeat(1001) },
      { reason: "spam", extra: 1 },
    ]) {
      await refusedWithoutWriting(() => carol.post(url, body), 422, "validation");
    }
    await refusedWithoutWriting(() => bob.get("/api/moderation/queue"), 403, "forbidden");
    await refusedWithoutWriting(() => modNo2fa.get("/api/moderation/queue"), 403, "two-factor-required");
    await refusedWithoutWriting(() => visitor.get("/api/moderation/queue"), 401, "unauthenticated");
  });

  it("flags join the one review queue: a crisis concern before spam, whether it is older or newer", async () => {
    const spamOld = (await startTopic(alice, general.id, { title: "Old spam" })).post;
    const crisis = (await startTopic(alice, general.id, { title: "Worrying words" })).post;
    const spamNew = (await startTopic(alice, general.id, { title: "New spam" })).post;
    expect((await bob.post(`/api/forums/posts/${spamOld.id}/flags`, { reason: "spam" })).status).toBe(201);
    expect(
      (await bob.post(`/api/forums/posts/${crisis.id}/flags`, { reason: "crisis_concern", note: "I am worried" }))
        .status,
    ).toBe(201);
    expect((await bob.post(`/api/forums/posts/${spamNew.id}/flags`, { reason: "spam" })).status).toBe(201);
    expect((await carol.post(`/api/forums/posts/${spamNew.id}/flags`, { reason: "other" })).status).toBe(201);

    const queue = await mod.get("/api/moderation/queue?limit=50");
    expect(queue.status, queue.raw).toBe(200);
    const ids = queue.body.items.map((i: { target: { id: string } }) => i.target.id);
    expect(ids.indexOf(crisis.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(crisis.id)).toBeLessThan(ids.indexOf(spamOld.id));
    expect(ids.indexOf(crisis.id)).toBeLessThan(ids.indexOf(spamNew.id));
    expect(ids.indexOf(spamOld.id)).toBeLessThan(ids.indexOf(spamNew.id));
    const crisisItem = queue.body.items.find((i: { target: { id: string } }) => i.target.id === crisis.id);
    expect(crisisItem).toMatchObject({
      target: { kind: "forum_post", topicTitle: "Worrying words", link: expect.stringContaining(crisis.topicId) },
      state: "visible",
      author: { id: alice.id },
    });
    expect(crisisItem.flags).toEqual([expect.objectContaining({ source: "member", reason: "crisis_concern", note: "I am worried" })]);
    // Who flagged is never part of an item.
    expect(JSON.stringify(crisisItem)).not.toContain(bob.id);
    const severities = queue.body.items.map((i: { severity: number }) => i.severity);
    expect(severities).toEqual([...severities].sort((a: number, b: number) => b - a));
    const spamItem = queue.body.items.find((i: { target: { id: string } }) => i.target.id === spamNew.id);
    expect(spamItem.flags).toHaveLength(2);
  });

  it("hide with a reason: members see a placeholder, moderators the text; restore brings it back; both are audited", async () => {
    const { topic } = await startTopic(alice, general.id);
    const reply = await replyTo(bob, topic.id, "Something hurtful here.");
    expect((await carol.post(`/api/forums/posts/${reply.id}/flags`, { reason: "harassment" })).status).toBe(201);
    const hideUrl = `/api/forums/posts/${reply.id}/hide`;
    await refusedWithoutWriting(() => carol.post(hideUrl, { reason: "Because" }), 403, "forbidden");
    await refusedWithoutWriting(() => modNo2fa.post(hideUrl, { reason: "Because" }), 403, "two-factor-required");
    await refusedWithoutWriting(() => visitor.post(hideUrl, { reason: "Because" }), 401, "unauthenticated");
    for (const body of [{}, { reason: "" }, { reason: "   " }, { reason: "r".repeat(501) }]) {
      await refusedWithoutWriting(() => mod.post(hideUrl, body), 422, "validation");
    }

    const hidden = await mod.post(hideUrl, { reason: "Harassment of another member" });
    expect(hidden.status, hidden.raw).toBe(200);
    expect(hidden.body.state).toBe("hidden_by_moderator");
    expect(hidden.body.html).toContain("Something hurtful");
    for (const reader of [carol, bob, alice]) {
      const seen = postIn(await view(reader, topic.id), 2);
      expect(seen).toMatchObject({ state: "hidden_by_moderator", html: "", markdown: null });
      expect(seen.can.react).toBe(false);
    }
    expect(postIn(await view(mod, topic.id), 2)).toMatchObject({
      state: "hidden_by_moderator",
      html: expect.stringContaining("Something hurtful"),
    });
    // Hiding settles the post's review item.
    expect(
      (await mod.get("/api/moderation/queue?limit=50")).body.items.map((i: { target: { id: string } }) => i.target.id),
    ).not.toContain(reply.id);
    const hideAudit = await auditRows("forum.post_hidden", reply.id);
    expect(hideAudit).toHaveLength(1);
    expect(hideAudit[0]).toMatchObject({
      actorId: mod.id,
      targetType: "forum_post",
      details: { reason: "Harassment of another member" },
    });
    await refusedWithoutWriting(() => mod.post(hideUrl, { reason: "Again" }), 409, "already-hidden");

    const restoreUrl = `/api/forums/posts/${reply.id}/restore`;
    await refusedWithoutWriting(() => carol.post(restoreUrl), 403, "forbidden");
    const restored = await mod.post(restoreUrl);
    expect(restored.status, restored.raw).toBe(200);
    expect(restored.body.state).toBe("visible");
    expect(postIn(await view(carol, topic.id), 2)).toMatchObject({
      state: "visible",
      html: expect.stringContaining("Something hurtful"),
    });
    const restoreAudit = await auditRows("forum.post_restored", reply.id);
    expect(restoreAudit).toHaveLength(1);
    expect(restoreAudit[0]).toMatchObject({ actorId: mod.id, targetType: "forum_post" });
    await refusedWithoutWriting(() => mod.post(restoreUrl), 409, "not-hidden");
  });

  it("a hidden post cannot be reacted to through the API either", async () => {
    const { topic } = await startTopic(alice, general.id);
    const reply = await replyTo(bob, topic.id, "To be hidden.");
    expect((await mod.post(`/api/forums/posts/${reply.id}/hide`, { reason: "Unsafe" })).status).toBe(200);
    expect(postIn(await view(carol, topic.id), 2).can.react).toBe(false);
    await refusedWithoutWriting(
      () => carol.put(`/api/forums/posts/${reply.id}/reactions/me_too`, {}),
      403,
      "forbidden",
    );
  });

  it("hiding settles the post's review item; once settled, the same person may flag it again", async () => {
    const { post } = await startTopic(alice, general.id);
    await bob.post(`/api/forums/posts/${post.id}/flags`, { reason: "unsafe_advice" });
    const inQueue = async () =>
      (await mod.get("/api/moderation/queue?limit=50")).body.items.some((i: { target: { id: string } }) => i.target.id === post.id);
    expect(await inQueue()).toBe(true);
    expect((await mod.post(`/api/forums/posts/${post.id}/hide`, { reason: "Unsafe advice" })).status).toBe(200);
    expect(await inQueue()).toBe(false);
    const [settled] = await selectRows<{ outcome: string; resolvedBy: string }>(
      db(),
      sql`select outcome, resolved_by as "resolvedBy" from review_item where target_id = ${post.id}`,
    );
    expect(settled).toEqual({ outcome: "hidden", resolvedBy: mod.id });
    expect((await mod.post(`/api/forums/posts/${post.id}/restore`)).status).toBe(200);
    expect((await bob.post(`/api/forums/posts/${post.id}/flags`, { reason: "spam" })).status).toBe(201);
    expect(await inQueue()).toBe(true);
  });

  it("pinning and locking are for moderators", async () => {
    const { topic } = await startTopic(alice, general.id);
    const url = `/api/forums/topics/${topic.id}`;
    await refusedWithoutWriting(() => alice.patch(url, { pinned: true }), 403, "forbidden");
    await refusedWithoutWriting(() => modNo2fa.patch(url, { pinned: true }), 403, "two-factor-required");
    await refusedWithoutWriting(() => visitor.patch(url, { pinned: true }), 401, "unauthenticated");
    await refusedWithoutWriting(() => mod.patch(url, { pinned: "yes" }), 422, "validation");
    await refusedWithoutWriting(() => mod.patch(url, { title: "New title" }), 422, "validation");
    const res = await mod.patch(url, { pinned: true });
    expect(res.status, res.raw).toBe(200);
    expect(res.body).toMatchObject({ id: topic.id, pinned: true, locked: false });
    const unpinned = await admin.patch(url, { pinned: false, locked: true });
    expect(unpinned.body).toMatchObject({ pinned: false, locked: true });
  });
});

// ── Live updates ─────────────────────────────────────────────────────────────

describe("live updates", () => {
  it("a reader in the topic's room hears of a new reply and of an edit", async () => {
    const { topic } = await startTopic(alice, general.id);
    const s = await socketFor(carol);
    expect(await emitWithAck(s, "room:join", { room: `topic:${topic.id}` })).toEqual({
      ok: true,
      data: { room: `topic:${topic.id}` },
    });
    const created = nextEvent(s, "forum:topic");
    const reply = await replyTo(bob, topic.id, "Live reply");
    expect(await created).toEqual({ topicId: topic.id, postNumber: 2, kind: "created" });
    const updated = nextEvent(s, "forum:topic");
    expect((await bob.patch(`/api/forums/posts/${reply.id}`, { body: "Live reply, edited" })).status).toBe(200);
    expect(await updated).toEqual({ topicId: topic.id, postNumber: 2, kind: "updated" });
  });

  it("a socket outside the room hears nothing", async () => {
    const { topic } = await startTopic(alice, general.id);
    const s = await socketFor(bob);
    let heard = 0;
    s.on("forum:topic", () => heard++);
    const listener = await socketFor(carol);
    await emitWithAck(listener, "room:join", { room: `topic:${topic.id}` });
    const arrived = nextEvent(listener, "forum:topic");
    await replyTo(alice, topic.id);
    await arrived;
    expect(heard).toBe(0);
  });
});
