// The safety layer through the real web app, server and sockets. The admin puts
// Juniper on call now from the rota page. MorningLight writes an ordinary reply
// (nothing happens) and then a reply that says she is ending her life tonight:
// her post is published, and at once she alone sees a warm help panel; she asks
// to talk to someone. Juniper, on call with /safety open, sees the alert arrive
// without a reload. Nobody acknowledges in time, so the backup (Wren) is paged:
// her bell says so and the card says "escalated". Juniper acknowledges and
// reaches out; MorningLight, who never reloads, sees the outreach arrive in her
// messages and answers. Juniper resolves the alert, and the audit log holds the
// whole trail. Every page on the way is checked with axe; screenshots go to
// /tmp/shots for a person to look at.
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { selectRows, type Db } from "../apps/server/src/db/client.js";
import { startTestServer } from "../apps/server/src/testing/server.js";
import { signIn, staffCode } from "./demo-sign-in.js";
import { ensureWebBuilt, launchBrowser, newVisitor, seriousA11yViolations, type AxeFinding } from "./browser.js";

const SHOTS = process.env.SHOTS_DIR ?? "/tmp/shots";
const TOPIC = "What gets you through the evenings?";
const CALM_REPLY = "Thank you all for this thread. A walk after dinner helps me most evenings.";
const CRISIS_REPLY = "I took all my pills tonight and I'm saying goodbye. Thank you all for everything.";
const ANSWER = "Thank you for writing. I'm still here and I'd like to talk.";

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe("safety journey", () => {
  let server: Server;
  let browser: Browser;
  let db: Db;

  beforeAll(async () => {
    ensureWebBuilt();
    server = await startTestServer({ demo: true });
    db = server.app.kindred.db;
    browser = await launchBrowser();
    fs.mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("a cry for help: help at once for the writer, a live alert on call, the backup paged, outreach that arrives live, and the trail in the audit log", async () => {
    const admin = await newVisitor(browser, server.url);
    const specialist = await newVisitor(browser, server.url);
    const backup = await newVisitor(browser, server.url);
    const member = await newVisitor(browser, server.url);
    const findings: AxeFinding[] = [];
    const a11y = async (page: Page, label: string) => findings.push(...(await seriousA11yViolations(page, label)));

    try {
      // ── The admin puts Juniper on call as primary, now, from the rota page ──
      const ap = admin.page;
      await signIn(ap, "admin", staffCode("admin"));
      await ap.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "On call" }).click();
      await ap.getByRole("heading", { level: 1, name: "On call" }).waitFor();
      await ap.getByRole("navigation", { name: "On call" }).getByRole("link", { name: "Rota" }).click();
      await ap.getByRole("heading", { level: 1, name: "On-call rota" }).waitFor();
      const { timeZone } = (await (await ap.request.get("/api/safety/rota")).json()) as { timeZone: string };
      await ap.getByRole("table").waitFor();
      await a11y(ap, "rota (admin)");

      // Without a person the form says so by the field, and nothing is added.
      const shiftForm = ap.getByRole("form", { name: "Add a weekly shift" });
      await shiftForm.getByRole("button", { name: "Add shift" }).click();
      const person = shiftForm.getByRole("combobox", { name: "Person" });
      await expect.poll(() => person.getAttribute("aria-invalid")).toBe("true");
      await shiftForm.getByText("Choose a person.").waitFor();
      expect(await ap.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("userId");

      // A shift that started an hour ago (in the organization's zone) and runs three hours.
      const started = zoned(new Date(Date.now() - 60 * 60_000), timeZone);
      const ends = zoned(new Date(Date.now() + 2 * 60 * 60_000), timeZone);
      await person.selectOption({ label: "Juniper" });
      await shiftForm.getByRole("combobox", { name: "Role" }).selectOption("primary");
      await shiftForm.getByRole("combobox", { name: "Day" }).selectOption(String(started.weekday));
      await shiftForm.getByLabel("Starts").fill(started.time);
      await shiftForm.getByLabel("Ends").fill(ends.time);
      await shiftForm.getByRole("button", { name: "Add shift" }).click();
      await ap.getByRole("status").filter({ hasText: "Added Juniper to the rota" }).waitFor();
      await expect.poll(() => ap.getByTestId("on-call-primary").textContent()).toContain("Juniper");
      expect(await ap.getByTestId("on-call-backup").textContent()).toContain("Wren");

      // A swap: the form checks the date falls on the shift's day, and the swap can be taken back.
      const swapForm = ap.getByRole("form", { name: "Add a swap" });
      const juniperShift = swapForm.getByRole("combobox", { name: "Shift" });
      const optionLabel = await juniperShift
        .locator("option", { hasText: "Juniper" })
        .filter({ hasText: "Primary" })
        .first()
        .textContent();
      await juniperShift.selectOption({ label: optionLabel! });
      const days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
      const shiftWeekday = days.findIndex((day) => optionLabel!.startsWith(day));
      expect(shiftWeekday).toBeGreaterThanOrEqual(0);
      await swapForm.getByLabel("Date").fill(dateOnWeekday((shiftWeekday + 1) % 7));
      await swapForm.getByRole("combobox", { name: "Who covers" }).selectOption({ label: "Dario" });
      await swapForm.getByRole("button", { name: "Add swap" }).click();
      await swapForm.getByText(`That date isn't a ${days[shiftWeekday]}. Choose a date on the shift's day.`).waitFor();
      await a11y(ap, "rota with field errors");
      await swapForm.getByLabel("Date").fill(dateOnWeekday(shiftWeekday, 14));
      await swapForm.getByLabel("Reason").fill("Juniper is at a training day");
      await swapForm.getByRole("button", { name: "Add swap" }).click();
      await ap.getByRole("status").filter({ hasText: "Swap added" }).waitFor();
      const swaps = ap.getByRole("region", { name: "Swaps coming up" });
      await swaps.getByText("Dario covers Juniper's shift as primary").waitFor();
      await ap.screenshot({ path: path.join(SHOTS, "rota.png"), fullPage: true });
      await swaps.getByRole("button", { name: /^Remove/ }).click();
      await ap
        .getByRole("alertdialog", { name: "Remove this swap?" })
        .getByRole("button", { name: "Remove swap" })
        .click();
      await ap.getByRole("status").filter({ hasText: "Removed the swap" }).waitFor();
      await swaps.getByText("No swaps coming up.").waitFor();

      // ── Juniper (on call) opens the queue; Wren (the backup) is signed in elsewhere ──
      const sp = specialist.page;
      await signIn(sp, "Juniper", staffCode("Juniper"));
      await sp.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "On call" }).click();
      await sp.getByRole("heading", { level: 1, name: "On call" }).waitFor();
      await sp.locator('.safety-page[data-live="true"]').waitFor();
      await sp.getByTestId("on-call-primary").getByText("Juniper").waitFor();
      await a11y(sp, "on call, empty queue");
      await sp.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));
      const cardsBefore = await sp.getByTestId("alert-card").count();

      const bp = backup.page;
      await signIn(bp, "Wren", staffCode("Wren"));
      await bp.getByTestId("notification-bell").and(bp.locator('[data-live="true"]')).waitFor();
      const wrenBefore = await unreadCount(bp);

      // ── MorningLight replies in a topic: first an ordinary reply, then a cry for help ──
      const mp = member.page;
      await signIn(mp, "MorningLight");
      await mp.goto("/forums/c/day-to-day");
      await mp.getByRole("link", { name: TOPIC, exact: true }).click();
      await mp.getByRole("heading", { level: 1, name: TOPIC }).waitFor();
      await mp.getByTestId("notification-bell").and(mp.locator('[data-live="true"]')).waitFor();
      await mp.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));

      await mp.getByLabel("Your reply").fill(CALM_REPLY);
      await mp.getByRole("button", { name: "Post reply" }).click();
      await mp.locator(".post").filter({ hasText: "A walk after dinner" }).waitFor();
      // Give a panel every chance to appear: it must not.
      await mp.waitForTimeout(800);
      expect(await mp.getByRole("dialog").count()).toBe(0);

      await mp.getByLabel("Your reply").fill(CRISIS_REPLY);
      await mp.getByRole("button", { name: "Post reply" }).click();
      const panel = mp.getByRole("dialog", { name: "Thank you for sharing this" });
      await panel.waitFor();
      await expect.poll(() => mp.evaluate(() => !!document.activeElement?.closest("[role=dialog]"))).toBe(true);
      await panel
        .getByText("It sounds like you're carrying a lot right now. You don't have to go through it alone.")
        .waitFor();
      await panel.getByText("Your post is shared with the community as usual.", { exact: false }).waitFor();
      // The crisis lines for her country (US), with a number to call.
      expect(await panel.getByRole("link", { name: "Call 988" }).getAttribute("href")).toBe("tel:988");
      // No alarm words, no "flagged": the words are published as normal.
      expect((await panel.textContent())!.toLowerCase()).not.toMatch(/flag|blocked|removed|hidden/);
      const published = mp.locator(".post").filter({ hasText: "saying goodbye" });
      expect(await published.count()).toBe(1);
      await a11y(mp, "help panel after a write");
      await mp.screenshot({ path: path.join(SHOTS, "help-panel.png") });

      // She asks to talk to someone: told calmly what happens next, and where.
      await panel.getByRole("button", { name: "Talk to someone now" }).click();
      const done = panel.getByTestId("talk-confirmation");
      await done
        .getByText("Someone from our team will reach out to you here in Kindred soon.", { exact: false })
        .waitFor();
      await done.getByText("If you are in immediate danger, please call 911 now.").waitFor();
      await done.getByRole("link", { name: "Go to your messages" }).waitFor();
      await expect
        .poll(() => mp.evaluate(() => document.activeElement?.getAttribute("data-testid")))
        .toBe("talk-confirmation");
      await a11y(mp, "help panel, talk requested");
      await mp.screenshot({ path: path.join(SHOTS, "help-panel-talk.png") });
      await mp.keyboard.press("Escape");
      await panel.waitFor({ state: "hidden" });
      // Nobody but the author sees anything: the post reads like any other.
      expect(await published.locator(".chip-crisis, .notice").count()).toBe(0);

      // ── Juniper's queue shows it live, most urgent first ──
      const [alert] = await selectRows<{ id: string; tier: number }>(
        db,
        sql`select a.id, a.tier from crisis_alert a join "user" u on u.id = a.author_id
            where u.username = 'morninglight' and a.origin = 'detector' order by a.created_at desc limit 1`,
      );
      expect(alert?.tier).toBe(4);
      const card = sp.locator(`#alert-${alert!.id}`);
      await card.waitFor();
      await expect.poll(() => sp.getByTestId("alert-card").count()).toBeGreaterThan(cardsBefore);
      expect(await sp.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
      await card.getByRole("heading", { name: /Imminent risk/ }).waitFor();
      await card.getByText("MorningLight").first().waitFor();
      await card.getByText("Waiting").waitFor();
      // Method details are hidden until asked for.
      const excerpt = card.getByTestId("alert-excerpt");
      if ((await card.getByText("details hidden").count()) > 0) {
        expect(await excerpt.textContent()).not.toContain("pills");
        await card.getByRole("button", { name: "Show details" }).click();
        await excerpt.getByText("pills", { exact: false }).waitFor();
        await card.getByRole("button", { name: "Hide details" }).click();
      }
      await card.getByRole("link", { name: "Open the post" }).waitFor();
      // Her "talk to someone" request is in the queue too.
      await sp.getByTestId("alert-card").filter({ hasText: "Asked to talk" }).first().waitFor();
      await a11y(sp, "on call, live alert");
      await sp.screenshot({ path: path.join(SHOTS, "safety-queue.png"), fullPage: true });

      // ── Nobody acknowledges in time: the backup is paged ──
      const escalated = await server.app.kindred.safety.escalateOverdue(new Date(Date.now() + 6 * 60_000));
      expect(escalated).toContain(alert!.id);
      await card.getByTestId("alert-escalated").getByText("Escalated to backup").waitFor();
      await expect.poll(() => unreadCount(bp), { timeout: 10_000 }).toBeGreaterThan(wrenBefore);
      await bp.getByTestId("notification-bell").click();
      const page = bp.getByRole("list", { name: "Your notifications" });
      const escalation = page
        .getByRole("listitem")
        .filter({ hasText: "Nobody has answered an urgent alert yet" })
        .first();
      await escalation.waitFor();
      // The notification leads to the alert itself, highlighted.
      await escalation.getByRole("link").click();
      await bp.getByRole("heading", { level: 1, name: "On call" }).waitFor();
      const highlighted = bp.locator(".alert-highlight");
      await highlighted.waitFor();
      expect(await highlighted.getAttribute("id")).toMatch(/^alert-/);
      await expect
        .poll(() => bp.evaluate(() => document.activeElement?.classList.contains("alert-highlight")))
        .toBe(true);
      await a11y(bp, "on call, from the escalation notification");

      // ── Juniper acknowledges and reaches out ──
      await card.getByRole("button", { name: "Acknowledge" }).click();
      await card
        .getByTestId("alert-taken")
        .getByText(/^Taken by Juniper after /)
        .waitFor();
      await card.screenshot({ path: path.join(SHOTS, "alert-escalated-taken.png") });
      await card.getByRole("button", { name: "Reach out to MorningLight" }).click();
      await sp.getByRole("heading", { level: 1, name: "Conversation with MorningLight" }).waitFor();
      const outreach = sp.locator('.message[data-kind="outreach"]');
      await outreach.getByText("From the support team", { exact: true }).waitFor();
      await outreach.getByText("Hi, this is Juniper from the support team.", { exact: false }).waitFor();

      // ── MorningLight sees it arrive, without a reload ──
      const messagesLink = mp.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Messages/ });
      await mp.getByTestId("messages-unread-dot").waitFor();
      expect(await messagesLink.textContent()).toContain("new messages");
      expect(await mp.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
      await messagesLink.click();
      await mp.getByRole("heading", { level: 1, name: "Messages" }).waitFor();
      const row = mp
        .getByRole("list", { name: "Your conversations" })
        .getByRole("listitem")
        .filter({ hasText: "Juniper" });
      await row.getByText("New:").waitFor();
      await a11y(mp, "messages");
      await row.getByRole("link").click();
      await mp.getByRole("heading", { level: 1, name: "Conversation with Juniper" }).waitFor();
      await mp.locator('.message[data-kind="outreach"]').getByText("I'm here to listen", { exact: false }).waitFor();
      // Read now: the dot goes.
      await expect.poll(() => mp.getByTestId("messages-unread-dot").count()).toBe(0);
      await mp.getByLabel("Your message").fill(ANSWER);
      await mp.getByRole("button", { name: "Send", exact: true }).click();
      await mp.locator(".message-mine").getByText(ANSWER).waitFor();
      expect(await mp.getByRole("dialog").count()).toBe(0);
      await a11y(mp, "conversation (member)");
      await mp.screenshot({ path: path.join(SHOTS, "conversation-member.png"), fullPage: true });

      // Juniper, in the conversation, sees the answer arrive live.
      await sp.locator(".message-theirs").getByText(ANSWER).waitFor();
      await a11y(sp, "conversation (on call)");
      await sp.screenshot({ path: path.join(SHOTS, "conversation-on-call.png"), fullPage: true });

      // ── Juniper resolves the alert with its outcome ──
      await sp.goto(`/safety?alert=${alert!.id}`);
      const again = sp.locator(`#alert-${alert!.id}`);
      await again.getByRole("link", { name: "Open the conversation" }).waitFor();
      await again.getByRole("button", { name: "Resolve" }).click();
      const resolve = sp.getByRole("dialog", { name: "Resolve the alert for MorningLight" });
      await resolve.getByRole("button", { name: "Resolve alert" }).click();
      await resolve.getByText("Choose what happened.").waitFor();
      await a11y(sp, "resolve dialog with an error");
      await resolve.getByRole("combobox", { name: "Outcome" }).selectOption("connected_safe");
      await resolve.getByLabel("Note").fill("Talked in messages; she is with her sister tonight. Follow up tomorrow.");
      await resolve.getByRole("button", { name: "Resolve alert" }).click();
      await sp.getByRole("status").filter({ hasText: "Resolved the alert for MorningLight." }).waitFor();
      await expect.poll(() => sp.locator(`#alert-${alert!.id}`).count()).toBe(0);
      await sp.getByRole("tab", { name: "Resolved" }).click();
      const closed = sp.locator(`#alert-${alert!.id}`);
      await closed.getByText("Talked with them: safe for now").waitFor();
      await a11y(sp, "on call, resolved");

      // ── The whole trail is in the audit log ──
      const trail = await selectRows<{ action: string }>(
        db,
        sql`select action from audit_log where target_type = 'crisis_alert' and target_id = ${alert!.id} order by at`,
      );
      const actions = trail.map((r) => r.action);
      for (const step of ["raised", "delivered", "escalated", "acknowledged", "reached_out", "resolved"]) {
        expect(actions).toContain(`safety.alert_${step}`);
      }
    } finally {
      await admin.context.close();
      await specialist.context.close();
      await backup.context.close();
      await member.context.close();
    }

    expect(findings).toEqual([]);
  });

  it("a new topic, an edit and a private message open the help panel too; ordinary words never do", async () => {
    const { context, page } = await newVisitor(browser, server.url);
    try {
      await signIn(page, "QuietHarbor");
      // A new topic: the panel opens over the topic's own page, once it is published.
      await page.goto("/forums/new");
      await page.getByRole("heading", { level: 1, name: "Start a topic" }).waitFor();
      await page.getByLabel("Category").selectOption({ label: "Day to day" });
      await page.getByLabel("Title").fill("A long week");
      await page.getByLabel("Your post").fill("Work was busy and I missed my meeting on Thursday.");
      await page.getByRole("button", { name: "Post topic" }).click();
      await page.getByRole("heading", { level: 1, name: "A long week" }).waitFor();
      await page.waitForTimeout(800);
      expect(await page.getByRole("dialog").count()).toBe(0);

      await page.goto("/forums/new");
      await page.getByLabel("Category").selectOption({ label: "Day to day" });
      await page.getByLabel("Title").fill("Tonight");
      await page.getByLabel("Your post").fill("I want to die. I can't see a way through this any more.");
      await page.getByRole("button", { name: "Post topic" }).click();
      await page.getByRole("heading", { level: 1, name: "Tonight" }).waitFor();
      const panel = page.getByRole("dialog", { name: "Thank you for sharing this" });
      await panel.waitFor();
      // Focus is in the panel, so a screen reader reads it at once.
      await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest("[role=dialog]"))).toBe(true);
      await panel.getByRole("button", { name: "Close" }).click();
      await panel.waitFor({ state: "hidden" });
      await page.locator("#post-1").getByText("I can't see a way through", { exact: false }).waitFor();

      // An edit that turns ordinary words into a cry for help.
      await page.goto("/forums/c/day-to-day");
      await page.getByRole("link", { name: "A long week", exact: true }).click();
      const first = page.locator("#post-1");
      await first.getByRole("button", { name: "Edit" }).click();
      await first.getByLabel("Your post").fill("Work was busy. Honestly I want to die and I don't know who to tell.");
      await first.getByRole("button", { name: "Save changes" }).click();
      await page.getByRole("dialog", { name: "Thank you for sharing this" }).waitFor();
      await first.getByText("I don't know who to tell", { exact: false }).waitFor();
      await page.keyboard.press("Escape");

      // A private message: the panel says the message was sent.
      const [other] = await selectRows<{ id: string }>(db, sql`select id from "user" where username = 'steadyoak'`);
      const started = await page.request.post("/api/conversations", {
        data: { userId: other!.id },
        headers: { Origin: server.url },
      });
      expect(started.status()).toBe(201);
      const { id } = (await started.json()) as { id: string };
      await page.goto(`/messages/${id}`);
      await page.getByRole("heading", { level: 1, name: "Conversation with SteadyOak" }).waitFor();
      await page.getByLabel("Your message").fill("Hi! How was the meeting on Saturday?");
      await page.getByRole("button", { name: "Send", exact: true }).click();
      await page.locator(".message-mine").getByText("How was the meeting").waitFor();
      await page.waitForTimeout(800);
      expect(await page.getByRole("dialog").count()).toBe(0);
      await page.getByLabel("Your message").fill("Sorry, I'm not OK. I want to die tonight.");
      await page.keyboard.press("Control+Enter");
      const sent = page.getByRole("dialog", { name: "Thank you for sharing this" });
      await sent.getByText("Your message was sent as usual.", { exact: false }).waitFor();
      await page.locator(".message-mine").getByText("I'm not OK", { exact: false }).waitFor();
      expect(await seriousA11yViolations(page, "help panel over a conversation")).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("on a phone: messages and the on-call queue fit the screen and pass axe", async () => {
    const phone = await newVisitor(browser, server.url, { width: 375, height: 812 });
    try {
      const page = phone.page;
      await signIn(page, "Juniper", staffCode("Juniper"));
      const pages: [string, string][] = [
        ["/messages", "Messages"],
        ["/safety", "On call"],
        ["/safety?status=resolved", "On call"],
        ["/safety/rota", "On-call rota"],
      ];
      for (const [url, heading] of pages) {
        await page.goto(url);
        await page.getByRole("heading", { level: 1, name: heading }).waitFor();
        await expect.poll(() => page.locator(".loading").count()).toBe(0);
        expect(await seriousA11yViolations(page, `${url} (phone)`)).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), url).toBeLessThanOrEqual(375);
      }
      await page.goto("/messages");
      await page.getByRole("list", { name: "Your conversations" }).getByRole("link").first().click();
      await page.getByRole("heading", { level: 1, name: /^Conversation with/ }).waitFor();
      expect(await seriousA11yViolations(page, "conversation (phone)")).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await page.screenshot({ path: path.join(SHOTS, "conversation-phone.png"), fullPage: true });
      await page.goto("/safety?status=resolved");
      await page.getByTestId("alert-card").first().waitFor();
      await page.screenshot({ path: path.join(SHOTS, "safety-phone.png"), fullPage: true });
    } finally {
      await phone.context.close();
    }
  });

  it("en español: the help panel after a write is warm and in Spanish", async () => {
    const { context, page } = await newVisitor(browser, server.url);
    try {
      await signIn(page, "RiverStone");
      await page.getByRole("navigation", { name: "Main" }).getByRole("button", { name: "Español" }).click();
      await page.getByRole("heading", { level: 1, name: "Hola, RiverStone" }).waitFor();
      await page.goto("/forums/c/day-to-day");
      await page.getByRole("link", { name: TOPIC, exact: true }).click();
      await page.getByRole("heading", { level: 1, name: TOPIC }).waitFor();
      await page.getByLabel("Tu respuesta").fill("Ya no aguanto más, no quiero seguir viviendo.");
      await page.getByRole("button", { name: "Publicar la respuesta" }).click();
      const panel = page.getByRole("dialog", { name: "Gracias por compartir esto" });
      await panel.waitFor();
      await panel.getByRole("button", { name: "Hablar con alguien ahora" }).waitFor();
      expect(await seriousA11yViolations(page, "help panel (es)")).toEqual([]);
      await page.screenshot({ path: path.join(SHOTS, "help-panel-es.png") });
    } finally {
      await context.close();
    }
  });
});

/** The bell's number (0 when it shows none). */
async function unreadCount(page: Page): Promise<number> {
  const count = page.getByTestId("notification-count");
  return (await count.count()) === 0 ? 0 : Number((await count.textContent())?.replace("+", "") ?? 0);
}


/** The weekday (0 = Sunday) and "HH:MM" of an instant in a time zone. */
function zoned(at: Date, timeZone: string): { weekday: number; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      weekday: "short",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return {
    weekday: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(parts.weekday!),
    time: `${parts.hour}:${parts.minute}`,
  };
}

/** A date ("YYYY-MM-DD") at least `after` days ahead that falls on `weekday` (0 = Sunday). */
function dateOnWeekday(weekday: number, after = 3): string {
  const d = new Date(Date.now() + after * 86_400_000);
  while (d.getUTCDay() !== weekday) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
