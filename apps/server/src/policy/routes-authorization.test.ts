// Every account and admin route, called by every role: refused ones get 401/403 problem+json.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, member, Person, staff, type TestApp } from "../testing/harness.js";

let t: TestApp;
const people: Record<string, Person> = {};
let target: Person;
let targetNotificationId = "";

beforeAll(async () => {
  t = await createTestApp();
  target = await member(t.app, "TargetPerson");
  people.visitor = new Person(t.app);
  people.member = await member(t.app, "PlainMember");
  people.specialist = await staff(t.app, ["specialist"], { pseudonym: "SpecPerson" });
  people.facilitator = await staff(t.app, ["facilitator"], { pseudonym: "FacPerson" });
  people.moderator = await staff(t.app, ["moderator"], { pseudonym: "ModPerson" });
  people.admin = await staff(t.app, ["admin"], { pseudonym: "AdminPerson" });
  people["admin-without-2fa"] = await staff(t.app, ["admin"], { pseudonym: "AdminNo2fa", twoFactor: false });
  // A pending person: approval mode for one sign-up.
  await people.admin.patch("/api/admin/settings", { registrationMode: "approval" });
  people.pending = new Person(t.app, "PendingPerson");
  await people.pending.signUp();
  await people.admin.patch("/api/admin/settings", { registrationMode: "open" });
  const [note] = await t.app.kindred.notifier.notify({ userId: target.id, kind: "account.approved" });
  targetNotificationId = note!.row.id;
}, 120_000);
afterAll(() => t.close());

type Call = { name: string; call: (p: Person) => ReturnType<Person["get"]>; allowed: string[] };

const ALL = ["visitor", "pending", "member", "specialist", "facilitator", "moderator", "admin", "admin-without-2fa"];
const SIGNED_IN = ALL.filter((w) => w !== "visitor");
const ACTIVE = SIGNED_IN.filter((w) => w !== "pending");

const calls: Call[] = [
  { name: "GET /api/config", call: (p) => p.get("/api/config"), allowed: ALL },
  { name: "GET /api/crisis-lines", call: (p) => p.get("/api/crisis-lines?country=GB"), allowed: ALL },
  { name: "GET /api/me", call: (p) => p.get("/api/me"), allowed: SIGNED_IN },
  { name: "GET /api/me/profile", call: (p) => p.get("/api/me/profile"), allowed: SIGNED_IN },
  { name: "PATCH /api/me/profile", call: (p) => p.patch("/api/me/profile", { pronouns: "they/them" }), allowed: SIGNED_IN },
  { name: "GET /api/members/:pseudonym", call: (p) => p.get("/api/members/TargetPerson"), allowed: ACTIVE },
  { name: "GET /api/me/blocks", call: (p) => p.get("/api/me/blocks"), allowed: ACTIVE },
  { name: "POST /api/me/blocks", call: (p) => p.post("/api/me/blocks", { pseudonym: "TargetPerson" }), allowed: ACTIVE },
  { name: "DELETE /api/me/blocks/:pseudonym", call: (p) => p.delete("/api/me/blocks/TargetPerson"), allowed: ACTIVE },
  { name: "GET /api/me/notifications", call: (p) => p.get("/api/me/notifications"), allowed: ACTIVE },
  { name: "GET /api/me/notifications/unread-count", call: (p) => p.get("/api/me/notifications/unread-count"), allowed: ACTIVE },
  { name: "POST /api/me/notifications/read-all", call: (p) => p.post("/api/me/notifications/read-all"), allowed: ACTIVE },
  // Someone else's notification: nobody but its owner may touch it, admins included.
  { name: "POST /api/me/notifications/:id/read", call: (p) => p.post(`/api/me/notifications/${targetNotificationId}/read`), allowed: [] },
  { name: "GET /api/me/notification-preferences", call: (p) => p.get("/api/me/notification-preferences"), allowed: ACTIVE },
  {
    name: "PATCH /api/me/notification-preferences",
    call: (p) => p.patch("/api/me/notification-preferences", { digest: "daily" }),
    allowed: ACTIVE,
  },
  { name: "GET /api/admin/users", call: (p) => p.get("/api/admin/users"), allowed: ["admin"] },
  { name: "POST /api/admin/users/:id/approve", call: (p) => p.post(`/api/admin/users/${target.id}/approve`), allowed: ["admin"] },
  {
    name: "POST /api/admin/users/:id/roles",
    call: (p) => p.post(`/api/admin/users/${target.id}/roles`, { role: "facilitator" }),
    allowed: ["admin"],
  },
  { name: "DELETE /api/admin/users/:id/roles/:role", call: (p) => p.delete(`/api/admin/users/${target.id}/roles/facilitator`), allowed: ["admin"] },
  { name: "PATCH /api/admin/settings", call: (p) => p.patch("/api/admin/settings", { name: "Kindred Community" }), allowed: ["admin"] },
  { name: "GET /api/admin/invites", call: (p) => p.get("/api/admin/invites"), allowed: ["admin"] },
  { name: "POST /api/admin/invites", call: (p) => p.post("/api/admin/invites", { maxUses: 2 }), allowed: ["admin"] },
  {
    name: "POST /api/admin/crisis-lines",
    call: (p) => p.post("/api/admin/crisis-lines", { country: "NZ", name: "Test line", kind: "call", contact: "1737" }),
    allowed: ["admin"],
  },
  {
    name: "PUT /api/admin/crisis-lines/:id",
    call: (p) => p.put("/api/admin/crisis-lines/1", { country: "US", name: "988 Suicide & Crisis Lifeline", kind: "call", contact: "988" }),
    allowed: ["admin"],
  },
  { name: "DELETE /api/admin/crisis-lines/:id", call: (p) => p.delete("/api/admin/crisis-lines/999999"), allowed: ["admin"] },
];

describe.each(calls)("$name", ({ call, allowed }) => {
  it.each(ALL)("%s", async (who) => {
    const res = await call(people[who]!);
    if (allowed.includes(who)) {
      expect([401, 403], `${who} should be allowed`).not.toContain(res.status);
      expect(res.status).toBeLessThan(500);
    } else {
      expect(res.status).toBe(who === "visitor" ? 401 : 403);
      expect(String(res.headers["content-type"])).toContain("application/problem+json");
      if (who === "admin-without-2fa" && allowed.includes("admin")) expect(res.body.type).toMatch(/two-factor-required$/);
    }
  });
});

it("nobody but its owner marked the notification read", async () => {
  const own = await target.get("/api/me/notifications");
  expect(own.body.items.find((n: { id: string }) => n.id === targetNotificationId).readAt).toBeNull();
});

it("refused admin writes changed nothing", async () => {
  const view = await people.admin!.get("/api/admin/users?q=targetperson");
  expect(view.body.items[0].roles).toEqual(["member"]);
  const lines = await people.admin!.get("/api/crisis-lines?country=NZ");
  expect(lines.body.lines.filter((l: { name: string }) => l.name === "Test line")).toHaveLength(1);
});
