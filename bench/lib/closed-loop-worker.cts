// The load generator of closed-loop.ts, in its own thread: `connections` loops,
// each sending its next request as soon as the previous answer has arrived,
// each request timed with performance.now() (sub-millisecond). CommonJS,
// loaded by closed-loop-entry.cjs (see there why).
import http from "node:http";
import { parentPort, workerData } from "node:worker_threads";
import type { LoopJob, LoopResult } from "./closed-loop.js";

const job = workerData as LoopJob;
const agent = new http.Agent({ keepAlive: true, maxSockets: job.connections });

function send(index: number): Promise<{ status: number; ms: number }> {
  const r = job.requests[index]!;
  return new Promise((resolve) => {
    const t0 = performance.now();
    const req = http.request(
      `${job.baseUrl}${r.path}`,
      { method: r.method, headers: r.headers, agent, timeout: job.timeoutMs },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0 }));
        res.on("error", () => resolve({ status: 0, ms: performance.now() - t0 }));
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", () => resolve({ status: 0, ms: performance.now() - t0 }));
    req.end(r.body);
  });
}

async function run(durationMs: number, record: boolean): Promise<LoopResult> {
  const samples: Record<string, number[]> = {};
  const statusCodes: Record<string, number> = {};
  let errors = 0;
  const began = performance.now();
  const end = began + durationMs;
  async function lane() {
    let i = Math.floor(Math.random() * job.requests.length);
    while (performance.now() < end) {
      const { status, ms } = await send(i);
      if (record) {
        if (status === 0) errors++;
        else {
          statusCodes[status] = (statusCodes[status] ?? 0) + 1;
          (samples[job.requests[i]!.tag] ??= []).push(ms);
        }
      }
      i = (i + 1) % job.requests.length;
    }
  }
  await Promise.all(Array.from({ length: job.connections }, lane));
  return { samples, statusCodes, errors, seconds: (performance.now() - began) / 1000 };
}

run(job.warmupMs, false)
  .then(() => run(job.durationMs, true))
  .then((result) => {
    parentPort!.postMessage(result);
    agent.destroy();
  });
