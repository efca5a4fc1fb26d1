// Hidden groups and their meetings never leak: not through the group list or
// its search, the directory or its search and filters, the Meeting Guide feed,
// any calendar, or an error that would admit they exist. Every answer to an
// outsider is searched for the hidden names. Private groups are listed to
// members, but their join details stay with the people inside.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, member, Person, staff, type TestApp } from "../../testing/harness.js";
import { meetingBody, uniqueSlug } from "./test-helpers.js";

let t: TestApp;
const word = uniqueSlug("zephyrine");
const hiddenName = `Hidden circle ${word}`;
const hiddenMeetingName = `Hidden meeting ${word}`;
const secretUrl = `https://meet.example.org/${word}-room`;
let hidden: { id: string; slug: string };
let hiddenMeeting: { slug: string };
let privateGroup: { id: string; slug: string };
let privateMeeting: { slug: string };
const viewers: Record<string, Person> = {};

beforeAll(async () => {
  t = await createTestApp();
  const lead = await staff(t.app, ["facilitator"]);
  hidden = (await lead.post("/api/groups", { name: hiddenName, description: `About ${word}`, visibility: "hidden" })).body;
  hiddenMeeting = (await lead.post("/api/meetings", meetingBody({ name: hiddenMeetingName, groupId: hidden.id, conferenceUrl: secretUrl, rrule: "FREQ=DAILY" }))).body;
  privateGroup = (await lead.post("/api/groups", { name: `Private ${word.slice(0, 4)}`, visibility: "private" })).body;
  privateMeeting = (await lead.post("/api/meetings", meetingBody({ name: "Private group meeting", groupId: privateGroup.id, conferenceUrl: "https://meet.example.org/private-only", rrule: "FREQ=DAILY" }))).body;

  viewers.visitor = new Person(t.app);
  viewers.outsider = await member(t.app);
  viewers.otherFacilitator = await staff(t.app, ["facilitator"]);
  viewers.moderator = await staff(t.app, ["moderator"]);
  viewers.specialist = await staff(t.app, ["specialist"]);
  viewers.invited = await member(t.app);
  viewers.member = await member(t.app);
  viewers.admin = await staff(t.app, ["admin"]);
  viewers.lead = lead;
  await lead.post(`/api/groups/${hidden.slug}/invitations`, { pseudonym: viewers.invited.pseudonym });
  await lead.post(`/api/groups/${hidden.slug}/invitations`, { pseudonym: viewers.member.pseudonym });
  await viewers.member.post(`/api/groups/${hidden.slug}/join`, { note: "" });
});
afterAll(async () => t.close());

const OUTSIDERS = ["visitor", "outsider", "otherFacilitator", "moderator", "specialist"] as const;
const leaks = (raw: string) => raw.includes(word) || raw.includes(hidden.slug) || raw.includes(hiddenMeeting.slug) || raw.includes(secretUrl);

describe.each(OUTSIDERS)("to %s, a hidden group", (who) => {
  const p = () => viewers[who]!;

  it("is in no list and no search of groups", async () => {
    for (const url of ["/api/groups", `/api/groups?q=${word}`, "/api/groups?q=hidden", "/api/groups?mine=true"]) {
      const res = await p().get(url);
      expect([200, 401]).toContain(res.status);
      expect(leaks(res.raw), url).toBe(false);
    }
  });

  it("answers every address of the group and its meeting with the same 404 as a group that never existed", async () => {
    const ghost = await p().get("/api/groups/no-such-group-at-all");
    for (const url of [
      `/api/groups/${hidden.slug}`, `/api/groups/${hidden.slug}/calendar.ics`, `/api/meetings/${hiddenMeeting.slug}`, `/api/meetings/${hiddenMeeting.slug}/calendar.ics`,
    ]) {
      const res = await p().get(url);
      expect(res.status, url).toBe(404);
      // `instance` echoes the address the asker typed; everything else must say no more than for a group that never existed.
      const { instance: _i, detail, ...rest } = res.body;
      const { instance: _g, detail: ghostDetail, ...ghostRest } = ghost.body;
      expect(rest).toEqual(ghostRest);
      expect([ghostDetail, "This meeting does not exist."]).toContain(detail);
      expect(leaks(JSON.stringify(rest)), url).toBe(false);
    }
    if (who !== "visitor") {
      for (const url of [`/api/groups/${hidden.slug}/members`, `/api/groups/${hidden.slug}/posts`]) {
        expect((await p().get(url)).status, url).toBe(404);
      }
      const join = await p().post(`/api/groups/${hidden.slug}/join`, { note: "" });
      expect(join.status).toBe(404);
      const attend = await p().put(`/api/meetings/${hiddenMeeting.slug}/attending`, {});
      expect(attend.status).toBe(404);
    }
  });

  it("has no meeting in the directory, its search or its filters", async () => {
    for (const url of [
      "/api/meetings?limit=100", `/api/meetings?q=${word}`, `/api/meetings?group=${hidden.slug}`, "/api/meetings?days=14&limit=100&tz=Asia/Tokyo",
      "/api/meetings?type=O&limit=100", "/api/meetings?mode=online&limit=100",
    ]) {
      const res = await p().get(url);
      expect(res.status, url).toBe(200);
      expect(leaks(res.raw), url).toBe(false);
    }
  });
});

describe("the Meeting Guide feed", () => {
  it("never lists a hidden or private group's meetings, whoever asks", async () => {
    for (const p of Object.values(viewers)) {
      const res = await p.get("/api/meetings/feed.json");
      expect(leaks(res.raw)).toBe(false);
      expect(res.raw).not.toContain(privateMeeting.slug);
    }
  });
});

describe("people inside a hidden group", () => {
  it.each(["invited", "member", "lead", "admin"] as const)("%s sees it", async (who) => {
    const p = viewers[who]!;
    expect((await p.get("/api/groups")).raw).toContain(hiddenName);
    expect((await p.get(`/api/groups/${hidden.slug}`)).status).toBe(200);
    expect((await p.get(`/api/meetings/${hiddenMeeting.slug}`)).status).toBe(200);
  });

  it("gives the join link to members, not to the merely invited", async () => {
    expect((await viewers.member!.get(`/api/meetings/${hiddenMeeting.slug}`)).body.conferenceUrl).toBe(secretUrl);
    const invited = (await viewers.invited!.get(`/api/meetings/${hiddenMeeting.slug}`)).body;
    expect(invited).toMatchObject({ conferenceUrl: null, joinHint: "join_group", can: { join: false, addToMine: false } });
  });

  it("lists its meetings in a member's directory", async () => {
    expect((await viewers.member!.get(`/api/meetings?q=${word}`)).body.items.length).toBeGreaterThan(0);
  });
});

describe("a private group", () => {
  it("is listed to members but not to visitors, and keeps its join details for the people inside", async () => {
    expect((await viewers.visitor!.get("/api/groups")).raw).not.toContain(privateGroup.slug);
    expect((await viewers.visitor!.get(`/api/groups/${privateGroup.slug}`)).status).toBe(401);
    expect((await viewers.visitor!.get("/api/meetings?limit=100")).raw).not.toContain(privateMeeting.slug);
    expect((await viewers.visitor!.get(`/api/meetings/${privateMeeting.slug}`)).status).toBe(401);
    expect((await viewers.outsider!.get("/api/groups")).raw).toContain(privateGroup.slug);
    expect((await viewers.outsider!.get("/api/meetings?limit=100")).raw).toContain(privateMeeting.slug);
    const seen = (await viewers.outsider!.get(`/api/meetings/${privateMeeting.slug}`)).body;
    expect(seen).toMatchObject({ conferenceUrl: null, address: "", joinHint: "join_group", can: { join: false, addToMine: false } });
    expect(JSON.stringify(seen)).not.toContain("private-only");
    const refused = await viewers.outsider!.put(`/api/meetings/${privateMeeting.slug}/attending`, {});
    expect(refused.status).toBe(403);
    expect((await viewers.lead!.get(`/api/meetings/${privateMeeting.slug}`)).body.conferenceUrl).toBe("https://meet.example.org/private-only");
  });
});
