// Hostile posts through the real server and the real topic page in Chromium:
// every payload of the corpus is posted as a reply and rendered; nothing may
// run, and no event-handler attribute or script URL may reach the page.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../apps/server/src/modules/demo/seed.js";
import { Person } from "../apps/server/src/testing/harness.js";
import { startTestServer } from "../apps/server/src/testing/server.js";
import { ensureWebBuilt, launchBrowser, newVisitor } from "./browser.js";
import { XSS_PAYLOADS } from "./fixtures/xss-corpus.js";

const PAGE_SIZE = 20;

describe("forum posts are safe to render", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let topicId = "";

  beforeAll(async () => {
    ensureWebBuilt();
    server = await startTestServer({ demo: true, env: { RATE_LIMIT_AUTH_PER_MINUTE: "1000" } });
    browser = await launchBrowser();
    // The author posts through the API, exactly as the web app would (same origin, same session).
    const author = new Person(server.app, "SteadyOak", DEMO_PASSWORD);
    (author as unknown as { request: Person["request"] }).request = wrapOrigin(author, server.url);
    expect((await author.signIn()).status).toBe(200);
    const categories = await author.get("/api/forums/categories");
    const dayToDay = categories.body.items.find((c: { slug: string }) => c.slug === "day-to-day");
    const topic = await author.post("/api/forums/topics", { categoryId: dayToDay.id, title: "Formatting test", body: XSS_PAYLOADS[0]! });
    expect(topic.status).toBe(201);
    topicId = topic.body.topic.id;
    for (const payload of XSS_PAYLOADS.slice(1)) {
      const reply = await author.post(`/api/forums/topics/${topicId}/posts`, { body: payload });
      expect(reply.status, payload).toBe(201);
    }
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(`renders all ${XSS_PAYLOADS.length} hostile payloads without running any of them`, async () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(50);
    const { context, page } = await newVisitor(browser, server.url);
    try {
      // Anything that runs reports here; alert and friends too.
      await page.addInitScript(() => {
        const w = window as unknown as Record<string, unknown>;
        const calls: string[] = [];
        w.__xssCalls = calls;
        w.__xss = (n: unknown) => calls.push(`__xss(${String(n)})`);
        for (const name of ["alert", "confirm", "prompt"]) w[name] = (m: unknown) => calls.push(`${name}(${String(m)})`);
      });
      await signIn(page, "RiverStone");
      let rendered = 0;
      for (let from = 1; from <= XSS_PAYLOADS.length; from += PAGE_SIZE) {
        await page.goto(`/forums/t/${topicId}?from=${from}`);
        const expected = Math.min(PAGE_SIZE, XSS_PAYLOADS.length - from + 1);
        await expect.poll(() => page.locator(".post-body").count(), { timeout: 15_000 }).toBe(expected);
        // Let anything scheduled (timers, image errors, focus handlers) have its chance.
        await page.mouse.move(200, 300);
        await page.waitForTimeout(300);
        const findings = await dangerousMarkup(page);
        expect(findings, `posts ${from}–${from + expected - 1}`).toEqual([]);
        rendered += expected;
      }
      expect(rendered).toBe(XSS_PAYLOADS.length);
      const calls = await page.evaluate(() => (window as unknown as { __xssCalls: string[] }).__xssCalls);
      expect(calls).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);
});

/** Elements, attributes and URLs that must never come out of a post. */
async function dangerousMarkup(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const forbidden = "script,iframe,object,embed,svg,math,style,base,meta,link,form,input,button,textarea,img,video,audio,source,frame,frameset";
    for (const body of document.querySelectorAll(".post-body")) {
      for (const el of body.querySelectorAll(forbidden)) found.push(`<${el.tagName.toLowerCase()}>`);
      for (const el of [body, ...body.querySelectorAll("*")]) {
        for (const attr of el.attributes) {
          const name = attr.name.toLowerCase();
          if (name.startsWith("on") || name === "style" || name === "srcdoc" || name === "formaction") found.push(`${el.tagName}[${name}]`);
          if (["href", "src", "action", "xlink:href"].includes(name) && !/^(https?:|mailto:|\/(?!\/))/i.test(attr.value.trim()))
            found.push(`${el.tagName}[${name}=${attr.value.slice(0, 40)}]`);
        }
      }
    }
    return found;
  });
}

async function signIn(page: Page, pseudonym: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Pseudonym").fill(pseudonym);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { level: 1, name: `Hello, ${pseudonym}` }).waitFor();
}

/** The harness sends the test origin; this server lives on its own port, so writes must carry that origin instead. */
function wrapOrigin(person: Person, origin: string): Person["request"] {
  const original = person.request.bind(person);
  return (method, url, payload, headers = {}) => original(method, url, payload, { ...headers, origin });
}
