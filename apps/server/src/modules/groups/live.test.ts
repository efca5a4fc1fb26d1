// A group's feed, live: the people in the group with its page open hear of new
// posts, reactions, removals and a moderator's hide and restore (ids only, never
// the words), and nobody outside the group may listen. Over a real listening
// server and real sockets.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ack, GroupFeedEvent } from "@kindred/contracts";
import { member, Person, staff, TEST_ORIGIN } from "../../testing/harness.js";
import { startTestServer } from "../../testing/server.js";
import { connected, nextEvent, openSocket, type TestSocket } from "../../testing/sockets.js";
import { raiseReview } from "../moderation/review.js";

let server: Awaited<ReturnType<typeof startTestServer>>;
let admin: Person;
let mod: Person;
let lead: Person;
let alice: Person;
let bob: Person;
let carol: Person;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  server = await startTestServer({ env: { PUBLIC_URL: TEST_ORIGIN } });
  admin = await staff(server.app, ["admin"]);
  mod = await staff(server.app, ["moderator"]);
  lead = await staff(server.app, ["facilitator"]);
  [alice, bob, carol] = [await member(server.app), await member(server.app), await member(server.app)];
}, 120_000);
afterAll(async () => {
  for (const s of sockets) s.close();
  await server?.close();
});

let groups = 0;
type Group = { id: string; slug: string };

/** A group led by `lead`, with `members` in it (invited first unless it is public). */
async function groupWith(visibility: "public" | "private" | "hidden", members: Person[]): Promise<Group> {
  const res = await lead.post("/api/groups", { name: `Live circle ${visibility} ${groups++}`, description: "Talk.", visibility });
  expect(res.status, res.raw).toBe(201);
  const group = res.body as Group;
  for (const p of members) {
    if (visibility !== "public") expect((await lead.post(`/api/groups/${group.slug}/invitations`, { pseudonym: p.pseudonym })).status).toBe(201);
    expect((await p.post(`/api/groups/${group.slug}/join`, {})).body.membership).toBe("member");
  }
  return group;
}

async function socketFor(person: Person) {
  const s = openSocket(server.url, person);
  sockets.push(s);
  return connected(s);
}

const join = (s: TestSocket, room: string) =>
  new Promise<Ack>((resolve) => (s.emit as (...a: unknown[]) => void)("room:join", { room }, (ack: Ack) => resolve(ack)));

/** A socket of `person` in the group's room. */
async function listening(person: Person, group: Group) {
  const s = await socketFor(person);
  expect(await join(s, `group:${group.id}`)).toMatchObject({ ok: true });
  return s;
}

async function write(person: Person, group: Group, body: string) {
  const res = await person.post(`/api/groups/${group.slug}/posts`, { body });
  expect(res.status, res.raw).toBe(201);
  return res.body.post as { id: string };
}

describe("a group's feed, live", () => {
  it("a member with the page open hears of a new post, a reaction and a removal: ids only, never the words", async () => {
    const group = await groupWith("public", [alice, bob]);
    const s = await listening(bob, group);
    const raw: unknown[] = [];
    s.on("group:feed", (e) => raw.push(e));

    let next = nextEvent(s, "group:feed");
    const post = await write(alice, group, "Made it through the week, one quiet evening at a time");
    expect(await next).toEqual({ groupId: group.id, postId: post.id, kind: "created" } satisfies GroupFeedEvent);

    next = nextEvent(s, "group:feed");
    expect((await lead.put(`/api/groups/${group.slug}/posts/${post.id}/reactions/strength`, undefined)).status).toBe(200);
    expect(await next).toEqual({ groupId: group.id, postId: post.id, kind: "updated" });

    next = nextEvent(s, "group:feed");
    expect((await alice.delete(`/api/groups/${group.slug}/posts/${post.id}`)).status).toBe(204);
    expect(await next).toEqual({ groupId: group.id, postId: post.id, kind: "removed" });
    expect(JSON.stringify(raw)).not.toContain("quiet evening");
  });

  it("a moderator's hide and restore from the review queue reach the group's open pages", async () => {
    const group = await groupWith("private", [alice, bob]);
    const post = await write(alice, group, "Some words a member asked a moderator to look at");
    await raiseReview(server.app.kindred.db, { targetKind: "group_post", targetId: post.id, authorId: alice.id, source: "member", reason: "other", note: "Please look", flaggerId: bob.id });
    const item = async () => {
      const res = await mod.get("/api/moderation/queue?limit=50");
      expect(res.status, res.raw).toBe(200);
      return (res.body.items as { id: string; target: { id: string } }[]).find((i) => i.target.id === post.id)!;
    };
    const s = await listening(bob, group);

    let next = nextEvent(s, "group:feed");
    expect((await mod.post(`/api/moderation/items/${(await item()).id}/actions`, { action: "hide", reason: "For now" })).status).toBe(200);
    expect(await next).toEqual({ groupId: group.id, postId: post.id, kind: "removed" });

    await raiseReview(server.app.kindred.db, { targetKind: "group_post", targetId: post.id, authorId: alice.id, source: "member", reason: "other", note: "It was fine", flaggerId: bob.id });
    next = nextEvent(s, "group:feed");
    expect((await mod.post(`/api/moderation/items/${(await item()).id}/actions`, { action: "restore", reason: "On reflection, fine" })).status).toBe(200);
    expect(await next).toEqual({ groupId: group.id, postId: post.id, kind: "updated" });
  });

  it("another group's room hears nothing of it", async () => {
    const [mine, other] = [await groupWith("public", [alice]), await groupWith("public", [alice, carol])];
    const outside = await listening(carol, other);
    let heard = 0;
    outside.on("group:feed", () => heard++);
    const inside = await listening(alice, mine);
    const arrived = nextEvent(inside, "group:feed");
    await write(lead, mine, "Welcome, everyone");
    await arrived;
    expect(heard).toBe(0);
  });
});

describe("who may listen", () => {
  it("the people in the group and admins may; outsiders of every kind of group are refused, a hidden group like one that does not exist", async () => {
    const groups = {
      public: await groupWith("public", [alice]),
      private: await groupWith("private", [alice]),
      hidden: await groupWith("hidden", [alice]),
    };
    // Carol asked to join the private group and waits; she is in none of them.
    expect((await carol.post(`/api/groups/${groups.private.slug}/join`, { note: "May I?" })).body.membership).toBe("requested");
    const carolSocket = await socketFor(carol);
    const unknown = await join(carolSocket, "group:00000000-0000-7000-8000-000000000000");
    expect(unknown).toMatchObject({ ok: false, problem: { status: 403, type: "forbidden" } });

    for (const [visibility, group] of Object.entries(groups)) {
      for (const person of [alice, lead, admin]) expect(await join(await socketFor(person), `group:${group.id}`), `${person.pseudonym} → ${visibility}`).toMatchObject({ ok: true });
      for (const person of [carol, bob, mod]) {
        const ack = await join(await socketFor(person), `group:${group.id}`);
        expect(ack, `${person.pseudonym} → ${visibility}`).toEqual(unknown);
      }
    }
  });

  it("someone who leaves, or is removed, stops hearing the feed at once, on every open page", async () => {
    const group = await groupWith("public", [alice, bob, carol]);
    const [bobSocket, carolSocket, aliceSocket] = [await listening(bob, group), await listening(carol, group), await listening(alice, group)];
    let heard = 0;
    for (const s of [bobSocket, carolSocket]) s.on("group:feed", () => heard++);
    expect((await bob.post(`/api/groups/${group.slug}/leave`)).status).toBe(204);
    const carolRow = (await lead.get(`/api/groups/${group.slug}/members`)).body.items.find((m: { pseudonym: string }) => m.pseudonym === carol.pseudonym);
    expect((await lead.delete(`/api/groups/${group.slug}/members/${carolRow.userId}`)).status).toBe(204);
    const arrived = nextEvent(aliceSocket, "group:feed");
    await write(alice, group, "Still here for each other");
    await arrived;
    await new Promise((r) => setTimeout(r, 100));
    expect(heard).toBe(0);
  });

  it("a refused socket hears nothing of the group's posts", async () => {
    const group = await groupWith("private", [alice]);
    const s = await socketFor(bob);
    expect(await join(s, `group:${group.id}`)).toMatchObject({ ok: false });
    let heard = 0;
    s.on("group:feed", () => heard++);
    const inside = await listening(alice, group);
    const arrived = nextEvent(inside, "group:feed");
    await write(alice, group, "Only for the circle");
    await arrived;
    expect(heard).toBe(0);
  });
});
