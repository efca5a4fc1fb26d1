// Kindred's benchmarks, run on demand (they are not tests):
//   npm run bench [-- http|realtime] [--smoke] [--json]
//     http:     --connections N --duration S --postgres
//     realtime: --sockets N --people N --rounds N --profile
// Without a name, both run, HTTP first.
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { httpDeadlineMs, printHttpReport, runHttpBench } from "./http.js";
import type { LoadOptions } from "./lib/load.js";
import { abortRealtimeBench, printRealtimeReport, type RealtimeOptions, runRealtimeBench } from "./realtime.js";

const BENCHMARKS = ["http", "realtime"] as const;
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

// A hard ceiling on the whole run: nothing may hang CI. The real-time one grows with
// the people signed up (argon2id, 25–95 ms each here) and the sockets connected.
const realtimeDeadlineMs = args.smoke ? 180_000 : (300 + 0.3 * realtime.people + 0.05 * realtime.sockets) * 1000;
const deadlineMs =
  (selected.includes("http") ? httpDeadlineMs(load) : 0) + (selected.includes("realtime") ? realtimeDeadlineMs : 0);
/** Stops child server processes and drops the throw-away database (bounded), then exits. */
async function abort(message: string, code: number) {
  console.error(`bench: ${message}`);
  await Promise.race([abortRealtimeBench(), new Promise((resolve) => setTimeout(resolve, 5000))]);
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
const command = ["npm run bench", ...(process.argv.length > 2 ? ["--", ...process.argv.slice(2)] : [])].join(" ");
const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "results");

async function writeJson(name: string, body: object) {
  const file = path.join(resultsDir, `${name}.json`);
  await mkdir(resultsDir, { recursive: true });
  await writeFile(file, `${JSON.stringify({ date: new Date().toISOString(), command, machine, ...body }, null, 2)}\n`);
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

for (const p of problems) console.warn(`warning: ${p}`);

// Everything has been closed; if a stray handle still holds the process open, leave anyway.
process.exitCode = problems.length > 0 && args.smoke ? 1 : 0;
setTimeout(() => {
  console.error("bench: something kept the process alive after closing the servers; exiting");
  process.exit(process.exitCode);
}, 5000).unref();
