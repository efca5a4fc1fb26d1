// Moderation through the real web app and server. MorningLight writes words of
// crisis with a method in them; RiverStone, worried, tells the moderators. Wren
// finds it first in the review queue, as "Crisis signal — tier 4, imminent",
// the method folded away until she asks, and hides it with a reason that lands
// in the audit log. The admin watches a word that needs approval (and is told,
// by the field, that crisis words cannot be held); QuietHarbor's topic and
// reply with that word wait, seen only by her with a calm note, until Wren
// approves them. RiverStone mutes MorningLight and finds her post folded away,
// and reports a private message; Wren pauses MorningLight's posting, who is told
// kindly, then lifts it. The admin changes the safety settings, and a new
// account over its hourly limit is told when it can write again. Every page on
// the way is checked with axe; screenshots go to /tmp/shots/mod-*.png.
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { selectRows, type Db } from "../apps/server/src/db/client.js";
import { startTestServer } from "../apps/server/src/testing/server.js";
import { signIn, staffCode } from "./demo-sign-in.js";
import { ensureWebBuilt, launchBrowser, newVisitor, seriousA11yViolations, type AxeFinding } from "./browser.js";

const SHOTS = process.env.SHOTS_DIR ?? "/tmp/shots";
const EVENINGS = "What gets you through the evenings?";
const WELCOME = "Hi, I'm new here and a bit nervous";
const CRISIS = "I took all my pills tonight and I'm saying goodbye. Thank you all for everything.";
const HELD_TITLE = "Saturday plans";
const HELD_BODY = "Some friends asked me to the casino on Saturday. How do you all handle invitations like that?";
const HELD_REPLY = "Evenings near the casino used to be my hardest, so now I walk the other way, past the park.";
const MESSAGE = "Are you coming on Saturday? I can bring something to take the edge off.";

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe("moderation journey", () => {
  let server: Server;
  let browser: Browser;
  let db: Db;
  const findings: AxeFinding[] = [];
  const a11y = async (page: Page, label: string) => findings.push(...(await seriousA11yViolations(page, label)));

  beforeAll(async () => {
    ensureWebBuilt();
    server = await startTestServer({ demo: true });
    db = server.app.kindred.db;
    browser = await launchBrowser();
    fs.mkdirSync(SHOTS, { recursive: true });
  });

  // Each journey answers for the pages it visited.
  afterEach(() => {
    expect(findings.splice(0)).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("a member's report of words in crisis: first in the queue, method details hidden until asked, hidden with a reason in the audit log", async () => {
    const writer = await newVisitor(browser, server.url);
    const reader = await newVisitor(browser, server.url);
    const moderator = await newVisitor(browser, server.url);
    try {
      // MorningLight writes words of crisis; she alone gets the help panel, and closes it.
      const wp = writer.page;
      await signIn(wp, "MorningLight");
      await openTopic(wp, "day-to-day", EVENINGS);
      await wp.getByLabel("Your reply").fill(CRISIS);
      await wp.getByRole("button", { name: "Post reply" }).click();
      await wp.getByRole("dialog", { name: "Thank you for sharing this" }).waitFor();
      await wp.keyboard.press("Escape");

      // RiverStone is worried and tells the moderators.
      const rp = reader.page;
      await signIn(rp, "RiverStone");
      await openTopic(rp, "day-to-day", EVENINGS);
      const post = rp.locator(".post").filter({ hasText: "saying goodbye" });
      await post.getByRole("button", { name: /^Flag/ }).click();
      const flag = rp.getByRole("dialog", { name: "Let a moderator know" });
      await flag.getByRole("radio", { name: "I'm worried about this person's safety" }).check();
      await flag.getByLabel(/^Anything moderators should know/).fill("It sounds like she is saying goodbye.");
      await flag.getByRole("button", { name: "Send to moderators" }).click();
      // The dialog now thanks them (and is named by its new heading).
      const thanks = rp.getByRole("dialog", { name: "Thank you for letting us know" });
      await thanks.getByText("A moderator will look at it soon.", { exact: false }).waitFor();
      await thanks.getByRole("button", { name: "Close" }).click();
      // Nothing shows on the post.
      expect(await post.locator(".chip-crisis, .notice").count()).toBe(0);

      // Wren opens the queue from the main navigation: this item comes first.
      const mp = moderator.page;
      await signIn(mp, "Wren", staffCode("Wren"));
      await mp.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Moderation" }).click();
      await mp.getByRole("heading", { level: 1, name: "Review queue" }).waitFor();
      const first = mp.getByTestId("review-card").first();
      await first.getByTestId("review-excerpt").getByText("saying goodbye", { exact: false }).waitFor();
      const card = mp.getByTestId("review-card").filter({ hasText: "saying goodbye" });
      await card.getByRole("heading", { level: 2, name: /^Crisis signal — tier 4, imminent/ }).waitFor();
      await card.getByText(`A post in “${EVENINGS}”`, { exact: true }).waitFor();
      await card.getByText("Crisis detector").waitFor();
      await card.getByText("A member's report").waitFor();
      await card.getByText("worried about this person's safety").waitFor();
      await card.getByText("“It sounds like she is saying goodbye.”").waitFor();
      // Who flagged is never shown.
      expect(await card.textContent()).not.toContain("RiverStone");

      // The method is folded away until asked for.
      const excerpt = card.getByTestId("review-excerpt");
      expect(await excerpt.textContent()).not.toContain("pills");
      await excerpt.getByText("details hidden").waitFor();
      await card.getByRole("button", { name: "Show details" }).click();
      await excerpt.getByText("all my pills").waitFor();
      await card.getByRole("button", { name: "Hide details" }).click();
      expect(await excerpt.textContent()).not.toContain("pills");
      await card.getByRole("link", { name: /^Open the post/ }).waitFor();
      await a11y(mp, "review queue");
      await mp.screenshot({ path: path.join(SHOTS, "mod-queue.png"), fullPage: true });

      // Hiding asks why: without a reason, the field says so and takes focus.
      await card.getByRole("button", { name: /^Hide \(/ }).click();
      const dialog = mp.getByRole("dialog", { name: "Hide this post" });
      await dialog.getByRole("button", { name: "Hide it" }).click();
      await dialog.getByText("Please say why, for the record.").waitFor();
      await expect.poll(() => mp.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("reason");
      await a11y(mp, "action dialog with an error");
      await mp.screenshot({ path: path.join(SHOTS, "mod-action-dialog.png") });
      const reason = "Method details in public; the on-call team is reaching out to her.";
      await dialog.getByLabel("Reason, for the record").fill(reason);
      await dialog.getByRole("button", { name: "Hide it" }).click();
      await mp.getByRole("status").filter({ hasText: "Hidden. Members now see “Hidden by a moderator”." }).waitFor();
      await expect.poll(() => card.count()).toBe(0);

      // The audit log holds the decision and its reason.
      const [hidden] = await selectRows<{ id: string }>(
        db,
        sql`select id from forum_post where markdown like ${"%saying goodbye%"}`,
      );
      const audit = await selectRows<{ actor: string; details: { reason?: string } }>(
        db,
        sql`select u.username as actor, a.details from audit_log a join "user" u on u.id = a.actor_id
            where a.action = 'moderation.hide' and a.target_type = 'forum_post' and a.target_id = ${hidden!.id}`,
      );
      expect(audit).toEqual([{ actor: "wren", details: expect.objectContaining({ reason }) }]);

      // RiverStone now reads "Hidden by a moderator" in its place.
      await rp.reload();
      await rp.getByText("Hidden by a moderator").first().waitFor();
      expect(await rp.getByText("saying goodbye", { exact: false }).count()).toBe(0);
    } finally {
      await writer.context.close();
      await reader.context.close();
      await moderator.context.close();
    }
  });

  it("a watched word that needs approval: the writer sees a calm note, others see nothing until a moderator approves", async () => {
    const admin = await newVisitor(browser, server.url);
    const writer = await newVisitor(browser, server.url);
    const other = await newVisitor(browser, server.url);
    const moderator = await newVisitor(browser, server.url);
    try {
      // The admin watches "casino", to be approved before it is published.
      const ap = admin.page;
      await signIn(ap, "admin", staffCode("admin"));
      await ap.goto("/admin");
      await ap.getByRole("tab", { name: "Watched words" }).click();
      await ap.getByRole("heading", { level: 2, name: "Watched words" }).waitFor();
      await ap.getByText("No watched words yet.").waitFor();
      await ap.getByRole("button", { name: "Watch a word" }).click();
      let form = ap.getByRole("dialog", { name: "Watch a word" });
      await form.getByLabel("Word or phrase").fill("casino");
      await form.getByRole("radio", { name: "Hold for approval" }).check();
      await a11y(ap, "watch a word dialog");
      await form.getByRole("button", { name: "Save" }).click();
      await ap.getByRole("status").filter({ hasText: "Saved: casino." }).waitFor();
      const list = ap.getByRole("list", { name: "Watched words" });
      await list.getByRole("listitem").filter({ hasText: "casino" }).getByText("Hold for approval").waitFor();

      // Crisis words can never be held: the server refuses, and the form says so by the field.
      await ap.getByRole("button", { name: "Watch a word" }).click();
      form = ap.getByRole("dialog", { name: "Watch a word" });
      await form.getByLabel("Word or phrase").fill("kill myself");
      await form.getByRole("radio", { name: "Hold for approval" }).check();
      await form.getByRole("button", { name: "Save" }).click();
      await form.getByText("These words may be a cry for help", { exact: false }).waitFor();
      await expect
        .poll(() => form.getByRole("radio", { name: "Hold for approval" }).getAttribute("aria-invalid"))
        .toBe("true");
      await a11y(ap, "watch a word dialog with a refusal");
      await ap.screenshot({ path: path.join(SHOTS, "mod-admin-word-refused.png") });
      await form.getByRole("button", { name: "Cancel" }).click();
      await a11y(ap, "admin watched words");
      await ap.screenshot({ path: path.join(SHOTS, "mod-admin-words.png"), fullPage: true });

      // QuietHarbor starts a topic with the word: she sees it, with a calm note.
      const wp = writer.page;
      await signIn(wp, "QuietHarbor");
      await wp.goto("/forums/new");
      await wp.getByRole("heading", { level: 1, name: "Start a topic" }).waitFor();
      await wp.getByLabel("Category").selectOption({ label: "Day to day" });
      await wp.getByLabel("Title").fill(HELD_TITLE);
      await wp.getByLabel("Your post").fill(HELD_BODY);
      await wp.getByRole("button", { name: "Post topic" }).click();
      await wp.getByRole("heading", { level: 1, name: HELD_TITLE }).waitFor();
      const heldTopicUrl = wp.url();
      const note = wp.locator("#post-1").getByTestId("held-note");
      await note.getByText("Waiting for a moderator — only you can see it for now.", { exact: false }).waitFor();
      await wp.locator("#post-1").getByText("asked me to the casino").waitFor();
      await a11y(wp, "held topic (author)");
      await wp.screenshot({ path: path.join(SHOTS, "mod-held-note.png"), fullPage: true });

      // …and a reply with it: it waits too, after the last post, with no number yet.
      await openTopic(wp, "day-to-day", EVENINGS);
      await wp.getByLabel("Your reply").fill(HELD_REPLY);
      await wp.getByRole("button", { name: "Post reply" }).click();
      const heldReply = wp.locator(".post-held").filter({ hasText: "past the park" });
      await heldReply.getByTestId("held-note").waitFor();
      expect(await heldReply.locator(".post-number").count()).toBe(0);
      await expect.poll(() => wp.evaluate(() => location.hash)).toMatch(/^#post-held-/);

      // SteadyOak sees neither.
      const op = other.page;
      await signIn(op, "SteadyOak");
      await op.goto("/forums/c/day-to-day");
      await op.getByRole("link", { name: EVENINGS, exact: true }).waitFor();
      expect(await op.getByRole("link", { name: HELD_TITLE }).count()).toBe(0);
      await op.goto(heldTopicUrl);
      await op.getByRole("heading", { level: 1, name: "This topic isn't here" }).waitFor();
      await openTopic(op, "day-to-day", EVENINGS);
      expect(await op.getByText("past the park", { exact: false }).count()).toBe(0);

      // Wren approves both from the queue.
      const mp = moderator.page;
      await signIn(mp, "Wren", staffCode("Wren"));
      await mp.goto("/moderation");
      await mp.getByTestId("review-card").filter({ hasText: "past the park" }).waitFor();
      await a11y(mp, "review queue with posts waiting for approval");
      await mp.screenshot({ path: path.join(SHOTS, "mod-queue-held.png"), fullPage: true });
      for (const words of ["asked me to the casino", "past the park"]) {
        const card = mp.getByTestId("review-card").filter({ hasText: words });
        await card.getByRole("heading", { level: 2, name: /^Waiting for approval/ }).waitFor();
        await card.getByText("held until a moderator approves it").waitFor();
        await card.getByRole("button", { name: /^Approve \(/ }).click();
        const dialog = mp.getByRole("dialog", { name: "Approve this post" });
        await dialog.getByLabel("Reason, for the record").fill("An ordinary question; nothing to worry about.");
        await dialog.getByRole("button", { name: "Approve and publish" }).click();
        await mp.getByRole("status").filter({ hasText: "Approved and published." }).waitFor();
        await expect.poll(() => card.count()).toBe(0);
      }

      // Now SteadyOak sees the topic and the reply.
      await op.goto("/forums/c/day-to-day");
      await op.getByRole("link", { name: HELD_TITLE }).click();
      await op.getByRole("heading", { level: 1, name: HELD_TITLE }).waitFor();
      await op.locator("#post-1").getByText("asked me to the casino").waitFor();
      expect(await op.getByTestId("held-note").count()).toBe(0);
      await openTopic(op, "day-to-day", EVENINGS);
      await op.locator(".post").filter({ hasText: "past the park" }).waitFor();
      // And QuietHarbor's note is gone.
      await wp.goto(heldTopicUrl);
      await wp.locator("#post-1").getByText("asked me to the casino").waitFor();
      expect(await wp.getByTestId("held-note").count()).toBe(0);
    } finally {
      await admin.context.close();
      await writer.context.close();
      await other.context.close();
      await moderator.context.close();
    }
  });

  it("mute: a muted person's post is folded away with a kind way to open it, and Settings lists them", async () => {
    const { context, page } = await newVisitor(browser, server.url);
    try {
      await signIn(page, "RiverStone");
      await page.goto("/members/MorningLight");
      await page.getByRole("heading", { level: 1, name: "MorningLight" }).waitFor();
      await page.getByRole("button", { name: "Mute MorningLight" }).click();
      await page.getByRole("status").filter({ hasText: "You have muted MorningLight." }).waitFor();
      await page.getByRole("heading", { level: 2, name: "You have muted this person" }).waitFor();
      await page.getByRole("button", { name: "Unmute MorningLight" }).waitFor();
      await a11y(page, "member page, muted");
      await page.screenshot({ path: path.join(SHOTS, "mod-member-muted.png"), fullPage: true });

      await openTopic(page, "welcome", WELCOME);
      const post = page.locator("#post-2");
      await post.getByText("You muted this person.").waitFor();
      expect(await post.getByText("Welcome, @RiverStone", { exact: false }).count()).toBe(0);
      await a11y(page, "topic with a muted post");
      await page.screenshot({ path: path.join(SHOTS, "mod-muted-post.png"), fullPage: true });
      await post.getByRole("button", { name: "Show post" }).click();
      await post
        .locator(".post-body")
        .getByText("Nobody here expects you to know what to say", { exact: false })
        .waitFor();

      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
      const mutes = page.locator("section", { has: page.getByRole("heading", { name: "People you have muted" }) });
      await mutes.getByRole("list", { name: "Muted people" }).getByRole("link", { name: "MorningLight" }).waitFor();
      await a11y(page, "settings with a mute");
      await mutes.screenshot({ path: path.join(SHOTS, "mod-settings-mutes.png") });
      await mutes.getByRole("button", { name: "Unmute MorningLight" }).click();
      await page.getByRole("status").filter({ hasText: "You have unmuted MorningLight." }).waitFor();
      await mutes.getByText("You haven't muted anyone.").waitFor();
      await openTopic(page, "welcome", WELCOME);
      await page.locator("#post-2 .post-body").getByText("Welcome, @RiverStone", { exact: false }).waitFor();
    } finally {
      await context.close();
    }
  });

  it("a private message reported by the person who received it, and a pause in posting said kindly", async () => {
    const writer = await newVisitor(browser, server.url);
    const reader = await newVisitor(browser, server.url);
    const moderator = await newVisitor(browser, server.url);
    try {
      // MorningLight writes to RiverStone.
      const wp = writer.page;
      await signIn(wp, "MorningLight");
      const [river] = await selectRows<{ id: string }>(db, sql`select id from "user" where username = 'riverstone'`);
      const started = await wp.request.post("/api/conversations", {
        data: { userId: river!.id },
        headers: { Origin: server.url },
      });
      expect(started.ok()).toBe(true);
      const { id: conversationId } = (await started.json()) as { id: string };
      await wp.goto(`/messages/${conversationId}`);
      await wp.getByLabel("Your message").fill(MESSAGE);
      await wp.getByRole("button", { name: "Send", exact: true }).click();
      await wp.locator(".message-mine").getByText("take the edge off", { exact: false }).waitFor();
      // One's own words carry no "Report".
      expect(await wp.getByRole("button", { name: /^Report/ }).count()).toBe(0);

      // RiverStone reports it.
      const rp = reader.page;
      await signIn(rp, "RiverStone");
      await rp.goto(`/messages/${conversationId}`);
      const message = rp.locator(".message-theirs").filter({ hasText: "take the edge off" });
      await message.getByRole("button", { name: "Report (message from MorningLight)" }).click();
      const report = rp.getByRole("dialog", { name: "Report a message from MorningLight" });
      await report.getByText("MorningLight is not told who reported it.", { exact: false }).waitFor();
      await report.getByRole("radio", { name: "It gives advice that could be unsafe" }).check();
      await a11y(rp, "report a message");
      await rp.screenshot({ path: path.join(SHOTS, "mod-report-message.png") });
      await report.getByRole("button", { name: "Send to moderators" }).click();
      const thanks = rp.getByRole("dialog", { name: "Thank you for letting us know" });
      await thanks.getByText("you can also mute or block MorningLight", { exact: false }).waitFor();
      await a11y(rp, "report sent");
      await thanks.getByRole("button", { name: "Close" }).click();

      // Wren finds it in the queue; reading it there is recorded.
      const mp = moderator.page;
      await signIn(mp, "Wren", staffCode("Wren"));
      await mp.goto("/moderation");
      const card = mp.getByTestId("review-card").filter({ hasText: "take the edge off" });
      await card.getByRole("heading", { level: 2, name: /^Reported as possibly unsafe advice/ }).waitFor();
      await card.getByText("Private message", { exact: true }).waitFor();
      await card.getByText("In a private conversation.", { exact: false }).waitFor();
      const [read] = await selectRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from audit_log where action = 'moderation.private_messages_viewed'`,
      );
      expect(read!.n).toBeGreaterThan(0);

      // She pauses MorningLight's posting for a day, with a word for her.
      await card.getByRole("button", { name: /^Pause posting \(/ }).click();
      const pause = mp.getByRole("dialog", { name: "Pause MorningLight's posting" });
      await pause.getByLabel("For how long").selectOption({ label: "1 day" });
      await pause.getByLabel("Reason, for the record").fill("Offering substances to another member.");
      await pause.getByLabel(/^Message to MorningLight/).fill("Please don't offer substances to other members here.");
      await a11y(mp, "pause dialog");
      await pause.getByRole("button", { name: "Pause posting" }).click();
      await mp.getByRole("status").filter({ hasText: "MorningLight's posting is paused." }).waitFor();
      await card.getByText(/^Posting paused until /).waitFor();
      await a11y(mp, "review queue, a private message and a paused author");
      await card.screenshot({ path: path.join(SHOTS, "mod-card-message.png") });

      // MorningLight tries to reply in the forums: told kindly, her words kept.
      await openTopic(wp, "welcome", WELCOME);
      const reply = "Checking in on everyone tonight.";
      await wp.getByLabel("Your reply").fill(reply);
      await wp.getByRole("button", { name: "Post reply" }).click();
      await wp
        .getByRole("alert")
        .filter({ hasText: /A moderator has paused your posting until .+ You can still read everything/ })
        .waitFor();
      expect(await wp.getByLabel("Your reply").inputValue()).toBe(reply);
      await a11y(wp, "reply refused while paused");

      // Wren lets her post again, and dismisses the report.
      await card.getByRole("button", { name: "Let MorningLight post again" }).click();
      await mp
        .getByRole("alertdialog", { name: "Let MorningLight post again now?" })
        .getByRole("button", { name: "End the pause" })
        .click();
      await mp.getByRole("status").filter({ hasText: "MorningLight can post again." }).waitFor();
      await expect.poll(() => card.getByText(/^Posting paused until /).count()).toBe(0);
      await card.getByRole("button", { name: /^Dismiss \(/ }).click();
      const dismiss = mp.getByRole("dialog", { name: "Nothing to do here?" });
      await dismiss.getByLabel("Reason, for the record").fill("Warned and paused; nothing else to do.");
      await dismiss.getByRole("button", { name: "Dismiss" }).click();
      await mp.getByRole("status").filter({ hasText: "Dismissed." }).waitFor();
      await expect.poll(() => card.count()).toBe(0);

      await wp.getByRole("button", { name: "Post reply" }).click();
      await wp.locator(".post").filter({ hasText: reply }).waitFor();
    } finally {
      await writer.context.close();
      await reader.context.close();
      await moderator.context.close();
    }
  });

  it("the admin's safety settings: errors by the field, saved, and a new account over its hourly limit told when it can write again", async () => {
    const admin = await newVisitor(browser, server.url);
    const member = await newVisitor(browser, server.url);
    try {
      const ap = admin.page;
      await signIn(ap, "admin", staffCode("admin"));
      await ap.goto("/admin");
      await ap.getByRole("tab", { name: "Safety" }).click();
      await ap.getByRole("heading", { level: 2, name: "Safety" }).waitFor();
      const minutes = ap.getByLabel("Minutes before an urgent alert is escalated");
      await expect.poll(() => minutes.inputValue()).toBe("5");
      await minutes.fill("0");
      await ap.getByRole("button", { name: "Save" }).click();
      await ap.getByText("Use a whole number from 1 to 60.").waitFor();
      await expect.poll(() => ap.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("alertAckMinutes");
      await a11y(ap, "admin safety settings with an error");
      await minutes.fill("10");
      await ap.getByLabel("Posts and messages a new account can write per hour").fill("1");
      await ap.getByRole("button", { name: "Save" }).click();
      await ap.getByRole("status").filter({ hasText: "Safety settings saved." }).waitFor();
      await a11y(ap, "admin safety settings");
      await ap.evaluate(() => window.scrollTo(0, 0));
      await ap.screenshot({ path: path.join(SHOTS, "mod-admin-safety.png"), fullPage: true });
      const [settings] = await selectRows<{ ack: number; perHour: number }>(
        db,
        sql`select alert_ack_minutes as ack, new_account_posts_per_hour as "perHour" from org_settings where id = 1`,
      );
      expect(settings).toEqual({ ack: 10, perHour: 1 });

      // QuietHarbor (a new account, who has posted this hour) is told kindly when she can post again.
      const mp = member.page;
      await signIn(mp, "QuietHarbor");
      await openTopic(mp, "welcome", WELCOME);
      const words = "Welcome! Take your time here.";
      await mp.getByLabel("Your reply").fill(words);
      await mp.getByRole("button", { name: "Post reply" }).click();
      await mp
        .getByRole("alert")
        .filter({
          hasText: /New accounts can write a few posts an hour while they settle in\. You can post again from /,
        })
        .waitFor();
      expect(await mp.getByLabel("Your reply").inputValue()).toBe(words);
      await a11y(mp, "reply over the new-account limit");

      // No limit again.
      await ap.getByLabel("Posts and messages a new account can write per hour").fill("0");
      await ap.getByRole("button", { name: "Save" }).click();
      await ap.getByRole("status").filter({ hasText: "Safety settings saved." }).waitFor();
      await mp.getByRole("button", { name: "Post reply" }).click();
      await mp.locator(".post").filter({ hasText: words }).waitFor();
    } finally {
      await admin.context.close();
      await member.context.close();
    }
  });

  it("en español and on a phone: the queue and the admin panels read well and pass axe", async () => {
    const phone = await newVisitor(browser, server.url, { width: 375, height: 812 });
    try {
      const page = phone.page;
      await signIn(page, "admin", staffCode("admin"));
      for (const [url, heading] of [
        ["/moderation", "Review queue"],
        ["/admin?tab=safety", "Administration"],
        ["/admin?tab=words", "Administration"],
      ] as const) {
        await page.goto(url);
        await page.getByRole("heading", { level: 1, name: heading }).waitFor();
        await expect.poll(() => page.locator(".loading").count()).toBe(0);
        await a11y(page, `${url} (phone)`);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), url).toBeLessThanOrEqual(375);
      }
      await page.screenshot({ path: path.join(SHOTS, "mod-admin-words-phone.png"), fullPage: true });
      await page.getByRole("button", { name: "Menu" }).click();
      await page.getByRole("navigation", { name: "Main" }).getByRole("button", { name: "Español" }).click();
      await page.goto("/moderation");
      await page.getByRole("heading", { level: 1, name: "Cola de revisión" }).waitFor();
      await expect.poll(() => page.locator(".loading").count()).toBe(0);
      await a11y(page, "/moderation (es, phone)");
      await page.screenshot({ path: path.join(SHOTS, "mod-queue-es-phone.png"), fullPage: true });
    } finally {
      await phone.context.close();
    }
  });
});

/** Opens a topic from its category page. */
async function openTopic(page: Page, category: string, title: string) {
  await page.goto(`/forums/c/${category}`);
  await page.getByRole("link", { name: title, exact: true }).click();
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
}

