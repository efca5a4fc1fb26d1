// Kindred's meeting directory benchmark: the next 7 days of meeting
// occurrences over a generated directory (5,000 meetings in ~300 groups by
// default, bench/lib/meeting-data.ts), with the filters people use, as a
// visitor, a signed-in member and an admin, and a second page by cursor.
//   npm run bench -- meetings [--meetings N] [--iterations N] [--pglite] [--smoke] [--json]
// For every scenario it measures, one after the other (nothing else running):
//  - the function `directory(db, actor, query, orgTimeZone)` called directly in
//    this process (the query and the presenting of its rows), with the mean
//    time of its SQL statement alone (node-postgres, from query to rows);
//  - the route GET /api/meetings over real HTTP (one keep-alive connection
//    going round the scenarios, each request sent when the previous answer has
//    arrived: session, settings, the directory, the response schema and
//    serializer);
// then all scenarios mixed at a few connections (throughput), and on
// PostgreSQL the EXPLAIN (ANALYZE, BUFFERS) of every scenario's statement,
// printed in full for the heaviest (the most PostgreSQL CPU per call).
// Every page of every scenario is also walked once, checking order and
// visibility. The target (issue): p95 under 30 ms on PostgreSQL. With
// --pglite the same runs again on embedded PGlite.
import { type Directory, DirectoryQuery } from "@kindred/contracts";
import os from "node:os";
import pg from "pg";
import type { z } from "zod";
import type { Db } from "../apps/server/src/db/client.js";
import { loadActor } from "../apps/server/src/modules/accounts/actor-loader.js";
import { directory } from "../apps/server/src/modules/meetings/directory.js";
import { getSettings } from "../apps/server/src/modules/organization/service.js";
import { hasPower, type Actor } from "../apps/server/src/policy/actor.js";
import { type BenchDatabaseKind, openBenchDatabase, requirePostgres, startBenchServer } from "./lib/app-database.js";
import { type LoopRequest, type Percentiles, percentiles, runClosedLoop } from "./lib/closed-loop.js";
import { generateMeetings, type GeneratedMeetings, meetingsSize } from "./lib/meeting-data.js";
import { instrumentPostgres, postgresCpuSeconds, ResourceWindow, type Resources } from "./lib/probes.js";
import { expectOk, signUpPerson } from "./lib/session.js";
import { cleanUpSlot, progressLog } from "./lib/run-guard.js";

export type MeetingsOptions = {
  meetings: number;
  databases: BenchDatabaseKind[];
  /** Calls of `directory()` measured per scenario, after `warmup` unmeasured ones. */
  iterations: number;
  warmup: number;
  /** Seconds of HTTP per scenario (one connection), after `httpWarmupSeconds`. */
  httpSeconds: number;
  httpWarmupSeconds: number;
  /** All scenarios mixed: connections and seconds. */
  load: { connections: number; seconds: number };
  /** Admin connection to the PostgreSQL server; a throw-away database is created on it. */
  adminDatabaseUrl: string;
};

export const MEETINGS_TARGET = { p95Ms: 30 } as const;

type Who = "visitor" | "member" | "admin";
type Query = z.output<typeof DirectoryQuery>;

type Scenario = { name: string; who: Who; input: DirectoryQuery };

export type ExplainSummary = {
  executionMs: number;
  planningMs: number;
  sharedHit: number;
  sharedRead: number;
  /** How meeting_occurrence was read, e.g. "Index Scan using meeting_occurrence_start_idx". */
  occurrenceScan: string;
  /** Occurrence rows the scan produced, plus those its filter removed. */
  occurrenceRowsRead: number;
  /** The plan's nodes, top down. */
  shape: string;
};

export type ScenarioRow = {
  name: string;
  who: Who;
  /** The query string sent to GET /api/meetings. */
  query: string;
  /** Occurrences matching over the whole window (every page), and rows on the first page. */
  matches: number;
  rows: number;
  fn: Percentiles;
  /** PostgreSQL: the statement's own mean time, node-postgres from query to rows. */
  sqlMeanMs: number | null;
  /**
   * CPU per call of the function: this process (drizzle, node-postgres, presenting; with PGlite the
   * database too) and this database's PostgreSQL backends (1/100 s ticks, so a mean over many calls).
   * Unlike latency, CPU time hardly grows when other work shares the machine.
   */
  cpu: { nodeMs: number; postgresMs: number | null };
  http: Percentiles;
  explain?: ExplainSummary;
};

export type MeetingsRun = {
  database: BenchDatabaseKind;
  generation: GeneratedMeetings;
  organizationTimeZone: string;
  viewerTimeZone: string;
  scenarios: ScenarioRow[];
  /** Over all the one-connection HTTP requests (status codes are not kept per scenario). */
  http: { non2xx: number; errors: number; statusCodes: Record<string, number> };
  mixed: {
    connections: number;
    requestsPerSecond: number;
    latency: Percentiles;
    non2xx: number;
    errors: number;
    resources: Resources;
  };
  /** EXPLAIN (ANALYZE, BUFFERS) in text of the heaviest scenario: the most PostgreSQL CPU per call. */
  heaviestPlan?: { scenario: string; text: string };
  /** os.loadavg() (1, 5, 15 min) when measuring began and when it ended: other work on the machine skews the figures. */
  loadAverage: { before: number[]; after: number[] };
  /** Checks on what the directory answered (ordering across pages, visibility): each line a failure. */
  checkFailures: string[];
};

export type MeetingsReport = { options: Omit<MeetingsOptions, "adminDatabaseUrl">; runs: MeetingsRun[] };

const PASSWORD = "quiet-river-morning-42";
/** The viewer's zone for every scenario: days and times of day are theirs. */
const VIEWER_TZ = "America/Chicago";

const { log } = progressLog();
/** Set while a database is in use: closes the server and drops the throw-away database. */
const cleanUp = cleanUpSlot();

/** For an interrupted run (Ctrl-C, the hard deadline): leave no database behind. */
export async function abortMeetingsBench(): Promise<void> {
  await cleanUp.run();
}

const SCENARIOS = 12;

/** A hard ceiling on the run: generation (PGlite several times slower), every scenario with slack, load, EXPLAIN. */
export function meetingsDeadlineMs(opts: MeetingsOptions): number {
  let s = 0;
  for (const db of opts.databases) {
    const slow = db === "pglite" ? 5 : 1;
    s += 120 + opts.meetings * 0.01 * slow;
    s += SCENARIOS * ((opts.iterations + opts.warmup) * 0.1 * slow + 30 * slow);
    s += SCENARIOS * (opts.httpSeconds + opts.httpWarmupSeconds + 15);
    s += opts.load.seconds + 30 + 60;
  }
  return s * 1000;
}

/** The weekday (0 = Sunday) of an instant in a zone. */
function weekdayIn(date: Date, tz: string): number {
  const name = new Intl.DateTimeFormat("en-US", { weekday: "short", timeZone: tz }).format(date);
  return ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(name);
}

function scenarios(generated: GeneratedMeetings, cursor: string, now: Date): Scenario[] {
  const tomorrow = weekdayIn(new Date(now.getTime() + 86_400_000), VIEWER_TZ);
  const tz = VIEWER_TZ;
  return [
    { name: "no filter", who: "visitor", input: { tz } },
    { name: "no filter", who: "member", input: { tz } },
    { name: "no filter", who: "admin", input: { tz } },
    { name: "day + time of day", who: "visitor", input: { tz, day: tomorrow, timeOfDay: "evening" } },
    { name: "type W", who: "visitor", input: { tz, type: "W" } },
    { name: "language fr", who: "visitor", input: { tz, language: "fr" } },
    { name: "mode in_person", who: "visitor", input: { tz, mode: "in_person" } },
    {
      name: `group (${generated.sampleGroup.meetings} meetings)`,
      who: "visitor",
      input: { tz, group: generated.sampleGroup.slug },
    },
    { name: 'q "hope"', who: "visitor", input: { tz, q: "hope" } },
    { name: "q, no match", who: "visitor", input: { tz, q: "kintsugi" } },
    {
      name: "combination",
      who: "member",
      input: { tz, day: tomorrow, timeOfDay: "evening", type: "D", mode: "online", language: "en" },
    },
    { name: "page 2 (cursor)", who: "visitor", input: { tz, cursor } },
  ];
}

const label = (s: { name: string; who: Who }) => `${s.name} (${s.who})`;
const queryString = (input: DirectoryQuery) =>
  new URLSearchParams(Object.entries(input).map(([k, v]) => [k, String(v)])).toString();

/**
 * Every page of a scenario (100 at a time), through the real code: how many
 * occurrences match over the window, and whether the pages are in order
 * without repeats and show only what this viewer may see.
 */
async function walkPages(
  db: Db,
  actor: Actor | null,
  query: Query,
  orgTz: string,
  allowedGroups: (group: Directory["items"][number]["meeting"]["group"]) => boolean,
): Promise<{ matches: number; failures: string[] }> {
  const failures: string[] = [];
  const seen = new Set<string>();
  let last: { start: string; id: string } | null = null;
  let cursor: string | undefined = query.cursor;
  let matches = 0;
  for (let page = 0; page < 1000; page++) {
    const d = await directory(db, actor, { ...query, limit: 100, cursor }, orgTz);
    for (const item of d.items) {
      const key = `${item.meeting.id}/${item.start}`;
      if (seen.has(key)) failures.push(`occurrence ${key} listed twice`);
      seen.add(key);
      const here = { start: item.start, id: item.meeting.id };
      if (last && (here.start < last.start || (here.start === last.start && here.id <= last.id)))
        failures.push(`out of order after ${last.start} ${last.id}: ${here.start} ${here.id}`);
      last = here;
      if (!allowedGroups(item.meeting.group))
        failures.push(`a ${item.meeting.group?.visibility} group's meeting shown: ${item.meeting.slug}`);
    }
    matches += d.items.length;
    if (!d.nextCursor) return { matches, failures: failures.slice(0, 5) };
    cursor = d.nextCursor;
  }
  failures.push("more than 1,000 pages");
  return { matches, failures };
}

/**
 * The directory's statement as sent to PostgreSQL (text and values), captured from node-postgres; null when the
 * directory answered without it (no meeting passed the meeting filters, so no occurrence needed reading).
 */
async function captureStatement(run: () => Promise<unknown>): Promise<{ text: string; values: unknown[] } | null> {
  type QueryFn = (...args: unknown[]) => unknown;
  const proto = pg.Client.prototype as unknown as { query: QueryFn };
  const original = proto.query;
  let captured: { text: string; values: unknown[] } | null = null;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0] as string | { text?: string; values?: unknown[] } | undefined;
    const text = typeof first === "string" ? first : first?.text;
    if (text?.includes("from meeting_occurrence o"))
      captured = { text, values: (Array.isArray(args[1]) ? args[1] : (first as { values?: unknown[] })?.values) ?? [] };
    return original.apply(this, args);
  };
  try {
    await run();
  } finally {
    proto.query = original;
  }
  return captured;
}

type PlanNode = {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  Alias?: string;
  "Join Type"?: string;
  "Actual Rows": number;
  "Actual Loops": number;
  "Rows Removed by Filter"?: number;
  "Shared Hit Blocks"?: number;
  "Shared Read Blocks"?: number;
  Plans?: PlanNode[];
};

function summarizePlan(plan: { Plan: PlanNode; "Planning Time": number; "Execution Time": number }): ExplainSummary {
  const nodes: PlanNode[] = [];
  const walk = (n: PlanNode) => {
    nodes.push(n);
    for (const c of n.Plans ?? []) walk(c);
  };
  walk(plan.Plan);
  const describe = (n: PlanNode) =>
    `${n["Join Type"] && n["Join Type"] !== "Inner" ? `${n["Node Type"]} (${n["Join Type"]})` : n["Node Type"]}` +
    (n["Index Name"] ? ` using ${n["Index Name"]}` : n["Relation Name"] ? ` on ${n["Relation Name"]}` : "");
  const occurrence = nodes.find((n) => n["Relation Name"] === "meeting_occurrence");
  const loops = occurrence?.["Actual Loops"] ?? 0;
  return {
    executionMs: plan["Execution Time"],
    planningMs: plan["Planning Time"],
    sharedHit: plan.Plan["Shared Hit Blocks"] ?? 0,
    sharedRead: plan.Plan["Shared Read Blocks"] ?? 0,
    occurrenceScan: occurrence ? describe(occurrence) : "(not in the plan)",
    occurrenceRowsRead: occurrence
      ? Math.round((occurrence["Actual Rows"] + (occurrence["Rows Removed by Filter"] ?? 0)) * loops)
      : 0,
    shape: nodes.map(describe).join(" › "),
  };
}

async function runDatabase(kind: BenchDatabaseKind, opts: MeetingsOptions): Promise<MeetingsRun> {
  const size = meetingsSize(opts.meetings);
  log(`${kind}: opening a fresh database and migrating…`);
  const bench = await openBenchDatabase(kind, opts.adminDatabaseUrl, log);
  const { db } = bench.database;
  let server: Awaited<ReturnType<typeof startBenchServer>> | null = null;
  cleanUp.set(async () => {
    await server?.close();
    await bench.close().catch(() => {});
  });
  try {
    server = await startBenchServer(bench.database);
    const { url } = server;

    // The member and the admin sign up through the API (real sessions); the admin gets the role and 2FA in SQL.
    const member = await signUpPerson(url, "benchmember", PASSWORD);
    const admin = await signUpPerson(url, "benchadmin", PASSWORD);
    await bench.exec(`insert into role_grant (user_id, role) values ($1, 'admin')`, [admin.id]);
    await bench.exec(`update "user" set two_factor_enabled = true where id = $1`, [admin.id]);

    const now = new Date();
    log(`${kind}: generating ${size.meetings.toLocaleString("en")} meetings in ${size.groups} groups…`);
    const generated = await generateMeetings(bench.exec, db, size, {
      memberId: member.id,
      now,
      log: (line) => log(`${kind}: ${line}`),
    });
    log(
      `${kind}: generated in ${generated.seconds.toFixed(1)} s (${generated.rows.meeting_occurrence?.toLocaleString("en")} occurrences)`,
    );

    const actors: Record<Who, Actor | null> = {
      visitor: null,
      member: await loadActor(db, member.id),
      admin: await loadActor(db, admin.id),
    };
    if (!actors.member || !actors.admin || !hasPower(actors.admin, "admin"))
      throw new Error("the member or the admin could not be loaded as such");
    const cookies: Record<Who, string | null> = { visitor: null, member: member.cookie, admin: admin.cookie };
    const orgTz = (await getSettings(db)).timeZone;
    const memberGroups = new Set(
      (await bench.exec(`select group_id from group_member where user_id = $1`, [member.id])).rows.map(
        (r: { group_id: string }) => r.group_id,
      ),
    );
    const allowed: Record<Who, (g: Directory["items"][number]["meeting"]["group"]) => boolean> = {
      visitor: (g) => !g || g.visibility === "public",
      member: (g) => !g || g.visibility !== "hidden" || memberGroups.has(g.id),
      admin: () => true,
    };

    const first = await directory(db, null, DirectoryQuery.parse({ tz: VIEWER_TZ }), orgTz);
    if (!first.nextCursor) throw new Error("the directory's first page has no next page: too few meetings");
    const list = scenarios(generated, first.nextCursor, now).map((s) => ({
      ...s,
      query: DirectoryQuery.parse(s.input),
      path: `/api/meetings?${queryString(s.input)}`,
    }));

    // What each scenario answers, over every page.
    log(`${kind}: walking every page of each scenario (matches, order, visibility)…`);
    const checkFailures: string[] = [];
    const matches = new Map<string, number>();
    const firstRows = new Map<string, number>();
    for (const s of list) {
      const walked = await walkPages(db, actors[s.who], s.query, orgTz, allowed[s.who]);
      matches.set(label(s), walked.matches);
      checkFailures.push(...walked.failures.map((f) => `${label(s)}: ${f}`));
      firstRows.set(label(s), (await directory(db, actors[s.who], s.query, orgTz)).items.length);
    }
    const none = (who: Who) => matches.get(label({ name: "no filter", who }))!;
    // Members also see private groups' meetings, admins also hidden ones (the member is in some of those).
    if (!(none("visitor") < none("member") && none("member") <= none("admin")))
      checkFailures.push(
        `no filter: expected visitor < member ≤ admin, got ${none("visitor")}, ${none("member")}, ${none("admin")}`,
      );

    const loadBefore = os.loadavg();
    // The function: every scenario warmed up first, then each measured in turn.
    log(
      `${kind}: directory() — ${opts.warmup} warm-up calls per scenario, then ${opts.iterations} measured per scenario…`,
    );
    for (let i = 0; i < opts.warmup; i++) for (const s of list) await directory(db, actors[s.who], s.query, orgTz);
    const fn = new Map<string, Pick<ScenarioRow, "fn" | "sqlMeanMs" | "cpu">>();
    // This database's backends (the server's pool, the generator's connection): their CPU, not other databases'.
    const backendCpu = async (): Promise<Map<number, number>> => {
      if (kind !== "postgres") return new Map();
      const { rows } = await bench.exec(`select pid from pg_stat_activity where datname = current_database()`);
      const all = await postgresCpuSeconds();
      return new Map(rows.map((r: { pid: number }) => [r.pid, all?.get(r.pid) ?? 0]));
    };
    const probe = kind === "postgres" ? instrumentPostgres() : null;
    try {
      for (const s of list) {
        probe?.reset();
        const samples: number[] = [];
        const pgBefore = await backendCpu();
        const cpuBefore = process.cpuUsage();
        for (let i = 0; i < opts.iterations; i++) {
          const t0 = performance.now();
          await directory(db, actors[s.who], s.query, orgTz);
          samples.push(performance.now() - t0);
        }
        const cpu = process.cpuUsage(cpuBefore);
        const pgAfter = await backendCpu();
        const pgSeconds = [...pgAfter].reduce((a, [pid, t]) => a + t - (pgBefore.get(pid) ?? 0), 0);
        const stats = probe?.snapshot();
        fn.set(label(s), {
          fn: percentiles(samples),
          sqlMeanMs: stats && stats.queries > 0 ? stats.queryMs / stats.queries : null,
          cpu: {
            nodeMs: (cpu.user + cpu.system) / 1000 / opts.iterations,
            postgresMs: kind === "postgres" ? (pgSeconds * 1000) / opts.iterations : null,
          },
        });
      }
    } finally {
      probe?.restore();
    }

    // The route, over HTTP: one connection going round the scenarios, one request each in turn
    // (so every scenario sees the same conditions), each sent when the previous answer is in.
    const requests: LoopRequest[] = list.map((s) => {
      const cookie = cookies[s.who];
      const headers: Record<string, string> = cookie ? { cookie } : {};
      return { tag: label(s), method: "GET", path: s.path, headers };
    });
    for (const r of requests) await expectOk(`${url}${r.path}`, r.headers);
    log(
      `${kind}: GET /api/meetings — 1 connection round the ${list.length} scenarios, ${opts.httpWarmupSeconds} s warm-up, ${Math.round(opts.httpSeconds * list.length * 10) / 10} s measured…`,
    );
    const sequential = await runClosedLoop({
      baseUrl: url,
      requests,
      connections: 1,
      warmupMs: opts.httpWarmupSeconds * 1000,
      durationMs: opts.httpSeconds * list.length * 1000,
      timeoutMs: 10_000,
    });
    const httpAll = Object.values(sequential.samples).flat();
    const httpOk = Object.entries(sequential.statusCodes).reduce((a, [c, n]) => a + (c.startsWith("2") ? n : 0), 0);
    const httpProblems = {
      non2xx: httpAll.length - httpOk,
      errors: sequential.errors,
      statusCodes: sequential.statusCodes,
    };

    log(
      `${kind}: all scenarios mixed, ${opts.load.connections} connections, 1 s warm-up, ${opts.load.seconds} s measured…`,
    );
    const window = await ResourceWindow.start();
    const mixedResult = await runClosedLoop({
      baseUrl: url,
      requests,
      connections: opts.load.connections,
      warmupMs: 1000,
      durationMs: opts.load.seconds * 1000,
      timeoutMs: 10_000,
    });
    const resources = await window.stop();
    const loadAfter = os.loadavg();
    const all = Object.values(mixedResult.samples).flat();
    const mixedOk = Object.entries(mixedResult.statusCodes).reduce((a, [c, n]) => a + (c.startsWith("2") ? n : 0), 0);
    if (kind === "pglite") resources.postgresCores = null;

    const rows: ScenarioRow[] = list.map((s) => ({
      name: s.name,
      who: s.who,
      query: queryString(s.input),
      matches: matches.get(label(s))!,
      rows: firstRows.get(label(s))!,
      ...fn.get(label(s))!,
      http: percentiles(sequential.samples[label(s)] ?? []),
    }));

    // EXPLAIN every scenario's statement (PostgreSQL); the heaviest in full.
    let heaviestPlan: MeetingsRun["heaviestPlan"];
    if (kind === "postgres") {
      log(`${kind}: EXPLAIN (ANALYZE, BUFFERS) of each scenario's statement…`);
      const statements = new Map<string, { text: string; values: unknown[] }>();
      for (const [i, s] of list.entries()) {
        const statement = await captureStatement(() => directory(db, actors[s.who], s.query, orgTz));
        if (!statement) continue;
        statements.set(label(s), statement);
        const [row] = (await bench.exec(`explain (analyze, buffers, format json) ${statement.text}`, statement.values))
          .rows;
        rows[i]!.explain = summarizePlan(
          (row as { "QUERY PLAN": Parameters<typeof summarizePlan>[0][] })["QUERY PLAN"][0]!,
        );
      }
      // The heaviest: the most PostgreSQL CPU per call (steadier than a p95 on a shared machine).
      const heaviest = [...rows]
        .filter((r) => statements.has(label(r)))
        .sort((a, b) => (b.cpu.postgresMs ?? b.fn.p50) - (a.cpu.postgresMs ?? a.fn.p50))[0]!;
      const statement = statements.get(label(heaviest))!;
      const text = (await bench.exec(`explain (analyze, buffers) ${statement.text}`, statement.values)).rows
        .map((r: { "QUERY PLAN": string }) => r["QUERY PLAN"])
        .join("\n");
      heaviestPlan = { scenario: label(heaviest), text };
    }

    return {
      database: kind,
      generation: generated,
      organizationTimeZone: orgTz,
      viewerTimeZone: VIEWER_TZ,
      scenarios: rows,
      http: httpProblems,
      mixed: {
        connections: opts.load.connections,
        requestsPerSecond: all.length / mixedResult.seconds,
        latency: percentiles(all),
        non2xx: all.length - mixedOk,
        errors: mixedResult.errors,
        resources,
      },
      heaviestPlan,
      loadAverage: { before: loadBefore, after: loadAfter },
      checkFailures,
    };
  } finally {
    await cleanUp.run();
  }
}

export async function runMeetingsBench(opts: MeetingsOptions): Promise<MeetingsReport> {
  if (opts.databases.includes("postgres")) await requirePostgres(opts.adminDatabaseUrl, "meetings");
  const runs: MeetingsRun[] = [];
  for (const kind of opts.databases) runs.push(await runDatabase(kind, opts));
  const { adminDatabaseUrl: _a, ...options } = opts;
  return { options, runs };
}

// ── Report ───────────────────────────────────────────────────────────────────

const ms = (v: number) => (v < 10 ? Number(v.toFixed(2)) : Number(v.toFixed(1)));
const verdict = (p95: number) => (p95 < MEETINGS_TARGET.p95Ms ? "met" : "MISSED");

/** Prints the tables, the plans and the verdicts; returns a line for each HTTP error or non-2xx reply and each failed check. */
export function printMeetingsReport(
  report: MeetingsReport,
  machine: { cpus: number; cpuModel: string; node: string },
): string[] {
  const o = report.options;
  const problems: string[] = [];
  console.log(
    `\nKindred meeting directory benchmark: the next 7 days, first page of 50, viewer in ${VIEWER_TZ}; ` +
      `directory() ${o.iterations} calls per scenario after ${o.warmup} warm-up rounds; ` +
      `GET /api/meetings on 1 connection round the scenarios, ${o.httpSeconds} s per scenario after ${o.httpWarmupSeconds} s warm-up`,
  );
  console.log(
    `${machine.cpus} CPUs (${machine.cpuModel}), Node ${machine.node}; load generator, server and database share this machine`,
  );
  for (const run of report.runs) {
    const g = run.generation;
    const pct = (n: number) => `${Math.round((n / g.size.meetings) * 100)} %`;
    console.log(
      `\n${run.database}: ${g.size.meetings.toLocaleString("en")} meetings (${g.organizationMeetings} the organization's own) in ` +
        `${g.size.groups} groups (${g.groups.public} public, ${g.groups.private} private, ${g.groups.hidden} hidden), ` +
        `${g.rows.user?.toLocaleString("en")} people, ${g.rows.group_member?.toLocaleString("en")} memberships, ` +
        `${g.rows.meeting_exception} exceptions; ${g.rows.meeting_occurrence?.toLocaleString("en")} occurrences stored, ` +
        `${g.occurrencesNext7Days.toLocaleString("en")} in the next 7 days`,
    );
    console.log(
      `  languages ${Object.entries(g.byLanguage)
        .map(([k, n]) => `${k} ${pct(n)}`)
        .join(", ")}; modes ${Object.entries(g.byMode)
        .map(([k, n]) => `${k} ${pct(n)}`)
        .join(", ")}; organization time zone ${run.organizationTimeZone}`,
    );
    console.log(
      `  generated in ${g.seconds.toFixed(1)} s: ${Object.entries(g.steps)
        .map(([k, s]) => `${k} ${s.toFixed(1)} s`)
        .join(", ")}`,
    );
    console.log("");
    console.table(
      Object.fromEntries(
        run.scenarios.map((r) => [
          label(r),
          {
            matches: r.matches,
            rows: r.rows,
            "fn p50": ms(r.fn.p50),
            "fn p95": ms(r.fn.p95),
            "fn p99": ms(r.fn.p99),
            "SQL mean": r.sqlMeanMs === null ? "–" : ms(r.sqlMeanMs),
            "CPU node+PG": `${ms(r.cpu.nodeMs)}+${r.cpu.postgresMs === null ? "–" : ms(r.cpu.postgresMs)}`,
            "HTTP p50": ms(r.http.p50),
            "HTTP p95": ms(r.http.p95),
            "HTTP p99": ms(r.http.p99),
            "HTTP/fn p50": Number((r.http.p50 / r.fn.p50).toFixed(2)),
            "p95<30 fn/HTTP": `${verdict(r.fn.p95)}/${verdict(r.http.p95)}`,
          },
        ]),
      ),
    );
    const load = (l: number[]) => l.map((v) => v.toFixed(1)).join(" / ");
    console.log(
      `load average (1 / 5 / 15 min) ${load(run.loadAverage.before)} when measuring began, ${load(run.loadAverage.after)} at the end (${machine.cpus} CPUs)`,
    );
    const m = run.mixed;
    console.log(
      `all ${run.scenarios.length} scenarios mixed, ${m.connections} connections: ${Math.round(m.requestsPerSecond)} req/s, ` +
        `p50 ${ms(m.latency.p50)} ms, p95 ${ms(m.latency.p95)} ms, p99 ${ms(m.latency.p99)} ms; server thread ${Math.round(m.resources.serverThreadBusy * 100)} % busy` +
        (m.resources.postgresCores !== null ? `, PostgreSQL ${m.resources.postgresCores.toFixed(1)} cores` : "") +
        `; ${m.non2xx} non-2xx, ${m.errors} errors`,
    );
    if (run.scenarios.some((r) => r.explain)) {
      console.log(`\n${run.database}: EXPLAIN (ANALYZE, BUFFERS) of each scenario's statement:`);
      console.table(
        Object.fromEntries(
          run.scenarios.map((r) => [
            label(r),
            {
              "exec ms": r.explain ? ms(r.explain.executionMs) : "–",
              "plan ms": r.explain ? ms(r.explain.planningMs) : "–",
              buffers: r.explain ? r.explain.sharedHit + r.explain.sharedRead : "–",
              "occurrences read": r.explain?.occurrenceRowsRead ?? "–",
              "meeting_occurrence read by": r.explain?.occurrenceScan ?? "–",
            },
          ]),
        ),
      );
      for (const r of run.scenarios) if (r.explain) console.log(`  ${label(r)}: ${r.explain.shape}`);
    }
    if (run.heaviestPlan) {
      console.log(
        `\n${run.database}: the heaviest scenario (the most PostgreSQL CPU per call), ${run.heaviestPlan.scenario}, EXPLAIN (ANALYZE, BUFFERS):`,
      );
      console.log(run.heaviestPlan.text.replace(/^/gm, "  "));
    }
  }

  console.log(`\nTarget: directory for the next 7 days, p95 < ${MEETINGS_TARGET.p95Ms} ms on PostgreSQL`);
  for (const run of report.runs) {
    const worstFn = Math.max(...run.scenarios.map((r) => r.fn.p95));
    const worstHttp = Math.max(...run.scenarios.map((r) => r.http.p95));
    const missed = run.scenarios.filter(
      (r) => r.fn.p95 >= MEETINGS_TARGET.p95Ms || r.http.p95 >= MEETINGS_TARGET.p95Ms,
    );
    console.log(
      `  ${run.database}: worst p95 ${ms(worstFn)} ms (function), ${ms(worstHttp)} ms (HTTP): ` +
        (missed.length === 0 ? "met in every scenario" : `MISSED in ${missed.map(label).join(", ")}`) +
        (run.database === "pglite" ? " (for comparison; the target is PostgreSQL's)" : ""),
    );
  }

  for (const run of report.runs) {
    for (const f of run.checkFailures) problems.push(`meetings (${run.database}): ${f}`);
    if (run.http.non2xx > 0 || run.http.errors > 0)
      problems.push(
        `meetings (${run.database}), GET /api/meetings: ${run.http.non2xx} non-2xx, ${run.http.errors} errors; status codes ${JSON.stringify(run.http.statusCodes)}`,
      );
    if (run.mixed.non2xx > 0 || run.mixed.errors > 0)
      problems.push(`meetings (${run.database}), mixed: ${run.mixed.non2xx} non-2xx, ${run.mixed.errors} errors`);
  }
  return problems;
}
