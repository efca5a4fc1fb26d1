// Joins several Kindred processes through Redis streams, and keeps each process
// serving its own sockets while Redis is away.
import { createAdapter } from "@socket.io/redis-streams-adapter";
import { Redis } from "ioredis";
import type { FastifyBaseLogger } from "fastify";
import type { Namespace } from "socket.io";

export type RedisLink = {
  adapter: (nsp: Namespace) => unknown;
  isUp(): boolean;
  close(): Promise<void>;
};

export function connectRedis(url: string, log: FastifyBaseLogger): RedisLink {
  // Commands wait in ioredis's offline queue during an outage (so the adapter's
  // stream reader pauses instead of spinning); broadcasts skip Redis meanwhile.
  const client = new Redis(url, {
    lazyConnect: false,
    maxRetriesPerRequest: null,
    retryStrategy: (attempt) => Math.min(250 * attempt, 3000),
  });
  let up = false;
  let everUp = false;
  client.on("ready", () => {
    if (everUp) log.warn("redis connection restored: cross-process delivery resumes");
    up = true;
    everUp = true;
  });
  const lost = () => {
    if (up) log.error("redis connection lost: serving this process's sockets only until it returns");
    up = false;
  };
  client.on("close", lost);
  client.on("end", lost);
  client.on("error", () => {
    /* reported once through "close"; ioredis keeps reconnecting */
  });

  const base = createAdapter(client as never, {
    streamName: "kindred:realtime",
    channelPrefix: "kindred:realtime",
    sessionKeyPrefix: "kindred:realtime:session:",
    readCount: 1000,
    maxLen: 100_000,
    // Bounds how long shutdown waits for the blocking stream read to return.
    blockTimeInMs: 2000,
  });

  return {
    // Socket.IO calls `new adapter(nsp)`; a function returning an object serves as that constructor.
    adapter: function (nsp: Namespace) {
      const adapter = base(nsp) as Record<string, any>;
      // While Redis is down, deliver locally at once instead of queueing behind the outage.
      for (const method of ["broadcast", "addSockets", "delSockets", "disconnectSockets"] as const) {
        const original = adapter[method].bind(adapter);
        const optsIndex = method === "broadcast" ? 1 : 0;
        adapter[method] = (...args: any[]) => {
          if (!up) {
            const opts = args[optsIndex] ?? {};
            args[optsIndex] = { ...opts, flags: { ...opts.flags, local: true } };
          }
          return original(...args);
        };
      }
      return adapter;
    },
    isUp: () => up,
    close: async () => {
      client.disconnect();
    },
  };
}
