// Kindred's real-time benchmark: memory per idle socket on one server process,
// and the latency of a notification fan-out on one process and across two
// processes joined by Redis. Servers run as child processes
// (bench/lib/realtime-server.ts); the Socket.IO clients run here, in the
// coordinator, so a server's memory is its own.
import crypto from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import pg from "pg";
import { type ProfileSummary, summarize, WindowProfiler } from "./lib/cpuprofile.js";
import { type MemoryFigures, now } from "./lib/realtime-protocol.js";
import { ServerProcess } from "./lib/server-process.js";
import { createThrowawayDatabase } from "../apps/server/src/testing/database.js";
import { signUpPerson } from "./lib/session.js";
import { type BenchSocket, connectAll, disconnectAll, inParallel, type Tab } from "./lib/swarm.js";
import { cleanUpSlot, progressLog } from "./lib/run-guard.js";

export type RealtimeOptions = {
  /** Idle sockets on one process for the memory figure. */
  sockets: number;
  /** People signed up (one session each); the fan-out reaches all of them, one socket each. */
  people: number;
  warmupRounds: number;
  rounds: number;
  /** How long connected sockets sit idle before the "after" memory reading. */
  settleMs: number;
  /** Admin connection to the PostgreSQL server; a throw-away database is created on it. */
  adminDatabaseUrl: string;
  redisUrl: string;
  /** Write CPU profiles of the server while the idle sockets connect, and of every fan-out's measured rounds (servers and clients). */
  profile: boolean;
};

export const TARGETS = { rssPerSocketKiB: 60, twoProcessP99Ms: 100 } as const;

export type LatencyStats = { samples: number; p50: number; p95: number; p99: number; max: number; mean: number };

export type MemoryResult = {
  sockets: number;
  people: number;
  before: MemoryFigures;
  after: MemoryFigures;
  rssPerSocketBytes: number;
  heapUsedPerSocketBytes: number;
  connectSeconds: number;
  /** With --profile: the server while the sockets connected. */
  connectProfile?: ProfileSummary;
};

export type FanoutResult = {
  name: string;
  /** "notify": notifier.notify(), database included; "push": emitToUsers() only, no database. */
  mode: "notify" | "push";
  processes: number;
  redis: boolean;
  recipients: number;
  rounds: number;
  latency: LatencyStats;
  /** Two processes only: recipients on the process that made the notify call vs on the other one. */
  local?: LatencyStats;
  remote?: LatencyStats;
  /** Medians over the measured rounds, in ms from the start of the call. */
  server: { firstPushMs: number; lastPushMs: number; notifyReturnedMs: number };
  perRound: {
    p50: number;
    p99: number;
    max: number;
    firstPushMs: number;
    lastPushMs: number;
    notifyReturnedMs: number;
  }[];
  missing: number;
  duplicates: number;
  profiles?: Record<string, ProfileSummary>;
};

export type RealtimeReport = {
  options: Omit<RealtimeOptions, "adminDatabaseUrl">;
  setup: { people: number; signUpSeconds: number; signUpConcurrency: number };
  /** Largest estimated clock offset between the coordinator and a server process, with its uncertainty. */
  clock: { maxOffsetMs: number; uncertaintyMs: number };
  memory: MemoryResult;
  fanouts: FanoutResult[];
};

const PASSWORD = "quiet-river-morning-42";
// Sign-up is argon2id-bound; four at a time keeps both cores busy (measured: ~25 ms each).
const SIGN_UP_CONCURRENCY = 4;
const ROUND_TIMEOUT_MS = 15_000;
const ROUND_GAP_MS = 500;
const profilesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "results", "profiles");

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const { log, restart: restartLog } = progressLog();
/** Set while a run is in progress: kills its server processes and drops its database. */
const cleanUp = cleanUpSlot();

/** For an interrupted run (Ctrl-C, the hard deadline): leave no processes and no database behind. */
export async function abortRealtimeBench(): Promise<void> {
  await cleanUp.run();
}

export function latencyStats(values: number[]): LatencyStats {
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest rank: the smallest value with at least p % of the samples at or below it.
  const at = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
  const mean = sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1);
  return { samples: sorted.length, p50: at(50), p95: at(95), p99: at(99), max: sorted.at(-1) ?? NaN, mean };
}

const median = (values: number[]) => latencyStats(values).p50;

/** Fails fast, with the fix, when PostgreSQL or Redis is not there. */
async function preflight(opts: RealtimeOptions) {
  const client = new pg.Client({ connectionString: opts.adminDatabaseUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(
      `the real-time benchmark needs PostgreSQL at ${opts.adminDatabaseUrl} (${(err as Error).message}); start it or set TEST_DATABASE_URL`,
    );
  } finally {
    await client.end().catch(() => {});
  }
  const redis = new Redis(opts.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    throw new Error(
      `the real-time benchmark needs Redis at ${opts.redisUrl} (${(err as Error).message}); start it or set BENCH_REDIS_URL`,
    );
  } finally {
    redis.disconnect();
  }
}

/** The Socket.IO stream the servers share (apps/server/src/realtime/redis.ts); left behind it would hold up to 100 000 entries. */
async function dropRealtimeStream(redisUrl: string) {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    await redis.del("kindred:realtime");
  } finally {
    redis.disconnect();
  }
}

/**
 * Every fan-out starts from the same state: nobody has unread notifications
 * (the unread count sent with each push is an aggregate over them), and the
 * planner's statistics cover the rows the previous fan-outs inserted.
 */
async function readEverything(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("update notification set read_at = now() where read_at is null");
    await client.query("vacuum analyze notification");
  } finally {
    await client.end();
  }
}

/**
 * Offset of a server's clock from ours, NTP-style: the server's reading minus
 * the midpoint of our send and receive; the ping with the shortest round trip
 * wins, and half its round trip bounds the error.
 */
async function clockOffset(server: ServerProcess): Promise<{ offsetMs: number; uncertaintyMs: number }> {
  let best = { offsetMs: 0, uncertaintyMs: Infinity };
  for (let i = 0; i < 15; i++) {
    const t0 = now();
    const theirs = await server.clock();
    const t1 = now();
    if ((t1 - t0) / 2 < best.uncertaintyMs) best = { offsetMs: theirs - (t0 + t1) / 2, uncertaintyMs: (t1 - t0) / 2 };
  }
  return best;
}

async function measureMemory(
  server: ServerProcess,
  tabs: Tab[],
  opts: RealtimeOptions,
  people: number,
): Promise<MemoryResult> {
  // Warm-up: the first connections load and compile the handshake, session and
  // room code; that one-off cost belongs to the baseline, not to each socket.
  const warm = await connectAll(tabs.slice(0, Math.min(50, tabs.length)));
  disconnectAll(warm);
  await sleep(1000);
  const before = await server.memory(true);
  if (before.sockets !== 0) throw new Error(`${before.sockets} sockets still open before the memory baseline`);

  if (opts.profile) await server.profile("start");
  const t0 = now();
  const sockets = await connectAll(tabs);
  const connectSeconds = (now() - t0) / 1000;
  let connectProfile: ProfileSummary | undefined;
  if (opts.profile) {
    const file = path.join(profilesDir, `connect.${server.name}.cpuprofile`);
    await server.profile("stop", file);
    connectProfile = summarize(JSON.parse(await readFile(file, "utf8")));
  }
  await sleep(opts.settleMs);
  const after = await server.memory(true);
  disconnectAll(sockets);
  if (after.sockets !== tabs.length)
    throw new Error(`expected ${tabs.length} sockets on the server, it holds ${after.sockets}`);
  return {
    sockets: tabs.length,
    people,
    before,
    after,
    rssPerSocketBytes: (after.rss - before.rss) / tabs.length,
    heapUsedPerSocketBytes: (after.heapUsed - before.heapUsed) / tabs.length,
    connectSeconds,
    ...(connectProfile ? { connectProfile } : {}),
  };
}

type Person = { id: string; cookie: string };
type Mode = "notify" | "push";

/**
 * One server set-up, measured two ways over the same sockets (person i's
 * socket on servers[i % servers.length]):
 *  - "notify": the notifying server runs notifier.notify() for everyone — the
 *    whole path: recipients and preferences loaded, rows inserted, unread
 *    counts, then one push per person;
 *  - "push": the same server calls realtime.emitToUsers() for everyone with a
 *    notification of the same shape, no database — the Socket.IO (and Redis)
 *    part alone.
 * Each round, every socket's first "notification:new" is timed against the
 * moment the server started the call.
 */
async function measureConfiguration(
  name: string,
  setup: { people: Person[]; servers: ServerProcess[]; notifying: ServerProcess; redis: boolean },
  opts: RealtimeOptions,
  runId: string,
  databaseUrl: string,
): Promise<FanoutResult[]> {
  const { people, servers, notifying } = setup;
  await readEverything(databaseUrl);
  const tabs = people.map((p, i) => ({ personIndex: i, url: servers[i % servers.length]!.url, cookie: p.cookie }));
  const sockets = await connectAll(tabs);
  const onNotifying = tabs.map((t) => t.url === notifying.url);
  const userIds = people.map((p) => p.id);
  const n = sockets.length;

  let arrivals: Float64Array | null = null;
  let arrived = 0;
  let duplicates = 0;
  let strays = 0;
  let allArrived: (() => void) | null = null;
  const listeners = sockets.map((socket: BenchSocket, i) => {
    const listener = () => {
      const t = now();
      if (!arrivals) return void strays++;
      if (!Number.isNaN(arrivals[i]!)) return void duplicates++;
      arrivals[i] = t;
      if (++arrived === n) allArrived?.();
    };
    socket.on("notification:new", listener);
    return listener;
  });

  async function rounds(mode: Mode): Promise<FanoutResult> {
    const label = mode === "notify" ? name : `${name}: push only`;
    const slug = label.replace(/[^a-z0-9]+/gi, "-").toLowerCase();
    const all: number[] = [];
    const local: number[] = [];
    const remote: number[] = [];
    const perRound: FanoutResult["perRound"] = [];
    let missing = 0;
    duplicates = 0;
    const profiles: Record<string, ProfileSummary> = {};
    const clientProfiler = new WindowProfiler();

    for (let round = 0; round < opts.warmupRounds + opts.rounds; round++) {
      const measured = round >= opts.warmupRounds;
      if (measured && round === opts.warmupRounds && opts.profile) {
        await Promise.all(servers.map((s) => s.profile("start")));
        await clientProfiler.start();
      }
      arrivals = new Float64Array(n).fill(NaN);
      arrived = 0;
      let timer: NodeJS.Timeout | undefined;
      const complete = new Promise<boolean>((resolve) => {
        allArrived = () => resolve(true);
        timer = setTimeout(() => resolve(false), ROUND_TIMEOUT_MS);
      });
      const times =
        mode === "notify"
          ? await notifying.notify(userIds, `bench:${runId}:${slug}:${round}`)
          : await notifying.push(userIds);
      const everyone = await complete;
      clearTimeout(timer);
      const got = arrivals;
      arrivals = null;
      if (times.recorded !== n)
        throw new Error(`${label}: the server recorded ${times.recorded} notifications for ${n} people`);
      if (!measured) {
        if (!everyone)
          throw new Error(
            `${label}: warm-up round: ${n - arrived} of ${n} sockets received nothing within ${ROUND_TIMEOUT_MS / 1000} s`,
          );
      } else {
        const sample: number[] = [];
        got.forEach((t, i) => {
          if (Number.isNaN(t)) return void missing++;
          const latency = t - times.start;
          sample.push(latency);
          all.push(latency);
          (onNotifying[i] ? local : remote).push(latency);
        });
        const s = latencyStats(sample);
        perRound.push({
          p50: s.p50,
          p99: s.p99,
          max: s.max,
          firstPushMs: (times.firstEmit ?? NaN) - times.start,
          lastPushMs: (times.lastEmit ?? NaN) - times.start,
          notifyReturnedMs: times.end - times.start,
        });
      }
      await sleep(ROUND_GAP_MS);
    }
    if (opts.profile) {
      await Promise.all(
        servers.map(async (s) => {
          const file = path.join(profilesDir, `${slug}.${s.name}.cpuprofile`);
          await s.profile("stop", file);
          profiles[s.name] = summarize(JSON.parse(await readFile(file, "utf8")));
        }),
      );
      profiles.clients = summarize(await clientProfiler.stop(path.join(profilesDir, `${slug}.clients.cpuprofile`)));
    }
    return {
      name: label,
      mode,
      processes: servers.length,
      redis: setup.redis,
      recipients: n,
      rounds: opts.rounds,
      latency: latencyStats(all),
      ...(servers.length > 1 ? { local: latencyStats(local), remote: latencyStats(remote) } : {}),
      server: {
        firstPushMs: median(perRound.map((r) => r.firstPushMs)),
        lastPushMs: median(perRound.map((r) => r.lastPushMs)),
        notifyReturnedMs: median(perRound.map((r) => r.notifyReturnedMs)),
      },
      perRound,
      missing,
      duplicates,
      ...(opts.profile ? { profiles } : {}),
    };
  }

  try {
    await sleep(1000);
    const results = [await rounds("notify"), await rounds("push")];
    if (strays > 0) log(`${name}: ${strays} notifications arrived between rounds (late deliveries)`);
    return results;
  } finally {
    sockets.forEach((s, i) => s.off("notification:new", listeners[i]));
    disconnectAll(sockets);
  }
}

export async function runRealtimeBench(opts: RealtimeOptions): Promise<RealtimeReport> {
  restartLog();
  await preflight(opts);
  const database = await createThrowawayDatabase(opts.adminDatabaseUrl, "kindred_bench");
  const runId = crypto.randomBytes(4).toString("hex");
  const started: ServerProcess[] = [];
  cleanUp.set(async () => {
    for (const s of started) s.kill();
    await database.drop().catch((err: Error) => log(`could not drop the benchmark database: ${err.message}`));
    await dropRealtimeStream(opts.redisUrl).catch((err: Error) => log(`could not delete the Redis stream: ${err.message}`));
  });
  const start = async (name: string, redis: boolean) => {
    const s = await ServerProcess.start({
      name,
      databaseUrl: database.url,
      ...(redis ? { redisUrl: opts.redisUrl } : {}),
    });
    started.push(s);
    return s;
  };
  try {
    // Two processes joined by Redis. The first one also migrates the new
    // database, so the second starts only after it.
    log("starting two server processes joined by Redis…");
    const a = await start("redis-a", true);
    const b = await start("redis-b", true);

    log(`signing up ${opts.people} people through the API (argon2id, ${SIGN_UP_CONCURRENCY} at a time)…`);
    const t0 = now();
    const people = await inParallel([...Array(opts.people).keys()], SIGN_UP_CONCURRENCY, (i) =>
      signUpPerson(a.url, `bench_${i}`, PASSWORD),
    );
    const signUpSeconds = (now() - t0) / 1000;

    const offsets = [await clockOffset(a), await clockOffset(b)];

    log(`fan-out to ${opts.people} people, half on each of two processes, notify called in one…`);
    const twoProcesses = await measureConfiguration(
      "2 processes + Redis",
      { people, servers: [a, b], notifying: a, redis: true },
      opts,
      runId,
      database.url,
    );
    await b.close();

    log(`fan-out to ${opts.people} people on one process with the Redis adapter…`);
    const oneWithRedis = await measureConfiguration(
      "1 process + Redis adapter",
      { people, servers: [a], notifying: a, redis: true },
      opts,
      runId,
      database.url,
    );
    await a.close();

    // A fresh process for the memory figure: nothing but the warm-up has run in it.
    log("starting a fresh server process (no Redis) for the memory figure…");
    const solo = await start("solo", false);
    offsets.push(await clockOffset(solo));
    const tabs = [...Array(opts.sockets).keys()].map((k) => ({
      personIndex: k % people.length,
      url: solo.url,
      cookie: people[k % people.length]!.cookie,
    }));
    log(`connecting ${opts.sockets} idle sockets to one process…`);
    const memory = await measureMemory(solo, tabs, opts, Math.min(opts.people, opts.sockets));

    log(`fan-out to ${opts.people} people on that one process (in-memory adapter)…`);
    const oneProcess = await measureConfiguration(
      "1 process",
      { people, servers: [solo], notifying: solo, redis: false },
      opts,
      runId,
      database.url,
    );
    await solo.close();
    log("done");

    const worst = offsets.reduce((w, o) => (Math.abs(o.offsetMs) > Math.abs(w.offsetMs) ? o : w));
    const { adminDatabaseUrl: _omit, ...shown } = opts;
    return {
      options: shown,
      setup: { people: opts.people, signUpSeconds, signUpConcurrency: SIGN_UP_CONCURRENCY },
      clock: { maxOffsetMs: worst.offsetMs, uncertaintyMs: worst.uncertaintyMs },
      memory,
      fanouts: [...oneProcess, ...oneWithRedis, ...twoProcesses],
    };
  } finally {
    await cleanUp.run();
  }
}

const kib = (bytes: number) => bytes / 1024;
const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const ms = (v: number) => Number(v.toFixed(1));

/** The figures as tables, and a verdict for each target. Returns the problems found (missing deliveries). */
export function printRealtimeReport(r: RealtimeReport, smoke: boolean): string[] {
  const m = r.memory;
  console.log(
    `\nKindred real-time benchmark: PostgreSQL, ${r.setup.people} people signed up through the API in ${r.setup.signUpSeconds.toFixed(1)} s`,
  );
  console.log(
    `Clock offset between processes: ${r.clock.maxOffsetMs.toFixed(3)} ms (± ${r.clock.uncertaintyMs.toFixed(3)} ms); the Socket.IO clients run in this process\n`,
  );
  console.log(
    `Idle sockets on one process: ${m.sockets} sockets of ${m.people} people${m.sockets > m.people ? ` (${(m.sockets / m.people).toFixed(1)} tabs each, sharing their session)` : ""}, connected in ${m.connectSeconds.toFixed(1)} s (${Math.round(m.sockets / m.connectSeconds)}/s), measured after ${r.options.settleMs / 1000} s idle and a forced GC`,
  );
  if (smoke) console.log("(smoke run: too few sockets for the per-socket figures to mean anything)");
  console.table({
    "RSS MiB": {
      before: mib(m.before.rss),
      after: mib(m.after.rss),
      "per socket KiB": kib(m.rssPerSocketBytes).toFixed(1),
    },
    "heapUsed MiB": {
      before: mib(m.before.heapUsed),
      after: mib(m.after.heapUsed),
      "per socket KiB": kib(m.heapUsedPerSocketBytes).toFixed(1),
    },
    "external MiB": {
      before: mib(m.before.external),
      after: mib(m.after.external),
      "per socket KiB": kib((m.after.external - m.before.external) / m.sockets).toFixed(1),
    },
  });

  console.log(
    `\nNotification fan-out to ${r.setup.people} people, one socket each: ms from the server starting the call to each client receiving "notification:new"; ${r.options.rounds} rounds after ${r.options.warmupRounds} warm-up`,
  );
  const rows: Record<string, Record<string, number | string>> = {};
  for (const f of r.fanouts) {
    const row = (s: LatencyStats, label: string) => {
      rows[label] = {
        people: s.samples / f.rounds,
        p50: ms(s.p50),
        p95: ms(s.p95),
        p99: ms(s.p99),
        max: ms(s.max),
        "first push": ms(f.server.firstPushMs),
        "last push": ms(f.server.lastPushMs),
        returned: ms(f.server.notifyReturnedMs),
        missing: f.missing,
      };
    };
    row(f.latency, f.mode === "notify" ? `${f.name}: notify()` : f.name);
    if (f.local && f.remote) {
      const what = f.mode === "notify" ? "notify()" : "push";
      row(f.local, `  ${what}, sockets on the calling process`);
      row(f.remote, `  ${what}, sockets on the other process`);
    }
  }
  console.table(rows);
  console.log(
    '"notify()": notifier.notify(), database included; "push only": the same emitToUsers() call with no database. "first push"/"last push": when emitToUsers started and returned; "returned": when the call returned (medians over the rounds).',
  );

  const problems: string[] = [];
  for (const f of r.fanouts) {
    if (f.missing > 0) problems.push(`${f.name}: ${f.missing} deliveries missing`);
    if (f.duplicates > 0) problems.push(`${f.name}: ${f.duplicates} duplicate deliveries`);
  }
  if (!smoke) {
    const perSocket = kib(m.rssPerSocketBytes);
    const two = r.fanouts.find((f) => f.processes === 2 && f.mode === "notify");
    const verdict = (ok: boolean, what: string) => console.log(`${ok ? "met   " : "MISSED"} ${what}`);
    console.log("");
    verdict(
      perSocket < TARGETS.rssPerSocketKiB,
      `RSS per idle socket ${perSocket.toFixed(1)} KiB (target < ${TARGETS.rssPerSocketKiB} KiB)`,
    );
    if (two)
      verdict(
        two.latency.p99 < TARGETS.twoProcessP99Ms,
        `notify() p99 across two processes ${two.latency.p99.toFixed(1)} ms (target < ${TARGETS.twoProcessP99Ms} ms${two.latency.p99 >= TARGETS.twoProcessP99Ms ? `: ${(two.latency.p99 / TARGETS.twoProcessP99Ms).toFixed(1)}× over` : ""})`,
      );
  }
  const printProfile = (who: string, p: ProfileSummary) => {
    const areas = p.byArea.slice(0, 8).map((a) => `${a.area} ${(a.share * 100).toFixed(0)}%`);
    console.log(
      `  ${who}: busy ${((1 - p.idleShare) * 100).toFixed(0)}% of ${(p.totalMs / 1000).toFixed(1)} s — ${areas.join(", ")}`,
    );
    for (const fn of p.topFunctions.slice(0, 6))
      console.log(`      ${(fn.share * 100).toFixed(1).padStart(5)}%  ${fn.fn}`);
  };
  if (m.connectProfile) {
    console.log(`\nCPU profile, connecting ${m.sockets} sockets (files in bench/results/profiles/):`);
    printProfile("server", m.connectProfile);
  }
  if (r.options.profile)
    console.log(
      "\n(profiled run: the profiler slows the processes down; take latency figures from a run without --profile)",
    );
  for (const f of r.fanouts) {
    if (!f.profiles) continue;
    console.log(`\nCPU profile, ${f.name} (measured rounds; files in bench/results/profiles/):`);
    for (const [who, p] of Object.entries(f.profiles)) printProfile(who, p);
  }
  return problems;
}
