// Kindred's benchmarks, run on demand (they are not tests):
//   npm run bench [-- http|realtime|forums|safety|meetings] [--smoke] [--json]
//     http:     --connections N --duration S --postgres
//     realtime: --sockets N --people N --rounds N --profile
//     forums:   --connections N --duration S --posts N --topics N --database both|postgres|pglite
//               --pglite-posts N --pglite-topics N --search-connections N --writers N
//               --session-cache S --profile
//     safety:   --messages N (the crisis detector, in this process)
//     meetings: --meetings N --iterations N --pglite (the directory, next 7 days, on PostgreSQL; --pglite: PGlite too)
// Without a name, all five run: HTTP, real time, forums, the crisis detector, the meeting directory.
import { execFileSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import {
  abortForumsBench,
  type ForumDatabase,
  type ForumsOptions,
  forumsDeadlineMs,
  printForumsReport,
  runForumsBench,
} from "./forums.js";
import { httpDeadlineMs, printHttpReport, runHttpBench } from "./http.js";
import type { LoadOptions } from "./lib/load.js";
import {
  abortMeetingsBench,
  type MeetingsOptions,
  meetingsDeadlineMs,
  printMeetingsReport,
  runMeetingsBench,
} from "./meetings.js";
import { abortRealtimeBench, printRealtimeReport, type RealtimeOptions, runRealtimeBench } from "./realtime.js";
import { printSafetyReport, runSafetyBench, type SafetyOptions } from "./safety.js";

const BENCHMARKS = ["http", "realtime", "forums", "safety", "meetings"] as const;
type Benchmark = (typeof BENCHMARKS)[number];

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    connections: { type: "string", default: "100" },
    duration: { type: "string", default: "10" },
    smoke: { type: "boolean", default: false },
    postgres: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
    sockets: { type: "string", default: "2000" },
    people: { type: "string", default: "1000" },
    rounds: { type: "string", default: "10" },
    profile: { type: "boolean", default: false },
    posts: { type: "string", default: "200000" },
    topics: { type: "string", default: "10000" },
    "pglite-posts": { type: "string" },
    "pglite-topics": { type: "string" },
    database: { type: "string", default: "both" },
    "search-connections": { type: "string", default: "4" },
    writers: { type: "string", default: "20" },
    "session-cache": { type: "string" },
    messages: { type: "string", default: "200000" },
    meetings: { type: "string", default: "5000" },
    iterations: { type: "string", default: "300" },
    pglite: { type: "boolean", default: false },
  },
});

for (const p of positionals)
  if (!(BENCHMARKS as readonly string[]).includes(p))
    throw new Error(`unknown benchmark "${p}"; choose from ${BENCHMARKS.join(", ")}`);
const selected: Benchmark[] =
  positionals.length > 0 ? BENCHMARKS.filter((b) => positionals.includes(b)) : [...BENCHMARKS];

function positiveInt(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, got "${value}"`);
  return n;
}

function nonNegativeInt(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, 0 or more, got "${value}"`);
  return n;
}

const load: LoadOptions = args.smoke
  ? { connections: 10, durationSeconds: 2, warmupSeconds: 1 }
  : {
      connections: positiveInt("connections", args.connections),
      durationSeconds: positiveInt("duration", args.duration),
      warmupSeconds: 1,
    };
const database = args.postgres ? "postgres" : "pglite";

const realtime: RealtimeOptions = {
  ...(args.smoke
    ? { sockets: 50, people: 20, warmupRounds: 1, rounds: 3, settleMs: 1000 }
    : {
        sockets: positiveInt("sockets", args.sockets),
        people: positiveInt("people", args.people),
        warmupRounds: 2,
        rounds: positiveInt("rounds", args.rounds),
        settleMs: 3000,
      }),
  adminDatabaseUrl: process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test",
  // Its own logical database (15), so the benchmark's Socket.IO stream never mixes with a test run's.
  redisUrl: process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379/15",
  profile: args.profile,
};

const forumDatabases: ForumDatabase[] =
  args.database === "both"
    ? ["postgres", "pglite"]
    : args.database === "postgres" || args.database === "pglite"
      ? [args.database]
      : [];
if (forumDatabases.length === 0) throw new Error(`--database must be both, postgres or pglite, got "${args.database}"`);
const forumSize = (posts: string, topics: string) => ({
  posts: positiveInt("posts", posts),
  topics: positiveInt("topics", topics),
  // One generated member for every 100 posts (2,000 for the full forum), at least 20.
  authors: Math.max(20, Math.round(Number(posts) / 100)),
});
const forums: ForumsOptions = {
  databases: forumDatabases,
  ...(args.smoke
    ? {
        size: forumSize("200", "10"),
        pgliteSize: forumSize("200", "10"),
        load: { connections: 10, durationSeconds: 2, warmupSeconds: 1 },
        search: { connections: 2, seconds: 2 },
        reply: { connections: 4, writers: 4 },
      }
    : {
        size: forumSize(args.posts, args.topics),
        pgliteSize: forumSize(args["pglite-posts"] ?? args.posts, args["pglite-topics"] ?? args.topics),
        load,
        search: {
          connections: positiveInt("search-connections", args["search-connections"]),
          seconds: load.durationSeconds,
        },
        reply: { connections: positiveInt("writers", args.writers), writers: positiveInt("writers", args.writers) },
      }),
  adminDatabaseUrl: process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test",
  sessionCacheSeconds:
    args["session-cache"] === undefined ? null : nonNegativeInt("session-cache", args["session-cache"]),
  profile: args.profile,
};

const safety: SafetyOptions = args.smoke
  ? { messages: 20_000, warmup: 5_000 }
  : { messages: positiveInt("messages", args.messages), warmup: 5_000 };

const meetings: MeetingsOptions = {
  databases: args.pglite ? ["postgres", "pglite"] : ["postgres"],
  ...(args.smoke
    ? {
        meetings: 300,
        iterations: 20,
        warmup: 3,
        httpSeconds: 0.3,
        httpWarmupSeconds: 0.2,
        load: { connections: 2, seconds: 1 },
      }
    : {
        meetings: positiveInt("meetings", args.meetings),
        iterations: positiveInt("iterations", args.iterations),
        warmup: 20,
        httpSeconds: 3,
        httpWarmupSeconds: 1,
        load: { connections: 4, seconds: 5 },
      }),
  adminDatabaseUrl: process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test",
};

// A hard ceiling on the whole run: nothing may hang CI. The real-time one grows with
// the people signed up (argon2id, 25–95 ms each here) and the sockets connected.
const realtimeDeadlineMs = args.smoke ? 180_000 : (300 + 0.3 * realtime.people + 0.05 * realtime.sockets) * 1000;
const deadlineMs =
  (selected.includes("http") ? httpDeadlineMs(load) : 0) +
  (selected.includes("realtime") ? realtimeDeadlineMs : 0) +
  (selected.includes("forums") ? forumsDeadlineMs(forums) : 0) +
  (selected.includes("safety") ? 120_000 + safety.messages * 2 : 0) +
  (selected.includes("meetings") ? meetingsDeadlineMs(meetings) : 0);
/** Stops child server processes and drops the throw-away database (bounded), then exits. */
async function abort(message: string, code: number) {
  console.error(`bench: ${message}`);
  await Promise.race([
    Promise.all([abortRealtimeBench(), abortForumsBench(), abortMeetingsBench()]),
    new Promise((resolve) => setTimeout(resolve, 5000)),
  ]);
  process.exit(code);
}
setTimeout(() => void abort(`gave up after ${deadlineMs / 1000} s`, 2), deadlineMs).unref();
process.once("SIGINT", () => void abort("interrupted", 130));
process.once("SIGTERM", () => void abort("terminated", 143));

const machine = {
  cpus: os.availableParallelism(),
  cpuModel: os.cpus()[0]?.model ?? "unknown",
  memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
};
/** The commit measured, with "+changes" when the server or packages differ from it (others may be editing). */
function commit(): string | null {
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "apps", "packages"], { encoding: "utf8" }).trim();
    return dirty ? `${head}+changes` : head;
  } catch {
    return null;
  }
}
const command = ["npm run bench", ...(process.argv.length > 2 ? ["--", ...process.argv.slice(2)] : [])].join(" ");
// Read at start: tsx has loaded the server's code by the time anything runs.
const startCommit = commit();
const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "results");

async function writeJson(name: string, body: object) {
  const file = path.join(resultsDir, `${name}.json`);
  await mkdir(resultsDir, { recursive: true });
  await writeFile(
    file,
    `${JSON.stringify({ date: new Date().toISOString(), command, commit: startCommit, machine, ...body }, null, 2)}\n`,
  );
  console.log(`results written to ${path.relative(process.cwd(), file)}`);
}

const problems: string[] = [];

if (selected.includes("http")) {
  const report = await runHttpBench(load, database);
  problems.push(...printHttpReport(report, machine));
  if (args.json) await writeJson("http", report);
}

if (selected.includes("realtime")) {
  const report = await runRealtimeBench(realtime);
  console.log(
    `\n${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}; clients, servers, PostgreSQL and Redis share this machine`,
  );
  problems.push(...printRealtimeReport(report, args.smoke));
  if (args.json) await writeJson("realtime", report);
}

if (selected.includes("forums")) {
  const report = await runForumsBench(forums);
  problems.push(...printForumsReport(report, machine));
  if (args.json) await writeJson("forums", report);
}

if (selected.includes("safety")) {
  const report = runSafetyBench(safety);
  problems.push(...printSafetyReport(report, machine));
  if (args.json) await writeJson("safety", report);
}

if (selected.includes("meetings")) {
  const report = await runMeetingsBench(meetings);
  problems.push(...printMeetingsReport(report, machine));
  if (args.json) await writeJson("meetings", report);
}

for (const p of problems) console.warn(`warning: ${p}`);

// Everything has been closed; if a stray handle still holds the process open, leave anyway.
process.exitCode = problems.length > 0 && args.smoke ? 1 : 0;
setTimeout(() => {
  console.error("bench: something kept the process alive after closing the servers; exiting");
  process.exit(process.exitCode);
}, 5000).unref();
