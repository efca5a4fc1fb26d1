// One Kindred server process for the real-time benchmark, started by the
// coordinator (bench/realtime.ts) as a child process with an IPC channel.
// It is built like apps/server/src/main.ts: production configuration, the
// PostgreSQL database named by BENCH_DATABASE_URL (migrated on start), the
// Redis streams adapter when BENCH_REDIS_URL is set, job workers started.
// Then it listens on a free loopback port, reports "ready", and answers the
// coordinator's requests (bench/lib/realtime-protocol.ts).
import os from "node:os";
import path from "node:path";
import { buildApp } from "../../apps/server/src/app.js";
import { loadConfig } from "../../apps/server/src/config.js";
import { openDatabase } from "../../apps/server/src/db/client.js";
import { freePort } from "../../apps/server/src/testing/server.js";
import { WindowProfiler } from "./cpuprofile.js";
import { now, type NotifyTimes, type ServerReady, type ServerReply, type ServerRequest } from "./realtime-protocol.js";

const databaseUrl = process.env.BENCH_DATABASE_URL;
if (!databaseUrl) throw new Error("realtime-server: BENCH_DATABASE_URL is required");
if (!process.send) throw new Error("realtime-server: must be started with an IPC channel (child_process.fork)");

const port = await freePort();
const url = `http://127.0.0.1:${port}`;
const config = loadConfig({
  NODE_ENV: "production",
  LOG_LEVEL: "warn",
  PORT: String(port),
  HOST: "127.0.0.1",
  PUBLIC_URL: url,
  DATABASE_URL: databaseUrl,
  REDIS_URL: process.env.BENCH_REDIS_URL ?? "",
  AUTH_SECRET: "bench-secret-that-is-long-enough-for-hmac-0123456789",
  KINDRED_DATA_DIR: path.join(os.tmpdir(), "kindred-bench"),
  // The coordinator signs its people up through the API, many per second.
  RATE_LIMIT_AUTH_PER_MINUTE: "1000000",
});
const database = await openDatabase({ kind: "postgres", url: databaseUrl });
const app = await buildApp({ config, database });
await app.listen({ port, host: "127.0.0.1" });
await app.kindred.jobs.start();

// Timestamps of the first and last live push of a notify call. The notifier
// holds this same Realtime object, so wrapping its method here sees every push
// without touching the server's code; the wrapper costs two clock reads.
const realtime = app.kindred.realtime;
const emitToUser = realtime.emitToUser.bind(realtime);
let firstEmit: number | null = null;
let lastEmit: number | null = null;
const timedEmitToUser: typeof emitToUser = (userId, event, ...args) => {
  const t = now();
  firstEmit ??= t;
  lastEmit = t;
  emitToUser(userId, event, ...args);
};
realtime.emitToUser = timedEmitToUser;
// A fan-out goes through emitToUsers in one call: first push when it starts, last when it returns.
const emitToUsers = realtime.emitToUsers.bind(realtime);
realtime.emitToUsers = (messages) => {
  firstEmit ??= now();
  emitToUsers(messages);
  lastEmit = now();
};

const profiler = new WindowProfiler();
/** The English text of "account.approved", so pushed frames are the size of real ones. */
const PUSH_TEXT = "Your account has been approved. Welcome — we're glad you're here.";
const reply = (message: ServerReply) => process.send!(message);

async function collectGarbage() {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return;
  // Twice, with a turn of the event loop between: the first pass can leave
  // objects whose finalisers release more on the second.
  gc();
  await new Promise((resolve) => setImmediate(resolve));
  gc();
}

async function handle(request: ServerRequest): Promise<ServerReply> {
  switch (request.type) {
    case "clock":
      return { id: request.id, type: "clock", now: now() };
    case "memory": {
      if (request.gc) await collectGarbage();
      const m = process.memoryUsage();
      const sockets = realtime.io.of("/").sockets.size;
      return {
        id: request.id,
        type: "memory",
        memory: {
          rss: m.rss,
          heapUsed: m.heapUsed,
          heapTotal: m.heapTotal,
          external: m.external,
          arrayBuffers: m.arrayBuffers,
          sockets,
        },
      };
    }
    case "notify": {
      const inputs = request.userIds.map((userId) => ({
        userId,
        kind: "account.approved" as const,
        dedupeKey: request.dedupeKey,
      }));
      firstEmit = null;
      lastEmit = null;
      const start = now();
      const recorded = await app.kindred.notifier.notify(inputs);
      const end = now();
      const times: NotifyTimes = { start, firstEmit, lastEmit, end, recorded: recorded.length };
      return { id: request.id, type: "notify", times };
    }
    case "push": {
      // What a notification looks like on the wire, without the database work behind it.
      const createdAt = new Date().toISOString();
      firstEmit = null;
      lastEmit = null;
      const start = now();
      // The same path notify() takes to the sockets (emitToUsers), without the database.
      realtime.emitToUsers(
        request.userIds.map((userId) => ({
          event: "notification:new" as const,
          userId,
          payload: {
            notification: {
              id: crypto.randomUUID(),
              kind: "account.approved" as const,
              text: PUSH_TEXT,
              link: null,
              actor: null,
              createdAt,
              readAt: null,
            },
            unreadCount: 1,
          },
        })),
      );
      const end = now();
      return {
        id: request.id,
        type: "notify",
        times: { start, firstEmit, lastEmit, end, recorded: request.userIds.length },
      };
    }
    case "profile":
      if (request.action === "start") await profiler.start();
      else await profiler.stop(request.file);
      return { id: request.id, type: "profile" };
    case "close":
      await app.close();
      await database.close();
      return { id: request.id, type: "closed" };
  }
}

process.on("message", (request: ServerRequest) => {
  handle(request).then(
    (message) => {
      reply(message);
      // Exit once the reply is out; with --cpu-prof, Node writes the profile now.
      if (message.type === "closed") process.disconnect();
    },
    (err: unknown) =>
      reply({ id: request.id, type: "error", message: err instanceof Error ? err.message : String(err) }),
  );
});
// The coordinator going away (even killed) closes the channel: never outlive it.
process.on("disconnect", () => process.exit(0));

const ready: ServerReady = { type: "ready", url, pid: process.pid };
process.send(ready);
