// A closed-loop load generator for percentiles autocannon does not report
// (p95) at sub-millisecond resolution: a few connections, each sending its next
// request when the previous answer has arrived, on a worker thread of its own
// so it never shares the event loop with a server running in this process.
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

const workerFile = fileURLToPath(new URL("./closed-loop-entry.cjs", import.meta.url));

export type LoopRequest = {
  /** Samples are grouped by tag (a search term, say). */
  tag: string;
  method: "GET" | "POST";
  path: string;
  headers: Record<string, string>;
  body?: string;
};

export type LoopJob = {
  baseUrl: string;
  requests: LoopRequest[];
  connections: number;
  warmupMs: number;
  durationMs: number;
  timeoutMs: number;
};

export type LoopResult = {
  /** Latencies in ms of the answered requests (any status), by tag. */
  samples: Record<string, number[]>;
  statusCodes: Record<string, number>;
  /** Requests with no answer: connection errors and timeouts. */
  errors: number;
  seconds: number;
};

export function runClosedLoop(job: LoopJob): Promise<LoopResult> {
  const worker = new Worker(workerFile, { workerData: job });
  return new Promise((resolve, reject) => {
    worker.once("message", (result: LoopResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`closed-loop worker exited (${code}) before reporting`)));
  });
}

export type Percentiles = { samples: number; p50: number; p95: number; p99: number; max: number; mean: number };

/** Nearest rank: the smallest value with at least p % of the samples at or below it. */
export function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
  const mean = sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1);
  return { samples: sorted.length, p50: at(50), p95: at(95), p99: at(99), max: sorted.at(-1) ?? NaN, mean };
}
