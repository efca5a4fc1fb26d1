// The Meeting Guide feed and its importer: every entry passes the schema
// written from the specification, type codes are @code4recovery/spec's, the
// feed is readable from other sites, and it round-trips through the importer.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { isMeetingType } from "@code4recovery/spec";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type Person, staff, TEST_ORIGIN, type TestApp } from "../../testing/harness.js";
import { MeetingGuideEntry } from "./meeting-guide.js";
import { counts, meetingBody, uniqueSlug } from "./test-helpers.js";

let t: TestApp;
let admin: Person;
let facilitator: Person;
let publicGroup: { id: string; slug: string; name: string };
let privateGroup: { id: string };
let hiddenGroup: { id: string };

type Entry = Record<string, unknown> & { slug: string; name: string };
const feedOf = async (p: Person) => (await p.get("/api/meetings/feed.json")).body as Entry[];

beforeAll(async () => {
  t = await createTestApp();
  admin = await staff(t.app, ["admin"]);
  facilitator = await staff(t.app, ["facilitator"]);
  await admin.patch("/api/admin/settings", { meetingArea: "Portland, OR, USA" });
  publicGroup = (await facilitator.post("/api/groups", { name: "Feed public group", visibility: "public" })).body;
  privateGroup = (await facilitator.post("/api/groups", { name: "Feed private group", visibility: "private" })).body;
  hiddenGroup = (await facilitator.post("/api/groups", { name: "Feed hidden group", visibility: "hidden" })).body;
  const make = (over: Record<string, unknown>) => facilitator.post("/api/meetings", meetingBody(over));
  await make({ slug: "online-mwf", name: "Online three days", rrule: "FREQ=WEEKLY;BYDAY=MO,WE,FR", types: ["O", "D", "BE"], conferencePhone: "+1 555 0100", conferencePhoneNotes: "PIN 1234" });
  await make({ slug: "in-person-sat", name: "Saturday in person", mode: "in_person", conferenceUrl: null, location: "Library", address: "801 SW 10th Ave", city: "Portland", state: "OR", postalCode: "97205", country: "US", rrule: "FREQ=WEEKLY;BYDAY=SA", types: ["C", "X"], groupId: publicGroup.id });
  await make({ slug: "hybrid-thu", name: "Hybrid Thursday", mode: "hybrid", address: "2100 Cedar Ave", city: "Minneapolis", state: "MN", rrule: "FREQ=WEEKLY;BYDAY=TH", types: ["S"], language: "es", temporarilyClosed: true });
  await make({ slug: "kindred-room", name: "In Kindred's room", mode: "kindred", conferenceUrl: null, rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", description: "Every other Tuesday.\nBring tea." });
  await make({ slug: "first-monday", name: "First Monday", rrule: "FREQ=MONTHLY;BYDAY=1MO" });
  await make({ slug: "private-one", name: "Private group meeting", groupId: privateGroup.id });
  await make({ slug: "hidden-one", name: "Hidden group meeting", groupId: hiddenGroup.id });
});
afterAll(async () => t.close());

describe("GET /api/meetings/feed.json", () => {
  it("is a valid Meeting Guide array: every entry passes the schema and every type code is known", async () => {
    const res = await facilitator.get("/api/meetings/feed.json");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/application\/json/);
    expect(Array.isArray(res.body)).toBe(true);
    for (const entry of res.body as Entry[]) {
      const parsed = MeetingGuideEntry.safeParse(entry);
      expect(parsed.success, `${entry.slug}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      for (const code of (entry.types as string[]) ?? []) expect(isMeetingType(code), code).toBe(true);
      expect(entry.slug).toMatch(/^[a-z0-9-]{1,64}$/);
      expect(entry.updated).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      expect(entry.url).toBe(`${TEST_ORIGIN}/meetings/${entry.slug}`);
      expect(JSON.stringify(entry)).not.toMatch(/<[a-z]/i);
    }
  });

  it("can be read by meeting finders on other sites, without signing in", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/meetings/feed.json", headers: { origin: "https://finder.example.net" } });
    expect(res.statusCode).toBe(200);
    expect(res.headers["access-control-allow-origin"]).toBe("*");
    expect((JSON.parse(res.body) as Entry[]).length).toBe(5);
  });

  it("lists the organization's and public groups' meetings, never private or hidden groups'", async () => {
    const slugs = (await feedOf(facilitator)).map((e) => e.slug).sort();
    expect(slugs).toEqual(["first-monday", "hybrid-thu", "in-person-sat", "kindred-room", "online-mwf"]);
  });

  it("writes each kind of meeting the way the format asks", async () => {
    const bySlug = new Map((await feedOf(facilitator)).map((e) => [e.slug, e]));
    expect(bySlug.get("online-mwf")).toMatchObject({
      day: [1, 3, 5], time: "19:00", end_time: "20:00", timezone: "America/Chicago", types: ["BE", "D", "O"],
      conference_url: "https://meet.example.org/evening", conference_phone: "+1 555 0100", conference_phone_notes: "PIN 1234",
      // Finders drop meetings without an address: online ones carry the area, marked approximate.
      formatted_address: "Portland, OR, USA", approximate: "yes",
    });
    expect(bySlug.get("online-mwf")).not.toHaveProperty("address");
    expect(bySlug.get("in-person-sat")).toMatchObject({
      day: 6, location: "Library", address: "801 SW 10th Ave", city: "Portland", state: "OR", postal_code: "97205", country: "US",
      formatted_address: "801 SW 10th Ave, Portland, OR 97205, US", group: "Feed public group",
    });
    expect(bySlug.get("in-person-sat")).not.toHaveProperty("conference_url");
    expect(bySlug.get("in-person-sat")).not.toHaveProperty("approximate");
    expect(bySlug.get("hybrid-thu")).toMatchObject({ day: 4, address: "2100 Cedar Ave", conference_url: "https://meet.example.org/evening", types: ["S", "TC"] });
    expect(bySlug.get("kindred-room")).toMatchObject({ conference_url: `${TEST_ORIGIN}/meetings/kindred-room`, approximate: "yes", day: 2 });
    expect(bySlug.get("kindred-room")!.notes).toBe("Meets every 2 weeks on Tuesday.\n\nEvery other Tuesday.\nBring tea.");
    expect(bySlug.get("first-monday")).toMatchObject({ day: 1, notes: "Meets every month on the 1st Monday." });
  });

  it("keeps a meeting's slug when it is renamed, and says when it changed", async () => {
    const before = (await feedOf(facilitator)).find((e) => e.slug === "first-monday")!;
    await new Promise((r) => setTimeout(r, 1100));
    await facilitator.patch("/api/meetings/first-monday", { name: "First Monday of the month" });
    const after = (await feedOf(facilitator)).find((e) => e.slug === "first-monday")!;
    expect(after.name).toBe("First Monday of the month");
    expect(after.updated! > before.updated!).toBe(true);
  });

  it("is advertised by the directory page's HTML as sent by the server", async () => {
    const { withAlternate } = await import("../../http/web.js");
    const html = withAlternate("<html><head><title>Kindred</title></head><body></body></html>", {
      href: "https://kindred.example.org/api/meetings/feed.json", title: "Meetings Feed", type: "application/json",
    });
    expect(html).toContain('<link rel="alternate" type="application/json" title="Meetings Feed" href="https://kindred.example.org/api/meetings/feed.json">');
    expect(html.indexOf("rel=\"alternate\"")).toBeLessThan(html.indexOf("</head>"));
  });
});

describe("importing a Meeting Guide feed", () => {
  const importAs = (p: Person, body: Record<string, unknown>) => p.post("/api/admin/meetings/import", body);

  it("round-trips the feed: importing it again changes nothing, and the feed is the same byte for byte", async () => {
    const feed = await feedOf(admin);
    const dry = await importAs(admin, { feed, dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, applied: false, created: [], updated: [], skipped: [] });
    expect(dry.body.unchanged).toHaveLength(feed.length);
    const real = await importAs(admin, { feed, dryRun: false });
    expect(real.body).toMatchObject({ applied: true, created: [], updated: [], skipped: [] });
    expect(await feedOf(admin)).toEqual(feed);
  });

  it("round-trips into another Kindred: the second feed equals the first but for `updated`", async () => {
    const feed = await feedOf(admin);
    const other = await createTestApp();
    try {
      const otherAdmin = await staff(other.app, ["admin"]);
      await otherAdmin.patch("/api/admin/settings", { meetingArea: "Portland, OR, USA" });
      const res = await otherAdmin.post("/api/admin/meetings/import", { feed, dryRun: false });
      expect(res.status).toBe(200);
      expect(res.body.created).toHaveLength(feed.length);
      const strip = (entries: Entry[]) => entries.map(({ updated: _u, ...rest }) => rest);
      expect(strip(await feedOf(otherAdmin))).toEqual(strip(feed));
      const again = await otherAdmin.post("/api/admin/meetings/import", { feed, dryRun: true });
      expect(again.body.unchanged).toHaveLength(feed.length);
    } finally {
      await other.close();
    }
  });

  it("reports created, updated (with the fields) and skipped (with the field at fault) in a dry run, writing nothing", async () => {
    const feed = await feedOf(admin);
    const changed = { ...feed.find((e) => e.slug === "online-mwf")!, name: "Online, renamed", time: "18:30" };
    const fresh = { name: "Brand new", slug: uniqueSlug("new"), day: 2, time: "12:00", end_time: "13:00", timezone: "Europe/London", formatted_address: "London, UK", approximate: "yes", conference_url: "https://meet.example.org/new", types: ["O"] };
    const broken = [
      { name: "No slug", day: 1, time: "10:00", formatted_address: "Somewhere" },
      { name: "Bad day", slug: "bad-day", day: 9, time: "10:00", formatted_address: "Somewhere" },
      { name: "Bad zone", slug: "bad-zone", day: 1, time: "10:00", timezone: "Moon/Base", formatted_address: "Somewhere" },
      { name: "Bad type", slug: "bad-type", day: 1, time: "10:00", types: ["O", "WHATEVER"], formatted_address: "Somewhere" },
      { name: "Ends early", slug: "ends-early", day: 1, time: "10:00", end_time: "09:00", formatted_address: "Somewhere" },
      { name: "<b>HTML</b>", slug: "html-name", day: 1, time: "10:00", formatted_address: "Somewhere" },
      { name: "Nowhere", slug: "nowhere", day: 1, time: "10:00" },
      { ...fresh, name: "Same slug twice" },
      "not an object",
    ];
    const before = await counts(t.app);
    const res = await importAs(admin, { feed: [changed, fresh, ...broken], dryRun: true });
    expect(res.status).toBe(200);
    expect(res.body.created).toEqual([{ index: 1, slug: fresh.slug, name: "Brand new" }]);
    expect(res.body.updated).toEqual([{ index: 0, slug: "online-mwf", name: "Online, renamed", fields: ["name", "time"] }]);
    const fields = Object.fromEntries((res.body.skipped as { index: number; errors: { field: string }[] }[]).map((s) => [s.index, s.errors.map((e) => e.field)]));
    expect(fields).toEqual({
      2: ["[2].slug"], 3: ["[3].day"], 4: ["[4].timezone"], 5: ["[5].types[1]"], 6: ["[6].end_time"], 7: ["[7].name"], 8: ["[8].formatted_address"],
      9: ["[9].slug"], 10: ["[10]"],
    });
    const dayError = (res.body.skipped as { index: number; errors: { message: string }[] }[]).find((x) => x.index === 3)!.errors[0]!.message;
    expect(dayError).toBe("A day from 0 (Sunday) to 6 (Saturday)");
    expect(await counts(t.app)).toEqual(before);
  });

  it("writes nothing when entries were skipped, unless the admin accepts the valid part", async () => {
    const fresh = { name: "Accepted later", slug: uniqueSlug("later"), day: [0, 6], time: "09:00", end_time: "10:00", timezone: "America/Denver", address: "1 Elm St", city: "Denver", types: ["O"] };
    const broken = { name: "Broken", slug: "broken-one", day: 1, time: "25:00", formatted_address: "Somewhere" };
    const before = await counts(t.app);
    const refused = await importAs(admin, { feed: [fresh, broken], dryRun: false });
    expect(refused.status).toBe(409);
    expect(refused.body.type).toMatch(/import-has-errors$/);
    expect(refused.body.errors).toEqual([{ path: "body.feed[1].time", message: expect.any(String) }]);
    expect(await counts(t.app)).toEqual(before);
    const accepted = await importAs(admin, { feed: [fresh, broken], dryRun: false, acceptValid: true });
    expect(accepted.body, JSON.stringify(accepted.body)).toMatchObject({ applied: true, created: [{ slug: fresh.slug }] });
    const meeting = (await admin.get(`/api/meetings/${fresh.slug}`)).body;
    expect(meeting).toMatchObject({ mode: "in_person", rrule: "FREQ=WEEKLY;BYDAY=SU,SA", timezone: "America/Denver", city: "Denver" });
  });

  it("refuses a malformed file, a feed and a URL together, and URLs off this machine, naming the field", async () => {
    const before = await counts(t.app);
    for (const [body, path] of [
      [{ feed: { meetings: [] }, dryRun: true }, "body.feed"],
      [{ feed: "[not json", dryRun: true }, "body.feed"],
      [{ dryRun: true }, "body.feed"],
      [{ feed: [], url: "http://127.0.0.1:1/feed.json", dryRun: true }, "body.url"],
      [{ url: "https://meetings.example.com/feed.json", dryRun: true }, "body.url"],
      [{ url: "file:///etc/passwd", dryRun: true }, "body.url"],
      [{ url: "http://127.0.0.1:1/feed.json", dryRun: true }, "body.url"],
    ] as const) {
      const res = await importAs(admin, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.errors[0].path).toBe(path);
    }
    expect(await counts(t.app)).toEqual(before);
  });

  it("fetches a feed from a loopback URL", async () => {
    const entry = { name: "From a URL", slug: uniqueSlug("url"), day: 3, time: "20:00", end_time: "21:00", timezone: "America/Chicago", formatted_address: "Chicago, IL", approximate: "yes", conference_url: "https://meet.example.org/url" };
    const server = http.createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify([entry])));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.json`;
      const res = await importAs(admin, { url, dryRun: true });
      expect(res.status).toBe(200);
      expect(res.body.created).toEqual([{ index: 0, slug: entry.slug, name: "From a URL" }]);
    } finally {
      server.close();
    }
  });

  it("is for admins only", async () => {
    const res = await importAs(facilitator, { feed: [], dryRun: true });
    expect(res.status).toBe(403);
  });
});
