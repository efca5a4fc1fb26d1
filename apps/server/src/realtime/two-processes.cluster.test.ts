// Two real Kindred processes sharing PostgreSQL and Redis: a notification made
// in one reaches a socket on the other; a recurring job runs once per period;
// losing Redis degrades to local delivery and recovers when it returns.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import type { Database } from "../db/client.js";
import { openTestDatabase } from "../testing/database.js";
import { member, type Person, staff, TEST_ORIGIN, testConfig } from "../testing/harness.js";
import { type ServerProcess, startPrivateRedis, startServerProcess } from "../testing/process.js";
import { cookieHeader, connected, nextEvent, openSocket, type TestSocket } from "../testing/sockets.js";

const EMAIL_SWEEP_SECONDS = 1;
let database: Database;
let setup: Awaited<ReturnType<typeof buildApp>>;
let admin: Person;
let processEnv: Record<string, string>;
const sockets: TestSocket[] = [];
const processes: ServerProcess[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
  // People are made through the API of an in-process app on the same database;
  // their session cookies are valid in every process (same database, same secret).
  // It joins the cluster too (same Redis), as a third Kindred node that never listens.
  setup = await buildApp({ config: testConfig({ REDIS_URL: process.env.TEST_REDIS_URL! }), database, logger: false });
  await setup.ready();
  admin = await staff(setup, ["admin"]);
  const config = testConfig();
  processEnv = {
    NODE_ENV: "test",
    DATABASE_URL: database.url!,
    PUBLIC_URL: TEST_ORIGIN,
    AUTH_SECRET: config.authSecret!,
    LOG_LEVEL: "debug",
    EMAIL_SWEEP_SECONDS: String(EMAIL_SWEEP_SECONDS),
    KINDRED_DATA_DIR: config.dataDir,
  };
}, 120_000);

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await Promise.all(processes.map((p) => p.stop()));
  await setup.close();
  await database.close();
});

async function startPair(redisUrl: string) {
  const pair = await Promise.all([startServerProcess({ ...processEnv, REDIS_URL: redisUrl }), startServerProcess({ ...processEnv, REDIS_URL: redisUrl })]);
  processes.push(...pair);
  return pair;
}

async function socketOn(server: ServerProcess, person: Person) {
  const s = openSocket(server.url, person);
  sockets.push(s);
  return connected(s);
}

const grant = (server: ServerProcess, who: Person, role: string) =>
  fetch(`${server.url}/api/admin/users/${who.id}/roles`, {
    method: "POST",
    headers: { cookie: cookieHeader(admin), origin: TEST_ORIGIN, "content-type": "application/json" },
    body: JSON.stringify({ role }),
  });

describe("two processes joined by the shared Redis", () => {
  let a: ServerProcess;
  let b: ServerProcess;
  beforeAll(async () => {
    [a, b] = await startPair(process.env.TEST_REDIS_URL!);
  }, 120_000);

  it("a notification created through process A appears live on a socket connected to process B", async () => {
    const person = await member(setup);
    const onB = await socketOn(b, person);
    const received = nextEvent(onB, "notification:new", 10_000);
    const res = await grant(a, person, "facilitator");
    expect(res.status).toBe(200);
    const { notification, unreadCount } = await received;
    expect(notification.kind).toBe("account.role_granted");
    expect(notification.text).toContain("Facilitator");
    expect(unreadCount).toBe(1);
  });

  it("a large fan-out travels as one batch and reaches sockets on every process, each with its own count", async () => {
    const person = await member(setup);
    const onA = await socketOn(a, person);
    const onB = await socketOn(b, person);
    const got = { a: [] as number[], b: [] as number[] };
    onA.on("notification:new", ({ unreadCount }) => got.a.push(unreadCount));
    onB.on("notification:new", ({ unreadCount }) => got.b.push(unreadCount));
    const inputs = Array.from({ length: 120 }, (_, i) => ({ userId: person.id, kind: "account.approved" as const, dedupeKey: `batch-${i}` }));
    await setup.kindred.notifier.notify(inputs);
    const start = Date.now();
    while ((got.a.length < 120 || got.b.length < 120) && Date.now() - start < 10_000) await new Promise((r) => setTimeout(r, 50));
    expect(got.a.sort((x, y) => x - y)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    expect(got.b.sort((x, y) => x - y)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
  });

  it("a recurring job offered by both processes runs once per period", async () => {
    const runs = () =>
      [a, b].flatMap((p) =>
        p.logs
          .filter((l) => l.includes('"job done"') && l.includes('"job":"email-deliver"'))
          .map((l) => JSON.parse(l) as { id: string }),
      );
    const start = Date.now();
    // Let several periods pass.
    while (Date.now() - start < 6_000) await new Promise((r) => setTimeout(r, 500));
    const ids = runs().map((r) => r.id);
    expect(new Set(ids).size, "no job ran twice").toBe(ids.length);
    const { rows } = await database.executeSql(
      `select singleton_on, count(*)::int as n from pgboss.job where name = 'email-deliver' and singleton_key = 'recurring' group by singleton_on order by singleton_on`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(rows.every((r: { n: number }) => r.n === 1), "one job per period").toBe(true);
    const recurringIds = new Set(
      (await database.executeSql(`select id from pgboss.job where name = 'email-deliver' and singleton_key = 'recurring' and state = 'completed'`)).rows.map(
        (r: { id: string }) => r.id,
      ),
    );
    const recurringRuns = ids.filter((id) => recurringIds.has(id));
    expect(recurringRuns.length).toBe(recurringIds.size);
    expect(recurringRuns.length).toBeGreaterThanOrEqual(4);
  });
});

describe("when Redis goes away", () => {
  it("each process keeps serving its own sockets, logs the loss, and cross-process delivery resumes when Redis returns", async () => {
    const redis = await startPrivateRedis();
    let redisAgain: Awaited<ReturnType<typeof startPrivateRedis>> | null = null;
    try {
      const [a, b] = await startPair(redis.url);
      const person = await member(setup);
      const onA = await socketOn(a, person);
      const onB = await socketOn(b, person);

      await redis.stop();
      await a.waitForLog(/redis connection lost/);
      await b.waitForLog(/redis connection lost/);

      // Local delivery on A still works; B cannot hear about it while Redis is away.
      let bGot = 0;
      onB.on("notification:new", () => bGot++);
      const onAReceived = nextEvent(onA, "notification:new", 10_000);
      expect((await grant(a, person, "facilitator")).status).toBe(200);
      expect((await onAReceived).notification.kind).toBe("account.role_granted");
      const health = await fetch(`${a.url}/api/health`);
      expect(health.status).toBe(200);

      redisAgain = await startPrivateRedis(redis.port);
      await a.waitForLog(/redis connection restored/, 30_000);
      await b.waitForLog(/redis connection restored/, 30_000);
      bGot = 0;
      const onBReceived = nextEvent(onB, "notification:new", 10_000);
      expect((await grant(a, person, "moderator")).status).toBe(200);
      expect((await onBReceived).notification.text).toContain("Moderator");
      expect(bGot).toBe(1);
    } finally {
      await redisAgain?.stop();
      await redis.stop();
    }
  });
});
