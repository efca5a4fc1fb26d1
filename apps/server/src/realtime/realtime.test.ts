// The Socket.IO gateway on a real HTTP server: who may connect, which rooms
// they may join, bad payloads, live notifications, and recovery after a drop.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ack } from "@kindred/contracts";
import { MAX_SOCKET_PAYLOAD_BYTES } from "@kindred/contracts";
import { member, Person, staff, TEST_ORIGIN } from "../testing/harness.js";
import { startTestServer } from "../testing/server.js";
import { connected, nextEvent, openSocket, type TestSocket } from "../testing/sockets.js";

let server: Awaited<ReturnType<typeof startTestServer>>;
const open: TestSocket[] = [];

beforeAll(async () => {
  // The harness's people speak with the test origin; the server must trust it.
  server = await startTestServer({ env: { PUBLIC_URL: TEST_ORIGIN } });
}, 60_000);
afterAll(async () => {
  for (const s of open) s.disconnect();
  await server.close();
});

function socketFor(person: Person | null, headers: Record<string, string> = {}) {
  const s = openSocket(server.url, person, headers);
  open.push(s);
  return s;
}

const emitWithAck = (s: TestSocket, event: string, payload: unknown) =>
  new Promise<Ack>((resolve) => (s.emit as (...a: unknown[]) => void)(event, payload, (ack: Ack) => resolve(ack)));

describe("connecting", () => {
  it("refuses a socket without a session", async () => {
    const err = await connected(socketFor(null)).then(
      () => null,
      (e: Error & { data?: { type: string; status: number } }) => e,
    );
    expect(err).not.toBeNull();
    expect(err!.data).toMatchObject({ status: 401 });
  });

  it("refuses a forged or expired session cookie", async () => {
    const fake = new Person(server.app);
    fake.cookies.set("kindred.session_token", "forged.value");
    const err = await connected(socketFor(fake)).catch((e: Error & { data?: { status: number } }) => e);
    expect((err as { data?: { status: number } }).data?.status).toBe(401);
  });

  it("refuses another site's page (cross-site socket hijacking)", async () => {
    const p = await member(server.app);
    const err = await connected(socketFor(p, { origin: "https://evil.example" })).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
  });

  it("refuses an account that is waiting for approval", async () => {
    const admin = await staff(server.app, ["admin"]);
    await admin.patch("/api/admin/settings", { registrationMode: "approval" });
    const pending = new Person(server.app, `pending${Date.now().toString(36)}`);
    await pending.signUp();
    await admin.patch("/api/admin/settings", { registrationMode: "open" });
    const err = await connected(socketFor(pending)).catch((e: Error & { data?: { status: number } }) => e);
    expect((err as { data?: { status: number } }).data?.status).toBe(403);
  });

  it("signing out closes that session's sockets, even one that tried to leave its session room", async () => {
    const p = await member(server.app);
    const s = await connected(socketFor(p));
    const [serverSide] = await server.app.kindred.realtime.io.in(`user:${p.id}`).fetchSockets();
    const sessionRoom = [...serverSide!.rooms].find((r) => r.startsWith("session:"))!;
    expect(await emitWithAck(s, "room:leave", { room: sessionRoom })).toMatchObject({ ok: false, problem: { status: 404 } });
    const closed = new Promise<string>((resolve) => s.once("disconnect", (reason) => resolve(reason)));
    await p.post("/api/auth/sign-out");
    expect(await closed).toBe("io server disconnect");
  });
});

describe("rooms and inbound events", () => {
  it("a person may join their own room, not another person's", async () => {
    const a = await member(server.app);
    const b = await member(server.app);
    const s = await connected(socketFor(a));
    expect(await emitWithAck(s, "room:join", { room: `user:${a.id}` })).toEqual({ ok: true, data: { room: `user:${a.id}` } });
    const refused = await emitWithAck(s, "room:join", { room: `user:${b.id}` });
    expect(refused).toMatchObject({ ok: false, problem: { status: 403 } });
  });

  it("staff rooms need the role (with 2FA); unknown room kinds do not exist", async () => {
    const m = await member(server.app);
    const mod = await staff(server.app, ["moderator"]);
    const modNo2fa = await staff(server.app, ["moderator"], { twoFactor: false });
    const sm = await connected(socketFor(m));
    const smod = await connected(socketFor(mod));
    const sNo2fa = await connected(socketFor(modNo2fa));
    expect(await emitWithAck(sm, "room:join", { room: "role:moderator" })).toMatchObject({ ok: false, problem: { status: 403 } });
    expect(await emitWithAck(sNo2fa, "room:join", { room: "role:moderator" })).toMatchObject({
      ok: false,
      problem: { status: 403, type: expect.stringMatching(/two-factor-required$/) },
    });
    expect(await emitWithAck(smod, "room:join", { room: "role:moderator" })).toEqual({ ok: true, data: { room: "role:moderator" } });
    expect(await emitWithAck(smod, "room:join", { room: "role:admin" })).toMatchObject({ ok: false, problem: { status: 403 } });
    expect(await emitWithAck(smod, "room:join", { room: "secret:thing" })).toMatchObject({ ok: false, problem: { status: 404 } });
    expect(await emitWithAck(smod, "room:leave", { room: "role:moderator" })).toEqual({ ok: true, data: { room: "role:moderator" } });
    expect(await emitWithAck(sm, "room:leave", { room: "role:admin" })).toMatchObject({ ok: false, problem: { status: 403 } });
  });

  it("malformed, oversized and unknown events get an error ack and the socket keeps working", async () => {
    const p = await member(server.app);
    const s = await connected(socketFor(p));
    for (const bad of [null, "user:x", { room: 42 }, { room: "no spaces allowed" }, { room: `user:${p.id}`, extra: 1 }, [1, 2]]) {
      expect(await emitWithAck(s, "room:join", bad), JSON.stringify(bad)).toMatchObject({ ok: false, problem: { status: 422 } });
    }
    const huge = { room: `user:${p.id}`, padding: "x".repeat(MAX_SOCKET_PAYLOAD_BYTES + 10) };
    expect(await emitWithAck(s, "room:join", huge)).toMatchObject({ ok: false, problem: { status: 413 } });
    expect(await emitWithAck(s, "no:such-event", {})).toMatchObject({ ok: false, problem: { type: "unknown-event" } });
    // An event without an ack callback is simply dropped.
    (s.emit as (...a: unknown[]) => void)("room:join", { room: "role:admin" });
    expect(s.connected).toBe(true);
    expect(await emitWithAck(s, "room:join", { room: `user:${p.id}` })).toMatchObject({ ok: true });
  });

  it("a frame beyond the transport limit closes only that socket; the server carries on", async () => {
    const p = await member(server.app);
    const s = await connected(socketFor(p));
    const dropped = new Promise<string>((resolve) => s.once("disconnect", (reason) => resolve(reason)));
    s.emit("room:join", { room: "x".repeat(300 * 1024) } as never, () => {});
    expect(await dropped).toMatch(/transport/);
    const again = await connected(socketFor(p));
    expect(await emitWithAck(again, "room:join", { room: `user:${p.id}` })).toMatchObject({ ok: true });
    expect((await p.get("/api/health")).status).toBe(200);
  });

  it("a role revoked after connecting is refused at the next join", async () => {
    const admin = await staff(server.app, ["admin"]);
    const mod = await staff(server.app, ["moderator"]);
    const s = await connected(socketFor(mod));
    expect(await emitWithAck(s, "room:join", { room: "role:moderator" })).toMatchObject({ ok: true });
    await admin.delete(`/api/admin/users/${mod.id}/roles/moderator`);
    expect(await emitWithAck(s, "room:join", { room: "role:moderator" })).toMatchObject({ ok: false, problem: { status: 403 } });
  });
});

describe("live notifications", () => {
  it("a role granted by an admin reaches the person's socket with the new unread count, and no one else's", async () => {
    const admin = await staff(server.app, ["admin"]);
    const p = await member(server.app);
    const other = await member(server.app);
    const s = await connected(socketFor(p));
    const so = await connected(socketFor(other));
    let otherGot = 0;
    so.on("notification:new", () => otherGot++);
    const event = nextEvent(s, "notification:new");
    await admin.post(`/api/admin/users/${p.id}/roles`, { role: "facilitator" });
    const payload = await event;
    expect(payload.unreadCount).toBe(1);
    expect(payload.notification).toMatchObject({ kind: "account.role_granted", link: "/settings", readAt: null });
    expect(payload.notification.text).toContain("Facilitator");
    // Marking read elsewhere (another tab) pushes the new count.
    const unread = nextEvent(s, "notification:unread");
    await p.post("/api/me/notifications/read-all");
    expect((await unread).unreadCount).toBe(0);
    expect(otherGot).toBe(0);
  });

  it("every open tab of the person receives it", async () => {
    const p = await member(server.app);
    const tabs = [await connected(socketFor(p)), await connected(socketFor(p))];
    const events = tabs.map((s) => nextEvent(s, "notification:new"));
    await server.app.kindred.notifier.notify({ userId: p.id, kind: "account.approved" });
    expect((await Promise.all(events)).map((e) => e.unreadCount)).toEqual([1, 1]);
  });
});

describe("connection-state recovery", () => {
  it("a socket that drops and reconnects within the window receives what it missed, once", async () => {
    const p = await member(server.app);
    const s = openSocket(server.url, p);
    open.push(s);
    s.io.reconnection(true);
    s.io.reconnectionDelay(50);
    s.io.reconnectionDelayMax(100);
    await connected(s);
    const got: string[] = [];
    s.on("notification:new", ({ notification }) => got.push(notification.id));
    const notify = (key: string) => server.app.kindred.notifier.notify({ userId: p.id, kind: "account.approved", dedupeKey: key });

    const first = nextEvent(s, "notification:new");
    await notify("before");
    await first;
    expect(s.recovered).toBe(false);

    // Drop the transport (as a flaky phone network would) and notify while away. Reconnection
    // waits until both are published: recovery replays what was published before the server
    // reads the backlog, and the web app reads its state again after every reconnection for
    // anything published while a session is being restored.
    s.io.reconnection(false);
    const dropped = new Promise<void>((resolve) => s.once("disconnect", () => resolve()));
    s.io.engine.close();
    await dropped;
    expect(s.connected).toBe(false);
    await notify("away-1");
    await notify("away-2");
    const reconnected = new Promise<void>((resolve) => s.once("connect", () => resolve()));
    s.io.reconnection(true);
    s.connect();
    await reconnected;
    expect(s.recovered).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    expect(got).toHaveLength(3);
    expect(new Set(got).size).toBe(3);

    // And live delivery continues after recovery.
    const after = nextEvent(s, "notification:new");
    await notify("after");
    await after;
    expect(got).toHaveLength(4);
  });
});
