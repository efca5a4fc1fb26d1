// A thin wrapper over autocannon: warm up, then measure, always for a fixed time.
import autocannon from "autocannon";

export type Target = { name: string; url: string; headers?: Record<string, string> };
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

function fire(target: Target, connections: number, durationSeconds: number) {
  return autocannon({
    url: target.url,
    headers: target.headers,
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

export async function measure(target: Target, opts: LoadOptions): Promise<Measurement> {
  // Warm-up: JIT, connection pools and caches settle before anything is recorded.
  await fire(target, opts.connections, opts.warmupSeconds);
  await settle(target);
  const r = await fire(target, opts.connections, opts.durationSeconds);
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
