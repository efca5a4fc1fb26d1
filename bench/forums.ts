// Kindred's forums benchmark: a generated forum (200,000 posts in 10,000 topics
// by default) on PostgreSQL and on embedded PGlite, read and written through
// the real HTTP API by a signed-in member. One run measures, in this order:
//  - the bare Fastify "hello" ceiling (as the HTTP benchmark does);
//  - per database: a topic page (20 posts with reactions and read state) over
//    many topics, at 100 connections; then on PostgreSQL only the latest-topics
//    list (100 connections), search for common and for rare words (4 connections,
//    exact p95), and replies from 20 writers spread over random topics.
// The Kindred server runs in this process (like the HTTP benchmark: buildApp on
// the main thread, autocannon on a worker thread), built like production
// (NODE_ENV=production, logging off), on a database generated straight in SQL
// (bench/lib/forum-data.ts) after the server's migrations ran.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openBenchDatabase, requirePostgres, startBenchServer } from "./lib/app-database.js";
import { runClosedLoop, percentiles, type LoopRequest } from "./lib/closed-loop.js";
import { type ProfileSummary, summarize, WindowProfiler } from "./lib/cpuprofile.js";
import {
  type ForumSize,
  generateForum,
  type GeneratedForum,
  prng,
  sampleText,
  type SearchTerm,
  vocabulary,
} from "./lib/forum-data.js";
import { startHelloServer } from "./lib/hello.js";
import { fire, type LoadOptions, type Measurement, measure, type Target } from "./lib/load.js";
import { instrumentPostgres, type QueryStats, ResourceWindow, type Resources, socketWrites } from "./lib/probes.js";
import { expectOk, signUpPerson } from "./lib/session.js";
import { inParallel } from "./lib/swarm.js";
import { cleanUpSlot, progressLog } from "./lib/run-guard.js";

export type ForumDatabase = "postgres" | "pglite";

export type ForumsOptions = {
  databases: ForumDatabase[];
  size: ForumSize;
  /** PGlite's forum (the same as `size` unless asked otherwise). */
  pgliteSize: ForumSize;
  /** Topic page and latest list. */
  load: LoadOptions;
  search: { connections: number; seconds: number };
  reply: { connections: number; writers: number };
  /** Admin connection to the PostgreSQL server; a throw-away database is created on it. */
  adminDatabaseUrl: string;
  /** SESSION_CACHE_SECONDS for the server; null leaves the server's default. */
  sessionCacheSeconds: number | null;
  /** After each measured run, a profiled run of the same load (CPU profile and SQL timings). */
  profile: boolean;
};

export const FORUM_TARGETS = { readP99Ms: 25, readRatio: 0.25, searchP95Ms: 50, replyP99Ms: 50 } as const;

/** Where a profiled run's time went. */
export type Findings = {
  requests: number;
  seconds: number;
  /** PostgreSQL's CPU over the window (the server thread's comes from the profile: the profiler itself keeps the event loop looking busy). */
  postgresCores: number | null;
  /** Server thread CPU per request (profile: everything but idle), in ms. */
  serverCpuMsPerRequest: number;
  cpu: ProfileSummary;
  /** Socket writes (system calls) per request, in ms: sending SQL, answering HTTP. */
  writesPerRequest: { postgresMs: number; httpMs: number; otherMs: number };
  /** PostgreSQL only: statements as timed by node-postgres in this process. */
  sql?: QueryStats & { perRequest: { queries: number; queryMs: number; poolWaitMs: number } };
};

export type LoadRow = Measurement & { ratio: number; resources: Resources; findings?: Findings };

export type SearchRow = {
  group: "common" | "rare";
  terms: SearchTerm[];
  connections: number;
  requestsPerSecond: number;
  requests: number;
  latency: { p50: number; p95: number; p99: number; max: number; mean: number };
  byTerm: { term: string; samples: number; p50: number; p95: number }[];
  non2xx: number;
  errors: number;
  statusCodes: Record<string, number>;
  resources: Resources;
  findings?: Findings;
};

export type DatabaseRun = {
  database: ForumDatabase;
  generation: Omit<GeneratedForum, "readable" | "open"> & {
    readableTopics: number;
    openTopics: number;
    pageTopics: number;
  };
  signUpSeconds: number;
  topicPage: LoadRow;
  latest?: LoadRow;
  search?: SearchRow[];
  reply?: LoadRow;
};

export type ForumsReport = {
  options: Omit<ForumsOptions, "adminDatabaseUrl">;
  hello: Measurement;
  runs: DatabaseRun[];
};

const PASSWORD = "quiet-river-morning-42";
const SIGN_UP_CONCURRENCY = 4;
const PAGE = 20;
/**
 * Requests in each list handed to autocannon (each connection walks it from a
 * random place). autocannon copies and encodes the list for every connection
 * before the clock starts: 1,000 costs about 0.6 s at 100 connections.
 */
const REQUEST_LIST = 1000;
const PROFILE_SECONDS = 5;
const profilesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "results", "profiles");

const { log } = progressLog();
/** Set while a database is in use: closes the server and drops the throw-away database. */
const cleanUp = cleanUpSlot();

/** For an interrupted run (Ctrl-C, the hard deadline): leave no database behind. */
export async function abortForumsBench(): Promise<void> {
  await cleanUp.run();
}

/** A hard ceiling on the run: generation (generous: PGlite is several times slower) plus every load run with slack. */
export function forumsDeadlineMs(opts: ForumsOptions): number {
  const perRun = (seconds: number) => seconds + 20 + (opts.profile ? PROFILE_SECONDS + 10 : 0);
  const load = opts.load.warmupSeconds + opts.load.durationSeconds;
  let s = 60 + perRun(load); // hello
  for (const db of opts.databases) {
    const size = db === "pglite" ? opts.pgliteSize : opts.size;
    const perPost = db === "pglite" ? 0.004 : 0.001;
    s += 120 + size.posts * perPost + perRun(load);
    if (db === "postgres") s += 2 * perRun(load) + 2 * perRun(opts.search.seconds + 1);
  }
  return s * 1000;
}

/** Uniform over readable topics with at least one full page; then a page uniformly within the topic. */
function topicPagePaths(forum: GeneratedForum, random: () => number): { paths: string[]; topics: number } {
  const full = forum.readable.filter((t) => t.posts >= PAGE);
  const pool = full.length > 0 ? full : forum.readable;
  const paths = Array.from({ length: REQUEST_LIST }, () => {
    const t = pool[Math.floor(random() * pool.length)]!;
    const pages = Math.max(1, Math.floor(t.posts / PAGE));
    const from = 1 + PAGE * Math.floor(random() * pages);
    return from === 1 ? `/api/forums/topics/${t.id}` : `/api/forums/topics/${t.id}?from=${from}`;
  });
  return { paths, topics: pool.length };
}

async function profiled(
  name: string,
  run: () => Promise<number>,
  sql: ReturnType<typeof instrumentPostgres> | null,
): Promise<Findings> {
  log(`${name}: profiled run (${PROFILE_SECONDS} s)…`);
  const profiler = new WindowProfiler();
  sql?.reset();
  const window = await ResourceWindow.start();
  await profiler.start();
  const requests = await run();
  const file = path.join(profilesDir, `forums.${name.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "")}.cpuprofile`);
  const profile = await profiler.stop(file);
  const resources = await window.stop();
  const cpu = summarize(profile, 14);
  const per = (v: number) => v / Math.max(1, requests);
  const writes = socketWrites(profile);
  const findings: Findings = {
    requests,
    seconds: resources.seconds,
    postgresCores: resources.postgresCores,
    serverCpuMsPerRequest: per(cpu.totalMs * (1 - cpu.idleShare)),
    cpu,
    writesPerRequest: { postgresMs: per(writes.postgresMs), httpMs: per(writes.httpMs), otherMs: per(writes.otherMs) },
  };
  if (sql) {
    const stats = sql.snapshot();
    findings.sql = {
      ...stats,
      statements: stats.statements.slice(0, 12),
      perRequest: {
        queries: stats.queries / Math.max(1, requests),
        queryMs: stats.queryMs / Math.max(1, requests),
        poolWaitMs: stats.poolWaitMs / Math.max(1, requests),
      },
    };
  }
  return findings;
}

async function loadRow(
  kind: ForumDatabase,
  target: Target,
  load: LoadOptions,
  ceiling: number,
  opts: ForumsOptions,
  sql: ReturnType<typeof instrumentPostgres> | null,
): Promise<LoadRow> {
  log(
    `${target.name} (${load.connections} connections, ${load.warmupSeconds} s warm-up, ${load.durationSeconds} s measured)…`,
  );
  let window: ResourceWindow | null = null;
  let resources: Resources | null = null;
  const m = await measure(target, load, {
    before: async () => void (window = await ResourceWindow.start()),
    after: async () => void (resources = await window!.stop()),
  });
  const row: LoadRow = { ...m, ratio: m.requestsPerSecond / ceiling, resources: resources! };
  // With PGlite the database works inside the server's own thread: there is no PostgreSQL process to count.
  if (kind === "pglite") row.resources.postgresCores = null;
  if (opts.profile)
    row.findings = await profiled(
      target.name,
      async () => (await fire(target, load.connections, PROFILE_SECONDS)).requests.total,
      sql,
    );
  return row;
}

async function searchRow(
  group: "common" | "rare",
  terms: SearchTerm[],
  url: string,
  cookie: string,
  opts: ForumsOptions,
  sql: ReturnType<typeof instrumentPostgres> | null,
): Promise<SearchRow> {
  const requests: LoopRequest[] = terms.map((t) => ({
    tag: t.term,
    method: "GET",
    path: `/api/forums/search?q=${encodeURIComponent(t.term)}`,
    headers: { cookie },
  }));
  for (const r of requests) await expectOk(`${url}${r.path}`, r.headers);
  const { connections, seconds } = opts.search;
  log(
    `search, ${group} terms (${terms.map((t) => t.term).join(", ")}; ${connections} connections, 1 s warm-up, ${seconds} s measured)…`,
  );
  const job = { baseUrl: url, requests, connections, warmupMs: 1000, durationMs: seconds * 1000, timeoutMs: 10_000 };
  // The warm-up runs inside the worker; the resource window covers warm-up and measurement alike.
  const window = await ResourceWindow.start();
  const r = await runClosedLoop(job);
  const resources = await window.stop();
  const all = Object.values(r.samples).flat();
  const p = percentiles(all);
  const ok = Object.entries(r.statusCodes).reduce((a, [code, n]) => a + (code.startsWith("2") ? n : 0), 0);
  const row: SearchRow = {
    group,
    terms,
    connections,
    requestsPerSecond: all.length / r.seconds,
    requests: all.length,
    latency: { p50: p.p50, p95: p.p95, p99: p.p99, max: p.max, mean: p.mean },
    byTerm: terms.map((t) => {
      const q = percentiles(r.samples[t.term] ?? []);
      return { term: t.term, samples: q.samples, p50: q.p50, p95: q.p95 };
    }),
    non2xx: all.length - ok,
    errors: r.errors,
    statusCodes: r.statusCodes,
    resources,
  };
  if (opts.profile)
    row.findings = await profiled(
      `search ${group}`,
      async () => {
        const q = await runClosedLoop({ ...job, warmupMs: 0, durationMs: PROFILE_SECONDS * 1000 });
        return Object.values(q.samples).flat().length;
      },
      sql,
    );
  return row;
}

async function runDatabase(kind: ForumDatabase, opts: ForumsOptions, ceiling: number): Promise<DatabaseRun> {
  const size = kind === "pglite" ? opts.pgliteSize : opts.size;
  log(`${kind}: opening a fresh database and migrating…`);
  const db = await openBenchDatabase(kind, opts.adminDatabaseUrl, log);
  let server: Awaited<ReturnType<typeof startBenchServer>> | null = null;
  cleanUp.set(async () => {
    await server?.close();
    await db.close().catch(() => {});
  });
  const sql = opts.profile && kind === "postgres" ? instrumentPostgres() : null;
  try {
    server = await startBenchServer(db.database, opts.sessionCacheSeconds);
    const { url } = server;

    // People: the reader and the writers sign up through the API (real sessions, argon2id).
    const t0 = performance.now();
    const names = [
      "benchreader",
      ...Array.from({ length: opts.reply.writers }, (_, i) => `benchwriter${String(i + 1).padStart(2, "0")}`),
    ];
    const people = await inParallel(names, SIGN_UP_CONCURRENCY, (name) => signUpPerson(url, name, PASSWORD));
    const signUpSeconds = (performance.now() - t0) / 1000;
    const reader = people[0]!;
    const writers = people.slice(1);

    log(`${kind}: generating ${size.posts.toLocaleString("en")} posts in ${size.topics.toLocaleString("en")} topics…`);
    const forum = await generateForum(db.exec, size, {
      readerId: reader.id,
      people: people.map((p) => p.id),
      log: (line) => log(`${kind}: ${line}`),
    });
    log(`${kind}: forum generated in ${forum.seconds.toFixed(1)} s`);

    const random = prng(1);
    const pages = topicPagePaths(forum, random);
    const { readable: _r, open: _o, ...generated } = forum;
    const readerHeaders = { cookie: reader.cookie };
    const topicPage: Target = {
      name: `GET /api/forums/topics/:id (${kind})`,
      url: `${url}${pages.paths[0]}`,
      headers: readerHeaders,
      requests: pages.paths.map((p) => ({ method: "GET", path: p })),
    };
    for (const p of pages.paths.slice(0, 20)) await expectOk(`${url}${p}`, readerHeaders);
    const run: DatabaseRun = {
      database: kind,
      generation: {
        ...generated,
        readableTopics: forum.readable.length,
        openTopics: forum.open.length,
        pageTopics: pages.topics,
      },
      signUpSeconds,
      topicPage: await loadRow(kind, topicPage, opts.load, ceiling, opts, sql),
    };
    if (kind === "pglite") return run;

    const latest: Target = {
      name: `GET /api/forums/topics (${kind})`,
      url: `${url}/api/forums/topics`,
      headers: readerHeaders,
    };
    await expectOk(latest.url, latest.headers);
    run.latest = await loadRow(kind, latest, opts.load, ceiling, opts, sql);

    run.search = [];
    for (const group of ["common", "rare"] as const)
      run.search.push(
        await searchRow(
          group,
          forum.terms.filter((t) => t.group === group),
          url,
          reader.cookie,
          opts,
          sql,
        ),
      );

    // Replies: random open topics, each request from one of the writers, with text like the generated posts'.
    const words = vocabulary();
    const replies = Array.from({ length: REQUEST_LIST }, (_, i) => ({
      method: "POST" as const,
      path: `/api/forums/topics/${forum.open[Math.floor(random() * forum.open.length)]!}/posts`,
      headers: { cookie: writers[i % writers.length]!.cookie, origin: url, "content-type": "application/json" },
      body: JSON.stringify({ body: sampleText(words, random, 10 + Math.floor(80 * random())) }),
    }));
    const check = await fetch(`${url}${replies[0]!.path}`, {
      method: "POST",
      headers: replies[0]!.headers,
      body: replies[0]!.body,
      signal: AbortSignal.timeout(15_000),
    });
    const answer = await check.text();
    if (check.status !== 201) throw new Error(`a reply answered ${check.status}: ${answer}`);
    const reply: Target = {
      name: `POST /api/forums/topics/:id/posts (${kind})`,
      // What `settle` reads between runs: a page, not a write.
      url: topicPage.url,
      headers: readerHeaders,
      requests: replies,
    };
    run.reply = await loadRow(kind, reply, { ...opts.load, connections: opts.reply.connections }, ceiling, opts, sql);
    return run;
  } finally {
    sql?.restore();
    await cleanUp.run();
  }
}

export async function runForumsBench(opts: ForumsOptions): Promise<ForumsReport> {
  if (opts.databases.includes("postgres"))
    await requirePostgres(opts.adminDatabaseUrl, "forums", "pass --database pglite");
  const hello = await startHelloServer();
  let ceiling: Measurement;
  try {
    await expectOk(hello.url);
    log(`hello (bare Fastify) (${opts.load.connections} connections, ${opts.load.durationSeconds} s measured)…`);
    ceiling = await measure({ name: "hello (bare Fastify)", url: `${hello.url}/` }, opts.load);
  } finally {
    await hello.close();
  }
  const runs: DatabaseRun[] = [];
  for (const kind of opts.databases) runs.push(await runDatabase(kind, opts, ceiling.requestsPerSecond));
  const { adminDatabaseUrl: _a, ...options } = opts;
  return { options, hello: ceiling, runs };
}

// ── Report ───────────────────────────────────────────────────────────────────

const r1 = (v: number) => Number(v.toFixed(1));
const pct = (v: number) => `${Math.round(v * 100)} %`;
const verdict = (ok: boolean) => (ok ? "met" : "MISSED");

function loadCells(r: LoadRow) {
  return {
    "req/s (mean)": Math.round(r.requestsPerSecond),
    "p50 ms": r.latencyP50Ms,
    "p99 ms": r.latencyP99Ms,
    "× hello": Number(r.ratio.toPrecision(2)),
    "server thread busy": pct(r.resources.serverThreadBusy),
    "this process, cores": r1(r.resources.processCores),
    "PostgreSQL cores": r.resources.postgresCores === null ? "–" : r1(r.resources.postgresCores),
    "non-2xx": r.non2xx,
    errors: r.errors,
  };
}

function printFindings(name: string, f: Findings) {
  const w = f.writesPerRequest;
  console.log(
    `\n${name}: profiled run, ${f.requests} requests in ${f.seconds.toFixed(1)} s; server thread ${pct(1 - f.cpu.idleShare)} busy, ` +
      `${f.serverCpuMsPerRequest.toFixed(2)} ms of it per request` +
      (f.postgresCores !== null ? `; PostgreSQL ${r1(f.postgresCores)} cores` : "") +
      `\n  socket writes per request: ${w.postgresMs.toFixed(2)} ms sending SQL, ${w.httpMs.toFixed(2)} ms answering HTTP, ${w.otherMs.toFixed(2)} ms other`,
  );
  console.table(
    Object.fromEntries(
      f.cpu.byArea.slice(0, 10).map((a) => [a.area, { ms: Math.round(a.ms), "share of window": pct(a.share) }]),
    ),
  );
  console.table(
    Object.fromEntries(
      f.cpu.topFunctions
        .slice(0, 12)
        .map((fn) => [fn.fn.slice(0, 90), { area: fn.area, ms: Math.round(fn.ms), share: pct(fn.share) }]),
    ),
  );
  if (f.sql) {
    const pr = f.sql.perRequest;
    console.log(
      `SQL per request: ${r1(pr.queries)} statements, ${r1(pr.queryMs)} ms from query to answer (summed), ${r1(pr.poolWaitMs)} ms waiting for a pool connection`,
    );
    console.table(
      Object.fromEntries(
        f.sql.statements
          .slice(0, 8)
          .map((s) => [
            s.statement.slice(0, 100),
            { calls: s.calls, "mean ms": r1(s.meanMs), "total ms": Math.round(s.totalMs) },
          ]),
      ),
    );
  }
}

/** Prints the tables and the verdicts; returns a line for each run that saw errors or non-2xx replies. */
export function printForumsReport(
  report: ForumsReport,
  machine: { cpus: number; cpuModel: string; node: string },
): string[] {
  const { options: o } = report;
  const problems: string[] = [];
  console.log(
    `\nKindred forums benchmark: reads at ${o.load.connections} connections, ${o.load.durationSeconds} s each after ${o.load.warmupSeconds} s warm-up; ` +
      `search at ${o.search.connections} connections for ${o.search.seconds} s per group; replies at ${o.reply.connections} connections (${o.reply.writers} writers)`,
  );
  console.log(
    `${machine.cpus} CPUs (${machine.cpuModel}), Node ${machine.node}; load generator, server and PostgreSQL share this machine`,
  );
  for (const run of report.runs) {
    const g = run.generation;
    console.log(
      `\n${run.database}: ${g.size.posts.toLocaleString("en")} posts in ${g.size.topics.toLocaleString("en")} topics ` +
        `(posts per topic ${g.topicSizes.min}–${g.topicSizes.max}, median ${g.topicSizes.median}), ${g.rows.forum_reaction?.toLocaleString("en")} reactions, ` +
        `${g.rows.forum_read_state?.toLocaleString("en")} read positions, ${g.rows.user?.toLocaleString("en")} people; generated in ${g.seconds.toFixed(1)} s; ` +
        `topic pages drawn from ${g.pageTopics.toLocaleString("en")} topics`,
    );
  }
  const rows: [string, LoadRow][] = [];
  for (const run of report.runs) {
    rows.push([`topic page (${run.database})`, run.topicPage]);
    if (run.latest) rows.push([`latest list (${run.database})`, run.latest]);
    if (run.reply) rows.push([`reply (${run.database}, ${o.reply.connections} writers)`, run.reply]);
  }
  console.log("");
  const hello = report.hello;
  console.table({
    "hello (bare Fastify)": {
      "req/s (mean)": Math.round(hello.requestsPerSecond),
      "p50 ms": hello.latencyP50Ms,
      "p99 ms": hello.latencyP99Ms,
      "× hello": 1,
      "non-2xx": hello.non2xx,
      errors: hello.errors,
    },
    ...Object.fromEntries(rows.map(([name, r]) => [name, loadCells(r)])),
  });
  const searches = report.runs.flatMap((run) => (run.search ?? []).map((s) => [run.database, s] as const));
  if (searches.length > 0) {
    console.table(
      Object.fromEntries(
        searches.map(([db, s]) => [
          `search, ${s.group} terms (${db})`,
          {
            terms: s.terms.map((t) => `${t.term} ${t.group === "common" ? pct(t.share) : `(${t.posts})`}`).join(", "),
            "req/s": Math.round(s.requestsPerSecond),
            "p50 ms": r1(s.latency.p50),
            "p95 ms": r1(s.latency.p95),
            "p99 ms": r1(s.latency.p99),
            "server busy": pct(s.resources.serverThreadBusy),
            "PG cores": s.resources.postgresCores === null ? "–" : r1(s.resources.postgresCores),
            "non-2xx": s.non2xx,
            errors: s.errors,
          },
        ]),
      ),
    );
    for (const [db, s] of searches)
      console.log(
        `  ${s.group} (${db}), p95 by term: ${s.byTerm.map((t) => `${t.term} ${r1(t.p95)} ms (p50 ${r1(t.p50)})`).join("; ")}`,
      );
  }

  console.log("\nTargets:");
  const t = FORUM_TARGETS;
  for (const run of report.runs) {
    for (const [name, r] of [
      ["topic page", run.topicPage],
      ["latest list", run.latest],
    ] as const) {
      if (!r) continue;
      console.log(
        `  ${name} (${run.database}): p99 ${r.latencyP99Ms} ms < ${t.readP99Ms} ms ${verdict(r.latencyP99Ms < t.readP99Ms)}; ` +
          `× hello ${r.ratio.toPrecision(2)} ≥ ${t.readRatio} ${verdict(r.ratio >= t.readRatio)}`,
      );
    }
    for (const s of run.search ?? [])
      console.log(
        `  search, ${s.group} terms (${run.database}): p95 ${r1(s.latency.p95)} ms < ${t.searchP95Ms} ms ${verdict(s.latency.p95 < t.searchP95Ms)}`,
      );
    if (run.reply)
      console.log(
        `  reply (${run.database}): p99 ${run.reply.latencyP99Ms} ms < ${t.replyP99Ms} ms ${verdict(run.reply.latencyP99Ms < t.replyP99Ms)}`,
      );
  }

  for (const run of report.runs) {
    for (const [name, r] of [
      ["topic page", run.topicPage],
      ["latest list", run.latest],
      ["reply", run.reply],
    ] as const) {
      if (!r) continue;
      if (r.findings) printFindings(`${name} (${run.database})`, r.findings);
      if (r.non2xx > 0 || r.errors > 0)
        problems.push(
          `${name} (${run.database}): ${r.non2xx} non-2xx, ${r.errors} errors (${r.timeouts} timeouts); status codes ${JSON.stringify(r.statusCodes)}`,
        );
    }
    for (const s of run.search ?? []) {
      if (s.findings) printFindings(`search, ${s.group} terms (${run.database})`, s.findings);
      if (s.non2xx > 0 || s.errors > 0)
        problems.push(
          `search, ${s.group} (${run.database}): ${s.non2xx} non-2xx, ${s.errors} errors; status codes ${JSON.stringify(s.statusCodes)}`,
        );
    }
  }
  if (hello.non2xx > 0 || hello.errors > 0) problems.push(`hello: ${hello.non2xx} non-2xx, ${hello.errors} errors`);
  return problems;
}
