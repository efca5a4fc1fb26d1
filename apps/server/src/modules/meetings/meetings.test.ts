// Meetings through the real HTTP API: creating and changing them, every kind
// of bad input (each naming its field, nothing written), the directory in the
// viewer's time zone with its filters, exceptions, and "my meetings" with
// capacity.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, member, type Person, staff, type TestApp } from "../../testing/harness.js";
import { counts, hhmm, meetingBody, midDayZone, uniqueSlug } from "./test-helpers.js";

let t: TestApp;
let facilitator: Person;
let admin: Person;
let alice: Person;
let bob: Person;

const problemType = (body: { type?: string }) => body.type?.split("/").pop();

beforeAll(async () => {
  t = await createTestApp();
  facilitator = await staff(t.app, ["facilitator"]);
  admin = await staff(t.app, ["admin"]);
  alice = await member(t.app);
  bob = await member(t.app);
});
afterAll(async () => t.close());

describe("creating meetings", () => {
  it("creates an organization meeting with its schedule, and presents it", async () => {
    const res = await facilitator.post("/api/meetings", meetingBody({ name: "Monday and Thursday share", rrule: "FREQ=WEEKLY;BYDAY=MO,TH", capacity: 12 }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      slug: "monday-and-thursday-share", mode: "online", timezone: "America/Chicago", startTime: "19:00", endTime: "20:00",
      schedule: "every week on Monday, Thursday", group: null, capacity: 12, attending: 0, conferenceUrl: "https://meet.example.org/evening",
      facilitators: [{ id: facilitator.id, pseudonym: facilitator.pseudonym }], can: { edit: true, join: true, addToMine: true },
    });
    expect(res.body.next.length).toBeGreaterThanOrEqual(8);
    expect(new Date(res.body.next[0].start).getTime()).toBeGreaterThan(Date.now() - 3600_000);
  });

  it("names the same name's second meeting with a suffix, and keeps the slug when the name changes", async () => {
    const first = await facilitator.post("/api/meetings", meetingBody({ name: "Same name here" }));
    const second = await facilitator.post("/api/meetings", meetingBody({ name: "Same name here" }));
    expect([first.body.slug, second.body.slug]).toEqual(["same-name-here", "same-name-here-2"]);
    const renamed = await facilitator.patch(`/api/meetings/${first.body.slug}`, { name: "A new name entirely" });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ slug: "same-name-here", name: "A new name entirely" });
  });

  it("refuses members without a facilitator role, and visitors", async () => {
    const before = await counts(t.app);
    const refused = await alice.post("/api/meetings", meetingBody());
    expect(refused.status).toBe(403);
    const visitor = await (await import("../../testing/harness.js")).Person.prototype.request.call(
      Object.assign(Object.create((await import("../../testing/harness.js")).Person.prototype), { app: t.app, cookies: new Map() }),
      "POST", "/api/meetings", meetingBody(),
    );
    expect(visitor.status).toBe(401);
    expect(await counts(t.app)).toEqual(before);
  });

  const bad: [string, Record<string, unknown>, string, RegExp][] = [
    ["an invalid RRULE", { rrule: "FREQ=FORTNIGHTLY" }, "body.rrule", /not a recurrence frequency/],
    ["an RRULE that is not KEY=VALUE", { rrule: "every monday" }, "body.rrule", /KEY=VALUE/],
    ["a rule more often than daily", { rrule: "FREQ=MINUTELY" }, "body.rrule", /not more often/],
    ["an unknown time zone", { timezone: "Atlantis/Capital" }, "body.timezone", /tz database/],
    ["an end before the start", { startTime: "19:00", endTime: "18:30" }, "body.endTime", /after the start/],
    ["an unknown type code", { types: ["O", "NOPE"] }, "body.types.1", /not a Meeting Guide type code/],
    ["an online meeting without a link or phone", { conferenceUrl: null }, "body.conferenceUrl", /conference link or phone/],
    ["an in-person meeting without an address", { mode: "in_person", conferenceUrl: null }, "body.address", /address/],
    ["a time that is not HH:MM", { startTime: "7pm" }, "body.startTime", /HH:MM/],
    ["a date that does not exist", { startsOn: "2026-02-30" }, "body.startsOn", /real date/],
    ["a javascript: conference link", { conferenceUrl: "javascript:alert(1)" }, "body.conferenceUrl", /https|web address/],
    ["a capacity of zero", { capacity: 0 }, "body.capacity", /At least 1/],
    ["an unknown facilitator", { facilitators: ["nobody-by-this-name"] }, "body.facilitators.0", /No active member/],
    ["a bad slug", { slug: "Not A Slug!" }, "body.slug", /Lowercase/],
    ["a field it does not know", { colour: "blue" }, "body", /colour|Unrecognized/i],
  ];
  it.each(bad)("refuses %s with 422 naming the field, writing nothing", async (_what, over, path, message) => {
    const before = await counts(t.app);
    const res = await facilitator.post("/api/meetings", meetingBody(over));
    expect(res.status).toBe(422);
    expect(res.headers["content-type"]).toMatch(/application\/problem\+json/);
    const error = (res.body.errors as { path: string; message: string }[]).find((e) => e.path === path);
    expect(error, JSON.stringify(res.body.errors)).toBeDefined();
    expect(error!.message).toMatch(message);
    expect(await counts(t.app)).toEqual(before);
  });

  it("refuses a duplicate slug with 409 naming body.slug, writing nothing", async () => {
    const slug = uniqueSlug("dup");
    expect((await facilitator.post("/api/meetings", meetingBody({ slug }))).status).toBe(201);
    const before = await counts(t.app);
    const res = await facilitator.post("/api/meetings", meetingBody({ slug }));
    expect(res.status).toBe(409);
    expect(problemType(res.body)).toBe("duplicate-slug");
    expect(res.body.errors).toEqual([{ path: "body.slug", message: "Already in use" }]);
    expect(await counts(t.app)).toEqual(before);
  });

  it("checks a change against the whole meeting: an end before the existing start is refused and nothing changes", async () => {
    const created = await facilitator.post("/api/meetings", meetingBody({ startTime: "19:00", endTime: "20:00" }));
    const res = await facilitator.patch(`/api/meetings/${created.body.slug}`, { endTime: "18:00" });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe("body.endTime");
    expect((await facilitator.get(`/api/meetings/${created.body.slug}`)).body.endTime).toBe("20:00");
  });

  it("lets only its facilitators, its group's facilitators and admins change it", async () => {
    const created = await facilitator.post("/api/meetings", meetingBody());
    expect((await alice.patch(`/api/meetings/${created.body.slug}`, { name: "Taken over" })).status).toBe(403);
    const other = await staff(t.app, ["facilitator"]);
    expect((await other.patch(`/api/meetings/${created.body.slug}`, { name: "Other facilitator" })).status).toBe(200);
    expect((await admin.patch(`/api/meetings/${created.body.slug}`, { name: "Admin fixed it" })).status).toBe(200);
    expect((await alice.delete(`/api/meetings/${created.body.slug}`)).status).toBe(403);
    expect((await facilitator.delete(`/api/meetings/${created.body.slug}`)).status).toBe(204);
    expect((await facilitator.get(`/api/meetings/${created.body.slug}`)).status).toBe(404);
  });
});

describe("the directory", () => {
  it("shows times in the viewer's zone: Monday 7 pm in Chicago is Tuesday morning in Tokyo", async () => {
    const word = uniqueSlug("tokyo");
    await facilitator.post("/api/meetings", meetingBody({ name: `Chicago Monday ${word}`, rrule: "FREQ=WEEKLY;BYDAY=MO" }));
    const tokyo = await bob.get(`/api/meetings?tz=Asia/Tokyo&q=${word}&day=2&timeOfDay=morning`);
    expect(tokyo.status).toBe(200);
    expect(tokyo.body.timezone).toBe("Asia/Tokyo");
    expect(tokyo.body.items).toHaveLength(1);
    const start = new Date(tokyo.body.items[0].start);
    expect(new Intl.DateTimeFormat("en-US", { timeZone: "Asia/Tokyo", weekday: "short", hour: "2-digit", minute: "2-digit", hour12: false }).format(start)).toBe("Tue 10:00");
    expect((await bob.get(`/api/meetings?tz=Asia/Tokyo&q=${word}&day=1`)).body.items).toHaveLength(0);
    expect((await bob.get(`/api/meetings?tz=America/Chicago&q=${word}&day=1&timeOfDay=evening`)).body.items).toHaveLength(1);
  });

  it("counts the small hours and the late evening of the same date as that day's night", async () => {
    const word = uniqueSlug("night");
    for (const [name, start, end] of [["Small", "01:00", "02:00"], ["Late", "22:30", "23:30"], ["Noon", "12:00", "13:00"]]) {
      await facilitator.post("/api/meetings", meetingBody({ name: `${name} ${word}`, startTime: start, endTime: end, rrule: "FREQ=DAILY", timezone: "America/Chicago" }));
    }
    const res = await bob.get(`/api/meetings?q=${word}&tz=America/Chicago&timeOfDay=night&limit=100`);
    const seen = (res.body.items as { meeting: { name: string }; start: string }[]).map((i) => [
      i.meeting.name.split(" ")[0],
      new Intl.DateTimeFormat("en-US", { timeZone: "America/Chicago", hour: "2-digit", minute: "2-digit", hour12: false }).format(new Date(i.start)),
    ]);
    expect(new Set(seen.map(([n]) => n))).toEqual(new Set(["Small", "Late"]));
    expect(new Set(seen.map(([, t]) => t))).toEqual(new Set(["01:00", "22:30"]));
    const day = (await bob.get(`/api/meetings?q=${word}&tz=America/Chicago&timeOfDay=night&day=3&limit=100`)).body.items as { start: string }[];
    expect(day.length).toBeGreaterThanOrEqual(1);
    for (const i of day) expect(new Intl.DateTimeFormat("en-US", { timeZone: "America/Chicago", weekday: "short" }).format(new Date(i.start))).toBe("Wed");
  });

  it("searches words of the name, description, city and group by their beginnings, and follows a group's new name", async () => {
    const tag = uniqueSlug("q").replace(/-/g, "");
    const group = await facilitator.post("/api/groups", { name: `Lighthouse ${tag}`, visibility: "public" });
    await facilitator.post("/api/meetings", meetingBody({ name: `Círculo ${tag}`, description: "Serenity and coffee", mode: "hybrid", address: "1 Main St", city: "Valparaíso", groupId: group.body.id }));
    const found = async (words: string) => ((await bob.get(`/api/meetings?q=${encodeURIComponent(words)}&limit=100`)).body.items as unknown[]).length > 0;
    expect(await found(`${tag} círculo`)).toBe(true);
    expect(await found(`${tag} CÍRC`)).toBe(true);
    expect(await found(`${tag} seren`)).toBe(true);
    expect(await found(`${tag} valpara`)).toBe(true);
    expect(await found(`${tag} lighthouse`)).toBe(true);
    expect(await found(`${tag} erenity`)).toBe(false);
    expect(await found(`${tag} harbour`)).toBe(false);
    await facilitator.patch(`/api/groups/${group.body.slug}`, { name: `Harbour ${tag}` });
    expect(await found(`${tag} harbour`)).toBe(true);
    expect(await found(`${tag} lighthouse`)).toBe(false);
  });

  it("filters by type, language, mode and group, and a hybrid meeting answers both online and in person", async () => {
    const word = uniqueSlug("filters");
    const group = await facilitator.post("/api/groups", { name: `Filter group ${word}`, visibility: "public" });
    await facilitator.post("/api/meetings", meetingBody({ name: `Speaker ${word}`, types: ["SP", "O"], language: "en" }));
    await facilitator.post("/api/meetings", meetingBody({ name: `Spanish ${word}`, types: ["S"], language: "es" }));
    await facilitator.post("/api/meetings", meetingBody({
      name: `Hybrid ${word}`, mode: "hybrid", address: "1 Main St", city: "Springfield", types: ["C"], groupId: group.body.id,
    }));
    const names = async (query: string) =>
      [...new Set(((await bob.get(`/api/meetings?q=${word}&${query}`)).body.items as { meeting: { name: string } }[]).map((i) => i.meeting.name.split(" ")[0]))].sort();
    expect(await names("type=SP")).toEqual(["Speaker"]);
    expect(await names("language=es")).toEqual(["Spanish"]);
    expect(await names("mode=online")).toEqual(["Hybrid", "Spanish", "Speaker"]);
    expect(await names("mode=in_person")).toEqual(["Hybrid"]);
    expect(await names("mode=hybrid")).toEqual(["Hybrid"]);
    expect(await names(`group=${group.body.slug}`)).toEqual(["Hybrid"]);
    expect(await names("")).toEqual(["Hybrid", "Spanish", "Speaker"]);
  });

  it("says what is happening now and what is starting soon", async () => {
    const { zone, local } = midDayZone();
    const word = uniqueSlug("now");
    const startsOn = local.minus({ days: 1 }).toISODate()!;
    await facilitator.post("/api/meetings", meetingBody({ name: `Now ${word}`, timezone: zone, startsOn, startTime: hhmm(local, -10), endTime: hhmm(local, 50), rrule: "FREQ=DAILY" }));
    await facilitator.post("/api/meetings", meetingBody({ name: `Soon ${word}`, timezone: zone, startsOn, startTime: hhmm(local, 15), endTime: hhmm(local, 75), rrule: "FREQ=DAILY" }));
    await facilitator.post("/api/meetings", meetingBody({ name: `Later ${word}`, timezone: zone, startsOn, startTime: hhmm(local, 120), endTime: hhmm(local, 180), rrule: "FREQ=DAILY" }));
    const res = await bob.get(`/api/meetings?q=${word}&limit=3`);
    expect(res.body.items.map((i: { meeting: { name: string }; status: string }) => [i.meeting.name.split(" ")[0], i.status])).toEqual([
      ["Now", "happening_now"], ["Soon", "starting_soon"], ["Later", "upcoming"],
    ]);
  });

  it("pages with a cursor, without gaps or repeats, and refuses a bad cursor or time zone by name", async () => {
    const word = uniqueSlug("pages");
    for (let i = 0; i < 3; i++) await facilitator.post("/api/meetings", meetingBody({ name: `Paged ${i} ${word}`, rrule: "FREQ=DAILY" }));
    const all = (await bob.get(`/api/meetings?q=${word}&limit=100`)).body.items.map((i: { meeting: { slug: string }; start: string }) => `${i.start} ${i.meeting.slug}`);
    expect(all.length).toBeGreaterThanOrEqual(18);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { meeting: { slug: string }; start: string }[]; nextCursor: string | null } =
        (await bob.get(`/api/meetings?q=${word}&limit=5${cursor ? `&cursor=${cursor}` : ""}`)).body;
      seen.push(...page.items.map((i) => `${i.start} ${i.meeting.slug}`));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    const badCursor = await bob.get("/api/meetings?cursor=bm9wZQ");
    expect(badCursor.status).toBe(422);
    expect(badCursor.body.errors[0].path).toBe("querystring.cursor");
    const badZone = await bob.get("/api/meetings?tz=Nowhere/Special");
    expect(badZone.status).toBe(422);
    expect(badZone.body.errors[0].path).toBe("querystring.tz");
  });
});

describe("exceptions", () => {
  it("cancels one occurrence and moves another; the directory and the page follow; restoring undoes it", async () => {
    const word = uniqueSlug("exc");
    const created = await facilitator.post("/api/meetings", meetingBody({ name: `Exceptions ${word}`, rrule: "FREQ=DAILY", timezone: "America/Chicago" }));
    const [first, second] = created.body.next as { original: string; start: string }[];
    const cancel = await facilitator.put(`/api/meetings/${created.body.slug}/exceptions`, { occurrence: first!.original, action: "cancel", note: "Holiday" });
    expect(cancel.status).toBe(200);
    expect(cancel.body.exceptions).toContainEqual(expect.objectContaining({ original: first!.original, status: "cancelled", note: "Holiday" }));
    expect(cancel.body.next.map((o: { original: string }) => o.original)).not.toContain(first!.original);
    const movedTo = `${second!.original.slice(0, 10)}T21:15`;
    const move = await facilitator.put(`/api/meetings/${created.body.slug}/exceptions`, { occurrence: second!.original, action: "move", movedTo });
    expect(move.body.next[0]).toMatchObject({ original: second!.original, status: "moved" });
    const listed = (await bob.get(`/api/meetings?q=${word}&tz=America/Chicago&limit=3`)).body.items;
    expect(listed.map((i: { start: string }) => i.start)).not.toContain(first!.start);
    expect(listed[0]).toMatchObject({ moved: true });
    expect(new Intl.DateTimeFormat("en-US", { timeZone: "America/Chicago", hour: "2-digit", minute: "2-digit", hour12: false }).format(new Date(listed[0].start))).toBe("21:15");
    const restored = await facilitator.delete(`/api/meetings/${created.body.slug}/exceptions/${first!.original}`);
    expect(restored.status).toBe(200);
    expect(restored.body.next.map((o: { original: string }) => o.original)).toContain(first!.original);
  });

  it("refuses an occurrence the meeting does not have, a move without a time, and other people", async () => {
    const created = await facilitator.post("/api/meetings", meetingBody({ rrule: "FREQ=WEEKLY;BYDAY=MO" }));
    const before = await counts(t.app);
    const wrongDay = await facilitator.put(`/api/meetings/${created.body.slug}/exceptions`, { occurrence: "2030-01-01T19:00", action: "cancel" });
    expect(wrongDay.status).toBe(422);
    expect(wrongDay.body.errors[0].path).toBe("body.occurrence");
    const original = created.body.next[0].original;
    const noTime = await facilitator.put(`/api/meetings/${created.body.slug}/exceptions`, { occurrence: original, action: "move" });
    expect(noTime.body.errors[0].path).toBe("body.movedTo");
    const badFormat = await facilitator.put(`/api/meetings/${created.body.slug}/exceptions`, { occurrence: "tomorrow", action: "cancel" });
    expect(badFormat.status).toBe(422);
    expect(badFormat.body.errors[0].path).toBe("body.occurrence");
    expect((await alice.put(`/api/meetings/${created.body.slug}/exceptions`, { occurrence: original, action: "cancel" })).status).toBe(403);
    expect((await facilitator.delete(`/api/meetings/${created.body.slug}/exceptions/${original}`)).status).toBe(404);
    expect(await counts(t.app)).toEqual(before);
  });
});

describe("my meetings", () => {
  it("adds and removes a meeting, lists it with its next occurrence, and keeps to the capacity", async () => {
    const created = await facilitator.post("/api/meetings", meetingBody({ capacity: 1 }));
    const added = await alice.put(`/api/meetings/${created.body.slug}/attending`, {});
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ inMyMeetings: true, attending: 1 });
    expect((await alice.put(`/api/meetings/${created.body.slug}/attending`, {})).body.attending).toBe(1);
    const mine = await alice.get("/api/meetings/mine");
    expect(mine.body.items.map((i: { meeting: { slug: string } }) => i.meeting.slug)).toContain(created.body.slug);
    expect(mine.body.items.find((i: { meeting: { slug: string } }) => i.meeting.slug === created.body.slug).next.start).toBe(created.body.next[0].start);
    const before = await counts(t.app);
    const full = await bob.put(`/api/meetings/${created.body.slug}/attending`, {});
    expect(full.status).toBe(409);
    expect(problemType(full.body)).toBe("meeting-full");
    expect(await counts(t.app)).toEqual(before);
    expect((await bob.get(`/api/meetings/${created.body.slug}`)).body).toMatchObject({ joinHint: "full", can: { addToMine: false } });
    expect((await alice.delete(`/api/meetings/${created.body.slug}/attending`)).body).toMatchObject({ inMyMeetings: false, attending: 0 });
    expect((await bob.put(`/api/meetings/${created.body.slug}/attending`, {})).status).toBe(200);
  });
});
