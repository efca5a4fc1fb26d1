// Bad input on every route: a 4xx problem+json, never a 500 or a stack trace, and nothing written.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, member, Person, staff, type TestApp } from "../testing/harness.js";

let t: TestApp;
let admin: Person;
let someone: Person;
const forum = { category: "", topic: "", post: "" };

beforeAll(async () => {
  t = await createTestApp();
  admin = await staff(t.app, ["admin"], { pseudonym: "ValidAdmin" });
  someone = await member(t.app, "ValidMember");
  forum.category = (await admin.post("/api/forums/categories", { slug: "checks", name: "Checks" })).body.id;
  const topic = await admin.post("/api/forums/topics", { categoryId: forum.category, title: "A topic", body: "Its first post" });
  forum.topic = topic.body.topic.id;
  forum.post = topic.body.post.id;
});
// Groups: a private group the admin leads (its only facilitator), with the member in it and a post of theirs.
// Its address is fixed: the cases below are built before this runs.
const GROUP = "/api/groups/checks-circle";
beforeAll(async () => {
  expect((await admin.post("/api/groups", { name: "Checks circle", visibility: "private" })).body.slug).toBe("checks-circle");
  await admin.post(`${GROUP}/invitations`, { pseudonym: "ValidMember" });
  await someone.post(`${GROUP}/join`, {});
  expect((await someone.post(`${GROUP}/posts`, { body: "Hello, group." })).status).toBe(201);
});
// Meetings: an organization meeting the admin leads, at a fixed address (Mondays 19:00 in Chicago).
const MEETING = "/api/meetings/checks-meeting";
const meeting = (extra: object = {}) => ({
  name: "Checks meeting", mode: "online", conferenceUrl: "https://meet.example.org/checks", timezone: "America/Chicago",
  startsOn: "2026-01-05", startTime: "19:00", endTime: "20:00", rrule: "FREQ=WEEKLY;BYDAY=MO", ...extra,
});
beforeAll(async () => {
  expect((await admin.post("/api/meetings", meeting({ slug: "checks-meeting" }))).status).toBe(201);
});
afterAll(() => t.close());

/** A fingerprint of every table's contents, read in one query (the list of tables is read once). */
let fingerprintSql: string | null = null;
async function snapshot() {
  if (!fingerprintSql) {
    const tables = await t.app.kindred.db.execute<{ tablename: string }>(
      sql`select tablename from pg_tables where schemaname = 'public' and tablename not like '%migrations%' order by tablename`,
    );
    fingerprintSql = rowsOf<{ tablename: string }>(tables)
      .map(({ tablename }) => `select '${tablename}' as name, md5(coalesce(string_agg(t::text, ',' order by t::text), '')) as h from "${tablename}" t`)
      .join(" union all ");
  }
  const r = await t.app.kindred.db.execute<{ name: string; h: string }>(sql.raw(fingerprintSql));
  return Object.fromEntries(rowsOf<{ name: string; h: string }>(r).map((row) => [row.name, row.h]));
}
function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

const long = (n: number) => "x".repeat(n);
const uuid = "00000000-0000-4000-8000-000000000000";

type Case = { route: string; as: () => Person; method: "POST" | "PATCH" | "PUT" | "DELETE" | "GET"; url: string; bodies: unknown[] };

const cases: Case[] = [
  {
    route: "POST /api/auth/sign-up",
    as: () => new Person(t.app),
    method: "POST",
    url: "/api/auth/sign-up",
    bodies: [
      {},
      { pseudonym: 42, password: "quiet-river-morning-42", acceptedGuidelinesVersion: 1 },
      { pseudonym: "ok_name", password: "quiet-river-morning-42" },
      { pseudonym: long(200), password: "quiet-river-morning-42", acceptedGuidelinesVersion: 1 },
      { pseudonym: "ok_name", password: long(500), acceptedGuidelinesVersion: 1 },
      { pseudonym: "ok_name", password: "quiet-river-morning-42", acceptedGuidelinesVersion: 1, role: "admin" },
      { pseudonym: "bad name!", password: "quiet-river-morning-42", acceptedGuidelinesVersion: 1 },
      { pseudonym: "ok_name", password: "quiet-river-morning-42", acceptedGuidelinesVersion: "1" },
      { pseudonym: "ok_name", password: "quiet-river-morning-42", acceptedGuidelinesVersion: 1, email: "not-an-email" },
    ],
  },
  {
    route: "POST /api/auth/sign-in",
    as: () => new Person(t.app),
    method: "POST",
    url: "/api/auth/sign-in",
    bodies: [{}, { pseudonym: "x" }, { pseudonym: ["a"], password: "b" }, { pseudonym: long(100), password: "b" }, { pseudonym: "a", password: "b", extra: 1 }],
  },
  {
    route: "POST /api/auth/two-factor",
    as: () => new Person(t.app),
    method: "POST",
    url: "/api/auth/two-factor",
    bodies: [{}, { code: "12345" }, { code: 123456 }, { code: "abcdef" }, { code: "123456", extra: true }, { backupCode: long(100) }],
  },
  {
    route: "POST /api/me/password",
    as: () => someone,
    method: "POST",
    url: "/api/me/password",
    bodies: [{}, { currentPassword: "x" }, { currentPassword: "quiet-river-morning-42", newPassword: "short" }, { currentPassword: 1, newPassword: long(20) }, { currentPassword: "a", newPassword: long(20), x: 1 }],
  },
  { route: "POST /api/me/two-factor/setup", as: () => someone, method: "POST", url: "/api/me/two-factor/setup", bodies: [{}, { password: 5 }, { password: long(200) }, { password: "a", more: 1 }] },
  { route: "POST /api/me/two-factor/confirm", as: () => someone, method: "POST", url: "/api/me/two-factor/confirm", bodies: [{}, { code: "1" }, { code: null }] },
  { route: "POST /api/me/two-factor/disable", as: () => someone, method: "POST", url: "/api/me/two-factor/disable", bodies: [{}, { password: [] }] },
  {
    route: "PATCH /api/me/profile",
    as: () => someone,
    method: "PATCH",
    url: "/api/me/profile",
    bodies: [
      { pronouns: 7 },
      { pronouns: long(100) },
      { pathways: ["not_a_pathway"] },
      { pathways: "smart" },
      { timeZone: "Mars/Olympus" },
      { country: "usa" },
      { languages: ["english!"] },
      { visibility: { pronouns: "everyone" } },
      { visibility: { shoeSize: "members" } },
      { locale: "fr" },
      { email: "nope" },
      { nickname: "x" },
      { recoveringFrom: long(1000) },
    ],
  },
  { route: "POST /api/me/blocks", as: () => someone, method: "POST", url: "/api/me/blocks", bodies: [{}, { pseudonym: 1 }, { pseudonym: long(100) }, { pseudonym: "a", b: 2 }] },
  { route: "DELETE /api/me/blocks/:pseudonym", as: () => someone, method: "DELETE", url: `/api/me/blocks/${long(100)}`, bodies: [undefined] },
  { route: "GET /api/members/:pseudonym", as: () => someone, method: "GET", url: `/api/members/${long(100)}`, bodies: [undefined] },
  { route: "GET /api/crisis-lines", as: () => someone, method: "GET", url: "/api/crisis-lines?country=usa", bodies: [undefined] },
  { route: "GET /api/me/notifications (bad cursor)", as: () => someone, method: "GET", url: "/api/me/notifications?cursor=garbage", bodies: [undefined] },
  { route: "GET /api/me/notifications (bad limit)", as: () => someone, method: "GET", url: "/api/me/notifications?limit=500", bodies: [undefined] },
  { route: "GET /api/me/notifications (bad unread)", as: () => someone, method: "GET", url: "/api/me/notifications?unread=maybe", bodies: [undefined] },
  { route: "POST /api/me/notifications/:id/read", as: () => someone, method: "POST", url: `/api/me/notifications/${long(100)}/read`, bodies: [undefined] },
  { route: "POST /api/me/notifications/:id/read (missing)", as: () => someone, method: "POST", url: `/api/me/notifications/${uuid}/read`, bodies: [undefined] },
  {
    route: "PATCH /api/me/notification-preferences",
    as: () => someone,
    method: "PATCH",
    url: "/api/me/notification-preferences",
    bodies: [
      { digest: "hourly" },
      { quietHours: { start: "7pm", end: "07:00" } },
      { quietHours: { start: "22:00", end: "07:00", zone: "UTC" } },
      { kinds: { "account.approved": { inApp: true } } },
      { kinds: { "made.up": { inApp: true, email: false } } },
      { kinds: [] },
      { timeZone: "UTC" },
    ],
  },
  { route: "GET /api/notifications/unsubscribe (forged)", as: () => new Person(t.app), method: "GET", url: `/api/notifications/unsubscribe?token=${long(40)}.abc`, bodies: [undefined] },
  { route: "GET /api/notifications/unsubscribe (missing)", as: () => new Person(t.app), method: "GET", url: "/api/notifications/unsubscribe", bodies: [undefined] },
  {
    route: "POST /api/notifications/unsubscribe",
    as: () => new Person(t.app),
    method: "POST",
    url: `/api/notifications/unsubscribe?token=${long(40)}.abc`,
    bodies: [{}, { "List-Unsubscribe": "Two-Clicks" }],
  },
  { route: "GET /api/admin/users", as: () => admin, method: "GET", url: "/api/admin/users?limit=5000", bodies: [undefined] },
  { route: "GET /api/admin/users (unknown param)", as: () => admin, method: "GET", url: "/api/admin/users?role=admin", bodies: [undefined] },
  { route: "POST /api/admin/users/:id/approve", as: () => admin, method: "POST", url: "/api/admin/users/not-a-uuid/approve", bodies: [{}] },
  {
    route: "POST /api/admin/users/:id/roles",
    as: () => admin,
    method: "POST",
    url: `/api/admin/users/${uuid}/roles`,
    bodies: [{}, { role: "superuser" }, { role: "specialist", certification: { name: "x" } }, { role: "specialist", certification: { name: "CPRS", number: "1", expiresOn: "next year" } }, { role: "admin", x: 1 }],
  },
  { route: "DELETE /api/admin/users/:id/roles/:role", as: () => admin, method: "DELETE", url: `/api/admin/users/${uuid}/roles/member`, bodies: [undefined] },
  { route: "PATCH /api/admin/settings", as: () => admin, method: "PATCH", url: "/api/admin/settings", bodies: [{ registrationMode: "closed" }, { name: long(500) }, { defaultCountry: "usa" }, { colour: "red" }] },
  { route: "POST /api/admin/guidelines", as: () => admin, method: "POST", url: "/api/admin/guidelines", bodies: [{}, { en: "short", es: "corto" }, { en: long(30), es: long(30), fr: long(30) }, { en: long(30000), es: long(30) }] },
  { route: "POST /api/admin/invites", as: () => admin, method: "POST", url: "/api/admin/invites", bodies: [{ maxUses: 0 }, { maxUses: "many" }, { expiresInDays: 10000 }, { other: 1 }] },
  {
    route: "POST /api/admin/crisis-lines",
    as: () => admin,
    method: "POST",
    url: "/api/admin/crisis-lines",
    bodies: [{}, { country: "USA", name: "Line", kind: "call", contact: "988" }, { country: "US", name: "Line", kind: "fax", contact: "988" }, { country: "US", name: long(500), kind: "call", contact: "988" }, { country: "US", name: "Line", kind: "call", contact: "988", url: "javascript:alert(1)" }],
  },
  { route: "PUT /api/admin/crisis-lines/:id", as: () => admin, method: "PUT", url: "/api/admin/crisis-lines/abc", bodies: [{ country: "US", name: "Line", kind: "call", contact: "988" }] },
  { route: "DELETE /api/admin/crisis-lines/:id", as: () => admin, method: "DELETE", url: "/api/admin/crisis-lines/-1", bodies: [undefined] },
  {
    route: "POST /api/forums/categories",
    as: () => admin,
    method: "POST",
    url: "/api/forums/categories",
    bodies: [{}, { slug: "Bad Slug", name: "Name" }, { slug: "checks", name: "Taken" }, { slug: "staff", name: "Staff", audience: "role" }, { slug: "x1", name: "N", audience: "everyone" }],
  },
  {
    route: "POST /api/forums/topics",
    as: () => someone,
    method: "POST",
    url: "/api/forums/topics",
    get bodies() {
      return [
        {},
        { categoryId: forum.category, title: "    ", body: "Hello" },
        { categoryId: forum.category, title: "A title", body: "" },
        { categoryId: forum.category, title: "A title", body: " \n\t " },
        { categoryId: forum.category, title: "A title", body: long(20_001) },
        { categoryId: forum.category, title: long(151), body: "Hello" },
        { categoryId: uuid, title: "A title", body: "Hello" },
        { categoryId: forum.category, title: "A title", body: "Hello", contentWarning: "gore" },
        { categoryId: forum.category, title: "A title", body: "Hello", anonymous: "yes" },
        { categoryId: forum.category, title: "A title", body: "Hello", pinned: true },
      ];
    },
  },
  {
    route: "POST /api/forums/topics/:id/posts",
    as: () => someone,
    method: "POST",
    get url() {
      return `/api/forums/topics/${forum.topic}/posts`;
    },
    bodies: [{}, { body: "   " }, { body: long(20_001) }, { body: "Hi", replyToNumber: 0 }, { body: "Hi", replyToNumber: 999 }, { body: "Hi", author: "x" }],
  },
  { route: "POST /api/forums/topics/:id/posts (unknown topic)", as: () => someone, method: "POST", url: `/api/forums/topics/${uuid}/posts`, bodies: [{ body: "Hello" }] },
  { route: "GET /api/forums/topics/:id (NUL id)", as: () => someone, method: "GET", url: "/api/forums/topics/%00", bodies: [undefined] },
  { route: "GET /api/forums/topics (bad cursor)", as: () => someone, method: "GET", url: "/api/forums/topics?cursor=garbage", bodies: [undefined] },
  { route: "GET /api/forums/topics (bad limit)", as: () => someone, method: "GET", url: "/api/forums/topics?limit=500", bodies: [undefined] },
  { route: "GET /api/forums/topics/:id (bad from)", as: () => someone, method: "GET", get url() { return `/api/forums/topics/${forum.topic}?from=zero`; }, bodies: [undefined] },
  {
    route: "PATCH /api/forums/posts/:id",
    as: () => admin,
    method: "PATCH",
    get url() {
      return `/api/forums/posts/${forum.post}`;
    },
    bodies: [{}, { body: "" }, { body: "ok", contentWarning: "gore" }, { body: long(20_001) }],
  },
  { route: "PUT /api/forums/posts/:id/reactions/:kind", as: () => someone, method: "PUT", get url() { return `/api/forums/posts/${forum.post}/reactions/downvote`; }, bodies: [undefined] },
  { route: "POST /api/forums/posts/:id/flags", as: () => someone, method: "POST", get url() { return `/api/forums/posts/${forum.post}/flags`; }, bodies: [{}, { reason: "boring" }, { reason: "spam", note: long(1001) }] },
  { route: "POST /api/forums/posts/:id/hide", as: () => admin, method: "POST", get url() { return `/api/forums/posts/${forum.post}/hide`; }, bodies: [{}, { reason: "  " }] },
  { route: "POST /api/forums/topics/:id/read", as: () => someone, method: "POST", get url() { return `/api/forums/topics/${forum.topic}/read`; }, bodies: [{}, { lastReadNumber: 0 }, { lastReadNumber: "all" }] },
  { route: "GET /api/forums/search (too short)", as: () => someone, method: "GET", url: "/api/forums/search?q=a", bodies: [undefined] },
  { route: "GET /api/forums/search (bad date)", as: () => someone, method: "GET", url: "/api/forums/search?q=hello&from=yesterday", bodies: [undefined] },
  { route: "GET /api/forums/search (dates reversed)", as: () => someone, method: "GET", url: "/api/forums/search?q=hello&from=2026-05-01&to=2026-04-01", bodies: [undefined] },
  { route: "PUT /api/forums/preferences", as: () => someone, method: "PUT", url: "/api/forums/preferences", bodies: [{}, { collapseWarnings: ["gore"] }, { collapseWarnings: "relapse" }] },
  {
    route: "PATCH /api/admin/settings",
    as: () => admin,
    method: "PATCH",
    url: "/api/admin/settings",
    bodies: [{ alertAckMinutes: 0 }, { alertAckMinutes: 61 }, { newAccountDays: -1 }, { newAccountHeldPosts: 2.5 }, { newAccountPostsPerHour: "10" }, { newAccountDays: 1000 }],
  },
  { route: "GET /api/moderation/queue (bad cursor)", as: () => admin, method: "GET", url: "/api/moderation/queue?cursor=garbage", bodies: [undefined] },
  { route: "GET /api/moderation/queue (bad limit)", as: () => admin, method: "GET", url: "/api/moderation/queue?limit=500", bodies: [undefined] },
  { route: "GET /api/moderation/items/:id (unknown)", as: () => admin, method: "GET", url: `/api/moderation/items/${uuid}`, bodies: [undefined] },
  {
    route: "POST /api/moderation/items/:id/actions",
    as: () => admin,
    method: "POST",
    url: `/api/moderation/items/${uuid}/actions`,
    bodies: [
      {},
      { action: "delete", reason: "x" },
      { action: "hide" },
      { action: "hide", reason: "" },
      { action: "warn", reason: "x" },
      { action: "silence", reason: "x" },
      { action: "silence", reason: "x", hours: -1 },
      { action: "hide", reason: "x", extra: 1 },
      { action: "hide", reason: "x" },
    ],
  },
  {
    route: "POST /api/moderation/flags",
    as: () => someone,
    method: "POST",
    url: "/api/moderation/flags",
    bodies: [
      {},
      { targetKind: "letter", targetId: uuid, reason: "spam" },
      { targetKind: "forum_post", targetId: uuid, reason: "boring" },
      { targetKind: "forum_post", targetId: uuid, reason: "spam", note: long(1001) },
      { targetKind: "forum_post", targetId: uuid, reason: "spam" },
      { targetKind: "conversation_message", targetId: uuid, reason: "spam" },
    ],
  },
  { route: "DELETE /api/moderation/silences/:userId (none)", as: () => admin, method: "DELETE", url: `/api/moderation/silences/${uuid}`, bodies: [undefined] },
  {
    route: "POST /api/moderation/watched-words",
    as: () => admin,
    method: "POST",
    url: "/api/moderation/watched-words",
    bodies: [
      {},
      { phrase: "x", action: "flag" },
      { phrase: "spam", action: "block" },
      { phrase: "spam", action: "replace" },
      { phrase: "spam", action: "link", url: "javascript:alert(1)" },
      { phrase: "spam", action: "flag", url: "https://example.org" },
      { phrase: long(101), action: "flag" },
      { phrase: "kill myself", action: "require_approval" },
    ],
  },
  { route: "PATCH /api/moderation/watched-words/:id (unknown)", as: () => admin, method: "PATCH", url: `/api/moderation/watched-words/${uuid}`, bodies: [{ action: "flag" }, { action: "bogus" }, { phrase: "" }] },
  { route: "DELETE /api/moderation/watched-words/:id (unknown)", as: () => admin, method: "DELETE", url: `/api/moderation/watched-words/${uuid}`, bodies: [undefined] },
  { route: "POST /api/me/mutes", as: () => someone, method: "POST", url: "/api/me/mutes", bodies: [{}, { pseudonym: "" }, { pseudonym: "ValidMember" }, { pseudonym: "nobody_here" }, { pseudonym: "a", extra: 1 }] },
  { route: "DELETE /api/me/mutes/:pseudonym (unknown)", as: () => someone, method: "DELETE", url: "/api/me/mutes/nobody_here", bodies: [undefined] },
  {
    route: "POST /api/safety/talk",
    as: () => someone,
    method: "POST",
    url: "/api/safety/talk",
    get bodies() {
      // The last one names a post that is not theirs.
      return [{ source: { kind: "letter", id: "x" } }, { source: { kind: "forum_post" } }, { reason: "help" }, { source: { kind: "forum_post", id: forum.post } }];
    },
  },
  {
    route: "POST /api/safety/rota/shifts",
    as: () => admin,
    method: "POST",
    url: "/api/safety/rota/shifts",
    get bodies() {
      // The last but one names nobody who may be on call.
      const ok = { userId: "nobody-here", role: "primary", weekday: 1, startTime: "09:00", endTime: "17:00" };
      return [{}, { ...ok, weekday: 7 }, { ...ok, startTime: "9am" }, { ...ok, endTime: "24:00" }, { ...ok, role: "chief" }, ok, { ...ok, extra: 1 }];
    },
  },
  { route: "POST /api/safety/rota/swaps", as: () => admin, method: "POST", url: "/api/safety/rota/swaps", bodies: [{}, { shiftId: "nope", onDate: "2030-01-07", coverUserId: "x" }, { shiftId: "nope", onDate: "next monday", coverUserId: "x" }] },
  { route: "DELETE /api/safety/rota/shifts/:id (unknown)", as: () => admin, method: "DELETE", url: `/api/safety/rota/shifts/${uuid}`, bodies: [undefined] },
  { route: "POST /api/safety/alerts/:id/resolve (unknown)", as: () => admin, method: "POST", url: `/api/safety/alerts/${uuid}/resolve`, bodies: [{ outcome: "no_risk" }, { outcome: "fine" }, {}] },
  { route: "GET /api/safety/alerts (bad status)", as: () => admin, method: "GET", url: "/api/safety/alerts?status=all", bodies: [undefined] },
  { route: "POST /api/conversations", as: () => someone, method: "POST", url: "/api/conversations", bodies: [{}, { userId: "" }, { userId: uuid }, { userId: 5 }] },
  { route: "POST /api/conversations/:id/messages (unknown)", as: () => someone, method: "POST", url: `/api/conversations/${uuid}/messages`, bodies: [{ body: "Hello" }, { body: "" }, { body: long(4001) }] },
  { route: "GET /api/conversations/:id (bad limit)", as: () => someone, method: "GET", url: `/api/conversations/${uuid}?limit=1000`, bodies: [undefined] },
  {
    route: "POST /api/groups",
    as: () => admin,
    method: "POST",
    url: "/api/groups",
    bodies: [
      {},
      { name: "ab", visibility: "public" },
      { name: "A group", visibility: "secret" },
      { name: "A group", visibility: "public", focus: ["astrology"] },
      { name: "A group", visibility: "public", slug: "Bad Slug" },
      { name: "A group", visibility: "public", language: "english" },
      { name: "A group", visibility: "public", description: long(2001) },
      { name: "A group", visibility: "public", owner: "me" },
      // The last one takes a slug already in use.
      { name: "Taken", visibility: "public", slug: "checks-circle" },
    ],
  },
  { route: "GET /api/groups (bad q)", as: () => someone, method: "GET", url: `/api/groups?q=${long(101)}`, bodies: [undefined] },
  { route: "GET /api/groups (bad mine)", as: () => someone, method: "GET", url: "/api/groups?mine=yes", bodies: [undefined] },
  { route: "GET /api/groups/:slug (bad slug)", as: () => someone, method: "GET", url: "/api/groups/Not_A_Slug", bodies: [undefined] },
  { route: "GET /api/groups/:slug (unknown)", as: () => someone, method: "GET", url: "/api/groups/no-such-group", bodies: [undefined] },
  {
    route: "PATCH /api/groups/:slug",
    as: () => admin,
    method: "PATCH",
    url: GROUP,
    bodies: [{ name: "ab" }, { visibility: "secret" }, { focus: "alcohol" }, { slug: "new-address" }, { description: long(2001) }, { language: "english" }],
  },
  { route: "POST /api/groups/:slug/join", as: () => admin, method: "POST", url: `${GROUP}/join`, bodies: [{ note: long(501) }, { note: 5 }, { note: "Hi", extra: 1 }] },
  { route: "POST /api/groups/:slug/join (unknown)", as: () => someone, method: "POST", url: "/api/groups/no-such-group/join", bodies: [{}] },
  { route: "POST /api/groups/:slug/leave (unknown)", as: () => someone, method: "POST", url: "/api/groups/no-such-group/leave", bodies: [{}] },
  { route: "POST /api/groups/:slug/leave (the only facilitator)", as: () => admin, method: "POST", url: `${GROUP}/leave`, bodies: [{}] },
  { route: "POST /api/groups/:slug/requests/:userId/approve (no request)", as: () => admin, method: "POST", url: `${GROUP}/requests/${uuid}/approve`, bodies: [{}] },
  { route: "POST /api/groups/:slug/requests/:userId/decline (no request)", as: () => admin, method: "POST", url: `${GROUP}/requests/${uuid}/decline`, bodies: [{}] },
  {
    route: "POST /api/groups/:slug/invitations",
    as: () => admin,
    method: "POST",
    url: `${GROUP}/invitations`,
    // The last but one names nobody; the last, someone already in the group.
    bodies: [{}, { pseudonym: "" }, { pseudonym: long(65) }, { pseudonym: "ValidMember", role: "facilitator" }, { pseudonym: "nobody_here" }, { pseudonym: "ValidMember" }],
  },
  { route: "DELETE /api/groups/:slug/members/:userId (unknown)", as: () => admin, method: "DELETE", url: `${GROUP}/members/${uuid}`, bodies: [undefined] },
  { route: "PUT /api/groups/:slug/members/:userId/role", as: () => admin, method: "PUT", url: `${GROUP}/members/${uuid}/role`, bodies: [{}, { role: "owner" }, { role: null }, { role: "member", extra: 1 }] },
  { route: "PUT /api/groups/:slug/members/:userId/role (unknown)", as: () => admin, method: "PUT", url: `${GROUP}/members/${uuid}/role`, bodies: [{ role: "facilitator" }] },
  { route: "GET /api/groups/:slug/posts (bad cursor)", as: () => someone, method: "GET", url: `${GROUP}/posts?cursor=garbage`, bodies: [undefined] },
  { route: "GET /api/groups/:slug/posts (bad limit)", as: () => someone, method: "GET", url: `${GROUP}/posts?limit=500`, bodies: [undefined] },
  {
    route: "POST /api/groups/:slug/posts",
    as: () => someone,
    method: "POST",
    url: `${GROUP}/posts`,
    // The last one is an announcement from someone who does not lead the group.
    bodies: [{}, { body: "" }, { body: " \n\t " }, { body: long(5001) }, { body: "Hi", announcement: "yes" }, { body: "Hi", pinned: true }, { body: "Hi", announcement: true }],
  },
  { route: "DELETE /api/groups/:slug/posts/:postId (unknown)", as: () => someone, method: "DELETE", url: `${GROUP}/posts/${uuid}`, bodies: [undefined] },
  { route: "PUT /api/groups/:slug/posts/:postId/reactions/:kind", as: () => admin, method: "PUT", url: `${GROUP}/posts/${uuid}/reactions/downvote`, bodies: [undefined] },
  {
    route: "POST /api/meetings",
    as: () => admin,
    method: "POST",
    url: "/api/meetings",
    bodies: [
      {},
      meeting({ rrule: "FREQ=SOMETIMES" }),
      meeting({ rrule: "every monday" }),
      meeting({ timezone: "Mars/Base" }),
      meeting({ startTime: "19:00", endTime: "18:00" }),
      meeting({ types: ["O", "ZZZ"] }),
      meeting({ conferenceUrl: null }),
      meeting({ mode: "teleport" }),
      meeting({ capacity: -1 }),
      meeting({ groupId: "no-such-group" }),
      meeting({ startsOn: "someday" }),
      meeting({ name: long(256) }),
      meeting({ owner: "me" }),
      // The last one takes a slug already in use.
      meeting({ slug: "checks-meeting" }),
    ],
  },
  {
    route: "PATCH /api/meetings/:slug",
    as: () => admin,
    method: "PATCH",
    url: MEETING,
    bodies: [{ endTime: "18:00" }, { rrule: "FREQ=HOURLY" }, { timezone: "Nowhere" }, { types: ["ZZZ"] }, { groupId: "x" }, { slug: "new-address" }, { mode: "in_person" }],
  },
  { route: "GET /api/meetings (bad zone)", as: () => someone, method: "GET", url: "/api/meetings?tz=Mars/Base", bodies: [undefined] },
  { route: "GET /api/meetings (bad day)", as: () => someone, method: "GET", url: "/api/meetings?day=9", bodies: [undefined] },
  { route: "GET /api/meetings (bad limit)", as: () => someone, method: "GET", url: "/api/meetings?limit=1000", bodies: [undefined] },
  { route: "GET /api/meetings (bad mode)", as: () => someone, method: "GET", url: "/api/meetings?mode=teleport", bodies: [undefined] },
  { route: "GET /api/meetings (bad time of day)", as: () => someone, method: "GET", url: "/api/meetings?timeOfDay=noonish", bodies: [undefined] },
  { route: "GET /api/meetings (bad cursor)", as: () => someone, method: "GET", url: "/api/meetings?cursor=garbage", bodies: [undefined] },
  { route: "GET /api/meetings/:slug (bad slug)", as: () => someone, method: "GET", url: "/api/meetings/Not_A_Slug", bodies: [undefined] },
  { route: "GET /api/meetings/:slug (unknown)", as: () => someone, method: "GET", url: "/api/meetings/no-such-meeting", bodies: [undefined] },
  {
    route: "PUT /api/meetings/:slug/exceptions",
    as: () => admin,
    method: "PUT",
    url: `${MEETING}/exceptions`,
    bodies: [
      {},
      { occurrence: "2026-01-06T19:00", action: "cancel" },
      { occurrence: "2026-01-05T19:00", action: "move" },
      { occurrence: "2026-01-05T19:00", action: "postpone" },
      { occurrence: "January 5th", action: "cancel" },
      { occurrence: "2026-01-05T19:00", action: "move", movedTo: "later" },
    ],
  },
  { route: "DELETE /api/meetings/:slug/exceptions/:occurrence (none)", as: () => admin, method: "DELETE", url: `${MEETING}/exceptions/2026-01-05T19:00`, bodies: [undefined] },
  { route: "DELETE /api/meetings/:slug/exceptions/:occurrence (bad)", as: () => admin, method: "DELETE", url: `${MEETING}/exceptions/soon`, bodies: [undefined] },
  { route: "PUT /api/meetings/:slug/attending (unknown)", as: () => someone, method: "PUT", url: "/api/meetings/no-such-meeting/attending", bodies: [{}] },
  { route: "GET /api/calendar/:token.ics (unknown)", as: () => someone, method: "GET", url: `/api/calendar/${"x".repeat(43)}.ics`, bodies: [undefined] },
  {
    route: "POST /api/admin/meetings/import",
    as: () => admin,
    method: "POST",
    url: "/api/admin/meetings/import",
    bodies: [
      {},
      { feed: { meetings: [] } },
      { feed: "not a feed" },
      { url: "https://meetings.example.com/feed.json" },
      { url: "not a url" },
      { feed: [], url: "http://127.0.0.1:9/feed.json" },
      { feed: [], dryRun: "no" },
      { feed: [], extra: 1 },
      // Entries with errors and no consent to import the valid part: nothing is written.
      { feed: [{ name: "Fine", slug: "fine-one", day: 1, time: "10:00", formatted_address: "Somewhere" }, { name: "Broken", slug: "broken", day: 8 }], dryRun: false },
    ],
  },
];

// Rows with getters name records made in beforeAll: read them when the test runs, not when it is collected.
describe.each(cases)("$route", (c) => {
  it.each(c.bodies.map((_b, i) => i))("bad input #%i is refused with problem+json and writes nothing", async (i) => {
    const before = await snapshot();
    const res = await c.as().request(c.method, c.url, c.bodies[i]);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(String(res.headers["content-type"])).toContain("application/problem+json");
    expect(res.body).toMatchObject({ status: res.status, title: expect.any(String), type: expect.stringContaining("/problems/") });
    expect(res.raw).not.toMatch(/\bat .*\.(ts|js):\d+/); // no stack traces
    expect(await snapshot()).toEqual(before);
  });
});

describe("malformed requests", () => {
  it("malformed JSON", async () => {
    const before = await snapshot();
    const res = await someone.request("PATCH", "/api/me/profile", "{not json", { "content-type": "application/json" });
    expect(res.status).toBe(400);
    expect(String(res.headers["content-type"])).toContain("application/problem+json");
    expect(await snapshot()).toEqual(before);
  });

  it("an oversized body", async () => {
    const before = await snapshot();
    const res = await someone.request("PATCH", "/api/me/profile", JSON.stringify({ pronouns: long(200_000) }), { "content-type": "application/json" });
    expect(res.status).toBe(413);
    expect(res.body.type).toMatch(/too-large$/);
    expect(await snapshot()).toEqual(before);
  });

  it("a body that is not JSON", async () => {
    const res = await someone.request("PATCH", "/api/me/profile", "pronouns=she", { "content-type": "application/x-www-form-urlencoded" });
    expect(res.status).toBe(415);
    expect(String(res.headers["content-type"])).toContain("application/problem+json");
  });

  it("an unknown API route is a problem+json 404", async () => {
    const res = await someone.get("/api/does-not-exist");
    expect(res.status).toBe(404);
    expect(res.body.type).toMatch(/not-found$/);
  });

  it("a NUL character in a post is dropped, not a server error", async () => {
    const res = await someone.post(`/api/forums/topics/${forum.topic}/posts`, { body: "before\u0000after" });
    expect(res.status).toBe(201);
    expect(res.body.markdown).toBe("beforeafter");
  });

  it("validation errors name the fields", async () => {
    const res = await someone.patch("/api/me/profile", { pathways: ["nope"], country: "usa" });
    expect(res.status).toBe(422);
    const paths = res.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["body.pathways.0", "body.country"]));
  });
});

describe("rate limits", () => {
  it("limit sign-in attempts per minute and answer with problem+json", async () => {
    const limited = await createTestApp({ RATE_LIMIT_AUTH_PER_MINUTE: "3" });
    try {
      const p = new Person(limited.app, "someone_else");
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await p.signIn("wrong-password-1")).status);
      expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
      const last = await p.signIn("wrong-password-1");
      expect(last.status).toBe(429);
      expect(last.body.type).toMatch(/rate-limited$/);
    } finally {
      await limited.close();
    }
  });
});
