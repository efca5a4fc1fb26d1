// Builds a real Kindred app on a fresh database for API tests, and gives each
// simulated person a cookie jar that behaves like their browser.
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { GrantableRole } from "@kindred/contracts";
import { type App, buildApp } from "../app.js";
import { type Config, loadConfig } from "../config.js";
import type { Database } from "../db/client.js";
import { roleGrant, user } from "../db/schema/index.js";
import { totp } from "../lib/totp.js";
import { openTestDatabase } from "./database.js";

export const TEST_ORIGIN = "http://localhost:3000";
export const GOOD_PASSWORD = "quiet-river-morning-42";

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    PUBLIC_URL: TEST_ORIGIN,
    AUTH_SECRET: "test-secret-that-is-long-enough-for-hmac-0123456789",
    // One folder per test process, so files running side by side keep their demo secrets apart.
    KINDRED_DATA_DIR: path.join(os.tmpdir(), `kindred-test-${process.pid}`),
    RATE_LIMIT_AUTH_PER_MINUTE: "10000",
    // Tests change roles and status straight in the database; the cache has its own test.
    SESSION_CACHE_SECONDS: "0",
    ...overrides,
  });
}

export type TestApp = { app: App; database: Database; close(): Promise<void> };

export async function createTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const database = await openTestDatabase();
  const app = await buildApp({ config: testConfig(overrides), database, logger: false });
  await app.ready();
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

type Res = { status: number; body: any; headers: Record<string, unknown>; raw: string };

/** A person using Kindred through a browser: keeps cookies, sends the Origin header. */
export class Person {
  cookies = new Map<string, string>();
  id = "";
  totpSecret = "";
  constructor(
    private app: App,
    public pseudonym = "",
    public password = GOOD_PASSWORD,
  ) {}

  async request(method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", url: string, payload?: unknown, extraHeaders: Record<string, string> = {}): Promise<Res> {
    const headers: Record<string, string> = { origin: TEST_ORIGIN, ...extraHeaders };
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    if (cookie) headers.cookie = cookie;
    if (payload !== undefined && typeof payload !== "string") headers["content-type"] = "application/json";
    const res = await this.app.inject({
      method,
      url,
      headers,
      payload: payload === undefined ? undefined : typeof payload === "string" ? payload : JSON.stringify(payload),
    });
    for (const c of ([] as string[]).concat((res.headers["set-cookie"] as string[] | string | undefined) ?? [])) {
      const [pair, ...attrs] = c.split(";");
      const [name, ...value] = pair!.split("=");
      const expired = attrs.some((a) => /max-age=0/i.test(a.trim()));
      if (expired || value.join("=") === "") this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value.join("="));
    }
    let body: any = null;
    try {
      body = res.body ? JSON.parse(res.body) : null;
    } catch {
      body = res.body;
    }
    return { status: res.statusCode, body, headers: res.headers as Record<string, unknown>, raw: res.body };
  }

  get = (url: string) => this.request("GET", url);
  post = (url: string, body?: unknown) => this.request("POST", url, body ?? {});
  patch = (url: string, body: unknown) => this.request("PATCH", url, body);
  put = (url: string, body: unknown) => this.request("PUT", url, body);
  delete = (url: string) => this.request("DELETE", url);

  async signUp(extra: Record<string, unknown> = {}) {
    const res = await this.post("/api/auth/sign-up", {
      pseudonym: this.pseudonym,
      password: this.password,
      acceptedGuidelinesVersion: 1,
      ...extra,
    });
    if (res.body?.me?.id) this.id = res.body.me.id;
    return res;
  }

  signIn(password = this.password) {
    return this.post("/api/auth/sign-in", { pseudonym: this.pseudonym, password });
  }

  /** Turns two-factor authentication on through the real set-up flow. */
  async enableTwoFactor() {
    const setup = await this.post("/api/me/two-factor/setup", { password: this.password });
    if (setup.status !== 200) throw new Error(`2FA setup failed: ${setup.status} ${setup.raw}`);
    this.totpSecret = setup.body.secret;
    const confirm = await this.post("/api/me/two-factor/confirm", { code: totp(this.totpSecret) });
    if (confirm.status !== 200) throw new Error(`2FA confirm failed: ${confirm.status} ${confirm.raw}`);
    return setup.body as { backupCodes: string[] };
  }
}

let counter = 0;
export const uniquePseudonym = (prefix = "member") => `${prefix}${Date.now().toString(36).slice(-4)}${(counter++).toString(36)}`;

/** A signed-up, signed-in member. */
export async function member(app: App, pseudonym = uniquePseudonym()): Promise<Person> {
  const p = new Person(app, pseudonym);
  const res = await p.signUp();
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${res.raw}`);
  return p;
}

/** A person holding staff roles, granted directly in the database, with 2FA on unless told otherwise. */
export async function staff(app: App, roles: GrantableRole[], opts: { twoFactor?: boolean; pseudonym?: string } = {}) {
  const p = await member(app, opts.pseudonym ?? uniquePseudonym(roles[0]));
  const db = app.kindred.db;
  for (const role of roles) {
    await db.insert(roleGrant).values({
      userId: p.id,
      role,
      ...(role === "specialist" ? { certificationName: "CPRS", certificationNumber: "T-1", certificationExpiresOn: "2099-01-01" } : {}),
    });
  }
  if (opts.twoFactor !== false) await p.enableTwoFactor();
  return p;
}

export async function userRow(app: App, id: string) {
  const [row] = await app.kindred.db.select().from(user).where(eq(user.id, id));
  return row;
}

export { totp };
