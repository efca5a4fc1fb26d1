// Signing in as the demo community's people through the real form, in English
// or Spanish; staff pass the two-factor step with the code their authenticator
// app would show (the demo keeps their secrets in the data folder).
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { totp } from "../apps/server/src/lib/totp.js";
import { DEMO_PASSWORD } from "../apps/server/src/modules/demo/seed.js";
import { testConfig } from "../apps/server/src/testing/harness.js";

/** A demo staff member's current two-factor code. */
export function staffCode(pseudonym: string): string {
  const file = path.join(testConfig().dataDir, "demo-two-factor.json");
  const secrets = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, string>;
  return totp(secrets[pseudonym]!);
}

/** Signs in and waits for the home page's greeting; staff pass the two-factor step with `code`. */
export async function signIn(page: Page, pseudonym: string, code?: string) {
  await page.goto("/sign-in");
  await page.getByLabel(/^(Pseudonym|Seudónimo)$/).fill(pseudonym);
  await page.getByLabel(/^(Password|Contraseña)$/).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: /^(Sign in|Entrar)$/ }).click();
  if (code) {
    await page.getByRole("heading", { level: 1, name: "One more step" }).waitFor();
    await page.getByLabel("6-digit code").fill(code);
    await page.getByRole("button", { name: "Continue" }).click();
  }
  await page.getByRole("heading", { level: 1, name: new RegExp(`^(Hello|Hola), ${pseudonym}$`) }).waitFor();
}
