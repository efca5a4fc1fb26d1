// Forum search through the real API: English and Spanish stemming, titles and
// bodies, what a searcher may not see, filters, snippets as plain text pieces,
// and keyset pages.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, member, Person, staff, type TestApp } from "../../testing/harness.js";

type Res = Awaited<ReturnType<Person["get"]>>;
type Cat = { id: string; slug: string; name: string };
type Hit = {
  topicId: string;
  topicTitle: string;
  postNumber: number;
  category: { slug: string; name: string };
  author: { id: string; pseudonym: string } | null;
  contentWarning: string | null;
  snippet: { text: string; hit: boolean }[];
  createdAt: string;
};

let t: TestApp;
let admin: Person;
let mod: Person;
let specialist: Person;
let alice: Person;
let bob: Person;
let carol: Person;
let support: Cat;
let other: Cat;
let specialists: Cat;

let slugCounter = 0;
const uniqueSlug = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(slugCounter++).toString(36)}`;

beforeAll(async () => {
  t = await createTestApp();
  admin = await staff(t.app, ["admin"]);
  mod = await staff(t.app, ["moderator"]);
  specialist = await staff(t.app, ["specialist"]);
  alice = await member(t.app);
  bob = await member(t.app);
  carol = await member(t.app);
  support = await createCategory({ slug: uniqueSlug("support"), name: "Support" });
  other = await createCategory({ slug: uniqueSlug("other"), name: "Other things" });
  specialists = await createCategory({
    slug: uniqueSlug("specialists"),
    name: "Specialists",
    audience: "role",
    role: "specialist",
  });
}, 60_000);
afterAll(async () => {
  await t.close();
});

function expectProblem(res: Res, status: number, type?: string) {
  expect(res.status, res.raw).toBe(status);
  expect(res.headers["content-type"]).toContain("application/problem+json");
  if (type) expect(res.body.type).toMatch(new RegExp(`/${type}$`));
}

async function createCategory(body: Record<string, unknown>): Promise<Cat> {
  const res = await admin.post("/api/forums/categories", body);
  expect(res.status, res.raw).toBe(201);
  return res.body;
}

async function startTopic(
  person: Person,
  categoryId: string,
  title: string,
  body: string,
  extra: Record<string, unknown> = {},
) {
  const res = await person.post("/api/forums/topics", { categoryId, title, body, ...extra });
  expect(res.status, res.raw).toBe(201);
  return res.body as { topic: { id: string }; post: { id: string } };
}

async function replyTo(person: Person, topicId: string, body: string, extra: Record<string, unknown> = {}) {
  const res = await person.post(`/api/forums/topics/${topicId}/posts`, { body, ...extra });
  expect(res.status, res.raw).toBe(201);
  return res.body as { id: string; number: number };
}

async function search(
  person: Person,
  params: Record<string, string>,
): Promise<{ items: Hit[]; nextCursor: string | null }> {
  const res = await person.get(`/api/forums/search?${new URLSearchParams(params)}`);
  expect(res.status, res.raw).toBe(200);
  return res.body;
}

const where = (hits: Hit[]) => hits.map((h) => `${h.topicId}#${h.postNumber}`);
const snippetText = (h: Hit) => h.snippet.map((p) => p.text).join("");

describe("finding posts", () => {
  it("by a word in a post's body, with the hit marked in a plain-text snippet", async () => {
    const { topic } = await startTopic(
      alice,
      support.id,
      "Morning walks",
      "Every morning I walk past the old lighthouse and breathe slowly.",
      {
        contentWarning: "grief",
      },
    );
    const { items, nextCursor } = await search(carol, { q: "lighthouse" });
    expect(nextCursor).toBeNull();
    expect(items).toHaveLength(1);
    const [hit] = items;
    expect(hit).toMatchObject({
      topicId: topic.id,
      topicTitle: "Morning walks",
      postNumber: 1,
      category: { slug: support.slug, name: support.name },
      author: { id: alice.id, pseudonym: alice.pseudonym },
      contentWarning: "grief",
    });
    expect(Number.isNaN(Date.parse(hit!.createdAt))).toBe(false);
    for (const piece of hit!.snippet) {
      expect(Object.keys(piece).sort()).toEqual(["hit", "text"]);
      expect(typeof piece.text).toBe("string");
      expect(typeof piece.hit).toBe("boolean");
    }
    expect(hit!.snippet.filter((p) => p.hit).map((p) => p.text.toLowerCase())).toContain("lighthouse");
    expect(snippetText(hit!)).toContain("old lighthouse and breathe");
  });

  it("by a word in a topic's title, English stemming included: 'relapsed' finds 'relapse'", async () => {
    const cat = await createCategory({ slug: uniqueSlug("stems"), name: "Stems" });
    const { topic } = await startTopic(
      alice,
      cat.id,
      "A relapse after two years",
      "I want to talk about what happened last weekend.",
    );
    const reply = await replyTo(bob, topic.id, "Every relapse is a lesson, not a verdict.");
    const { items } = await search(carol, { q: "relapsed", category: cat.slug });
    expect(where(items).sort()).toEqual([`${topic.id}#1`, `${topic.id}#${reply.number}`].sort());
    const bodyHit = items.find((h) => h.postNumber === reply.number)!;
    expect(bodyHit.snippet.filter((p) => p.hit).map((p) => p.text.toLowerCase())).toEqual(["relapse"]);
    // And the other way round: "relapses" finds the same.
    expect(where((await search(carol, { q: "relapses", category: cat.slug })).items).sort()).toEqual(
      where(items).sort(),
    );
  });

  it("a title match ranks above a body match", async () => {
    const cat = await createCategory({ slug: uniqueSlug("rank"), name: "Rank" });
    const { topic: inBody } = await startTopic(
      alice,
      cat.id,
      "Weekend plans",
      "We went out in a kayak and it was calm.",
    );
    const { topic: inTitle } = await startTopic(
      bob,
      cat.id,
      "Kayak therapy",
      "Being on the water helps me stay present.",
    );
    const { items } = await search(carol, { q: "kayak", category: cat.slug });
    expect(items.map((h) => h.topicId)).toEqual([inTitle.id, inBody.id]);
  });

  it("in Spanish: 'recaídas' finds 'recaída'", async () => {
    const cat = await createCategory({ slug: uniqueSlug("es"), name: "Español" });
    const { topic } = await startTopic(
      alice,
      cat.id,
      "Un día difícil",
      "Hoy tuve una recaída y estoy muy triste, pero mañana es otro día y lo voy a intentar de nuevo.",
    );
    const { items } = await search(carol, { q: "recaídas", category: cat.slug });
    expect(where(items)).toEqual([`${topic.id}#1`]);
    expect(items[0]!.snippet.filter((p) => p.hit).map((p) => p.text.toLowerCase())).toEqual(["recaída"]);
    expect(where((await search(carol, { q: "recaída" })).items)).toContain(`${topic.id}#1`);
  });

  it("an edited post is found by its new words, not its old ones", async () => {
    const cat = await createCategory({ slug: uniqueSlug("edit"), name: "Edits" });
    const { topic, post } = await startTopic(alice, cat.id, "Things I saw", "There was a windmill on the hill.");
    expect(
      (await alice.patch(`/api/forums/posts/${post.id}`, { body: "There was a scarecrow on the hill." })).status,
    ).toBe(200);
    expect((await search(carol, { q: "windmill", category: cat.slug })).items).toEqual([]);
    expect(where((await search(carol, { q: "scarecrow", category: cat.slug })).items)).toEqual([`${topic.id}#1`]);
  });
});

describe("what a searcher may not see", () => {
  it("role-only categories are left out for members, and refused when asked for", async () => {
    const { topic } = await startTopic(
      specialist,
      specialists.id,
      "Supervision notes",
      "Thoughts on countertransference in peer work.",
    );
    expect((await search(alice, { q: "countertransference" })).items).toEqual([]);
    expectProblem(
      await alice.get(`/api/forums/search?q=countertransference&category=${specialists.slug}`),
      403,
      "forbidden",
    );
    expect(where((await search(specialist, { q: "countertransference" })).items)).toEqual([`${topic.id}#1`]);
    expect(where((await search(mod, { q: "countertransference" })).items)).toEqual([`${topic.id}#1`]);
  });

  it("posts their author removed are left out", async () => {
    const { topic } = await startTopic(alice, support.id, "A garden", "Planting things helps.");
    const reply = await replyTo(bob, topic.id, "My marigold seedlings are finally up.");
    expect(where((await search(carol, { q: "marigold" })).items)).toEqual([`${topic.id}#${reply.number}`]);
    expect((await bob.delete(`/api/forums/posts/${reply.id}`)).status).toBe(200);
    expect((await search(carol, { q: "marigold" })).items).toEqual([]);
    expect((await search(bob, { q: "marigold" })).items).toEqual([]);
  });

  it("posts hidden by a moderator are left out until restored", async () => {
    const { topic } = await startTopic(alice, support.id, "Fruit", "Fruit bowls.");
    const reply = await replyTo(bob, topic.id, "A tangerine a day keeps me going.");
    expect((await mod.post(`/api/forums/posts/${reply.id}/hide`, { reason: "Off topic" })).status).toBe(200);
    expect((await search(carol, { q: "tangerine" })).items).toEqual([]);
    expect((await mod.post(`/api/forums/posts/${reply.id}/restore`)).status).toBe(200);
    expect(where((await search(carol, { q: "tangerine" })).items)).toEqual([`${topic.id}#${reply.number}`]);
  });

  it("a topic whose author removed it is left out, replies and all", async () => {
    const { topic, post } = await startTopic(
      alice,
      support.id,
      "Sandcastle memories",
      "Building a sandcastle with my kids.",
    );
    await replyTo(bob, topic.id, "A sandcastle is a good metaphor for recovery.");
    expect((await search(carol, { q: "sandcastle" })).items).toHaveLength(2);
    expect((await alice.delete(`/api/forums/posts/${post.id}`)).status).toBe(200);
    expect((await search(carol, { q: "sandcastle" })).items).toEqual([]);
  });

  it("the author filter never matches anonymous posts", async () => {
    const cat = await createCategory({ slug: uniqueSlug("authors"), name: "Authors" });
    const { topic: named } = await startTopic(alice, cat.id, "Harbor days", "The harbor at dawn is quiet.");
    const { topic: anonymous } = await startTopic(alice, cat.id, "Harbor nights", "The harbor at night scares me.", {
      anonymous: true,
    });
    await replyTo(bob, named.id, "I love the harbor too.");
    const everyone = await search(carol, { q: "harbor", category: cat.slug });
    expect(everyone.items).toHaveLength(3);
    const anonymousHit = everyone.items.find((h) => h.topicId === anonymous.id)!;
    expect(anonymousHit.author).toBeNull();
    expect(JSON.stringify(anonymousHit)).not.toContain(alice.id);

    const byAlice = await search(carol, { q: "harbor", author: alice.pseudonym });
    expect(where(byAlice.items)).toEqual([`${named.id}#1`]);
    expect(where((await search(carol, { q: "harbor", author: alice.pseudonym.toUpperCase() })).items)).toEqual([
      `${named.id}#1`,
    ]);
    // Not even a moderator unmasks anyone through search.
    expect(where((await search(mod, { q: "harbor", author: alice.pseudonym })).items)).toEqual([`${named.id}#1`]);
    expect(where((await search(carol, { q: "harbor", author: bob.pseudonym })).items)).toEqual([`${named.id}#2`]);
    expect((await search(carol, { q: "harbor", author: "nobodyatall" })).items).toEqual([]);
  });
});

describe("filters", () => {
  it("by category", async () => {
    const a = await startTopic(alice, support.id, "Finding north", "A compass in my pocket reminds me.");
    const b = await startTopic(bob, other.id, "Hiking gear", "I bought a compass for the trail.");
    expect(where((await search(carol, { q: "compass", category: support.slug })).items)).toEqual([`${a.topic.id}#1`]);
    expect(where((await search(carol, { q: "compass", category: other.slug })).items)).toEqual([`${b.topic.id}#1`]);
    expect(where((await search(carol, { q: "compass" })).items).sort()).toEqual(
      [`${a.topic.id}#1`, `${b.topic.id}#1`].sort(),
    );
    expectProblem(await carol.get("/api/forums/search?q=compass&category=no-such-category"), 404, "not-found");
  });

  it("by date, both ends inclusive", async () => {
    const early = await startTopic(alice, support.id, "Orchard one", "Walking in the orchard in March.");
    const late = await startTopic(alice, support.id, "Orchard two", "Back in the orchard later that month.");
    await t.app.kindred.db.execute(
      sql`update forum_post set created_at = '2024-03-10T12:00:00Z' where id = ${early.post.id}`,
    );
    await t.app.kindred.db.execute(
      sql`update forum_post set created_at = '2024-03-20T12:00:00Z' where id = ${late.post.id}`,
    );
    const ids = async (params: Record<string, string>) =>
      where((await search(carol, { q: "orchard", ...params })).items).sort();
    expect(await ids({ from: "2024-03-15" })).toEqual([`${late.topic.id}#1`]);
    expect(await ids({ to: "2024-03-15" })).toEqual([`${early.topic.id}#1`]);
    expect(await ids({ from: "2024-03-10", to: "2024-03-10" })).toEqual([`${early.topic.id}#1`]);
    expect(await ids({ from: "2024-03-20", to: "2024-03-20" })).toEqual([`${late.topic.id}#1`]);
    expect(await ids({ from: "2024-03-01", to: "2024-03-31" })).toEqual(
      [`${early.topic.id}#1`, `${late.topic.id}#1`].sort(),
    );
    expect(await ids({ from: "2024-03-11", to: "2024-03-19" })).toEqual([]);
    expect(await ids({ from: "2024-04-01" })).toEqual([]);
  });
});

describe("snippets are text", () => {
  it("a post containing a script tag comes back as plain {text, hit} pieces, never as markup", async () => {
    await startTopic(
      alice,
      support.id,
      "Weird chat",
      "Someone wrote <script>alert(1)</script> in the chat about cravings.",
    );
    const { items } = await search(carol, { q: "cravings" });
    expect(items).toHaveLength(1);
    const [hit] = items;
    for (const piece of hit!.snippet) expect(Object.keys(piece).sort()).toEqual(["hit", "text"]);
    expect(hit!.snippet.filter((p) => p.hit).map((p) => p.text.toLowerCase())).toEqual(["cravings"]);
    // Nothing is escaped into HTML entities either: the client renders text.
    expect(snippetText(hit!)).not.toMatch(/&lt;|&gt;|&amp;|<b>|<mark>/);
  });

  it("the characters the member wrote come back as they wrote them: the server interprets no markup", async () => {
    await startTopic(
      alice,
      other.id,
      "Chat log",
      "Someone pasted <script>alert(1)</script> while talking about triggers.",
    );
    const { items } = await search(carol, { q: "triggers", category: other.slug });
    expect(items).toHaveLength(1);
    expect(snippetText(items[0]!)).toContain("<script>alert(1)</script>");
  });
});

describe("pages and bad queries", () => {
  it("pages with a cursor, without gaps or repeats", async () => {
    const cat = await createCategory({ slug: uniqueSlug("pages"), name: "Pages" });
    const { topic } = await startTopic(alice, cat.id, "Collecting things", "I collect a pebble from every beach.");
    for (let i = 0; i < 6; i++)
      await replyTo(
        i % 2 ? bob : carol,
        topic.id,
        `Another pebble story, number ${i}, a pebble and a pebble${i % 3 ? " pebble" : ""}.`,
      );
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { items: Hit[]; nextCursor: string | null } = await search(carol, {
        q: "pebble",
        category: cat.slug,
        limit: "3",
        ...(cursor ? { cursor } : {}),
      });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...where(page.items));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect(seen.map((s) => Number(s.split("#")[1])).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it("refuses a one-character query, an end before the start, bad dates, cursors and limits", async () => {
    const bad = async (query: string, path?: string) => {
      const res = await carol.get(`/api/forums/search?${query}`);
      expectProblem(res, 422, "validation");
      if (path) expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    };
    await bad("q=a", "querystring.q");
    await bad("q=%20a%20", "querystring.q");
    await bad("", "querystring.q");
    await bad("q=recovery&from=2024-03-20&to=2024-03-10", "querystring.to");
    await bad("q=recovery&from=yesterday", "querystring.from");
    await bad("q=recovery&to=2024-13-01", "querystring.to");
    await bad("q=recovery&cursor=not-a-cursor", "querystring.cursor");
    await bad(
      `q=recovery&cursor=${Buffer.from(JSON.stringify({ rank: "high" })).toString("base64url")}`,
      "querystring.cursor",
    );
    await bad("q=recovery&limit=0");
    await bad("q=recovery&limit=51");
    await bad(`q=${"x".repeat(201)}`, "querystring.q");
    await bad("q=recovery&category=Not%20A%20Slug", "querystring.category");
  });

  it("visitors are asked to sign in", async () => {
    expectProblem(await new Person(t.app).get("/api/forums/search?q=recovery"), 401, "unauthenticated");
  });

  it("a query of only common words finds nothing rather than failing", async () => {
    const res = await carol.get("/api/forums/search?q=the%20and");
    expect(res.status, res.raw).toBe(200);
    expect(res.body).toEqual({ items: [], nextCursor: null });
  });
});
