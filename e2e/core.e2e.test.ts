// The core journey through the real web app and server: a visitor finds help,
// joins with a pseudonym, fills in their profile, signs out and back in.
// Every page and dialog on the way is checked with axe.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "../apps/server/src/testing/server.js";
import { ensureWebBuilt, launchBrowser, newVisitor, seriousA11yViolations, type AxeFinding } from "./browser.js";

const PSEUDONYM = "HopefulTraveler";
const PASSWORD = "a-gentle-walk-by-the-sea";

describe("core journey", () => {
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;

  beforeAll(async () => {
    ensureWebBuilt();
    server = await startTestServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("visitor finds help, joins, edits their profile, signs out and back in", async () => {
    const { context, page } = await newVisitor(browser, server.url);
    const findings: AxeFinding[] = [];
    const a11y = async (label: string) => findings.push(...(await seriousA11yViolations(page, label)));
    const nav = page.getByRole("navigation", { name: "Main" });

    try {
      // A visitor arrives.
      await page.goto("/");
      await page.getByRole("heading", { level: 1, name: "Welcome to Kindred" }).waitFor();
      expect(await page.locator("html").getAttribute("lang")).toBe("en");
      await a11y("home (visitor)");

      // Help is one tap away, in a dialog over the page, with the US lines by default.
      await openHelp(page);
      await a11y("get help dialog (visitor)");
      await page.getByRole("dialog").getByRole("button", { name: "Close" }).click();
      await page.getByRole("dialog").waitFor({ state: "hidden" });
      expect(new URL(page.url()).pathname).toBe("/");

      // They join with a pseudonym and accept the guidelines.
      await nav.getByRole("link", { name: "Sign up" }).click();
      await page.getByRole("heading", { level: 1, name: "Join Kindred" }).waitFor();
      await a11y("sign up");
      await page.getByLabel("Pseudonym").fill(PSEUDONYM);
      await page.getByLabel("Password").fill(PASSWORD);
      await page.getByRole("checkbox", { name: "I have read and accept the community guidelines" }).check();
      await page.getByRole("button", { name: "Create my account" }).click();

      // Signed in straight away (the organization's registration is open).
      await page.getByRole("heading", { level: 1, name: `Hello, ${PSEUDONYM}` }).waitFor();
      await nav.getByRole("button", { name: "Sign out" }).waitFor();
      await a11y("home (signed in)");

      // They share pronouns and a pathway, and keep their pronouns to themselves.
      await nav.getByRole("link", { name: "Profile" }).click();
      await page.getByRole("heading", { level: 1, name: "Your profile" }).waitFor();
      const pronouns = page.getByRole("textbox", { name: /^Pronouns/ });
      await pronouns.waitFor();
      await a11y("profile");
      await pronouns.fill("they/them");
      await page.getByRole("checkbox", { name: "SMART Recovery" }).check();
      await page.getByRole("combobox", { name: "Who can see: Pronouns" }).selectOption("only_me");
      await page.getByRole("button", { name: "Save profile" }).click();
      await page.getByRole("status").filter({ hasText: "Your profile is saved." }).waitFor();
      await a11y("profile (saved)");

      // The server kept it: a fresh load shows the same values.
      await page.reload();
      await pronouns.waitFor();
      expect(await pronouns.inputValue()).toBe("they/them");
      expect(await page.getByRole("checkbox", { name: "SMART Recovery" }).isChecked()).toBe(true);
      expect(await page.getByRole("combobox", { name: "Who can see: Pronouns" }).inputValue()).toBe("only_me");

      // Sign out.
      await nav.getByRole("button", { name: "Sign out" }).click();
      await page.getByRole("heading", { level: 1, name: "Welcome to Kindred" }).waitFor();
      await page.getByText("You have signed out.").waitFor();
      await nav.getByRole("link", { name: "Sign in" }).waitFor();

      // Sign in again.
      await nav.getByRole("link", { name: "Sign in" }).click();
      await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
      await a11y("sign in");
      await page.getByLabel("Pseudonym").fill(PSEUDONYM);
      await page.getByLabel("Password").fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("heading", { level: 1, name: `Hello, ${PSEUDONYM}` }).waitFor();

      // Help is still one tap away when signed in.
      await openHelp(page);
      await a11y("get help dialog (signed in)");
      await page.keyboard.press("Escape");
      await page.getByRole("dialog").waitFor({ state: "hidden" });

      // And sign out for good.
      await nav.getByRole("button", { name: "Sign out" }).click();
      await page.getByRole("heading", { level: 1, name: "Welcome to Kindred" }).waitFor();
      await nav.getByRole("link", { name: "Sign in" }).waitFor();
    } finally {
      await context.close();
    }

    expect(findings).toEqual([]);
  });

  it("a visitor can switch to Spanish, and the page says so", async () => {
    const { context, page } = await newVisitor(browser, server.url);
    try {
      await page.goto("/");
      await page.getByRole("heading", { level: 1, name: "Welcome to Kindred" }).waitFor();
      await page.getByRole("navigation", { name: "Main" }).getByRole("button", { name: "Español" }).click();
      await page.getByRole("heading", { level: 1, name: "Te damos la bienvenida a Kindred" }).waitFor();
      expect(await page.locator("html").getAttribute("lang")).toBe("es");
      await page.getByRole("button", { name: "Ayuda ahora" }).click();
      await page.getByRole("dialog", { name: "No tienes que pasar por esto a solas" }).waitFor();
      expect(await seriousA11yViolations(page, "get help dialog (es)")).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

/** Opens "Get help now" and checks the default (US) lines are there with a number to call. */
async function openHelp(page: Page) {
  await page.getByRole("button", { name: "Get help now" }).click();
  const dialog = page.getByRole("dialog", { name: "You don't have to go through this alone" });
  await dialog.waitFor();
  await dialog.getByText("People are ready to listen, right now.").waitFor();
  const call988 = dialog.getByRole("link", { name: "Call 988" });
  await call988.waitFor();
  expect(await call988.getAttribute("href")).toBe("tel:988");
  expect(await dialog.getByRole("combobox", { name: "Country" }).inputValue()).toBe("US");
}
