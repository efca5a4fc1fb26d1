// Shared browser set-up for the e2e journeys: Debian's Chromium driven by
// playwright-core, plus an accessibility check with axe on every page visited.
import { execSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The server serves apps/web/dist; build it once if a run starts without it. */
export function ensureWebBuilt() {
  if (fs.existsSync(path.join(root, "apps/web/dist/index.html"))) return;
  execSync("npm run build --workspace @kindred/web", { cwd: root, stdio: "inherit" });
}

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`No Chromium at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium\` or set CHROMIUM_PATH.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** A fresh, cookie-less browsing session, as a new visitor would have. */
export async function newVisitor(
  browser: Browser,
  baseURL: string,
  options: { locale?: string; width?: number; height?: number; timezoneId?: string } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL,
    locale: options.locale ?? "en-US",
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    // Dialogs fade in; axe must scan the settled page, not a half-transparent frame.
    reducedMotion: "reduce",
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  return { context, page };
}

export type AxeFinding = { page: string; id: string; impact: string | null | undefined; help: string; targets: string[] };

/**
 * Runs axe on what the page shows now and returns the serious and critical
 * violations (empty when the page is fine), labelled with where they were found.
 */
export async function seriousA11yViolations(page: Page, label = page.url()): Promise<AxeFinding[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({
      page: label,
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(" ")),
    }));
}
