// CPU profiles of a chosen window (not the whole process life), through the
// inspector's Profiler, and a short summary of where the time went.
import { mkdir, writeFile } from "node:fs/promises";
import { Session } from "node:inspector";
import path from "node:path";

type CallFrame = { functionName: string; url: string; lineNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
export type CpuProfile = {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
};

export class WindowProfiler {
  #session: Session | null = null;

  private post<T = unknown>(method: string, params: object = {}): Promise<T> {
    return new Promise((resolve, reject) =>
      this.#session!.post(method, params, (err, result) => (err ? reject(err) : resolve(result as T))),
    );
  }

  async start() {
    if (this.#session) return;
    this.#session = new Session();
    this.#session.connect();
    await this.post("Profiler.enable");
    // 250 µs: fine enough for a window of a few seconds.
    await this.post("Profiler.setSamplingInterval", { interval: 250 });
    await this.post("Profiler.start");
  }

  /** Stops, writes the .cpuprofile (open it in Chrome DevTools or speedscope), returns it. */
  async stop(file: string): Promise<CpuProfile> {
    if (!this.#session) throw new Error("profiler not started");
    const { profile } = await this.post<{ profile: CpuProfile }>("Profiler.stop");
    this.#session.disconnect();
    this.#session = null;
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(profile));
    return profile;
  }
}

export type ProfileSummary = {
  totalMs: number;
  /** Share of sampled time the thread was idle (waiting in the event loop). */
  idleShare: number;
  byArea: { area: string; ms: number; share: number }[];
  topFunctions: { fn: string; area: string; ms: number; share: number }[];
};

/** Where a frame's code lives: an npm package, Kindred's own code, Node itself, or V8's bookkeeping. */
function areaOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith("node:")) return "node:" + url.slice(5).split("/")[0];
  const own = /\/(apps\/[^/]+|packages\/[^/]+|bench)\//.exec(url);
  return own ? own[1]! : "(other)";
}

export function summarize(profile: CpuProfile, top = 12): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const totalUs = profile.endTime - profile.startTime;
  const areas = new Map<string, number>();
  const fns = new Map<string, { area: string; us: number }>();
  let idleUs = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === "(idle)") {
      idleUs += us;
      continue;
    }
    const area = areaOf(frame);
    areas.set(area, (areas.get(area) ?? 0) + us);
    const file = frame.url
      ? frame.url.replace(/^.*node_modules\//, "").replace(/^.*\/(apps|packages|bench)\//, "$1/")
      : "";
    const key = `${frame.functionName || "(anonymous)"} ${file ? `${file}:${frame.lineNumber + 1}` : ""}`.trim();
    const entry = fns.get(key) ?? { area, us: 0 };
    entry.us += us;
    fns.set(key, entry);
  }
  const share = (us: number) => (totalUs > 0 ? us / totalUs : 0);
  return {
    totalMs: totalUs / 1000,
    idleShare: share(idleUs),
    byArea: [...areas]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([area, us]) => ({ area, ms: us / 1000, share: share(us) })),
    topFunctions: [...fns]
      .sort((a, b) => b[1].us - a[1].us)
      .slice(0, top)
      .map(([fn, { area, us }]) => ({ fn, area, ms: us / 1000, share: share(us) })),
  };
}
