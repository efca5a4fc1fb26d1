// Forms say what needs attention, in the browser: checks made in the page
// (the first field in trouble gets focus) and refusals from the server (shown
// by the field, or above the form), on sign-in, settings and notification settings.
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { totp } from "../apps/server/src/lib/totp.js";
import { DEMO_PASSWORD } from "../apps/server/src/modules/demo/seed.js";
import { testConfig } from "../apps/server/src/testing/harness.js";
import { startTestServer } from "../apps/server/src/testing/server.js";
import { ensureWebBuilt, launchBrowser, newVisitor } from "./browser.js";

const NEEDS_ATTENTION = "Some fields need attention. Please check the messages below.";

const focusedName = (page: Page) =>
  page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name ?? "");
const invalid = async (page: Page, label: string) =>
  (await page.getByLabel(label, { exact: true }).getAttribute("aria-invalid")) === "true";

describe("forms", () => {
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

  it("point at what needs attention, from the page and from the server", async () => {
    const { context, page } = await newVisitor(browser, server.url);
    try {
      // Sign-in: empty fields are caught in the page, and focus goes to the first.
      await page.goto("/sign-in");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("alert").filter({ hasText: NEEDS_ATTENTION }).waitFor();
      expect(await invalid(page, "Pseudonym")).toBe(true);
      expect(await invalid(page, "Password")).toBe(true);
      await expect.poll(() => focusedName(page)).toBe("pseudonym");

      // A wrong password is refused by the server, and said so above the form.
      await page.getByLabel("Pseudonym").fill("RiverStone");
      await page.getByLabel("Password").fill("not-the-right-password");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("alert").filter({ hasText: "don't match an account" }).waitFor();
      await page.getByLabel("Password").fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("heading", { level: 1, name: "Hello, RiverStone" }).waitFor();

      // Settings, change password: a mismatch caught in the page, by its field.
      await page.goto("/settings");
      const passwordForm = page.locator("section", { has: page.getByRole("heading", { name: "Change password" }) });
      await passwordForm.getByLabel("Current password").fill("not-the-right-password");
      await passwordForm.getByLabel("New password", { exact: true }).fill("quiet-river-morning-42");
      await passwordForm.getByLabel("New password, again").fill("quiet-river-evening-42");
      await passwordForm.getByRole("button", { name: "Change password" }).click();
      await passwordForm.getByText("The two new passwords are not the same.").waitFor();
      await expect.poll(() => focusedName(page)).toBe("repeatPassword");
      // Then the server refuses the wrong current password, by that field, and focus goes there.
      const current = passwordForm.getByLabel("Current password");
      expect(await current.getAttribute("aria-invalid")).not.toBe("true");
      await passwordForm.getByLabel("New password, again").fill("quiet-river-morning-42");
      await passwordForm.getByRole("button", { name: "Change password" }).click();
      await expect.poll(() => current.getAttribute("aria-invalid")).toBe("true");
      await expect.poll(() => focusedName(page)).toBe("currentPassword");

      // Blocking someone who does not exist: the server's answer is shown.
      const blockField = page.getByLabel("Block someone by pseudonym");
      await blockField.fill("x");
      await page.getByRole("button", { name: "Block", exact: true }).click();
      expect(await blockField.getAttribute("aria-invalid")).toBe("true");
      await blockField.fill("nobody_by_this_name");
      await page.getByRole("button", { name: "Block", exact: true }).click();
      const blocks = page.locator("section", { has: page.getByRole("heading", { name: "People you have blocked" }) });
      await blocks.getByRole("alert").waitFor();

      // Two-factor set-up: the password is asked for first, then a code checked here and by the server.
      await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
      await page.getByText("Please fill this in.").first().waitFor();
      await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
      const code = page.getByLabel("6-digit code");
      await code.fill("123");
      await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
      await page.getByText("Enter the 6 digits from your authenticator app.").first().waitFor();
      await code.fill("000000");
      await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
      await page.getByRole("alert").filter({ hasText: "That code didn't work" }).waitFor();

      // Notification settings: quiet hours that start and end at the same time.
      await page.goto("/settings/notifications");
      await page.getByRole("checkbox", { name: "Use quiet hours" }).check();
      await page.getByLabel("From").fill("22:00");
      await page.getByLabel("Until").fill("22:00");
      await page.getByRole("button", { name: "Save notification settings" }).click();
      await page.getByText("Choose an end time different from the start time.").waitFor();
      await page.getByLabel("Until").fill("07:00");
      await page.getByRole("button", { name: "Save notification settings" }).click();
      await page.getByRole("status").filter({ hasText: /saved/i }).waitFor();
    } finally {
      await context.close();
    }
  });

  it("in the admin panels too: organization, invites and help lines", async () => {
    const { context, page } = await newVisitor(browser, server.url);
    try {
      await page.goto("/sign-in");
      await page.getByLabel("Pseudonym").fill("admin");
      await page.getByLabel("Password").fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByLabel("6-digit code").fill(adminCode());
      await page.getByRole("button", { name: "Continue" }).click();
      await page.getByRole("heading", { level: 1, name: "Hello, admin" }).waitFor();
      await page.goto("/admin");

      await page.getByRole("tab", { name: "Organization" }).click();
      const orgName = page.getByLabel("Organization name");
      await orgName.fill("x");
      await page.getByRole("tabpanel").getByRole("button", { name: "Save" }).click();
      await page.getByRole("alert").filter({ hasText: NEEDS_ATTENTION }).waitFor();
      expect(await orgName.getAttribute("aria-invalid")).toBe("true");
      await orgName.fill("Kindred Valley");
      await page.getByRole("tabpanel").getByRole("button", { name: "Save" }).click();
      await page.getByText("Settings saved.").waitFor();

      await page.getByRole("tab", { name: "Invites" }).click();
      const uses = page.getByLabel("How many people can use it");
      await uses.fill("0");
      await page.getByRole("button", { name: "Create invite code" }).click();
      expect(await uses.getAttribute("aria-invalid")).toBe("true");
      await uses.fill("3");
      await page.getByRole("button", { name: "Create invite code" }).click();
      await page.getByText(/^Invite code created: /).waitFor();

      await page.getByRole("tab", { name: "Help lines" }).click();
      await page.getByRole("button", { name: "Add a help line" }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByLabel("Name", { exact: true }).fill("Test line");
      await dialog.getByLabel("Number or contact").fill("555 0100");
      await dialog.getByLabel(/^Web address/).fill("javascript:alert(1)");
      await dialog.getByRole("button", { name: "Save" }).click();
      await dialog.getByRole("alert").filter({ hasText: NEEDS_ATTENTION }).waitFor();
      await expect.poll(() => focusedName(page)).toBe("url");
    } finally {
      await context.close();
    }
  });
});

function adminCode(): string {
  const file = path.join(testConfig().dataDir, "demo-two-factor.json");
  const secrets = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, string>;
  return totp(secrets.admin!);
}
