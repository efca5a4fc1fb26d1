// Starts bench/lib/realtime-server.ts as a child process and talks to it over IPC.
import { type ChildProcess, fork } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { MemoryFigures, NotifyTimes, ServerReady, ServerReply, ServerRequest } from "./realtime-protocol.js";

const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), "realtime-server.ts");

export type ServerProcessOptions = {
  name: string;
  databaseUrl: string;
  redisUrl?: string;
  /** Extra Node flags; --expose-gc is always on (the memory figures are taken after a forced GC). */
  nodeFlags?: string[];
};

type Pending = { resolve: (reply: ServerReply) => void; reject: (err: Error) => void; timer: NodeJS.Timeout };
// Distributive Omit, so each variant of the union keeps its own fields.
type RequestBody = ServerRequest extends infer R ? (R extends ServerRequest ? Omit<R, "id"> : never) : never;

export class ServerProcess {
  readonly name: string;
  readonly url: string;
  readonly pid: number;
  readonly #child: ChildProcess;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;

  private constructor(name: string, child: ChildProcess, ready: ServerReady) {
    this.name = name;
    this.#child = child;
    this.url = ready.url;
    this.pid = ready.pid;
    child.on("message", (message: ServerReply) => {
      const pending = this.#pending.get(message.id);
      if (!pending) return;
      this.#pending.delete(message.id);
      clearTimeout(pending.timer);
      if (message.type === "error") pending.reject(new Error(`${name}: ${message.message}`));
      else pending.resolve(message);
    });
    child.on("exit", (code, signal) => {
      for (const p of this.#pending.values()) {
        clearTimeout(p.timer);
        p.reject(new Error(`${name} exited (${signal ?? code}) with a request outstanding`));
      }
      this.#pending.clear();
    });
  }

  static async start(opts: ServerProcessOptions, timeoutMs = 60_000): Promise<ServerProcess> {
    const child = fork(entry, [], {
      // The server runs its TypeScript through tsx, as `npm start` does.
      execArgv: ["--import", import.meta.resolve("tsx"), "--expose-gc", ...(opts.nodeFlags ?? [])],
      env: {
        ...process.env,
        BENCH_DATABASE_URL: opts.databaseUrl,
        ...(opts.redisUrl ? { BENCH_REDIS_URL: opts.redisUrl } : {}),
      },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    const ready = await new Promise<ServerReady>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(new Error(`${opts.name} did not start within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      child.once("message", (m: ServerReady) => {
        clearTimeout(timer);
        resolve(m);
      });
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${opts.name} exited during start-up (${signal ?? code})`));
      });
    });
    child.removeAllListeners("exit");
    return new ServerProcess(opts.name, child, ready);
  }

  request(body: RequestBody, timeoutMs = 30_000): Promise<ServerReply> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`${this.name}: no answer to "${body.type}" within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      this.#pending.set(id, { resolve, reject, timer });
      this.#child.send({ ...body, id } as ServerRequest);
    });
  }

  async clock(): Promise<number> {
    const r = await this.request({ type: "clock" });
    if (r.type !== "clock") throw new Error(`${this.name}: unexpected reply ${r.type}`);
    return r.now;
  }

  async memory(gc = true): Promise<MemoryFigures> {
    const r = await this.request({ type: "memory", gc });
    if (r.type !== "memory") throw new Error(`${this.name}: unexpected reply ${r.type}`);
    return r.memory;
  }

  async notify(userIds: string[], dedupeKey: string): Promise<NotifyTimes> {
    const r = await this.request({ type: "notify", userIds, dedupeKey });
    if (r.type !== "notify") throw new Error(`${this.name}: unexpected reply ${r.type}`);
    return r.times;
  }

  async push(userIds: string[]): Promise<NotifyTimes> {
    const r = await this.request({ type: "push", userIds });
    if (r.type !== "notify") throw new Error(`${this.name}: unexpected reply ${r.type}`);
    return r.times;
  }

  async profile(action: "start"): Promise<void>;
  async profile(action: "stop", file: string): Promise<void>;
  async profile(action: "start" | "stop", file?: string): Promise<void> {
    const r = await this.request(
      action === "start" ? { type: "profile", action } : { type: "profile", action, file: file! },
    );
    if (r.type !== "profile") throw new Error(`${this.name}: unexpected reply ${r.type}`);
  }

  /** Closes the app and database, then the process exits; killed if it takes too long. */
  async close(timeoutMs = 20_000): Promise<void> {
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.#child.once("exit", () => resolve()));
    try {
      await this.request({ type: "close" }, timeoutMs);
    } catch (err) {
      process.stderr.write(`bench: ${this.name} did not close cleanly (${(err as Error).message}); killing it\n`);
      this.#child.kill("SIGKILL");
    }
    await exited;
  }

  /** Last resort (the coordinator is failing): no clean shutdown. */
  kill() {
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill("SIGKILL");
  }
}
