// Helpers shared by the moderation API tests (not a test file itself).
import { sql } from "drizzle-orm";
import { expect } from "vitest";
import type { App } from "../../app.js";
import { selectRows } from "../../db/client.js";
import type { Person } from "../../testing/harness.js";

export type Res = Awaited<ReturnType<Person["get"]>>;

export function expectProblem(res: Res, status: number, type?: string) {
  expect(res.status, res.raw).toBe(status);
  expect(String(res.headers["content-type"])).toContain("application/problem+json");
  expect(res.body.status).toBe(status);
  if (type) expect(res.body.type).toMatch(new RegExp(`/${type}$`));
}

/** Everything moderation and the forums and conversations may write, summarised. */
export async function fingerprint(app: App) {
  const tables = [
    "review_item", "review_flag", "watched_word", "silence", "mute", "forum_topic", "forum_post", "forum_post_revision", "forum_reaction",
    "conversation", "conversation_message", "notification", "audit_log", "session", "org_settings", "crisis_alert",
  ];
  const out: Record<string, string> = {};
  for (const table of tables) {
    const [row] = await selectRows<{ h: string }>(
      app.kindred.db,
      sql.raw(`select md5(coalesce(string_agg(t::text, ',' order by t::text), '')) as h from "${table}" t`),
    );
    out[table] = row!.h;
  }
  const [user] = await selectRows<{ h: string }>(app.kindred.db, sql`select md5(coalesce(string_agg(id || status, ',' order by id), '')) as h from "user"`);
  out.user = user!.h;
  return out;
}

/** Runs a refused request and checks nothing was written. */
export async function refusedWithoutWriting(app: App, request: () => Promise<Res>, status: number, type?: string) {
  const before = await fingerprint(app);
  const res = await request();
  expectProblem(res, status, type);
  expect(await fingerprint(app)).toEqual(before);
  return res;
}

export async function auditRows(app: App, action: string) {
  return selectRows<{ actorId: string | null; targetType: string; targetId: string | null; details: Record<string, unknown> }>(
    app.kindred.db,
    sql`select actor_id as "actorId", target_type as "targetType", target_id as "targetId", details from audit_log where action = ${action} order by at`,
  );
}

let slugs = 0;
export async function createCategory(admin: Person, extra: Record<string, unknown> = {}) {
  const res = await admin.post("/api/forums/categories", { slug: `mod-${Date.now().toString(36)}-${slugs++}`, name: "Moderation tests", ...extra });
  expect(res.status, res.raw).toBe(201);
  return res.body as { id: string; slug: string };
}

export async function startTopic(person: Person, categoryId: string, body = "Opening words of the topic.", extra: Record<string, unknown> = {}) {
  const res = await person.post("/api/forums/topics", { categoryId, title: "A topic to talk about", body, ...extra });
  expect(res.status, res.raw).toBe(201);
  return res.body as { topic: any; post: any; support: any };
}

export async function replyTo(person: Person, topicId: string, body = "A reply with some words.") {
  const res = await person.post(`/api/forums/topics/${topicId}/posts`, { body });
  expect(res.status, res.raw).toBe(201);
  return res.body;
}

/** The pending queue, walked to its end. */
export async function queueItems(person: Person): Promise<any[]> {
  const items: any[] = [];
  let cursor: string | null = null;
  do {
    const res: Res = await person.get(`/api/moderation/queue?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    expect(res.status, res.raw).toBe(200);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return items;
}

export async function itemFor(person: Person, targetId: string) {
  return (await queueItems(person)).find((i) => i.target.id === targetId);
}

export async function conversationWith(a: Person, b: Person) {
  const res = await a.post("/api/conversations", { userId: b.id });
  expect(res.status, res.raw).toBe(201);
  return res.body.id as string;
}

export async function send(person: Person, conversationId: string, body: string) {
  return person.post(`/api/conversations/${conversationId}/messages`, { body });
}

export async function messagesOf(person: Person, conversationId: string) {
  const res = await person.get(`/api/conversations/${conversationId}`);
  expect(res.status, res.raw).toBe(200);
  return res.body.items as { id: string; body: string; kind: string; author: { id: string } | null }[];
}

/** The warnings a person received from moderators, newest last. */
export async function warningsTo(person: Person) {
  const list = await person.get("/api/conversations");
  expect(list.status, list.raw).toBe(200);
  const out: { body: string; from: string | null }[] = [];
  for (const c of list.body.items as { id: string }[])
    for (const m of await messagesOf(person, c.id)) if (m.kind === "warning") out.push({ body: m.body, from: m.author?.id ?? null });
  return out;
}

export async function setSettings(admin: Person, patch: Record<string, unknown>) {
  const res = await admin.patch("/api/admin/settings", patch);
  expect(res.status, res.raw).toBe(200);
  return res.body;
}

/** Moves an account's sign-up back in time (new-account limits look at it). */
export async function joinedDaysAgo(app: App, person: Person, days: number) {
  await app.kindred.db.execute(sql`update "user" set created_at = now() - make_interval(days => ${days}) where id = ${person.id}`);
}

export async function notificationsOf(person: Person) {
  const res = await person.get("/api/me/notifications?limit=100");
  expect(res.status, res.raw).toBe(200);
  return res.body.items as { kind: string; link: string | null }[];
}
