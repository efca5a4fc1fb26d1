// Where a benchmark's time goes, measured from the outside of the server's code:
//  - the server's main thread: event-loop utilisation (how busy the one Node
//    thread that runs Kindred was);
//  - PostgreSQL: CPU time of all `postgres` processes on this machine (Linux /proc);
//  - node-postgres, wrapped in this process: time of every statement from
//    `client.query` to its answer (round trip, PostgreSQL's work and parsing the
//    rows), grouped by statement, and how long requests waited for a pool connection.
import { readdir, readFile } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import pg from "pg";

/** CPU seconds used so far by each process named `postgres` (backends included), by pid; null where /proc is missing. */
export async function postgresCpuSeconds(): Promise<Map<number, number> | null> {
  let pids: string[];
  try {
    pids = (await readdir("/proc")).filter((p) => /^\d+$/.test(p));
  } catch {
    return null;
  }
  // Clock ticks per second: 100 on Linux (USER_HZ) whatever the kernel's HZ.
  const TICKS = 100;
  const byPid = new Map<number, number>();
  await Promise.all(
    pids.map(async (pid) => {
      try {
        const stat = await readFile(`/proc/${pid}/stat`, "utf8");
        const close = stat.lastIndexOf(")");
        if (stat.slice(stat.indexOf("(") + 1, close) !== "postgres") return;
        const fields = stat.slice(close + 2).split(" ");
        // Fields 14 and 15 of stat (utime, stime); the slice starts at field 3.
        byPid.set(Number(pid), (Number(fields[11]) + Number(fields[12])) / TICKS);
      } catch {
        /* the process ended meanwhile */
      }
    }),
  );
  return byPid;
}

/** CPU used between two readings: per process, so backends that start or end in between do not skew it (those that end lose their last part). */
function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let s = 0;
  for (const [pid, now] of after) s += now - (before.get(pid) ?? 0);
  return s;
}

/** Busy share of this process's main thread, and CPU of this process and of PostgreSQL, over a window. */
export class ResourceWindow {
  #elu = performance.eventLoopUtilization();
  #cpu = process.cpuUsage();
  #pg: Map<number, number> | null = null;
  #t0 = performance.now();

  static async start(): Promise<ResourceWindow> {
    const w = new ResourceWindow();
    w.#pg = await postgresCpuSeconds();
    w.#elu = performance.eventLoopUtilization();
    w.#cpu = process.cpuUsage();
    w.#t0 = performance.now();
    return w;
  }

  async stop(): Promise<Resources> {
    const seconds = (performance.now() - this.#t0) / 1000;
    const elu = performance.eventLoopUtilization(this.#elu);
    const cpu = process.cpuUsage(this.#cpu);
    const pgNow = await postgresCpuSeconds();
    return {
      seconds,
      serverThreadBusy: elu.utilization,
      processCores: (cpu.user + cpu.system) / 1e6 / seconds,
      postgresCores: pgNow !== null && this.#pg !== null ? cpuBetween(this.#pg, pgNow) / seconds : null,
    };
  }
}

export type Resources = {
  seconds: number;
  /** Event-loop utilisation of the main thread (where the server runs): 1 = never idle. */
  serverThreadBusy: number;
  /** CPU of this whole process (server thread, load-generator thread, libuv, GC) in cores. */
  processCores: number;
  /** CPU of all PostgreSQL processes in cores (null without /proc or with PGlite). */
  postgresCores: number | null;
};

export type StatementStats = { statement: string; calls: number; totalMs: number; meanMs: number };
export type QueryStats = {
  statements: StatementStats[];
  queries: number;
  queryMs: number;
  poolWaits: number;
  poolWaitMs: number;
};

/**
 * Wraps node-postgres (the same module instance the server uses) to time every
 * statement and every wait for a pool connection. Costs a clock read and a Map
 * update per query; only switched on for profiling runs.
 */
export function instrumentPostgres() {
  const stats = new Map<string, { calls: number; ms: number }>();
  let poolWaits = 0;
  let poolWaitMs = 0;
  const record = (text: string, ms: number) => {
    const key = text.replace(/\s+/g, " ").trim().slice(0, 110);
    const s = stats.get(key) ?? { calls: 0, ms: 0 };
    s.calls++;
    s.ms += ms;
    stats.set(key, s);
  };
  type QueryFn = (...args: unknown[]) => unknown;
  const clientProto = pg.Client.prototype as unknown as { query: QueryFn };
  const poolProto = pg.Pool.prototype as unknown as { connect: QueryFn };
  const originalQuery = clientProto.query;
  const originalConnect = poolProto.connect;

  clientProto.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0] as string | { text?: string } | undefined;
    const text = typeof first === "string" ? first : (first?.text ?? "?");
    const t0 = performance.now();
    const last = args.at(-1);
    if (typeof last === "function") {
      args[args.length - 1] = (...cbArgs: unknown[]) => {
        record(text, performance.now() - t0);
        return (last as QueryFn)(...cbArgs);
      };
      return originalQuery.apply(this, args);
    }
    const result = originalQuery.apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === "function")
      (result as Promise<unknown>).then(
        () => record(text, performance.now() - t0),
        () => record(text, performance.now() - t0),
      );
    return result;
  };
  poolProto.connect = function (this: unknown, ...args: unknown[]) {
    const t0 = performance.now();
    const done = () => {
      poolWaits++;
      poolWaitMs += performance.now() - t0;
    };
    const last = args.at(-1);
    if (typeof last === "function") {
      args[args.length - 1] = (...cbArgs: unknown[]) => {
        done();
        return (last as QueryFn)(...cbArgs);
      };
      return originalConnect.apply(this, args);
    }
    const result = originalConnect.apply(this, args) as Promise<unknown>;
    result.then(done, done);
    return result;
  };

  return {
    reset() {
      stats.clear();
      poolWaits = 0;
      poolWaitMs = 0;
    },
    snapshot(): QueryStats {
      const statements = [...stats]
        .map(([statement, s]) => ({ statement, calls: s.calls, totalMs: s.ms, meanMs: s.ms / s.calls }))
        .sort((a, b) => b.totalMs - a.totalMs);
      return {
        statements,
        queries: statements.reduce((a, s) => a + s.calls, 0),
        queryMs: statements.reduce((a, s) => a + s.totalMs, 0),
        poolWaits,
        poolWaitMs,
      };
    },
    restore() {
      clientProto.query = originalQuery;
      poolProto.connect = originalConnect;
    },
  };
}

type ProfileNode = { id: number; callFrame: { functionName: string; url: string }; children?: number[] };

/**
 * Time the profiled thread spent in socket-write system calls (V8 shows them as
 * the native functions writev, writeBuffer, writeUtf8String…), split by who
 * wrote: node-postgres sending statements to PostgreSQL, or the HTTP server
 * answering. On loopback a write also runs the receiving side's network stack
 * and wakes the receiver, so it can cost far more than copying the bytes.
 */
export function socketWrites(profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }) {
  const WRITES = new Set(["writev", "writeBuffer", "writeUtf8String", "writeLatin1String", "writeAsciiString"]);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const out = { postgresMs: 0, httpMs: 0, otherMs: 0 };
  for (const [id, us] of self) {
    if (!WRITES.has(byId.get(id)!.callFrame.functionName)) continue;
    let who: keyof typeof out = "otherMs";
    for (let cur = parent.get(id); cur !== undefined; cur = parent.get(cur)) {
      const url = byId.get(cur)!.callFrame.url;
      if (/node_modules\/(pg|pg-protocol)\//.test(url)) {
        who = "postgresMs";
        break;
      }
      if (/_http_outgoing|_http_server|node_modules\/fastify\//.test(url)) {
        who = "httpMs";
        break;
      }
    }
    out[who] += us / 1000;
  }
  return out;
}
