// The iCalendar feeds, read back with ical.js as a calendar program would:
// RRULE in the meeting's zone with its VTIMEZONE, EXDATE for cancelled
// occurrences, RECURRENCE-ID for moved ones, and the same local wall-clock time
// on both sides of a daylight-saving change. The personal feed's secret link
// works until it is replaced or turned off.
import ICAL from "ical.js";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, member, type Person, staff, type TestApp } from "../../testing/harness.js";
import { meetingBody } from "./test-helpers.js";

let t: TestApp;
let facilitator: Person;
let alice: Person;

/** Parses a feed, registers its VTIMEZONEs, and returns its events (series and overrides). */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const vtimezone of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
  const events = calendar.getAllSubcomponents("vevent").map((c) => new ICAL.Event(c));
  const series = events.filter((e) => !e.isRecurrenceException());
  for (const exception of events.filter((e) => e.isRecurrenceException())) series.find((s) => s.uid === exception.uid)!.relateException(exception);
  return { calendar, series };
}

/** The occurrences a calendar program would show between two instants, as instants and as local times in `zone`. */
function occurrences(event: ICAL.Event, from: Date, to: Date, zone: string) {
  const it = event.iterator();
  const out: { start: Date; local: string }[] = [];
  for (let next = it.next(); next; next = it.next()) {
    const details = event.getOccurrenceDetails(next);
    const start = details.startDate.toJSDate();
    if (start >= to) break;
    if (start < from) continue;
    out.push({ start, local: DateTime.fromJSDate(start, { zone }).toFormat("yyyy-LL-dd ccc HH:mm") });
  }
  return out;
}

beforeAll(async () => {
  t = await createTestApp();
  facilitator = await staff(t.app, ["facilitator"]);
  alice = await member(t.app);
});
afterAll(async () => t.close());

describe("a meeting's calendar", () => {
  it("keeps 7 pm New York time across the November change, with RRULE, TZID and VTIMEZONE", async () => {
    const m = (await facilitator.post("/api/meetings", meetingBody({ slug: "dst-new-york", timezone: "America/New_York", startsOn: "2026-10-05", rrule: "FREQ=WEEKLY;BYDAY=MO,TH" }))).body;
    const res = await alice.get(`/api/meetings/${m.slug}/calendar.ics`);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/calendar/);
    expect(res.raw).toContain("DTSTART;TZID=America/New_York:20261005T190000");
    expect(res.raw).toContain("RRULE:FREQ=WEEKLY;BYDAY=MO,TH");
    const { calendar, series } = parse(res.raw);
    expect(calendar.getAllSubcomponents("vtimezone").map((z) => z.getFirstPropertyValue("tzid"))).toEqual(["America/New_York"]);
    expect(series).toHaveLength(1);
    expect(series[0]!.uid).toBe("dst-new-york@localhost");
    const occ = occurrences(series[0]!, new Date("2026-10-26T00:00:00Z"), new Date("2026-11-10T06:00:00Z"), "America/New_York");
    expect(occ.map((o) => o.local)).toEqual(["2026-10-26 Mon 19:00", "2026-10-29 Thu 19:00", "2026-11-02 Mon 19:00", "2026-11-05 Thu 19:00", "2026-11-09 Mon 19:00"]);
    // The same wall-clock time is a different UTC instant after the change.
    expect(occ.map((o) => o.start.toISOString().slice(11, 16))).toEqual(["23:00", "23:00", "00:00", "00:00", "00:00"]);
  });

  it("keeps the local time in London across the March change too, for a rule every other week", async () => {
    const m = (await facilitator.post("/api/meetings", meetingBody({ timezone: "Europe/London", startsOn: "2026-03-03", startTime: "12:30", endTime: "13:30", rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU" }))).body;
    const { series } = parse((await alice.get(`/api/meetings/${m.slug}/calendar.ics`)).raw);
    const occ = occurrences(series[0]!, new Date("2026-03-01T00:00:00Z"), new Date("2026-04-20T00:00:00Z"), "Europe/London");
    expect(occ.map((o) => o.local)).toEqual(["2026-03-03 Tue 12:30", "2026-03-17 Tue 12:30", "2026-03-31 Tue 12:30", "2026-04-14 Tue 12:30"]);
    expect(occ.map((o) => o.start.toISOString().slice(11, 16))).toEqual(["12:30", "12:30", "11:30", "11:30"]);
  });

  it("leaves out a cancelled occurrence (EXDATE) and shows a moved one at its new time (RECURRENCE-ID)", async () => {
    const m = (await facilitator.post("/api/meetings", meetingBody({ timezone: "America/Chicago", startsOn: "2026-12-01", rrule: "FREQ=DAILY" }))).body;
    const cancelled = "2027-01-04T19:00";
    const moved = "2027-01-05T19:00";
    await facilitator.put(`/api/meetings/${m.slug}/exceptions`, { occurrence: cancelled, action: "cancel" });
    await facilitator.put(`/api/meetings/${m.slug}/exceptions`, { occurrence: moved, action: "move", movedTo: "2027-01-05T07:15", note: "Morning this once" });
    const raw = (await alice.get(`/api/meetings/${m.slug}/calendar.ics`)).raw;
    expect(raw).toContain("EXDATE;TZID=America/Chicago:20270104T190000\r\n");
    expect(raw).toContain("RECURRENCE-ID;TZID=America/Chicago:20270105T190000");
    const { series } = parse(raw);
    const occ = occurrences(series[0]!, new Date("2027-01-03T12:00:00Z"), new Date("2027-01-07T12:00:00Z"), "America/Chicago");
    expect(occ.map((o) => o.local)).toEqual(["2027-01-03 Sun 19:00", "2027-01-05 Tue 07:15", "2027-01-06 Wed 19:00"]);
  });

  it("gives join details only to those who may join, and refuses hidden meetings to outsiders", async () => {
    const hidden = (await facilitator.post("/api/groups", { name: "Calendar hidden group", visibility: "hidden" })).body;
    const priv = (await facilitator.post("/api/groups", { name: "Calendar private group", visibility: "private" })).body;
    const inHidden = (await facilitator.post("/api/meetings", meetingBody({ groupId: hidden.id, conferenceUrl: "https://meet.example.org/secret-room" }))).body;
    const inPrivate = (await facilitator.post("/api/meetings", meetingBody({ groupId: priv.id, conferenceUrl: "https://meet.example.org/private-room" }))).body;
    expect((await alice.get(`/api/meetings/${inHidden.slug}/calendar.ics`)).status).toBe(404);
    expect((await alice.get(`/api/groups/${hidden.slug}/calendar.ics`)).status).toBe(404);
    const privateIcs = await alice.get(`/api/meetings/${inPrivate.slug}/calendar.ics`);
    expect(privateIcs.status).toBe(200);
    expect(privateIcs.raw).not.toContain("private-room");
    expect((await facilitator.get(`/api/meetings/${inPrivate.slug}/calendar.ics`)).raw).toContain("private-room");
    const groupIcs = await facilitator.get(`/api/groups/${priv.slug}/calendar.ics`);
    expect(parse(groupIcs.raw).series.map((e) => e.summary)).toEqual([inPrivate.name]);
  });
});

describe("the personal calendar at a secret address", () => {
  it("lists my meetings; a new link revokes the old one; turning it off revokes it too", async () => {
    const person = await member(t.app);
    const a = (await facilitator.post("/api/meetings", meetingBody({ name: "Mine one" }))).body;
    const b = (await facilitator.post("/api/meetings", meetingBody({ name: "Mine two", timezone: "Europe/Madrid" }))).body;
    await facilitator.post("/api/meetings", meetingBody({ name: "Not mine" }));
    await person.put(`/api/meetings/${a.slug}/attending`, {});
    await person.put(`/api/meetings/${b.slug}/attending`, {});
    expect((await person.get("/api/meetings/mine")).body.calendar).toEqual({ active: false, createdAt: null });
    const first = await person.post("/api/meetings/mine/calendar-link");
    expect(first.status).toBe(201);
    const path = new URL(first.body.url).pathname;
    expect(path).toMatch(/^\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    // A calendar program has no session: the link alone is the key.
    const anonymous = await t.app.inject({ method: "GET", url: path });
    expect(anonymous.statusCode).toBe(200);
    const { calendar, series } = parse(anonymous.body);
    expect(series.map((e) => e.summary).sort()).toEqual(["Mine one", "Mine two"]);
    expect(calendar.getAllSubcomponents("vtimezone").map((z) => z.getFirstPropertyValue("tzid")).sort()).toEqual(["America/Chicago", "Europe/Madrid"]);
    expect((await person.get("/api/meetings/mine")).body.calendar.active).toBe(true);

    const second = await person.post("/api/meetings/mine/calendar-link");
    expect(second.body.url).not.toBe(first.body.url);
    expect((await t.app.inject({ method: "GET", url: path })).statusCode).toBe(404);
    const secondPath = new URL(second.body.url).pathname;
    expect((await t.app.inject({ method: "GET", url: secondPath })).statusCode).toBe(200);
    expect((await person.delete("/api/meetings/mine/calendar-link")).status).toBe(204);
    expect((await t.app.inject({ method: "GET", url: secondPath })).statusCode).toBe(404);
  });

  it("answers 404 to made-up tokens and keeps join details of groups the owner has left out of it", async () => {
    expect((await t.app.inject({ method: "GET", url: `/api/calendar/${"a".repeat(43)}.ics` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: "/api/calendar/short.ics" })).statusCode).toBe(404);
    const priv = (await facilitator.post("/api/groups", { name: "Calendar leaving group", visibility: "private" })).body;
    const person = await member(t.app);
    await person.post(`/api/groups/${priv.slug}/join`, { note: "" });
    await facilitator.post(`/api/groups/${priv.slug}/requests/${person.id}/approve`);
    const m = (await facilitator.post("/api/meetings", meetingBody({ name: "Group only", groupId: priv.id }))).body;
    expect((await person.put(`/api/meetings/${m.slug}/attending`, {})).status).toBe(200);
    const path = new URL((await person.post("/api/meetings/mine/calendar-link")).body.url).pathname;
    expect(parse((await t.app.inject({ method: "GET", url: path })).body).series.map((e) => e.summary)).toEqual(["Group only"]);
    await person.post(`/api/groups/${priv.slug}/leave`);
    expect(parse((await t.app.inject({ method: "GET", url: path })).body).series).toEqual([]);
  });
});
