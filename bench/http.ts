// Kindred's HTTP benchmark. One run measures a bare Fastify "hello" server (the
// ceiling) and a real Kindred server, and reports Kindred as ratios of the ceiling.
import { startHelloServer } from "./lib/hello.js";
import { type LoadOptions, type Measurement, type Target, measure } from "./lib/load.js";
import { expectOk, signUpMember } from "./lib/session.js";

export type HttpRow = Measurement & { ratio: number };
export type HttpReport = { database: "pglite" | "postgres"; load: LoadOptions; results: HttpRow[] };

/** A hard ceiling on the run: three targets, each warm-up + measurement plus slack for start-up, migrations and shutdown. */
export function httpDeadlineMs(load: LoadOptions): number {
  const TARGETS = 3;
  return (TARGETS * (load.warmupSeconds + load.durationSeconds + 20) + 60) * 1000;
}

export async function runHttpBench(load: LoadOptions, database: "pglite" | "postgres"): Promise<HttpReport> {
  if (database === "postgres") {
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
  return { database, load, results: results.map((m) => ({ ...m, ratio: m.requestsPerSecond / ceiling })) };
}

/** Prints the table; returns a line for each row that saw errors or non-2xx replies. */
export function printHttpReport(
  report: HttpReport,
  machine: { cpus: number; cpuModel: string; node: string },
): string[] {
  const { load, results: rows } = report;
  console.log(
    `\nKindred HTTP benchmark: ${report.database}, ${load.connections} connections, ${load.durationSeconds} s per endpoint after ${load.warmupSeconds} s warm-up`,
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
  return rows
    .filter((r) => r.non2xx > 0 || r.errors > 0)
    .map(
      (r) =>
        `${r.name}: ${r.non2xx} non-2xx, ${r.errors} errors (${r.timeouts} timeouts); status codes ${JSON.stringify(r.statusCodes)}`,
    );
}
