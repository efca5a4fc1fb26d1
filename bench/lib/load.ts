// A thin wrapper over autocannon: warm up, then measure, always for a fixed time.
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";

export type Target = {
  name: string;
  /** The URL requested, or with `requests` the origin (and the page `settle` reads). */
  url: string;
  headers?: Record<string, string>;
  /** Many requests (paths, methods, bodies, headers) instead of one URL; each connection walks the list from a random place. */
  requests?: autocannon.Request[];
};
export type LoadOptions = { connections: number; durationSeconds: number; warmupSeconds: number };

export type Measurement = {
  name: string;
  url: string;
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
};

// Loaded by path in autocannon's worker thread (functions cannot cross threads).
const spreadRequests = fileURLToPath(new URL("./spread-requests.cts", import.meta.url));

export function fire(target: Target, connections: number, durationSeconds: number) {
  return autocannon({
    url: target.url,
    headers: target.headers,
    ...(target.requests
      ? { requests: target.requests, setupClient: spreadRequests as unknown as (client: autocannon.Client) => void }
      : {}),
    connections,
    duration: durationSeconds,
    // Each request gives up after 10 s, so every run ends close to its duration.
    timeout: 10,
    // The load generator runs on its own thread, so it does not compete with the
    // server (which lives on this process's main thread) for one event loop.
    workers: 1,
  });
}

/**
 * autocannon drops its sockets at the deadline, but the server still works through
 * the requests already in flight. One more request, answered after that backlog,
 * tells us the server is idle again, so the next run starts from the same state
 * (and the database is not closed under requests still running).
 */
async function settle(target: Target): Promise<void> {
  const res = await fetch(target.url, { headers: target.headers, signal: AbortSignal.timeout(30_000) });
  await res.arrayBuffer();
}

/** Called just before and just after the measured run (not the warm-up), e.g. to read CPU counters. */
export type MeasureHooks = { before?: () => Promise<void> | void; after?: () => Promise<void> | void };

export async function measure(target: Target, opts: LoadOptions, hooks: MeasureHooks = {}): Promise<Measurement> {
  // Warm-up: JIT, connection pools and caches settle before anything is recorded.
  await fire(target, opts.connections, opts.warmupSeconds);
  await settle(target);
  await hooks.before?.();
  const r = await fire(target, opts.connections, opts.durationSeconds);
  await hooks.after?.();
  await settle(target);
  const statusCodes = Object.fromEntries(
    Object.entries(r.statusCodeStats ?? {}).map(([code, s]) => [code, s.count ?? 0]),
  );
  return {
    name: target.name,
    url: target.url,
    requestsPerSecond: r.requests.mean,
    latencyP50Ms: r.latency.p50,
    latencyP99Ms: r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statusCodes,
  };
}
