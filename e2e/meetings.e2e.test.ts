// Groups and meetings through the real web app. TeddyB, a facilitator in
// London, starts a private group and a weekly hybrid meeting at 7 pm London
// time. RiverStone, in Toronto, asks to join; TeddyB approves; RiverStone finds
// the meeting in the directory at 2 pm his time, sees how to join and adds it
// to his meetings. A visitor who never signs in sees the public meetings (not
// the private or hidden ones), and the directory page as the server sends it
// advertises the Meeting Guide feed. Every page on the way is checked with axe.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "../apps/server/src/testing/server.js";
import { signIn, staffCode } from "./demo-sign-in.js";
import { ensureWebBuilt, launchBrowser, newVisitor, seriousA11yViolations, type AxeFinding } from "./browser.js";

const GROUP = "Thursday Harbour Circle";
const MEETING = "Harbour hybrid meeting";

/** Today's date in London, as the meeting form wants it. */
const londonToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());

describe("groups and meetings journey", () => {
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;

  beforeAll(async () => {
    ensureWebBuilt();
    server = await startTestServer({ demo: true });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("a private group and its weekly hybrid meeting: asked to join, approved, found in the member's own time zone and added to his meetings", async () => {
    const lead = await newVisitor(browser, server.url, { timezoneId: "Europe/London" });
    const member = await newVisitor(browser, server.url, { timezoneId: "America/Toronto" });
    const findings: AxeFinding[] = [];
    const a11y = async (page: Page, label: string) => findings.push(...(await seriousA11yViolations(page, label)));

    try {
      // TeddyB starts a private group.
      const page = lead.page;
      await signIn(page, "TeddyB", staffCode("TeddyB"));
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Groups" }).click();
      await page.getByRole("heading", { level: 1, name: "Groups" }).waitFor();
      await a11y(page, "groups");
      await page.getByRole("link", { name: "Start a group" }).click();
      await page.getByRole("heading", { level: 1, name: "Start a group" }).waitFor();
      await page.getByLabel("Name").fill(GROUP);
      await page.getByLabel("What the group is about").fill("A small Thursday circle by the harbour, in person and online.");
      await page.getByRole("radio", { name: "Private" }).check();
      await a11y(page, "start a group");
      await page.getByRole("button", { name: "Start the group" }).click();
      await page.getByRole("heading", { level: 1, name: GROUP }).waitFor();
      const groupUrl = new URL(page.url()).pathname;
      expect(groupUrl).toBe("/groups/thursday-harbour-circle");

      // …and a weekly hybrid meeting at 7 pm London time.
      await page.getByRole("link", { name: "Add a meeting" }).click();
      await page.getByRole("heading", { level: 1, name: "Add a meeting" }).waitFor();
      await page.getByLabel("Name", { exact: true }).fill(MEETING);
      await page.getByRole("radio", { name: "Hybrid" }).check();
      await page.getByLabel("Meeting link").fill("https://meet.example.org/harbour");
      await page.getByLabel("Name of the place").fill("Harbour Community Room");
      await page.getByLabel("Street address").fill("1 Quay Street");
      await page.getByLabel("City").fill("Bristol");
      await page.getByLabel("Time zone").selectOption("Europe/London");
      await page.getByLabel("First date").fill(londonToday());
      await page.getByLabel("Starts at").fill("19:00");
      await page.getByLabel("Ends at").fill("20:00");
      await page.getByRole("radio", { name: "Every week" }).check();
      await page.getByRole("checkbox", { name: "Thursday" }).check();
      await page.getByRole("checkbox", { name: "Open", exact: true }).check();
      await a11y(page, "add a meeting");
      await page.getByRole("button", { name: "Add meeting" }).click();
      await page.getByRole("heading", { level: 1, name: MEETING }).waitFor();
      const meetingUrl = new URL(page.url()).pathname;
      expect(meetingUrl).toBe("/meetings/harbour-hybrid-meeting");
      await a11y(page, "meeting page (facilitator)");

      // RiverStone, in Toronto, finds the group and asks to join.
      const p = member.page;
      await signIn(p, "RiverStone");
      await p.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Groups" }).click();
      await p.getByRole("link", { name: GROUP }).click();
      await p.getByRole("heading", { level: 1, name: GROUP }).waitFor();
      await p.getByLabel("A note for the facilitators").fill("I live nearby and would like to come on Thursdays.");
      await a11y(p, "private group (outsider)");
      await p.getByRole("button", { name: "Ask to join" }).click();
      await p.getByText("You asked to join.").waitFor();
      // Before approval the meeting's link and street address are not his to see.
      await p.goto(meetingUrl);
      await p.getByRole("heading", { level: 1, name: MEETING }).waitFor();
      await p.getByText(`This meeting belongs to the group “${GROUP}”. Join the group to see how to take part.`).waitFor();
      expect(await p.getByRole("link", { name: "Open the meeting link" }).count()).toBe(0);

      // TeddyB approves the request.
      await page.goto(`${groupUrl}/members`);
      await page.getByRole("heading", { level: 1, name: `Members of ${GROUP}` }).waitFor();
      await page.getByText("I live nearby and would like to come on Thursdays.").waitFor();
      await a11y(page, "group members (facilitator)");
      await page.getByRole("button", { name: "Approve" }).click();
      await page.getByText("RiverStone is now a member.").waitFor();

      // RiverStone finds the meeting in the directory, in his own time zone: 7 pm London is 2 pm Toronto.
      await p.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Meetings" }).click();
      await p.getByRole("heading", { level: 1, name: "Meetings" }).waitFor();
      await p.getByText("Times in your time zone (America/Toronto)").waitFor();
      await p.getByLabel("Search words").fill("Harbour");
      await p.getByRole("button", { name: "Search", exact: true }).click();
      const entry = p.getByRole("listitem").filter({ has: p.getByRole("link", { name: MEETING }) }).first();
      await entry.waitFor();
      expect(await entry.innerText()).toMatch(/2:00/);
      await a11y(p, "directory (member)");
      await entry.getByRole("link", { name: MEETING }).click();
      await p.getByRole("heading", { level: 1, name: MEETING }).waitFor();
      await p.getByRole("link", { name: "Open the meeting link" }).waitFor();
      expect(await p.getByRole("link", { name: "Open the meeting link" }).getAttribute("href")).toBe("https://meet.example.org/harbour");
      await p.getByText("1 Quay Street").first().waitFor();
      await p.getByRole("button", { name: "Add to my meetings" }).click();
      await p.getByRole("button", { name: "Remove from my meetings" }).waitFor();
      await a11y(p, "meeting page (member)");

      // It is in his meetings, with its next time in his zone.
      await p.goto("/meetings/mine");
      await p.getByRole("heading", { level: 1, name: "My meetings" }).waitFor();
      const mine = p.getByRole("listitem").filter({ has: p.getByRole("link", { name: MEETING }) }).first();
      await mine.waitFor();
      expect(await mine.innerText()).toMatch(/2:00/);
      await a11y(p, "my meetings");

      // With the group's page open, he sees TeddyB's welcome arrive in the feed without reloading.
      await p.goto(groupUrl);
      await p.getByRole("heading", { level: 2, name: "Group feed" }).waitFor();
      await page.goto(groupUrl);
      await page.getByLabel("Your post").fill("Welcome, RiverStone. See you on Thursday.");
      await page.getByRole("button", { name: "Post", exact: true }).click();
      await page.getByText("Your post is in the feed.").waitFor();
      await p.getByText("Welcome, RiverStone. See you on Thursday.").waitFor();
      await p.getByRole("status").filter({ hasText: "A new post arrived at the top of the feed." }).waitFor({ state: "attached" });
    } finally {
      await lead.context.close();
      await member.context.close();
    }
    expect(findings).toEqual([]);
  });

  it("a visitor sees the public meetings without signing in, and the page as sent advertises the Meeting Guide feed", async () => {
    const visitor = await newVisitor(browser, server.url, { timezoneId: "America/Chicago" });
    const findings: AxeFinding[] = [];
    try {
      const page = visitor.page;
      // The tag is in the HTML the server sends, before any script runs.
      const sent = await (await page.request.get("/meetings")).text();
      expect(sent).toMatch(/<link rel="alternate" type="application\/json" title="Meetings Feed" href="[^"]+\/api\/meetings\/feed\.json">/);
      await page.goto("/meetings");
      await page.getByRole("heading", { level: 1, name: "Meetings" }).waitFor();
      await page.getByRole("link", { name: "Night Owls" }).first().waitFor();
      await page.getByRole("link", { name: "Morning Light (online)" }).first().waitFor();
      const text = await page.locator("main").innerText();
      // Not a private group's meeting, not a hidden group's.
      expect(text).not.toContain("Family first Sunday");
      expect(text).not.toContain("Women's circle");
      expect(await page.locator('link[rel="alternate"][title="Meetings Feed"]').count()).toBe(1);
      findings.push(...(await seriousA11yViolations(page, "directory (visitor)")));
      // A public meeting's page, open to everyone.
      await page.getByRole("link", { name: "Night Owls" }).first().click();
      await page.getByRole("heading", { level: 1, name: "Night Owls" }).waitFor();
      await page.getByRole("link", { name: "Add to calendar" }).waitFor();
      findings.push(...(await seriousA11yViolations(page, "meeting page (visitor)")));
      const feed = await (await page.request.get("/api/meetings/feed.json")).json();
      expect((feed as { slug: string }[]).map((e) => e.slug)).toEqual(expect.arrayContaining(["night-owls", "morning-light-online", "esperanza-jueves"]));
      expect((feed as { slug: string }[]).map((e) => e.slug)).not.toContain("women-tuesday");
    } finally {
      await visitor.context.close();
    }
    expect(findings).toEqual([]);
  });
});
