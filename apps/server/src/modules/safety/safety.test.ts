// The safety layer through the real HTTP API and real sockets: a crisis signal
// in a forum reply reaches the person on call (live and in the bell) while the
// words are published as normal; imminent-risk alerts escalate to the backup
// and the admins when nobody acknowledges in time (the clock is injected);
// acknowledge, reach out, resolve; "talk to someone now"; a failed delivery is
// retried from the job queue; the rota and private conversations.
import type { Ack } from "@kindred/contracts";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { selectRows } from "../../db/client.js";
import { member, Person, staff, TEST_ORIGIN } from "../../testing/harness.js";
import { startTestServer } from "../../testing/server.js";
import { connected, nextEvent, openSocket, type TestSocket } from "../../testing/sockets.js";
import { localMoment } from "./rota.js";

const IMMINENT = "I took all my pills tonight and I'm saying goodbye to everyone.";
const CALM = "Had a good walk by the river today and called my sponsor. Grateful.";
const CONCERN = "I'm really scared, my friend just told me she is going to kill herself tonight.";

let server: Awaited<ReturnType<typeof startTestServer>>;
let admin: Person;
let onCall: Person;
let backup: Person;
let moderatorNo2fa: Person;
let alice: Person;
let bob: Person;
let visitor: Person;
let categoryId: string;
const sockets: TestSocket[] = [];

const db = () => server.app.kindred.db;

beforeAll(async () => {
  server = await startTestServer({ env: { PUBLIC_URL: TEST_ORIGIN } });
  const app = server.app;
  admin = await staff(app, ["admin"]);
  onCall = await staff(app, ["specialist"]);
  backup = await staff(app, ["moderator"]);
  moderatorNo2fa = await staff(app, ["moderator"], { twoFactor: false });
  alice = await member(app);
  bob = await member(app);
  visitor = new Person(app);
  const category = await admin.post("/api/forums/categories", { slug: `support-${Date.now().toString(36)}`, name: "Support" });
  categoryId = category.body.id;
  // The specialist is on call all day today (two shifts: the second runs to midnight); the moderator is the backup.
  const { weekday } = localMoment(new Date(), "America/New_York");
  for (const [person, role] of [[onCall, "primary"], [backup, "backup"]] as const)
    for (const [startTime, endTime] of [["00:00", "12:00"], ["12:00", "00:00"]])
      expect((await admin.post("/api/safety/rota/shifts", { userId: person.id, role, weekday, startTime, endTime })).status).toBe(201);
}, 120_000);

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server?.close();
});

async function socketFor(person: Person) {
  const s = openSocket(server.url, person);
  sockets.push(s);
  return connected(s);
}
const emitWithAck = (s: TestSocket, event: string, payload: unknown) =>
  new Promise<Ack>((resolve) => (s.emit as (...a: unknown[]) => void)(event, payload, (ack: Ack) => resolve(ack)));

async function topicBy(person: Person, body = CALM) {
  const res = await person.post("/api/forums/topics", { categoryId, title: "Checking in", body });
  expect(res.status, res.raw).toBe(201);
  return res.body as { topic: { id: string }; post: { id: string; number: number }; support: { showHelp: boolean } };
}

async function notificationsOf(person: Person, kind: string) {
  const res = await person.get("/api/me/notifications?limit=50");
  return (res.body.items as { kind: string; link: string | null }[]).filter((n) => n.kind === kind);
}

const alertFor = async (sourceId: string) =>
  (await selectRows<{ id: string; tier: number; status: string; deliveredAt: Date | null; escalatedAt: Date | null; relatedSourceId: string | null }>(
    db(),
    sql`select id, tier, status, delivered_at as "deliveredAt", escalated_at as "escalatedAt", related_source_id as "relatedSourceId"
        from crisis_alert where source_id = ${sourceId}`,
  ))[0];

const auditTrail = async (alertId: string) =>
  (await selectRows<{ action: string }>(db(), sql`select action from audit_log where target_type = 'crisis_alert' and target_id = ${alertId} order by at, id`)).map(
    (r) => r.action,
  );

describe("a crisis signal in a forum reply", () => {
  it("publishes the words, helps the author privately, and alerts the person on call live", async () => {
    const { topic } = await topicBy(bob);
    const listener = await socketFor(onCall);
    expect(await emitWithAck(listener, "room:join", { room: "safety:queue" })).toEqual({ ok: true, data: { room: "safety:queue" } });
    const live = nextEvent(listener, "safety:alert");
    const bell = nextEvent(listener, "notification:new");

    const res = await alice.post(`/api/forums/topics/${topic.id}/posts`, { body: IMMINENT });
    expect(res.status, res.raw).toBe(201);
    expect(res.body.support).toEqual({ showHelp: true, source: { kind: "forum_post", id: res.body.id } });

    const event = await live;
    expect(event).toMatchObject({ tier: 4, change: "new" });
    expect((await bell).notification.kind).toBe("safety.crisis_alert");

    // Published as normal: another member reads it, not hidden, not collapsed, no label.
    const page = await bob.get(`/api/forums/topics/${topic.id}`);
    const post = page.body.posts.find((p: { id: string }) => p.id === res.body.id);
    expect(post).toMatchObject({ state: "visible", collapsed: null });
    expect(post.html).toContain("saying goodbye");
    expect(JSON.stringify(page.body)).not.toMatch(/crisis|flagged|"tier"|alert/i);

    const alert = await alertFor(res.body.id);
    expect(alert).toMatchObject({ tier: 4, status: "open" });
    expect(alert!.deliveredAt).not.toBeNull();
    expect(event.alertId).toBe(alert!.id);
    // The moderators' queue has the detector's flag too.
    const [review] = await selectRows<{ severity: number }>(db(), sql`select severity from review_item where target_id = ${res.body.id} and status = 'pending'`);
    expect(review!.severity).toBeGreaterThanOrEqual(140);
  });

  it("keeps the live alert queue to the on-call team", async () => {
    const memberSocket = await socketFor(alice);
    const refused = await emitWithAck(memberSocket, "room:join", { room: "safety:queue" });
    expect(refused).toMatchObject({ ok: false, problem: { status: 403 } });
    const no2fa = await emitWithAck(await socketFor(moderatorNo2fa), "room:join", { room: "safety:queue" });
    expect(no2fa).toMatchObject({ ok: false, problem: { status: 403 } });
    const unknown = await emitWithAck(await socketFor(onCall), "room:join", { room: "safety:elsewhere" });
    expect(unknown).toMatchObject({ ok: false, problem: { status: 403 } });
  });

  it("leaves an everyday reply alone: no help panel, no alert, no review", async () => {
    const { topic } = await topicBy(bob);
    const res = await alice.post(`/api/forums/topics/${topic.id}/posts`, { body: CALM });
    expect(res.status).toBe(201);
    expect(res.body.support.showHelp).toBe(false);
    expect(await alertFor(res.body.id)).toBeUndefined();
    expect(await selectRows(db(), sql`select 1 from review_item where target_id = ${res.body.id}`)).toHaveLength(0);
  });

  it("routes worry about someone else to on call, linked to the post it answers", async () => {
    const { topic, post } = await topicBy(bob, "Anyone around tonight?");
    const res = await alice.post(`/api/forums/topics/${topic.id}/posts`, { body: CONCERN, replyToNumber: 1 });
    expect(res.status).toBe(201);
    const alert = await alertFor(res.body.id);
    expect(alert).toBeDefined();
    expect(alert!.relatedSourceId).toBe(post.id);
    const queue = await onCall.get("/api/safety/alerts");
    const item = queue.body.items.find((a: { id: string }) => a.id === alert!.id);
    expect(item.categories).toContain("concern_for_other");
    expect(item.related.link).toBe(`/forums/t/${topic.id}?from=1#post-1`);
  });

  it("raises the same alert again, not a second one, when an edit makes it more urgent", async () => {
    const { topic } = await topicBy(bob);
    const res = await alice.post(`/api/forums/topics/${topic.id}/posts`, { body: CALM });
    const edited = await alice.patch(`/api/forums/posts/${res.body.id}`, { body: IMMINENT });
    expect(edited.status, edited.raw).toBe(200);
    expect(edited.body.support.showHelp).toBe(true);
    expect((await alertFor(res.body.id))!.tier).toBe(4);
    await alice.patch(`/api/forums/posts/${res.body.id}`, { body: `${IMMINENT} Really.` });
    expect(await selectRows(db(), sql`select 1 from crisis_alert where source_id = ${res.body.id}`)).toHaveLength(1);
  });
});

describe("escalation when nobody acknowledges (time injected)", () => {
  it("pages the backup and the admins after the configured minutes, once", async () => {
    const { topic } = await topicBy(bob);
    const res = await alice.post(`/api/forums/topics/${topic.id}/posts`, { body: IMMINENT });
    const alert = (await alertFor(res.body.id))!;
    const safety = server.app.kindred.safety;

    expect(await safety.escalateOverdue(new Date(Date.now() + 4 * 60_000))).not.toContain(alert.id);
    expect((await alertFor(res.body.id))!.escalatedAt).toBeNull();

    const escalated = await safety.escalateOverdue(new Date(Date.now() + 6 * 60_000));
    expect(escalated).toContain(alert.id);
    const link = `/safety?alert=${alert.id}`;
    expect((await notificationsOf(backup, "safety.escalation")).map((n) => n.link)).toContain(link);
    expect((await notificationsOf(admin, "safety.escalation")).map((n) => n.link)).toContain(link);
    // The primary already had the alert; the escalation goes to the backup and the admins.
    expect((await notificationsOf(onCall, "safety.escalation")).map((n) => n.link)).not.toContain(link);

    expect(await safety.escalateOverdue(new Date(Date.now() + 20 * 60_000))).not.toContain(alert.id);
    expect((await auditTrail(alert.id)).filter((a) => a === "safety.alert_escalated")).toHaveLength(1);
  });

  it("follows the organization's setting for the minutes", async () => {
    await db().execute(sql`update org_settings set alert_ack_minutes = 1 where id = 1`);
    try {
      const { topic } = await topicBy(bob);
      const res = await alice.post(`/api/forums/topics/${topic.id}/posts`, { body: IMMINENT });
      const alert = (await alertFor(res.body.id))!;
      expect(await server.app.kindred.safety.escalateOverdue(new Date(Date.now() + 90_000))).toContain(alert.id);
    } finally {
      await db().execute(sql`update org_settings set alert_ack_minutes = 5 where id = 1`);
    }
  });

  it("does not escalate an alert someone acknowledged", async () => {
    const { topic } = await topicBy(bob);
    const res = await alice.post(`/api/forums/topics/${topic.id}/posts`, { body: IMMINENT });
    const alert = (await alertFor(res.body.id))!;
    expect((await onCall.post(`/api/safety/alerts/${alert.id}/acknowledge`)).status).toBe(200);
    expect(await server.app.kindred.safety.escalateOverdue(new Date(Date.now() + 60 * 60_000))).not.toContain(alert.id);
  });
});

describe("acknowledge, reach out, resolve", () => {
  it("records time to acknowledge, opens a private conversation, and keeps the whole trail", async () => {
    const { topic } = await topicBy(bob);
    const res = await alice.post(`/api/forums/topics/${topic.id}/posts`, { body: IMMINENT });
    const alert = (await alertFor(res.body.id))!;

    const ack = await onCall.post(`/api/safety/alerts/${alert.id}/acknowledge`);
    expect(ack.status, ack.raw).toBe(200);
    expect(ack.body).toMatchObject({ status: "acknowledged", acknowledgedBy: { id: onCall.id } });
    expect(ack.body.timeToAcknowledgeSeconds).toBeGreaterThanOrEqual(0);
    const again = await backup.post(`/api/safety/alerts/${alert.id}/acknowledge`);
    expect(again.status).toBe(409);
    expect(again.body.type).toMatch(/alert-not-open$/);

    const aliceSocket = await socketFor(alice);
    const incoming = nextEvent(aliceSocket, "conversation:message");
    const out = await onCall.post(`/api/safety/alerts/${alert.id}/reach-out`);
    expect(out.status, out.raw).toBe(200);
    const message = await incoming;
    expect(message).toMatchObject({ conversationId: out.body.conversationId, message: { kind: "outreach", mine: false, author: { id: onCall.id } } });

    const list = await alice.get("/api/conversations");
    expect(list.body.items[0]).toMatchObject({ id: out.body.conversationId, other: { id: onCall.id }, unread: true });
    const convo = await alice.get(`/api/conversations/${out.body.conversationId}`);
    expect(convo.body.items.map((m: { kind: string }) => m.kind)).toEqual(["outreach"]);
    expect((await alice.get("/api/conversations")).body.items[0].unread).toBe(false);

    const resolved = await onCall.post(`/api/safety/alerts/${alert.id}/resolve`, { outcome: "connected_safe", note: "Talked for a while; safe with her sister tonight." });
    expect(resolved.status, resolved.raw).toBe(200);
    expect(resolved.body).toMatchObject({ status: "resolved", outcome: "connected_safe", conversationId: out.body.conversationId });
    expect((await onCall.post(`/api/safety/alerts/${alert.id}/resolve`, { outcome: "other" })).status).toBe(409);

    expect(await auditTrail(alert.id)).toEqual([
      "safety.alert_raised",
      "safety.alert_delivered",
      "safety.alert_acknowledged",
      "safety.alert_reached_out",
      "safety.alert_resolved",
    ]);
    const active = await onCall.get("/api/safety/alerts");
    expect(active.body.items.map((a: { id: string }) => a.id)).not.toContain(alert.id);
    const done = await onCall.get("/api/safety/alerts?status=resolved");
    expect(done.body.items.map((a: { id: string }) => a.id)).toContain(alert.id);
  });

  it("orders the queue by tier, then by age, and hides method details behind marked spans", async () => {
    const queue = await onCall.get("/api/safety/alerts");
    expect(queue.status).toBe(200);
    const keys = queue.body.items.map((a: { tier: number; createdAt: string }) => [a.tier, a.createdAt]);
    const sorted = [...keys].sort((a, b) => b[0] - a[0] || a[1].localeCompare(b[1]));
    expect(keys).toEqual(sorted);
    expect(queue.body.onCallNow.primary.map((p: { id: string }) => p.id)).toEqual([onCall.id]);
    const withPills = queue.body.items.find((a: { source: { excerpt: string } | null }) => a.source?.excerpt.includes("pills"));
    expect(withPills.source.methodSpans.length).toBeGreaterThan(0);
  });

  it("refuses people outside the on-call team, and explains a missing second step", async () => {
    expect((await visitor.get("/api/safety/alerts")).status).toBe(401);
    expect((await alice.get("/api/safety/alerts")).status).toBe(403);
    const no2fa = await moderatorNo2fa.get("/api/safety/alerts");
    expect(no2fa.status).toBe(403);
    expect(no2fa.body.type).toMatch(/two-factor-required$/);
    const [any] = await selectRows<{ id: string }>(db(), sql`select id from crisis_alert where status = 'open' limit 1`);
    expect((await alice.post(`/api/safety/alerts/${any!.id}/acknowledge`)).status).toBe(403);
    expect((await alice.post(`/api/safety/alerts/${any!.id}/resolve`, { outcome: "no_risk" })).status).toBe(403);
    expect((await selectRows<{ status: string }>(db(), sql`select status from crisis_alert where id = ${any!.id}`))[0]!.status).toBe("open");
    const missing = await onCall.post(`/api/safety/alerts/nope/acknowledge`);
    expect(missing.status).toBe(404);
    const bad = await onCall.post(`/api/safety/alerts/${any!.id}/resolve`, { outcome: "fine" });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe("body.outcome");
  });
});

describe("talk to someone now", () => {
  it("alerts on call at once, once per open request, and only about one's own words", async () => {
    const erin = await member(server.app);
    const { topic } = await topicBy(bob);
    const res = await erin.post(`/api/forums/topics/${topic.id}/posts`, { body: CALM });
    const first = await erin.post("/api/safety/talk", { source: { kind: "forum_post", id: res.body.id } });
    expect(first.status, first.raw).toBe(201);
    expect(first.body.someoneOnCall).toBe(true);
    const second = await erin.post("/api/safety/talk", {});
    expect(second.body.alertId).toBe(first.body.alertId);
    const [row] = await selectRows<{ tier: number; origin: string; deliveredAt: Date | null }>(
      db(),
      sql`select tier, origin, delivered_at as "deliveredAt" from crisis_alert where id = ${first.body.alertId}`,
    );
    expect(row).toMatchObject({ tier: 3, origin: "talk_request" });
    expect(row!.deliveredAt).not.toBeNull();

    const { post } = await topicBy(bob);
    const notMine = await bob.post("/api/safety/talk", { source: { kind: "forum_post", id: res.body.id } });
    expect(notMine.status).toBe(422);
    expect(notMine.body.errors[0].path).toBe("body.source.id");
    expect(post.id).toBeTruthy();
    expect((await visitor.post("/api/safety/talk", {})).status).toBe(401);
    expect((await alice.post("/api/safety/talk", { source: { kind: "letter", id: "x" } })).status).toBe(422);
  });

  it("joins the alert the person's words already raised instead of adding a second one", async () => {
    const fay = await member(server.app);
    const { topic } = await topicBy(bob);
    const res = await fay.post(`/api/forums/topics/${topic.id}/posts`, { body: IMMINENT });
    const alert = (await alertFor(res.body.id))!;
    const talk = await fay.post("/api/safety/talk", { source: { kind: "forum_post", id: res.body.id } });
    expect(talk.body.alertId).toBe(alert.id);
    expect(await selectRows(db(), sql`select 1 from crisis_alert where author_id = ${fay.id}`)).toHaveLength(1);
    expect(await auditTrail(alert.id)).toContain("safety.talk_requested");
    const item = (await onCall.get("/api/safety/alerts")).body.items.find((a: { id: string }) => a.id === alert.id);
    expect(item.talkRequested).toBe(true);
  });
});

describe("a member worried about someone's post", () => {
  it("reaches the people on call as well as the moderators, once per post", async () => {
    const { post } = await topicBy(bob, "Not sure I can keep doing this.");
    const flag = await alice.post(`/api/forums/posts/${post.id}/flags`, { reason: "crisis_concern", note: "Bob sounds really low" });
    expect(flag.status, flag.raw).toBe(201);
    const [alert] = await selectRows<{ id: string; origin: string; authorId: string; deliveredAt: Date | null }>(
      db(),
      sql`select id, origin, author_id as "authorId", delivered_at as "deliveredAt" from crisis_alert where source_id = ${post.id}`,
    );
    expect(alert).toMatchObject({ origin: "member_concern", authorId: bob.id });
    expect(alert!.deliveredAt).not.toBeNull();
    const carol = await member(server.app);
    expect((await carol.post(`/api/forums/posts/${post.id}/flags`, { reason: "crisis_concern" })).status).toBe(201);
    expect(await selectRows(db(), sql`select 1 from crisis_alert where source_id = ${post.id}`)).toHaveLength(1);
    // Other reasons stay with the moderators.
    const { post: other } = await topicBy(bob, "Buy cheap watches here");
    await alice.post(`/api/forums/posts/${other.id}/flags`, { reason: "spam" });
    expect(await selectRows(db(), sql`select 1 from crisis_alert where source_id = ${other.id}`)).toHaveLength(0);
  });
});

describe("a delivery that fails", () => {
  it("still acknowledges the write and delivers the alert from the job queue", async () => {
    const kindred = server.app.kindred;
    await kindred.jobs.start();
    const notify = kindred.notifier.notify;
    let failures = 0;
    // The first delivery attempt fails as if the database had dropped the connection.
    kindred.notifier.notify = async (...args) => {
      if (failures++ === 0) throw new Error("connection terminated");
      return notify(...args);
    };
    try {
      const { topic } = await topicBy(bob);
      const res = await alice.post(`/api/forums/topics/${topic.id}/posts`, { body: IMMINENT });
      expect(res.status).toBe(201);
      expect(res.body.support.showHelp).toBe(true);
      expect(failures).toBe(1);
      let alert = await alertFor(res.body.id);
      for (let i = 0; i < 100 && !alert!.deliveredAt; i++) {
        await new Promise((r) => setTimeout(r, 200));
        alert = await alertFor(res.body.id);
      }
      expect(alert!.deliveredAt).not.toBeNull();
    } finally {
      kindred.notifier.notify = notify;
      await kindred.jobs.stop();
    }
  });

  it("is found again by the sweep when even the retry could not be queued", async () => {
    const { topic } = await topicBy(bob);
    const res = await alice.post(`/api/forums/topics/${topic.id}/posts`, { body: IMMINENT });
    const alert = (await alertFor(res.body.id))!;
    await db().execute(sql`update crisis_alert set delivered_at = null, created_at = now() - interval '1 minute' where id = ${alert.id}`);
    await server.app.kindred.safety.sweep();
    expect((await alertFor(res.body.id))!.deliveredAt).not.toBeNull();
  });
});

describe("the rota", () => {
  it("lets admins add shifts and swaps for eligible people, with errors that name the field", async () => {
    const rota = await onCall.get("/api/safety/rota");
    expect(rota.status).toBe(200);
    expect(rota.body.timeZone).toBe("America/New_York");
    expect(rota.body.eligible.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining([onCall.id, backup.id]));
    expect(rota.body.eligible.map((p: { id: string }) => p.id)).not.toContain(moderatorNo2fa.id);

    const before = rota.body.shifts.length;
    const bad = [
      [{ userId: onCall.id, role: "primary", weekday: 7, startTime: "09:00", endTime: "17:00" }, "body.weekday"],
      [{ userId: onCall.id, role: "primary", weekday: 1, startTime: "9am", endTime: "17:00" }, "body.startTime"],
      [{ userId: onCall.id, role: "primary", weekday: 1, startTime: "09:00", endTime: "09:00" }, "body.endTime"],
      [{ userId: alice.id, role: "primary", weekday: 1, startTime: "09:00", endTime: "17:00" }, "body.userId"],
      [{ userId: onCall.id, role: "chief", weekday: 1, startTime: "09:00", endTime: "17:00" }, "body.role"],
    ] as const;
    for (const [body, path] of bad) {
      const res = await admin.post("/api/safety/rota/shifts", body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.headers["content-type"]).toMatch(/application\/problem\+json/);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect((await onCall.post("/api/safety/rota/shifts", { userId: onCall.id, role: "primary", weekday: 1, startTime: "09:00", endTime: "17:00" })).status).toBe(403);
    expect((await onCall.get("/api/safety/rota")).body.shifts).toHaveLength(before);

    const created = await admin.post("/api/safety/rota/shifts", { userId: onCall.id, role: "primary", weekday: 1, startTime: "09:00", endTime: "17:00" });
    expect(created.status).toBe(201);
    const swap = { shiftId: created.body.id, onDate: "2030-01-07", coverUserId: backup.id, reason: "Holiday" };
    expect((await admin.post("/api/safety/rota/swaps", { ...swap, onDate: "2030-01-08" })).body.errors[0].path).toBe("body.onDate");
    expect((await admin.post("/api/safety/rota/swaps", { ...swap, onDate: "2030-02-30" })).status).toBe(422);
    const ok = await admin.post("/api/safety/rota/swaps", swap);
    expect(ok.status, ok.raw).toBe(201);
    expect((await admin.post("/api/safety/rota/swaps", swap)).status).toBe(409);
    expect((await admin.delete(`/api/safety/rota/swaps/${ok.body.id}`)).status).toBe(204);
    expect((await admin.delete(`/api/safety/rota/shifts/${created.body.id}`)).status).toBe(204);
    expect((await admin.delete(`/api/safety/rota/shifts/${created.body.id}`)).status).toBe(404);
    expect((await alice.get("/api/safety/rota")).status).toBe(403);
  });
});

describe("private conversations", () => {
  it("carries messages between two people, screens them, and keeps others out", async () => {
    const started = await alice.post("/api/conversations", { userId: bob.id });
    expect(started.status, started.raw).toBe(201);
    expect((await bob.post("/api/conversations", { userId: alice.id })).body.id).toBe(started.body.id);
    const id = started.body.id;

    const sent = await alice.post(`/api/conversations/${id}/messages`, { body: "Hi Bob, how was the meeting?" });
    expect(sent.status, sent.raw).toBe(201);
    expect(sent.body).toMatchObject({ message: { mine: true, kind: "message" }, support: { showHelp: false } });
    const page = await bob.get(`/api/conversations/${id}`);
    expect(page.body.items.map((m: { body: string }) => m.body)).toEqual(["Hi Bob, how was the meeting?"]);
    expect(page.body.items[0].mine).toBe(false);

    const crisis = await bob.post(`/api/conversations/${id}/messages`, { body: IMMINENT });
    expect(crisis.body.support.showHelp).toBe(true);
    const alert = (await alertFor(crisis.body.message.id))!;
    expect(alert.tier).toBe(4);
    const queue = await onCall.get("/api/safety/alerts");
    const item = queue.body.items.find((a: { id: string }) => a.id === alert.id);
    expect(item.source).toMatchObject({ kind: "conversation_message", link: null });

    const outsider = await member(server.app);
    expect((await outsider.get(`/api/conversations/${id}`)).status).toBe(403);
    expect((await outsider.post(`/api/conversations/${id}/messages`, { body: "hello" })).status).toBe(403);
    expect((await alice.post("/api/conversations", { userId: alice.id })).status).toBe(403);
    expect((await alice.post("/api/conversations", { userId: "nobody" })).status).toBe(404);
    const empty = await alice.post(`/api/conversations/${id}/messages`, { body: "   " });
    expect(empty.status).toBe(422);
    expect(empty.body.errors[0].path).toBe("body.body");
    expect((await bob.get(`/api/conversations/${id}`)).body.items).toHaveLength(2);
  });

  it("refuses to start a conversation across a block", async () => {
    const carol = await member(server.app);
    expect((await carol.post("/api/me/blocks", { pseudonym: alice.pseudonym })).status).toBe(201);
    expect((await alice.post("/api/conversations", { userId: carol.id })).status).toBe(403);
    expect((await carol.post("/api/conversations", { userId: alice.id })).status).toBe(403);
  });

  it("does not notify a person about messages from someone they muted", async () => {
    const gus = await member(server.app);
    const hal = await member(server.app);
    expect((await gus.post("/api/me/mutes", { pseudonym: hal.pseudonym })).status).toBe(201);
    const { body } = await hal.post("/api/conversations", { userId: gus.id });
    expect((await hal.post(`/api/conversations/${body.id}/messages`, { body: "Are you coming tonight?" })).status).toBe(201);
    expect((await gus.get(`/api/conversations/${body.id}`)).body.items).toHaveLength(1);
    expect(await notificationsOf(gus, "conversation.message")).toHaveLength(0);
    expect((await gus.post(`/api/conversations/${body.id}/messages`, { body: "Yes!" })).status).toBe(201);
    expect(await notificationsOf(hal, "conversation.message")).toHaveLength(1);
  });

  it("pages older messages with a cursor", async () => {
    const dan = await member(server.app);
    const { body } = await alice.post("/api/conversations", { userId: dan.id });
    for (let i = 1; i <= 5; i++) await alice.post(`/api/conversations/${body.id}/messages`, { body: `message ${i}` });
    const last = await dan.get(`/api/conversations/${body.id}?limit=2`);
    expect(last.body.items.map((m: { body: string }) => m.body)).toEqual(["message 4", "message 5"]);
    const earlier = await dan.get(`/api/conversations/${body.id}?limit=3&before=${last.body.nextCursor}`);
    expect(earlier.body.items.map((m: { body: string }) => m.body)).toEqual(["message 1", "message 2", "message 3"]);
    expect(earlier.body.nextCursor).toBeNull();
  });
});
