// Notifications through the real API: list, read state, preferences, and the
// e-mail outbox against a real SMTP server, with time injected.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { emailDelivery, notification, notificationPreference, profile, user } from "../../db/schema/index.js";
import { createTestApp, member, Person, staff, type TestApp } from "../../testing/harness.js";
import { startSmtpServer } from "../../testing/smtp.js";
import { createMailer } from "../../mail/mailer.js";
import { type DeliveryDeps, deliverDueEmails, retryDelayMs, sendDigests } from "./delivery.js";
import { createNotifier } from "./service.js";

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let admin: Person;
let deps: DeliveryDeps;

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestApp({ SMTP_URL: smtp.url });
  admin = await staff(t.app, ["admin"]);
  const k = t.app.kindred;
  deps = { db: k.db, mailer: k.mailer, publicUrl: k.config.publicUrl, secret: k.secret, log: t.app.log };
}, 60_000);
afterAll(async () => {
  await t.close();
  await smtp.close();
});

/** A notifier whose clock the test sets. */
function notifierAt(now: Date) {
  const k = t.app.kindred;
  return createNotifier({ db: k.db, realtime: k.realtime, jobs: k.jobs, log: t.app.log, now: () => now });
}

async function memberWithEmail(email: string, extra: { timeZone?: string } = {}) {
  const p = await member(t.app);
  const res = await p.patch("/api/me/profile", { email, ...(extra.timeZone ? { timeZone: extra.timeZone } : {}) });
  expect(res.status).toBe(200);
  return p;
}

const deliveriesOf = (userId: string) => t.app.kindred.db.select().from(emailDelivery).where(eq(emailDelivery.userId, userId));

describe("the bell's list", () => {
  it("a role granted by an admin notifies the person, with the admin as actor and a link to settings", async () => {
    const p = await member(t.app);
    expect((await p.get("/api/me/notifications/unread-count")).body.unreadCount).toBe(0);
    const grant = await admin.post(`/api/admin/users/${p.id}/roles`, { role: "facilitator" });
    expect(grant.status).toBe(200);
    const list = await p.get("/api/me/notifications");
    expect(list.status).toBe(200);
    expect(list.body.unreadCount).toBe(1);
    expect(list.body.items).toHaveLength(1);
    const [n] = list.body.items;
    expect(n.kind).toBe("account.role_granted");
    expect(n.text).toContain("Facilitator");
    expect(n.link).toBe("/settings");
    expect(n.actor.pseudonym).toBe(admin.pseudonym);
    expect(n.readAt).toBeNull();
  });

  it("speaks the reader's language", async () => {
    const p = await member(t.app);
    await p.patch("/api/me/profile", { locale: "es" });
    await admin.post(`/api/admin/users/${p.id}/roles`, { role: "moderator" });
    const list = await p.get("/api/me/notifications");
    expect(list.body.items[0].text).toContain("Moderador");
  });

  it("renewing a role someone already holds does not notify again; revoking does", async () => {
    const p = await member(t.app);
    await admin.post(`/api/admin/users/${p.id}/roles`, { role: "facilitator" });
    await admin.post(`/api/admin/users/${p.id}/roles`, { role: "facilitator" });
    expect((await p.get("/api/me/notifications")).body.items).toHaveLength(1);
    await admin.delete(`/api/admin/users/${p.id}/roles/facilitator`);
    const list = await p.get("/api/me/notifications");
    expect(list.body.items.map((n: { kind: string }) => n.kind)).toEqual(["account.role_revoked", "account.role_granted"]);
  });

  it("pages newest first with a cursor, without gaps or repeats", async () => {
    const p = await member(t.app);
    const base = Date.now() - 100_000;
    for (let i = 0; i < 25; i++) {
      await notifierAt(new Date(base + i * 1000)).notify({ userId: p.id, kind: "account.approved", dedupeKey: `page-${i}` });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { body: { items: { id: string; createdAt: string }[]; nextCursor: string | null } } = await p.get(
        `/api/me/notifications?limit=10${cursor ? `&cursor=${cursor}` : ""}`,
      );
      seen.push(...res.body.items.map((n) => n.createdAt));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    expect([...seen].sort().reverse()).toEqual(seen);
  });

  it("a fan-out in one call carries each person's own unread count", async () => {
    const [a, b] = [await member(t.app), await member(t.app)];
    await t.app.kindred.notifier.notify({ userId: b.id, kind: "account.approved", dedupeKey: "earlier" });
    const recorded = await t.app.kindred.notifier.notify([
      { userId: a.id, kind: "account.approved" },
      { userId: a.id, kind: "account.role_granted", params: { role: "facilitator" } },
      { userId: b.id, kind: "account.role_granted", params: { role: "moderator" } },
      { userId: "no-such-person", kind: "account.approved" },
    ]);
    expect(recorded).toHaveLength(3);
    const countsFor = (id: string) => recorded.filter((r) => r.row.userId === id).map((r) => r.live!.unreadCount).sort();
    expect(countsFor(a.id)).toEqual([1, 2]);
    expect(countsFor(b.id)).toEqual([2]);
    expect((await b.get("/api/me/notifications/unread-count")).body.unreadCount).toBe(2);
    expect(recorded.find((r) => r.row.userId === b.id)!.live!.notification.text).toContain("Moderator");
  });

  it("a fan-out larger than one slice reaches everyone once, and a person split across the input keeps exact counts", async () => {
    const ids = Array.from({ length: 520 }, (_, i) => `fanout-${i}-${Date.now().toString(36)}`);
    await t.app.kindred.db.insert(user).values(ids.map((id) => ({ id, name: id, email: `${id}@no-email.kindred.invalid`, username: id })));
    const inputs = ids.map((userId) => ({ userId, kind: "account.approved" as const }));
    // The same person near both ends, so a naive cut at 500 would split them.
    inputs.splice(498, 0, { userId: ids[519]!, kind: "account.approved" as const });
    const recorded = await t.app.kindred.notifier.notify(inputs);
    expect(recorded).toHaveLength(521);
    expect(new Set(recorded.map((r) => r.row.id)).size).toBe(521);
    expect(recorded.filter((r) => r.row.userId === ids[519]).map((r) => r.live!.unreadCount).sort()).toEqual([1, 2]);
    expect(recorded.filter((r) => r.row.userId === ids[0]).map((r) => r.live!.unreadCount)).toEqual([1]);
  });

  it("the same dedupe key makes one notification", async () => {
    const p = await member(t.app);
    await t.app.kindred.notifier.notify({ userId: p.id, kind: "account.approved", dedupeKey: "once" });
    await t.app.kindred.notifier.notify({ userId: p.id, kind: "account.approved", dedupeKey: "once" });
    expect((await p.get("/api/me/notifications")).body.items).toHaveLength(1);
  });

  it("mark one read, then all read; counts drop", async () => {
    const p = await member(t.app);
    for (const key of ["a", "b", "c"]) await t.app.kindred.notifier.notify({ userId: p.id, kind: "account.approved", dedupeKey: key });
    const list = await p.get("/api/me/notifications?unread=true");
    expect(list.body.unreadCount).toBe(3);
    const one = await p.post(`/api/me/notifications/${list.body.items[0].id}/read`);
    expect(one.status).toBe(200);
    expect(one.body.unreadCount).toBe(2);
    expect((await p.get("/api/me/notifications?unread=true")).body.items).toHaveLength(2);
    const all = await p.post("/api/me/notifications/read-all");
    expect(all.body.unreadCount).toBe(0);
    expect((await p.get("/api/me/notifications/unread-count")).body.unreadCount).toBe(0);
  });

  it("bad input gets a problem and changes nothing", async () => {
    const p = await member(t.app);
    await t.app.kindred.notifier.notify({ userId: p.id, kind: "account.approved" });
    const badCursor = await p.get("/api/me/notifications?cursor=not-a-cursor");
    expect(badCursor.status).toBe(422);
    expect(badCursor.headers["content-type"]).toContain("application/problem+json");
    expect((await p.get("/api/me/notifications?limit=0")).status).toBe(422);
    expect((await p.get("/api/me/notifications?limit=1000")).status).toBe(422);
    const missing = await p.post("/api/me/notifications/00000000-0000-0000-0000-000000000000/read");
    expect(missing.status).toBe(404);
    const before = await p.get("/api/me/notification-preferences");
    for (const body of [
      { quietHours: { start: "25:00", end: "07:00" } },
      { quietHours: { start: "22:00" } },
      { digest: "hourly" },
      { kinds: { "no.such_kind": { inApp: true, email: true } } },
      { kinds: { "account.approved": { inApp: "yes", email: true } } },
      { surprise: true },
    ]) {
      const res = await p.patch("/api/me/notification-preferences", body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.errors.length).toBeGreaterThan(0);
    }
    expect((await p.get("/api/me/notification-preferences")).body).toEqual(before.body);
    expect((await p.get("/api/me/notifications")).body.unreadCount).toBe(1);
  });
});

describe("preferences", () => {
  it("defaults: every kind in-app and by e-mail, no quiet hours, no digest; no e-mail address → hasEmail false", async () => {
    const p = await member(t.app);
    const res = await p.get("/api/me/notification-preferences");
    expect(res.status).toBe(200);
    expect(res.body.kinds["account.role_granted"]).toEqual({ inApp: true, email: true });
    expect(res.body).toMatchObject({ quietHours: null, digest: "off", timeZone: null, hasEmail: false });
  });

  it("crisis alerts are listed only for the people who can be on call; others cannot set them", async () => {
    const p = await member(t.app);
    expect(Object.keys((await p.get("/api/me/notification-preferences")).body.kinds)).not.toContain("safety.crisis_alert");
    const refused = await p.patch("/api/me/notification-preferences", { kinds: { "safety.crisis_alert": { inApp: true, email: false } } });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].path).toBe("body.kinds.safety.crisis_alert");
    for (const role of ["specialist", "moderator", "admin"] as const) {
      const s = await staff(t.app, [role]);
      expect(Object.keys((await s.get("/api/me/notification-preferences")).body.kinds), role).toContain("safety.crisis_alert");
    }
    const facilitator = await staff(t.app, ["facilitator"]);
    expect(Object.keys((await facilitator.get("/api/me/notification-preferences")).body.kinds)).not.toContain("safety.crisis_alert");
  });

  it("saves kinds × channels, quiet hours and digest; crisis alerts stay in-app", async () => {
    const p = await staff(t.app, ["specialist"]);
    expect((await p.patch("/api/me/profile", { email: "prefs@example.org", timeZone: "Europe/Madrid" })).status).toBe(200);
    const res = await p.patch("/api/me/notification-preferences", {
      kinds: { "account.role_granted": { inApp: false, email: true }, "safety.crisis_alert": { inApp: false, email: false } },
      quietHours: { start: "22:00", end: "07:30" },
      digest: "weekly",
    });
    expect(res.status).toBe(200);
    expect(res.body.kinds["account.role_granted"]).toEqual({ inApp: false, email: true });
    expect(res.body.kinds["safety.crisis_alert"]).toEqual({ inApp: true, email: false });
    expect(res.body).toMatchObject({ quietHours: { start: "22:00", end: "07:30" }, digest: "weekly", timeZone: "Europe/Madrid", hasEmail: true });
    expect((await p.get("/api/me/notification-preferences")).body).toEqual(res.body);
  });

  it("a kind switched off entirely is not stored; e-mail-only stays out of the bell", async () => {
    const p = await memberWithEmail("offkinds@example.org");
    await p.patch("/api/me/notification-preferences", {
      kinds: { "account.approved": { inApp: false, email: false }, "account.role_revoked": { inApp: false, email: true } },
    });
    await t.app.kindred.notifier.notify({ userId: p.id, kind: "account.approved" });
    await t.app.kindred.notifier.notify({ userId: p.id, kind: "account.role_revoked", params: { role: "facilitator" } });
    expect((await p.get("/api/me/notifications")).body).toMatchObject({ items: [], unreadCount: 0 });
    const rows = await t.app.kindred.db.select().from(notification).where(eq(notification.userId, p.id));
    expect(rows.map((r) => r.kind)).toEqual(["account.role_revoked"]);
    expect(await deliveriesOf(p.id)).toHaveLength(1);
  });
});

describe("e-mail", () => {
  it("members without an e-mail address get in-app notifications only", async () => {
    const p = await member(t.app);
    await t.app.kindred.notifier.notify({ userId: p.id, kind: "account.approved" });
    expect((await p.get("/api/me/notifications")).body.unreadCount).toBe(1);
    expect(await deliveriesOf(p.id)).toHaveLength(0);
  });

  it("arrives over SMTP with a discreet subject and a working one-click unsubscribe link for its kind", async () => {
    const p = await memberWithEmail("river@example.org");
    const now = new Date();
    await notifierAt(now).notify({ userId: p.id, kind: "account.role_granted", params: { role: "facilitator" }, link: "/settings" });
    const before = smtp.received.length;
    const result = await deliverDueEmails(deps, now);
    expect(result.sent).toBeGreaterThanOrEqual(1);
    const mail = smtp.received.slice(before).find((m) => m.to.includes("river@example.org"))!;
    expect(mail).toBeDefined();
    expect(mail.headers.subject).toBe("Kindred: you have a new notification");
    expect(mail.body).toContain("You are now a Facilitator");
    expect(mail.body).toContain("http://localhost:3000/settings");
    expect(mail.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    const link = /<(http[^>]+)>/.exec(mail.headers["list-unsubscribe"]!)![1]!;
    expect(mail.body).toContain(link);
    expect((await deliveriesOf(p.id))[0]!.status).toBe("sent");

    const page = await t.app.inject({ method: "GET", url: link.replace("http://localhost:3000", "") });
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toContain("text/html");
    expect(page.body).toContain("unsubscribed");
    const prefs = await p.get("/api/me/notification-preferences");
    expect(prefs.body.kinds["account.role_granted"]).toEqual({ inApp: true, email: false });
    expect(prefs.body.kinds["account.role_revoked"]).toEqual({ inApp: true, email: true });

    // The next one of that kind stays in the bell and out of the mailbox.
    await notifierAt(new Date()).notify({ userId: p.id, kind: "account.role_granted", params: { role: "moderator" } });
    expect((await deliveriesOf(p.id)).filter((d) => d.status === "pending")).toHaveLength(0);
  });

  it("mail programs' RFC 8058 one-click POST unsubscribes too; a forged token changes nothing", async () => {
    const p = await memberWithEmail("oneclick@example.org");
    await t.app.kindred.notifier.notify({ userId: p.id, kind: "account.approved" });
    const before = smtp.received.length;
    await deliverDueEmails(deps, new Date());
    const mail = smtp.received.slice(before).find((m) => m.to.includes("oneclick@example.org"))!;
    const url = new URL(/<(http[^>]+)>/.exec(mail.headers["list-unsubscribe"]!)![1]!);
    const forged = await t.app.inject({
      method: "POST",
      url: `${url.pathname}?token=${url.searchParams.get("token")!.slice(0, -3)}abc`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "List-Unsubscribe=One-Click",
    });
    expect(forged.statusCode).toBe(422);
    expect(forged.headers["content-type"]).toContain("application/problem+json");
    expect((await p.get("/api/me/notification-preferences")).body.kinds["account.approved"].email).toBe(true);
    const res = await t.app.inject({
      method: "POST",
      url: `${url.pathname}${url.search}`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "List-Unsubscribe=One-Click",
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ unsubscribed: "account.approved" });
    expect((await p.get("/api/me/notification-preferences")).body.kinds["account.approved"].email).toBe(false);
  });

  it("quiet hours hold an e-mail in the person's time zone and release it when they end", async () => {
    const p = await memberWithEmail("night@example.org", { timeZone: "America/New_York" });
    await p.patch("/api/me/notification-preferences", { quietHours: { start: "22:00", end: "07:00" } });
    const lateEvening = new Date("2026-03-07T04:30:00Z"); // 23:30 in New York (EST)
    await notifierAt(lateEvening).notify({ userId: p.id, kind: "account.approved" });
    const [held] = await deliveriesOf(p.id);
    expect(held!.sendAfter.toISOString()).toBe("2026-03-07T12:00:00.000Z"); // 07:00 EST
    // The bell still shows it at once.
    expect((await p.get("/api/me/notifications")).body.unreadCount).toBe(1);

    const before = smtp.received.length;
    await deliverDueEmails(deps, new Date("2026-03-07T09:00:00Z")); // 04:00 local
    expect(smtp.received.slice(before).filter((m) => m.to.includes("night@example.org"))).toHaveLength(0);
    await deliverDueEmails(deps, new Date("2026-03-07T12:00:30Z")); // 07:00:30 local
    expect(smtp.received.slice(before).filter((m) => m.to.includes("night@example.org"))).toHaveLength(1);
    expect((await deliveriesOf(p.id))[0]!.status).toBe("sent");
  });

  it("crisis alerts to the people on call ignore quiet hours", async () => {
    const p = await memberWithEmail("oncall@example.org", { timeZone: "UTC" });
    await p.patch("/api/me/notification-preferences", { quietHours: { start: "00:00", end: "23:59" } });
    const now = new Date("2026-05-01T03:00:00Z");
    await notifierAt(now).notify({ userId: p.id, kind: "safety.crisis_alert" });
    const before = smtp.received.length;
    await deliverDueEmails(deps, now);
    expect(smtp.received.slice(before).filter((m) => m.to.includes("oncall@example.org"))).toHaveLength(1);
  });

  it("an SMTP failure retries with back-off and never loses the e-mail", async () => {
    const p = await memberWithEmail("retry@example.org");
    const now = new Date("2026-06-01T12:00:00Z");
    await notifierAt(now).notify({ userId: p.id, kind: "account.approved" });
    smtp.failNext(2);
    const first = await deliverDueEmails(deps, now);
    expect(first.failed).toBe(1);
    let [d] = await deliveriesOf(p.id);
    expect(d).toMatchObject({ status: "pending", attempts: 1 });
    expect(d!.sendAfter.getTime()).toBe(now.getTime() + retryDelayMs(1));
    expect(d!.lastError).toContain("Mailbox temporarily unavailable");

    // Not retried before its time.
    expect((await deliverDueEmails(deps, new Date(now.getTime() + 30_000))).failed).toBe(0);
    const second = await deliverDueEmails(deps, new Date(now.getTime() + retryDelayMs(1)));
    expect(second.failed).toBe(1);
    [d] = await deliveriesOf(p.id);
    expect(d!.sendAfter.getTime()).toBe(now.getTime() + retryDelayMs(1) + retryDelayMs(2));
    expect(retryDelayMs(2)).toBe(2 * retryDelayMs(1));

    const before = smtp.received.length;
    const third = await deliverDueEmails(deps, new Date(now.getTime() + 10 * 60_000));
    expect(third.sent).toBe(1);
    expect(smtp.received.slice(before).filter((m) => m.to.includes("retry@example.org"))).toHaveLength(1);
    [d] = await deliveriesOf(p.id);
    expect(d).toMatchObject({ status: "sent", attempts: 3 });
  });

  it("an unreachable SMTP server keeps the e-mail pending", async () => {
    const dead = createMailer({ smtpUrl: "smtp://127.0.0.1:1", from: "Kindred <k@localhost>", outboxDir: "/nonexistent", log: t.app.log });
    const p = await memberWithEmail("deadsmtp@example.org");
    const now = new Date("2026-07-01T12:00:00Z");
    await notifierAt(now).notify({ userId: p.id, kind: "account.approved" });
    const res = await deliverDueEmails({ ...deps, mailer: dead }, now);
    expect(res.failed).toBeGreaterThanOrEqual(1);
    expect((await deliveriesOf(p.id))[0]).toMatchObject({ status: "pending", attempts: 1 });
    await deliverDueEmails(deps, new Date(now.getTime() + retryDelayMs(1)));
    expect((await deliveriesOf(p.id))[0]).toMatchObject({ status: "sent" });
  });

  it("a daily digest gathers non-urgent e-mails into one at 08:00 local time", async () => {
    const p = await memberWithEmail("digest@example.org", { timeZone: "Europe/Madrid" });
    const t0 = new Date("2026-09-01T10:00:00Z"); // 12:00 in Madrid
    await t.app.kindred.db.update(profile).set({ timeZone: "Europe/Madrid" }).where(eq(profile.userId, p.id));
    await p.patch("/api/me/notification-preferences", { digest: "daily" });
    await t.app.kindred.db.update(notificationPreference).set({ lastDigestAt: t0 }).where(eq(notificationPreference.userId, p.id));
    for (const role of ["facilitator", "moderator"]) {
      await notifierAt(t0).notify({ userId: p.id, kind: "account.role_granted", params: { role }, dedupeKey: role });
    }
    await notifierAt(t0).notify({ userId: p.id, kind: "safety.crisis_alert" });
    const before = smtp.received.length;
    const mine = () => smtp.received.slice(before).filter((m) => m.to.includes("digest@example.org"));

    // The crisis alert goes at once; the others wait for the digest.
    await deliverDueEmails(deps, t0);
    expect(mine()).toHaveLength(1);
    expect((await sendDigests(deps, new Date("2026-09-02T05:30:00Z"))).sent).toBe(0); // 07:30 local
    expect(mine()).toHaveLength(1);
    expect((await sendDigests(deps, new Date("2026-09-02T06:05:00Z"))).sent).toBe(1); // 08:05 local
    const digest = mine()[1]!;
    expect(digest.headers.subject).toBe("Kindred: your notification digest");
    expect(digest.body).toContain("2 things happened");
    expect(digest.body).toContain("Facilitator");
    expect(digest.body).toContain("Moderator");
    // Once per slot, even if the sweep runs again.
    expect((await sendDigests(deps, new Date("2026-09-02T06:20:00Z"))).sent).toBe(0);
    expect((await deliveriesOf(p.id)).every((d) => d.status === "sent")).toBe(true);
  });

  it("without SMTP_URL, e-mail goes to the outbox folder", async () => {
    const os = await import("node:os");
    const fs = await import("node:fs/promises");
    const path = await import("node:path");
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "kindred-outbox-"));
    const outbox = createMailer({ from: "Kindred <k@localhost>", outboxDir: dir, log: t.app.log });
    await outbox.send({ to: "someone@example.org", subject: "Hello", text: "Body text", html: "<p>Body text</p>", unsubscribeUrl: "http://localhost/u" });
    const files = await fs.readdir(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/\.eml$/);
    const raw = await fs.readFile(path.join(dir, files[0]!), "utf8");
    expect(raw).toContain("To: someone@example.org");
    expect(raw).toContain("List-Unsubscribe: <http://localhost/u>");
    await fs.rm(dir, { recursive: true });
  });
});
