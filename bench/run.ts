// Kindred's HTTP benchmark. One run measures a bare Fastify "hello" server (the
// ceiling) and a real Kindred server, and reports Kindred as ratios of the ceiling.
//   npm run bench [-- --connections N --duration S --smoke --postgres --json]
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startHelloServer } from "./lib/hello.js";
import { type LoadOptions, type Measurement, type Target, measure } from "./lib/load.js";
import { expectOk, signUpMember } from "./lib/session.js";

const { values: args } = parseArgs({
  options: {
    connections: { type: "string", default: "100" },
    duration: { type: "string", default: "10" },
    smoke: { type: "boolean", default: false },
    postgres: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
  },
});

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

// A hard ceiling on the whole run: three targets, each warm-up + measurement plus
// generous slack for start-up, migrations and shutdown. Nothing may hang CI.
const TARGETS = 3;
const deadlineMs = (TARGETS * (load.warmupSeconds + load.durationSeconds + 20) + 60) * 1000;
setTimeout(() => {
  console.error(`bench: gave up after ${deadlineMs / 1000} s`);
  process.exit(2);
}, deadlineMs).unref();

if (args.postgres) {
  // Read by the test database module when it is imported, so set before the import below.
  process.env.KINDRED_TEST_DB = "postgres";
  process.env.TEST_DATABASE_URL ??= "postgres://postgres@127.0.0.1:5432/test";
}
const { startTestServer } = await import("../apps/server/src/testing/server.js");

const results: Measurement[] = [];

async function run(target: Target): Promise<Measurement> {
  process.stderr.write(
    `bench: ${target.name} (${load.warmupSeconds} s warm-up, ${load.durationSeconds} s measured)…\n`,
  );
  const m = await measure(target, load);
  results.push(m);
  return m;
}

const hello = await startHelloServer();
try {
  await expectOk(hello.url);
  await run({ name: "hello (bare Fastify)", url: `${hello.url}/` });
} finally {
  await hello.close();
}

const kindred = await startTestServer();
try {
  const cookie = await signUpMember(kindred.url, "benchperson", "quiet-river-morning-42");
  const targets: Target[] = [
    { name: "GET /api/health", url: `${kindred.url}/api/health` },
    { name: "GET /api/me/profile (signed in)", url: `${kindred.url}/api/me/profile`, headers: { cookie } },
  ];
  for (const t of targets) {
    await expectOk(t.url, t.headers);
    await run(t);
  }
} finally {
  await kindred.close();
}

const ceiling = results[0]!.requestsPerSecond;
const rows = results.map((m) => ({ ...m, ratio: m.requestsPerSecond / ceiling }));

const machine = {
  cpus: os.availableParallelism(),
  cpuModel: os.cpus()[0]?.model ?? "unknown",
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
};
console.log(
  `\nKindred HTTP benchmark: ${database}, ${load.connections} connections, ${load.durationSeconds} s per endpoint after ${load.warmupSeconds} s warm-up`,
);
console.log(
  `${machine.cpus} CPUs (${machine.cpuModel}), Node ${machine.node}; load generator and servers share this machine\n`,
);
console.table(
  Object.fromEntries(
    rows.map((r) => [
      r.name,
      {
        "req/s (mean)": Math.round(r.requestsPerSecond),
        "p50 ms": r.latencyP50Ms,
        "p99 ms": r.latencyP99Ms,
        "× hello": Number(r.ratio.toPrecision(2)),
        "non-2xx": r.non2xx,
        errors: r.errors,
      },
    ]),
  ),
);

const failures = rows.filter((r) => r.non2xx > 0 || r.errors > 0);
for (const r of failures)
  console.warn(
    `warning: ${r.name}: ${r.non2xx} non-2xx, ${r.errors} errors (${r.timeouts} timeouts); status codes ${JSON.stringify(r.statusCodes)}`,
  );

if (args.json) {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), "results", "latest.json");
  await mkdir(path.dirname(file), { recursive: true });
  const report = {
    date: new Date().toISOString(),
    command: ["npm run bench", ...(process.argv.length > 2 ? ["--", ...process.argv.slice(2)] : [])].join(" "),
    database,
    load,
    machine,
    results: rows,
  };
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`results written to ${path.relative(process.cwd(), file)}`);
}

// Everything has been closed; if a stray handle still holds the process open, leave anyway.
process.exitCode = failures.length > 0 && args.smoke ? 1 : 0;
setTimeout(() => {
  console.error("bench: something kept the process alive after closing the servers; exiting");
  process.exit(process.exitCode);
}, 5000).unref();
