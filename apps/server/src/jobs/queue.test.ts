// pg-boss on the test database (PGlite through its custom db option, or PostgreSQL):
// typed jobs, retries with back-off, delayed jobs that survive a restart.
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Database } from "../db/client.js";
import { openTestDatabase } from "../testing/database.js";
import { defineJob, JobQueue } from "./queue.js";

let database: Database;
const log = pino({ level: "silent" });
const queues: JobQueue[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await Promise.all(queues.map((q) => q.stop()));
  await database.close();
});

function queue(...defs: Parameters<JobQueue["register"]>) {
  const q = new JobQueue({ database, log, pollingIntervalSeconds: 0.5 }).register(...defs);
  queues.push(q);
  return q;
}

const until = async (check: () => boolean, timeoutMs = 15_000) => {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe("job queue", () => {
  it("runs a typed job with its data", async () => {
    const seen: string[] = [];
    const greet = defineJob({ name: "test-greet", schema: z.object({ who: z.string() }), handler: async ({ who }) => void seen.push(who) });
    const q = queue(greet);
    await q.start();
    const id = await q.send(greet, { who: "Robin" });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await until(() => seen.length === 1);
    expect(seen).toEqual(["Robin"]);
  });

  it("retries a failing job with back-off until it succeeds", async () => {
    const attempts: number[] = [];
    const flaky = defineJob({
      name: "test-flaky",
      schema: z.object({}),
      retryLimit: 3,
      retryDelaySeconds: 1,
      handler: async () => {
        attempts.push(Date.now());
        if (attempts.length < 3) throw new Error("not yet");
      },
    });
    const q = queue(flaky);
    await q.start();
    await q.send(flaky, {});
    await until(() => attempts.length === 3, 20_000);
    const gaps = [attempts[1]! - attempts[0]!, attempts[2]! - attempts[1]!];
    expect(gaps[0]).toBeGreaterThanOrEqual(900);
    // Back-off: the second wait is longer than the first.
    expect(gaps[1]).toBeGreaterThan(gaps[0]!);
    await new Promise((r) => setTimeout(r, 1500));
    expect(attempts).toHaveLength(3);
  }, 40_000);

  it("a scheduled job survives a restart and runs in the next process", async () => {
    const ran: string[] = [];
    const later = defineJob({ name: "test-later", schema: z.object({ note: z.string() }), handler: async ({ note }) => void ran.push(note) });
    const first = queue(later);
    await first.start();
    await first.send(later, { note: "after restart" }, { startAfterSeconds: 2 });
    await first.stop();
    expect(ran).toEqual([]);
    const second = queue(later);
    await second.start();
    await until(() => ran.length === 1);
    expect(ran).toEqual(["after restart"]);
  });

  it("drops job data that does not match its schema instead of retrying it forever", async () => {
    let runs = 0;
    const strict = defineJob({ name: "test-strict", schema: z.object({ n: z.number() }), retryLimit: 5, handler: async () => void runs++ });
    const q = queue(strict);
    await q.start();
    const id = await q.send(strict, { n: "not a number" } as never);
    let state = "";
    for (let i = 0; i < 100 && state !== "completed"; i++) {
      state = (await database.executeSql(`select state from pgboss.job where id = $1`, [id])).rows[0]?.state;
      if (state !== "completed") await new Promise((res) => setTimeout(res, 100));
    }
    expect(state).toBe("completed");
    expect(runs).toBe(0);
  });

  it("refuses to send a job that was never registered", async () => {
    const q = queue();
    const ghost = defineJob({ name: "test-ghost", schema: z.object({}), handler: async () => {} });
    await expect(q.send(ghost, {})).rejects.toThrow(/not registered/);
  });

  it("a recurring job runs once per period even when two queues offer it", async () => {
    const runs: number[] = [];
    const make = () => defineJob({ name: "test-tick", schema: z.object({}), everySeconds: 1, handler: async () => void runs.push(Date.now()) });
    const a = queue(make());
    const b = queue(make());
    await Promise.all([a.start(), b.start()]);
    await new Promise((r) => setTimeout(r, 4500));
    const { rows } = await database.executeSql(
      `select singleton_on, count(*)::int as n from pgboss.job where name = 'test-tick' and state = 'completed' group by singleton_on`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.every((r: { n: number }) => r.n === 1)).toBe(true);
    // One run per completed job; at most one more may be finishing right now.
    expect(runs.length).toBeGreaterThanOrEqual(rows.length);
    expect(runs.length).toBeLessThanOrEqual(rows.length + 1);
  }, 20_000);
});
