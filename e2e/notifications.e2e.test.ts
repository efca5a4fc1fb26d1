// Notifications through the real web app, server and socket: an admin gives a
// member a role in one browser; in another, the member's bell shows it without a
// reload, they open it and it is read. The notification pages are checked with axe.
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { totp } from "../apps/server/src/lib/totp.js";
import { DEMO_PASSWORD } from "../apps/server/src/modules/demo/seed.js";
import { testConfig } from "../apps/server/src/testing/harness.js";
import { startTestServer } from "../apps/server/src/testing/server.js";
import { ensureWebBuilt, launchBrowser, newVisitor, seriousA11yViolations, type AxeFinding } from "./browser.js";

const MEMBER = "RiverStone";
const ROLE_TEXT = "You are now a Facilitator in this community.";

describe("notifications journey", () => {
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

  it("a role given by an admin reaches the member's bell live, and reading it clears the count", async () => {
    const member = await newVisitor(browser, server.url);
    const admin = await newVisitor(browser, server.url);
    const findings: AxeFinding[] = [];
    const a11y = async (page: Page, label: string) => findings.push(...(await seriousA11yViolations(page, label)));

    try {
      // The member signs in and sits on the home page, with nothing unread and the live line up.
      const page = member.page;
      await signIn(page, MEMBER);
      await page.getByRole("heading", { level: 1, name: `Hello, ${MEMBER}` }).waitFor();
      const bell = page.getByTestId("notification-bell");
      await bell.and(page.locator('[data-live="true"]')).waitFor();
      expect(await bell.getAttribute("aria-label")).toBe("Notifications");
      expect(await page.getByTestId("notification-count").count()).toBe(0);
      // A marker that a reload would wipe out.
      await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));

      // In another browser, the admin signs in with their authenticator code and gives the member a role.
      await signIn(admin.page, "admin", adminCode());
      await admin.page.getByRole("heading", { level: 1, name: "Hello, admin" }).waitFor();
      await admin.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
      await admin.page.getByLabel("Find by pseudonym").fill(MEMBER);
      await admin.page.getByRole("button", { name: "Search", exact: true }).click();
      await admin.page.getByRole("button", { name: `Give a role to ${MEMBER}` }).click();
      const dialog = admin.page.getByRole("dialog", { name: `Give ${MEMBER} a role` });
      await dialog.getByRole("combobox", { name: "Role" }).selectOption("facilitator");
      await dialog.getByRole("button", { name: "Give role" }).click();
      await admin.page
        .getByRole("status")
        .filter({ hasText: `${MEMBER} is now Facilitator.` })
        .waitFor();

      // The member's bell goes from nothing to 1 on its own, and the news is announced politely.
      const count = page.getByTestId("notification-count");
      await count.filter({ hasText: /^1$/ }).waitFor();
      expect(await bell.getAttribute("aria-label")).toBe("Notifications, 1 unread");
      await page
        .getByRole("status")
        .filter({ hasText: `New notification: ${ROLE_TEXT}` })
        .waitFor({ state: "attached" });
      expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
      await a11y(page, "home with an unread notification");

      // They open the bell: the notification is there, marked as new.
      await bell.click();
      await page.getByRole("heading", { level: 1, name: "Notifications" }).waitFor();
      const list = page.getByRole("list", { name: "Your notifications" });
      const item = list.getByRole("listitem").filter({ hasText: ROLE_TEXT });
      await item.waitFor();
      await item.getByText("New", { exact: true }).waitFor();
      // Opening the page alone does not mark anything read.
      expect(await count.textContent()).toBe("1");
      await a11y(page, "notifications");

      // Following it marks it read: the count in the bell drops to nothing.
      const link = item.getByRole("link");
      if ((await link.count()) > 0) await link.click();
      else await item.getByRole("button", { name: "Mark as read" }).click();
      await count.waitFor({ state: "detached" });
      expect(await bell.getAttribute("aria-label")).toBe("Notifications");

      // Back on the list, it is no longer new, and the server agrees after a reload.
      await bell.click();
      await item.waitFor();
      expect(await item.getByText("New", { exact: true }).count()).toBe(0);
      await page.reload();
      await item.waitFor();
      expect(await item.getByText("New", { exact: true }).count()).toBe(0);
      expect(await page.getByTestId("notification-count").count()).toBe(0);

      // Notification settings, from the list; the member has no e-mail, so e-mail choices wait for one.
      await page.getByRole("link", { name: "Notification settings" }).click();
      await page.getByRole("heading", { level: 1, name: "Notification settings" }).waitFor();
      const inApp = page.getByRole("checkbox", { name: "In Kindred: A role is removed" });
      await inApp.waitFor();
      expect(await page.getByRole("checkbox", { name: "E-mail: A role is removed" }).isDisabled()).toBe(true);
      await a11y(page, "notification settings");
      await inApp.uncheck();
      await page.getByRole("checkbox", { name: "Use quiet hours" }).check();
      await page.getByLabel("From", { exact: true }).fill("21:30");
      await page.getByLabel("Until", { exact: true }).fill("07:15");
      await page.getByRole("button", { name: "Save notification settings" }).click();
      await page.getByRole("status").filter({ hasText: "Your notification settings are saved." }).waitFor();
      await a11y(page, "notification settings (saved)");
      await page.reload();
      await inApp.waitFor();
      expect(await inApp.isChecked()).toBe(false);
      expect(await page.getByLabel("From", { exact: true }).inputValue()).toBe("21:30");
      expect(await page.getByLabel("Until", { exact: true }).inputValue()).toBe("07:15");
    } finally {
      await member.context.close();
      await admin.context.close();
    }

    expect(findings).toEqual([]);
  });

  it("on a phone: a newcomer's empty list is a calm one, and staff see crisis alerts as always on", async () => {
    const newcomer = await newVisitor(browser, server.url, { width: 390, height: 844 });
    const staff = await newVisitor(browser, server.url, { width: 390, height: 844 });
    try {
      const page = newcomer.page;
      await page.goto("/sign-up");
      await page.getByLabel("Pseudonym").fill("NewLeaf");
      await page.getByLabel("Password").fill("a-gentle-walk-by-the-sea");
      await page.getByRole("checkbox", { name: "I have read and accept the community guidelines" }).check();
      await page.getByRole("button", { name: "Create my account" }).click();
      await page.getByRole("heading", { level: 1, name: "Hello, NewLeaf" }).waitFor();
      await page.getByTestId("notification-bell").click();
      await page.getByRole("heading", { level: 1, name: "Notifications" }).waitFor();
      await page.getByRole("heading", { level: 2, name: "All quiet for now" }).waitFor();
      expect(await seriousA11yViolations(page, "notifications (empty, phone)")).toEqual([]);
      await page.getByRole("link", { name: "Notification settings" }).click();
      await page.getByRole("checkbox", { name: "In Kindred: A role is given to you" }).waitFor();
      // Crisis alerts are for people on call; a member is not shown them.
      expect(await page.getByRole("checkbox", { name: "In Kindred: Crisis alerts" }).count()).toBe(0);
      expect(await seriousA11yViolations(page, "notification settings (member, phone)")).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

      await signIn(staff.page, "admin", adminCode());
      await staff.page.getByRole("heading", { level: 1, name: "Hello, admin" }).waitFor();
      await staff.page.goto("/settings/notifications");
      const crisis = staff.page.getByRole("checkbox", { name: "In Kindred: Crisis alerts" });
      await crisis.waitFor();
      expect(await crisis.isChecked()).toBe(true);
      expect(await crisis.isDisabled()).toBe(true);
      await staff.page.getByText("Crisis alerts always reach you in Kindred and ignore quiet hours.").waitFor();
      expect(await seriousA11yViolations(staff.page, "notification settings (staff, phone)")).toEqual([]);
      // Nothing on the page is wider than the phone.
      expect(await staff.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    } finally {
      await newcomer.context.close();
      await staff.context.close();
    }
  });
});

/** The admin's current code, as their authenticator app would show it. */
function adminCode(): string {
  const file = path.join(testConfig().dataDir, "demo-two-factor.json");
  const secrets = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, string>;
  return totp(secrets.admin!);
}

/** Signs in through the real form; staff pass the two-factor step with `code`. */
async function signIn(page: Page, pseudonym: string, code?: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Pseudonym").fill(pseudonym);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  if (code) {
    await page.getByRole("heading", { level: 1, name: "One more step" }).waitFor();
    await page.getByLabel("6-digit code").fill(code);
    await page.getByRole("button", { name: "Continue" }).click();
  }
}
