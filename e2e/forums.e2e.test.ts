// The forums through the real web app, server and socket. MorningLight starts a
// topic anonymously behind a content warning; RiverStone finds it folded, opens
// it, sends strength and replies quoting it with an @mention; MorningLight, who
// never reloads, sees the reply arrive and her bell count go up. RiverStone finds
// the topic by a word of its body, and the moderator Wren learns who wrote it.
// Every forum page on the way is checked with axe.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "../apps/server/src/testing/server.js";
import { signIn, staffCode } from "./demo-sign-in.js";
import { ensureWebBuilt, launchBrowser, newVisitor, seriousA11yViolations, type AxeFinding } from "./browser.js";

/** A word no demo post contains, so finding it proves search reads the new topic. */
const WORD = "bluebellwhistle";
const TITLE = "A hard weekend, and still here";
const BODY = `I had a hard weekend and used again on Saturday. Today I walked past the ${WORD} café and felt a little lighter.`;
const REPLY = "@MorningLight thank you for trusting us with this. You are not alone, and Monday counts too.";

describe("forums journey", () => {
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

  it("an anonymous topic behind a warning: opened, answered live with a mention, found by search, and its author known to a moderator", async () => {
    const author = await newVisitor(browser, server.url);
    const reader = await newVisitor(browser, server.url);
    const moderator = await newVisitor(browser, server.url);
    const findings: AxeFinding[] = [];
    const a11y = async (page: Page, label: string) => findings.push(...(await seriousA11yViolations(page, label)));

    try {
      // MorningLight starts a topic in "Relapse & getting back up", anonymously, with a content warning.
      const page = author.page;
      await signIn(page, "MorningLight");
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Forums" }).click();
      await page.getByRole("heading", { level: 1, name: "Forums" }).waitFor();
      await page.getByRole("list", { name: "Latest topics" }).waitFor();
      await a11y(page, "forums");
      await page.getByRole("link", { name: "New topic" }).click();
      await page.getByRole("heading", { level: 1, name: "Start a topic" }).waitFor();
      await page.getByLabel("Category").selectOption({ label: "Relapse & getting back up" });
      await page.getByLabel("Title").fill(TITLE);
      await page.getByLabel("Your post").fill(BODY);
      await page.getByLabel("Content warning").selectOption({ label: "Return to use" });
      await page.getByRole("checkbox", { name: "Post anonymously" }).check();
      await a11y(page, "new topic");
      await page.getByRole("button", { name: "Post topic" }).click();

      // Her topic opens, listening live for replies.
      await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
      const topicUrl = page.url();
      await page.locator('.topic-page[data-live="true"]').waitFor();
      const bell = page.getByTestId("notification-bell");
      await bell.and(page.locator('[data-live="true"]')).waitFor();
      const bellBefore = await unreadCount(page);
      // A marker a reload would wipe out.
      await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));

      // RiverStone finds it among the latest topics: by "Anonymous member", behind its warning.
      const other = reader.page;
      await signIn(other, "RiverStone");
      await other.goto("/forums");
      const row = other.getByRole("list", { name: "Latest topics" }).getByRole("listitem").filter({ hasText: TITLE });
      await row.getByText("Content warning: Return to use").waitFor();
      await row.getByText("Anonymous member").waitFor();
      await row.getByRole("link", { name: TITLE }).click();
      await other.getByRole("heading", { level: 1, name: TITLE }).waitFor();
      const first = other.locator("#post-1");
      await first.getByText("Content warning: Return to use").first().waitFor();
      // Folded means folded: the words are not in the page until asked for.
      expect(await other.getByText(WORD, { exact: false }).count()).toBe(0);
      await a11y(other, "topic with a folded post");
      await first.getByRole("button", { name: "Show post" }).click();
      await first.locator(".post-body").getByText(WORD, { exact: false }).waitFor();

      // "Sending strength", then a reply that quotes the post and mentions its author.
      const strength = first.getByRole("button", { name: /^Sending strength/ });
      await strength.click();
      await expect.poll(() => strength.getAttribute("aria-pressed")).toBe("true");
      await expect.poll(async () => (await strength.locator(".reaction-count").textContent())?.trim()).toBe("1");
      await first.getByRole("button", { name: /^Quote/ }).click();
      const box = other.getByLabel("Your reply");
      await expect.poll(() => box.inputValue()).toMatch(/^> \*\*Anonymous member\*\* wrote:\n> I had a hard weekend/);
      await other.getByText("Replying to post #1 by Anonymous member.").waitFor();
      await box.fill((await box.inputValue()) + REPLY);
      await a11y(other, "topic, post opened and reply written");
      await other.getByRole("button", { name: "Post reply" }).click();
      await other.locator("#post-2").getByText("thank you for trusting us", { exact: false }).waitFor();
      await other.locator("#post-2").getByText("in reply to #1").waitFor();

      // MorningLight, who has not reloaded, sees the reply appear, a polite note, and her bell go up.
      await page.locator("#post-2").getByText("You are not alone", { exact: false }).waitFor();
      await page.locator("#post-2 .post-body blockquote").waitFor();
      await page.getByRole("status").filter({ hasText: "New reply" }).waitFor();
      await expect.poll(() => unreadCount(page), { timeout: 10_000 }).toBeGreaterThan(bellBefore);
      expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
      await a11y(page, "topic with a live reply");
      // The bell holds the mention.
      await bell.click();
      await page
        .getByRole("list", { name: "Your notifications" })
        .getByRole("listitem")
        .filter({ hasText: `RiverStone mentioned you in “${TITLE}”` })
        .waitFor();

      // RiverStone searches for a word of the body and finds the topic.
      await other.getByRole("link", { name: "Forums", exact: true }).first().click();
      await other.getByRole("link", { name: "Search" }).click();
      await other.getByRole("heading", { level: 1, name: "Search the forums" }).waitFor();
      await other.getByLabel("Words to look for").fill(WORD);
      await other.getByRole("button", { name: "Search", exact: true }).click();
      // The topic and the reply quoting it both hold the word; either leads to the topic.
      const hit = other.getByRole("link", { name: TITLE }).first();
      await hit.waitFor();
      await a11y(other, "search results");
      await hit.click();
      await other.getByRole("heading", { level: 1, name: TITLE }).waitFor();

      // The moderator Wren opens the topic and asks who wrote it: MorningLight.
      const mod = moderator.page;
      await signIn(mod, "Wren", staffCode("Wren"));
      await mod.goto(topicUrl);
      await mod.getByRole("heading", { level: 1, name: TITLE }).waitFor();
      const anonymousPost = mod.locator("#post-1");
      await anonymousPost.getByText("Anonymous member").first().waitFor();
      await anonymousPost.getByText("Moderator tools").click();
      await anonymousPost.getByRole("button", { name: "Who wrote this?" }).click();
      await anonymousPost.getByRole("status").filter({ hasText: "Written by MorningLight" }).waitFor();
      await a11y(mod, "topic, moderator's view");
      // The forums' link leads to the one review queue; the old address still arrives there.
      await mod.goto("/forums");
      await mod.getByRole("navigation", { name: "Forums" }).getByRole("link", { name: "Review queue" }).click();
      await mod.getByRole("heading", { level: 1, name: "Review queue" }).waitFor();
      expect(new URL(mod.url()).pathname).toBe("/moderation");
      await mod.locator(".empty-state, .review-queue").first().waitFor();
      await a11y(mod, "review queue");
      await mod.goto("/forums/moderation");
      await mod.getByRole("heading", { level: 1, name: "Review queue" }).waitFor();
      expect(new URL(mod.url()).pathname).toBe("/moderation");
    } finally {
      await author.context.close();
      await reader.context.close();
      await moderator.context.close();
    }

    expect(findings).toEqual([]);
  });

  it("on a phone: the forum pages fit the screen and pass axe", async () => {
    const phone = await newVisitor(browser, server.url, { width: 375, height: 812 });
    try {
      const page = phone.page;
      await signIn(page, "QuietHarbor");
      const pages: [string, string][] = [
        ["/forums", "Forums"],
        ["/forums/c/day-to-day", "Day to day"],
        ["/forums/new", "Start a topic"],
        ["/forums/search?q=evenings", "Search the forums"],
      ];
      for (const [url, heading] of pages) {
        await page.goto(url);
        await page.getByRole("heading", { level: 1, name: heading }).waitFor();
        await expect.poll(() => page.locator(".loading").count()).toBe(0);
        expect(await seriousA11yViolations(page, `${url} (phone)`)).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), url).toBeLessThanOrEqual(375);
      }
      await page.goto("/forums/c/day-to-day");
      await page.getByRole("link", { name: "What gets you through the evenings?", exact: true }).click();
      await page.locator("#post-1").waitFor();
      expect(await seriousA11yViolations(page, "topic (phone)")).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    } finally {
      await phone.context.close();
    }
  });
});

/** The bell's number (0 when it shows none). */
async function unreadCount(page: Page): Promise<number> {
  const count = page.getByTestId("notification-count");
  return (await count.count()) === 0 ? 0 : Number((await count.textContent())?.replace("+", "") ?? 0);
}

