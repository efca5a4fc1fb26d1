// Every account and admin route, called by every role: refused ones get 401/403 problem+json.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, member, Person, staff, type TestApp } from "../testing/harness.js";

let t: TestApp;
const people: Record<string, Person> = {};
let target: Person;
let targetNotificationId = "";
const forum = { members: "", lounge: "", topic: "", post: "" };
const safety = { alert: "", shift: "", swapShift: "", swap: "", conversation: "" };

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
  // The forum: a category for every member, one for specialists only, and a topic by the target person.
  const createCategory = (body: object) => people.admin!.post("/api/forums/categories", body);
  forum.members = (await createCategory({ slug: "everyone", name: "Everyone" })).body.id;
  forum.lounge = (await createCategory({ slug: "lounge", name: "Lounge", audience: "role", role: "specialist" })).body.id;
  const started = await target.post("/api/forums/topics", { categoryId: forum.members, title: "A first topic", body: "Hello everyone" });
  forum.topic = started.body.topic.id;
  forum.post = started.body.post.id;
  // Safety: an alert from the target person, a shift and a swap, and a conversation nobody else is in.
  safety.alert = (await target.post("/api/safety/talk", {})).body.alertId;
  const shift = { userId: people.specialist!.id, role: "primary", weekday: 1, startTime: "09:00", endTime: "17:00" };
  safety.shift = (await people.admin!.post("/api/safety/rota/shifts", shift)).body.id;
  safety.swapShift = (await people.admin!.post("/api/safety/rota/shifts", shift)).body.id;
  safety.swap = (await people.admin!.post("/api/safety/rota/swaps", { shiftId: safety.swapShift, onDate: "2030-01-07", coverUserId: people.moderator!.id })).body.id;
  const other = await member(t.app, "OtherPerson");
  safety.conversation = (await target.post("/api/conversations", { userId: other.id })).body.id;
}, 120_000);
// Moderation: a flagged post by the target person (its review item), a watched word, and a
// private message between the target and someone none of the callers is.
const moderation = { item: "", word: "", message: "" };
beforeAll(async () => {
  const flagger = await member(t.app, "FlaggingPerson");
  await flagger.post(`/api/forums/posts/${forum.post}/flags`, { reason: "spam" });
  const queue = await people.moderator!.get("/api/moderation/queue");
  moderation.item = queue.body.items.find((i: { target: { id: string } }) => i.target.id === forum.post).id;
  moderation.word = (await people.admin!.post("/api/moderation/watched-words", { phrase: "authorization test", action: "flag" })).body.id;
  const peer = await member(t.app, "MessagePeer");
  const conversation = (await target.post("/api/conversations", { userId: peer.id })).body.id;
  moderation.message = (await target.post(`/api/conversations/${conversation}/messages`, { body: "Hello" })).body.message.id;
}, 60_000);
// Groups: a public and a private group led by someone none of the callers is (the facilitator
// role leads only one's own groups), one more public group to join and leave, two waiting
// requests, a member to remove and one to promote, and two posts by the group's facilitator.
// Hidden groups answer 404 to outsiders, never 401/403: groups.test.ts checks them.
const groups = { open: "", closed: "", dropIn: "", post: "", doomedPost: "", asker1: "", asker2: "", leaving: "", rising: "" };
let groupLead: Person;
beforeAll(async () => {
  groupLead = await staff(t.app, ["facilitator"], { pseudonym: "GroupLead" });
  const start = async (name: string, visibility: string) => (await groupLead.post("/api/groups", { name, visibility })).body.slug as string;
  groups.open = await start("Open circle", "public");
  groups.closed = await start("Closed circle", "private");
  groups.dropIn = await start("Drop-in circle", "public");
  const [asker1, asker2, leaving, rising] = [
    await member(t.app, "GroupAsker1"),
    await member(t.app, "GroupAsker2"),
    await member(t.app, "GroupLeaving"),
    await member(t.app, "GroupRising"),
  ];
  for (const p of [asker1!, asker2!]) await p.post(`/api/groups/${groups.closed}/join`, {});
  for (const p of [leaving!, rising!]) await p.post(`/api/groups/${groups.open}/join`, {});
  Object.assign(groups, { asker1: asker1!.id, asker2: asker2!.id, leaving: leaving!.id, rising: rising!.id });
  groups.post = (await groupLead.post(`/api/groups/${groups.open}/posts`, { body: "Welcome, everyone." })).body.post.id;
  groups.doomedPost = (await groupLead.post(`/api/groups/${groups.open}/posts`, { body: "To be removed." })).body.post.id;
}, 60_000);
// Meetings: an organization meeting (any facilitator or admin may change it), one to delete, and a
// meeting of the private group above, all led by people none of the callers is.
const meetings = { org: "", closed: "", occurrence: "" };
let meetingLead: Person;
const meetingBody = (name: string, extra: object = {}) => ({
    name, mode: "online", conferenceUrl: "https://meet.example.org/auth", timezone: "America/Chicago", startsOn: "2026-01-05",
    startTime: "19:00", endTime: "20:00", rrule: "FREQ=DAILY", ...extra,
});
beforeAll(async () => {
  const lead = (meetingLead = await staff(t.app, ["facilitator"], { pseudonym: "MeetingLead" }));
  const body = meetingBody;
  const org = (await lead.post("/api/meetings", body("Authorization meeting"))).body;
  meetings.org = org.slug;
  meetings.occurrence = org.next[3].original;
  const closedGroup = (await groupLead.get(`/api/groups/${groups.closed}`)).body;
  meetings.closed = (await groupLead.post("/api/meetings", body("Closed circle meeting", { groupId: closedGroup.id }))).body.slug;
}, 60_000);
afterAll(() => t.close());

type Call = { name: string; call: (p: Person) => ReturnType<Person["get"]>; allowed: string[] };

const ALL = ["visitor", "pending", "member", "specialist", "facilitator", "moderator", "admin", "admin-without-2fa"];
const SIGNED_IN = ALL.filter((w) => w !== "visitor");
const ACTIVE = SIGNED_IN.filter((w) => w !== "pending");

const STAFF_ONLY = ["moderator", "admin"];
const LOUNGE = ["specialist", ...STAFF_ONLY];
const ON_CALL_TEAM = ["specialist", "moderator", "admin"];

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
  { name: "POST /api/admin/users/:id/reactivate", call: (p) => p.post(`/api/admin/users/${target.id}/reactivate`), allowed: ["admin"] },
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
  // Forums: reading and writing for active members, role-only categories for their role and staff,
  // someone else's post for nobody but its author, moderation for staff.
  { name: "GET /api/forums/categories", call: (p) => p.get("/api/forums/categories"), allowed: ACTIVE },
  { name: "POST /api/forums/categories", call: (p) => p.post("/api/forums/categories", { slug: `c-${Math.random().toString(36).slice(2, 8)}`, name: "New" }), allowed: ["admin"] },
  { name: "PATCH /api/forums/categories/:id", call: (p) => p.patch(`/api/forums/categories/${forum.members}`, { description: "For all" }), allowed: ["admin"] },
  { name: "PUT /api/forums/categories/:id/watch", call: (p) => p.put(`/api/forums/categories/${forum.members}/watch`, undefined), allowed: ACTIVE },
  { name: "PUT /api/forums/categories/:id/watch (role-only)", call: (p) => p.put(`/api/forums/categories/${forum.lounge}/watch`, undefined), allowed: LOUNGE },
  { name: "DELETE /api/forums/categories/:id/watch", call: (p) => p.delete(`/api/forums/categories/${forum.members}/watch`), allowed: ACTIVE },
  { name: "GET /api/forums/topics", call: (p) => p.get("/api/forums/topics"), allowed: ACTIVE },
  { name: "GET /api/forums/topics?category= (role-only)", call: (p) => p.get("/api/forums/topics?category=lounge"), allowed: LOUNGE },
  { name: "POST /api/forums/topics", call: (p) => p.post("/api/forums/topics", { categoryId: forum.members, title: "Checking in", body: "Today was fine." }), allowed: ACTIVE },
  { name: "POST /api/forums/topics (role-only)", call: (p) => p.post("/api/forums/topics", { categoryId: forum.lounge, title: "Supervision", body: "A question." }), allowed: LOUNGE },
  { name: "GET /api/forums/topics/:id", call: (p) => p.get(`/api/forums/topics/${forum.topic}`), allowed: ACTIVE },
  { name: "PATCH /api/forums/topics/:id", call: (p) => p.patch(`/api/forums/topics/${forum.topic}`, { pinned: true }), allowed: STAFF_ONLY },
  { name: "POST /api/forums/topics/:id/posts", call: (p) => p.post(`/api/forums/topics/${forum.topic}/posts`, { body: "Welcome!" }), allowed: ACTIVE },
  { name: "POST /api/forums/topics/:id/read", call: (p) => p.post(`/api/forums/topics/${forum.topic}/read`, { lastReadNumber: 1 }), allowed: ACTIVE },
  { name: "PUT /api/forums/topics/:id/watch", call: (p) => p.put(`/api/forums/topics/${forum.topic}/watch`, undefined), allowed: ACTIVE },
  { name: "DELETE /api/forums/topics/:id/watch", call: (p) => p.delete(`/api/forums/topics/${forum.topic}/watch`), allowed: ACTIVE },
  { name: "PATCH /api/forums/posts/:id (someone else's)", call: (p) => p.patch(`/api/forums/posts/${forum.post}`, { body: "Changed" }), allowed: [] },
  { name: "DELETE /api/forums/posts/:id (someone else's)", call: (p) => p.delete(`/api/forums/posts/${forum.post}`), allowed: [] },
  { name: "PUT /api/forums/posts/:id/reactions/:kind", call: (p) => p.put(`/api/forums/posts/${forum.post}/reactions/strength`, undefined), allowed: ACTIVE },
  { name: "DELETE /api/forums/posts/:id/reactions/:kind", call: (p) => p.delete(`/api/forums/posts/${forum.post}/reactions/strength`), allowed: ACTIVE },
  { name: "POST /api/forums/posts/:id/flags", call: (p) => p.post(`/api/forums/posts/${forum.post}/flags`, { reason: "spam" }), allowed: ACTIVE },
  { name: "POST /api/forums/posts/:id/hide", call: (p) => p.post(`/api/forums/posts/${forum.post}/hide`, { reason: "Testing" }), allowed: STAFF_ONLY },
  { name: "POST /api/forums/posts/:id/restore", call: (p) => p.post(`/api/forums/posts/${forum.post}/restore`), allowed: STAFF_ONLY },
  { name: "GET /api/forums/posts/:id/revisions", call: (p) => p.get(`/api/forums/posts/${forum.post}/revisions`), allowed: STAFF_ONLY },
  { name: "GET /api/forums/posts/:id/author", call: (p) => p.get(`/api/forums/posts/${forum.post}/author`), allowed: STAFF_ONLY },
  { name: "GET /api/forums/search", call: (p) => p.get("/api/forums/search?q=hello"), allowed: ACTIVE },
  { name: "GET /api/forums/preferences", call: (p) => p.get("/api/forums/preferences"), allowed: ACTIVE },
  { name: "PUT /api/forums/preferences", call: (p) => p.put("/api/forums/preferences", { collapseWarnings: ["relapse"] }), allowed: ACTIVE },
  // Moderation: the queue and its actions for staff, watched words for admins, reports and mutes for active members.
  { name: "GET /api/moderation/queue", call: (p) => p.get("/api/moderation/queue"), allowed: STAFF_ONLY },
  { name: "GET /api/moderation/items/:id", call: (p) => p.get(`/api/moderation/items/${moderation.item}`), allowed: STAFF_ONLY },
  {
    name: "POST /api/moderation/items/:id/actions",
    call: (p) => p.post(`/api/moderation/items/${moderation.item}/actions`, { action: "dismiss", reason: "Checking who may" }),
    allowed: STAFF_ONLY,
  },
  { name: "DELETE /api/moderation/silences/:userId", call: (p) => p.delete(`/api/moderation/silences/${target.id}`), allowed: STAFF_ONLY },
  {
    name: "POST /api/moderation/flags (a forum post)",
    call: (p) => p.post("/api/moderation/flags", { targetKind: "forum_post", targetId: forum.post, reason: "other" }),
    allowed: ACTIVE,
  },
  // A private message between two other people: nobody else may report it, staff included.
  {
    name: "POST /api/moderation/flags (someone else's message)",
    call: (p) => p.post("/api/moderation/flags", { targetKind: "conversation_message", targetId: moderation.message, reason: "spam" }),
    allowed: [],
  },
  { name: "GET /api/moderation/watched-words", call: (p) => p.get("/api/moderation/watched-words"), allowed: ["admin"] },
  {
    name: "POST /api/moderation/watched-words",
    call: (p) => p.post("/api/moderation/watched-words", { phrase: `word ${Math.random().toString(36).slice(2, 8).replace(/\d/g, "x")}`, action: "flag" }),
    allowed: ["admin"],
  },
  { name: "PATCH /api/moderation/watched-words/:id", call: (p) => p.patch(`/api/moderation/watched-words/${moderation.word}`, { action: "flag" }), allowed: ["admin"] },
  { name: "DELETE /api/moderation/watched-words/:id", call: (p) => p.delete(`/api/moderation/watched-words/${moderation.word}`), allowed: ["admin"] },
  { name: "GET /api/me/mutes", call: (p) => p.get("/api/me/mutes"), allowed: ACTIVE },
  { name: "POST /api/me/mutes", call: (p) => p.post("/api/me/mutes", { pseudonym: "TargetPerson" }), allowed: ACTIVE },
  { name: "DELETE /api/me/mutes/:pseudonym", call: (p) => p.delete("/api/me/mutes/TargetPerson"), allowed: ACTIVE },
  { name: "GET /api/admin/settings", call: (p) => p.get("/api/admin/settings"), allowed: ["admin"] },
  // Asking for help is refused to nobody who can sign in, not even a person awaiting approval.
  { name: "POST /api/safety/talk", call: (p) => p.post("/api/safety/talk", {}), allowed: SIGNED_IN },
  { name: "GET /api/safety/alerts", call: (p) => p.get("/api/safety/alerts"), allowed: ON_CALL_TEAM },
  { name: "POST /api/safety/alerts/:id/acknowledge", call: (p) => p.post(`/api/safety/alerts/${safety.alert}/acknowledge`), allowed: ON_CALL_TEAM },
  { name: "POST /api/safety/alerts/:id/resolve", call: (p) => p.post(`/api/safety/alerts/${safety.alert}/resolve`, { outcome: "no_risk" }), allowed: ON_CALL_TEAM },
  { name: "POST /api/safety/alerts/:id/reach-out", call: (p) => p.post(`/api/safety/alerts/${safety.alert}/reach-out`), allowed: ON_CALL_TEAM },
  { name: "GET /api/safety/rota", call: (p) => p.get("/api/safety/rota"), allowed: ON_CALL_TEAM },
  {
    name: "POST /api/safety/rota/shifts",
    call: (p) => p.post("/api/safety/rota/shifts", { userId: people.specialist!.id, role: "backup", weekday: 2, startTime: "20:00", endTime: "08:00" }),
    allowed: ["admin"],
  },
  { name: "DELETE /api/safety/rota/shifts/:id", call: (p) => p.delete(`/api/safety/rota/shifts/${safety.shift}`), allowed: ["admin"] },
  {
    name: "POST /api/safety/rota/swaps",
    call: (p) => p.post("/api/safety/rota/swaps", { shiftId: safety.swapShift, onDate: "2030-01-14", coverUserId: people.moderator!.id }),
    allowed: ["admin"],
  },
  { name: "DELETE /api/safety/rota/swaps/:id", call: (p) => p.delete(`/api/safety/rota/swaps/${safety.swap}`), allowed: ["admin"] },
  { name: "GET /api/conversations", call: (p) => p.get("/api/conversations"), allowed: ACTIVE },
  { name: "POST /api/conversations", call: (p) => p.post("/api/conversations", { userId: target.id }), allowed: ACTIVE },
  // Someone else's conversation: nobody but its two people, admins included.
  { name: "GET /api/conversations/:id (someone else's)", call: (p) => p.get(`/api/conversations/${safety.conversation}`), allowed: [] },
  { name: "POST /api/conversations/:id/messages (someone else's)", call: (p) => p.post(`/api/conversations/${safety.conversation}/messages`, { body: "Hello" }), allowed: [] },
  // Groups: public ones for everyone to read, private ones for active members; changing a group, its
  // members and its feed for the group's own facilitators (none of the callers) and admins. Posting
  // and reacting are for the people in the group only: an admin oversees but does not post.
  { name: "GET /api/groups", call: (p) => p.get("/api/groups"), allowed: ALL },
  { name: "POST /api/groups", call: (p) => p.post("/api/groups", { name: "Authorization circle", visibility: "public" }), allowed: ["facilitator", "admin"] },
  { name: "GET /api/groups/:slug (public)", call: (p) => p.get(`/api/groups/${groups.open}`), allowed: ALL },
  { name: "GET /api/groups/:slug (private)", call: (p) => p.get(`/api/groups/${groups.closed}`), allowed: ACTIVE },
  { name: "PATCH /api/groups/:slug", call: (p) => p.patch(`/api/groups/${groups.open}`, { description: "Open to all" }), allowed: ["admin"] },
  { name: "POST /api/groups/:slug/join (public)", call: (p) => p.post(`/api/groups/${groups.dropIn}/join`, {}), allowed: ACTIVE },
  // Everyone who joined the drop-in group just above leaves it again.
  { name: "POST /api/groups/:slug/leave", call: (p) => p.post(`/api/groups/${groups.dropIn}/leave`), allowed: ACTIVE },
  { name: "POST /api/groups/:slug/join (private: a request)", call: (p) => p.post(`/api/groups/${groups.closed}/join`, { note: "Hello" }), allowed: ACTIVE },
  { name: "GET /api/groups/:slug/members", call: (p) => p.get(`/api/groups/${groups.open}/members`), allowed: ["admin"] },
  {
    name: "POST /api/groups/:slug/requests/:userId/approve",
    call: (p) => p.post(`/api/groups/${groups.closed}/requests/${groups.asker1}/approve`),
    allowed: ["admin"],
  },
  {
    name: "POST /api/groups/:slug/requests/:userId/decline",
    call: (p) => p.post(`/api/groups/${groups.closed}/requests/${groups.asker2}/decline`),
    allowed: ["admin"],
  },
  { name: "POST /api/groups/:slug/invitations", call: (p) => p.post(`/api/groups/${groups.closed}/invitations`, { pseudonym: "TargetPerson" }), allowed: ["admin"] },
  { name: "DELETE /api/groups/:slug/members/:userId", call: (p) => p.delete(`/api/groups/${groups.open}/members/${groups.leaving}`), allowed: ["admin"] },
  {
    name: "PUT /api/groups/:slug/members/:userId/role",
    call: (p) => p.put(`/api/groups/${groups.open}/members/${groups.rising}/role`, { role: "facilitator" }),
    allowed: ["admin"],
  },
  { name: "GET /api/groups/:slug/posts", call: (p) => p.get(`/api/groups/${groups.open}/posts`), allowed: ["admin"] },
  { name: "POST /api/groups/:slug/posts", call: (p) => p.post(`/api/groups/${groups.open}/posts`, { body: "Hello, group." }), allowed: [] },
  {
    name: "POST /api/groups/:slug/posts (announcement)",
    call: (p) => p.post(`/api/groups/${groups.open}/posts`, { body: "Listen, everyone.", announcement: true }),
    allowed: [],
  },
  { name: "PUT /api/groups/:slug/posts/:postId/reactions/:kind", call: (p) => p.put(`/api/groups/${groups.open}/posts/${groups.post}/reactions/strength`, undefined), allowed: [] },
  { name: "DELETE /api/groups/:slug/posts/:postId/reactions/:kind", call: (p) => p.delete(`/api/groups/${groups.open}/posts/${groups.post}/reactions/strength`), allowed: [] },
  { name: "DELETE /api/groups/:slug/posts/:postId", call: (p) => p.delete(`/api/groups/${groups.open}/posts/${groups.doomedPost}`), allowed: ["admin"] },
  // Meetings: the directory, the feed and public meetings for everyone; the private group's
  // meetings for active members (their join details only for the people inside: visibility.test.ts).
  { name: "GET /api/meetings", call: (p) => p.get("/api/meetings"), allowed: ALL },
  { name: "GET /api/meetings/feed.json", call: (p) => p.get("/api/meetings/feed.json"), allowed: ALL },
  { name: "POST /api/meetings", call: (p) => p.post("/api/meetings", { name: "Created in the table", mode: "kindred", timezone: "Europe/London", startsOn: "2026-01-05", startTime: "10:00", endTime: "11:00", rrule: "FREQ=WEEKLY" }), allowed: ["facilitator", "admin"] },
  { name: "GET /api/meetings/:slug (public)", call: (p) => p.get(`/api/meetings/${meetings.org}`), allowed: ALL },
  { name: "GET /api/meetings/:slug (private group)", call: (p) => p.get(`/api/meetings/${meetings.closed}`), allowed: ACTIVE },
  { name: "PATCH /api/meetings/:slug", call: (p) => p.patch(`/api/meetings/${meetings.org}`, { description: "Changed by the table" }), allowed: ["facilitator", "admin"] },
  { name: "PATCH /api/meetings/:slug (private group)", call: (p) => p.patch(`/api/meetings/${meetings.closed}`, { description: "Changed by the table" }), allowed: ["admin"] },
  { name: "PUT /api/meetings/:slug/exceptions", call: (p) => p.put(`/api/meetings/${meetings.org}/exceptions`, { occurrence: meetings.occurrence, action: "cancel" }), allowed: ["facilitator", "admin"] },
  { name: "DELETE /api/meetings/:slug/exceptions/:occurrence", call: (p) => p.delete(`/api/meetings/${meetings.org}/exceptions/${meetings.occurrence}`), allowed: ["facilitator", "admin"] },
  { name: "PUT /api/meetings/:slug/attending", call: (p) => p.put(`/api/meetings/${meetings.org}/attending`, {}), allowed: ACTIVE },
  { name: "DELETE /api/meetings/:slug/attending", call: (p) => p.delete(`/api/meetings/${meetings.org}/attending`), allowed: ACTIVE },
  { name: "PUT /api/meetings/:slug/attending (private group)", call: (p) => p.put(`/api/meetings/${meetings.closed}/attending`, {}), allowed: ["admin"] },
  { name: "GET /api/meetings/mine", call: (p) => p.get("/api/meetings/mine"), allowed: ACTIVE },
  { name: "POST /api/meetings/mine/calendar-link", call: (p) => p.post("/api/meetings/mine/calendar-link"), allowed: ACTIVE },
  { name: "DELETE /api/meetings/mine/calendar-link", call: (p) => p.delete("/api/meetings/mine/calendar-link"), allowed: ACTIVE },
  { name: "GET /api/meetings/:slug/calendar.ics", call: (p) => p.get(`/api/meetings/${meetings.org}/calendar.ics`), allowed: ALL },
  { name: "GET /api/groups/:slug/calendar.ics (private)", call: (p) => p.get(`/api/groups/${groups.closed}/calendar.ics`), allowed: ACTIVE },
  {
    // A meeting of its own for each caller, so that one deletion does not turn the next call into a 404.
    name: "DELETE /api/meetings/:slug",
    call: async (p) => p.delete(`/api/meetings/${(await meetingLead.post("/api/meetings", meetingBody("Doomed meeting"))).body.slug}`),
    allowed: ["facilitator", "admin"],
  },
  { name: "POST /api/admin/meetings/import", call: (p) => p.post("/api/admin/meetings/import", { feed: [], dryRun: true }), allowed: ["admin"] },
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

it("nobody outside a conversation wrote into it", async () => {
  const page = await target.get(`/api/conversations/${safety.conversation}`);
  expect(page.body.items).toHaveLength(0);
});

it("nobody outside a group posted or reacted in it; only the admin's membership changes happened", async () => {
  const feed = await groupLead.get(`/api/groups/${groups.open}/posts`);
  expect(feed.body.items).toEqual([expect.objectContaining({ id: groups.post, reactions: {}, announcement: false })]);
  const states = async (slug: string) =>
    Object.fromEntries(((await groupLead.get(`/api/groups/${slug}/members`)).body.items as { userId: string; state: string }[]).map((m) => [m.userId, m.state]));
  const open = await states(groups.open);
  expect(open[groups.leaving]).toBeUndefined();
  expect(open[groups.rising]).toBe("facilitator");
  expect(Object.values(open).sort()).toEqual(["facilitator", "facilitator"]);
  const closed = await states(groups.closed);
  expect(closed[groups.asker1]).toBe("member");
  expect(closed[groups.asker2]).toBeUndefined();
  expect(closed[target.id]).toBe("invited");
  expect((await states(groups.dropIn)) as Record<string, string>).toEqual({ [groupLead.id]: "facilitator" });
});

it("refused admin writes changed nothing", async () => {
  const view = await people.admin!.get("/api/admin/users?q=targetperson");
  expect(view.body.items[0].roles).toEqual(["member"]);
  const post = (await target.get(`/api/forums/topics/${forum.topic}`)).body.posts[0];
  expect(post.markdown).toBe("Hello everyone");
  expect(post.state).toBe("visible");
  const lines = await people.admin!.get("/api/crisis-lines?country=NZ");
  expect(lines.body.lines.filter((l: { name: string }) => l.name === "Test line")).toHaveLength(1);
});

it("refused meeting writes changed nothing", async () => {
  // Only the admin could add the private group's meeting to their meetings.
  expect((await groupLead.get(`/api/meetings/${meetings.closed}`)).body.attending).toBe(1);
  const names = ((await people.admin!.get("/api/meetings/feed.json")).body as { name: string }[]).map((e) => e.name);
  expect(names.filter((n) => n === "Created in the table")).toHaveLength(2);
  // Two callers were allowed to delete theirs; six doomed meetings remain.
  expect(names.filter((n) => n === "Doomed meeting")).toHaveLength(6);
});
