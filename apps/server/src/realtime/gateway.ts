// The Socket.IO gateway: same server and port as the HTTP API, authenticated by
// the session cookie, one personal room per person, inbound events validated
// and authorized before they touch anything.
import type { IncomingMessage, Server as HttpServer } from "node:http";
import {
  type Ack,
  type AckProblem,
  type ClientToServerEvents,
  MAX_SOCKET_PAYLOAD_BYTES,
  RoomRequest,
  type ServerToClientEvents,
} from "@kindred/contracts";
import type { FastifyBaseLogger } from "fastify";
import { Server, type Socket } from "socket.io";
import type { z } from "zod";
import type { AppContext } from "../context.js";
import type { Db } from "../db/client.js";
import { HttpProblem } from "../http/problem.js";
import { loadActor } from "../modules/accounts/actor-loader.js";
import { type Actor, toProblem } from "../policy/index.js";
import { realtimePolicy, type RoomKind, roomRules, sessionRoom, userRoom } from "./policy.js";
import { connectRedis, type RedisLink } from "./redis.js";

type SocketData = { userId: string; sessionId: string };
type Personal = { [E in keyof ServerToClientEvents]: { event: E; userId: string; payload: Parameters<ServerToClientEvents[E]>[0] } }[keyof ServerToClientEvents];
/** Between Kindred processes: a large fan-out travels as one message, each process delivering to its own sockets. */
type InterServerEvents = { "personal:batch": (batch: Personal[]) => void };
export type KindredIo = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
type KindredSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/**
 * From this many people on, a fan-out across processes goes as one batch message
 * instead of one Redis stream entry per person. Batched pushes are not replayed
 * by connection-state recovery across processes; the client re-reads its unread
 * count whenever it reconnects, and the notifications themselves are stored.
 */
export const BATCH_FANOUT_FROM = 100;

/** How long a dropped client has to reconnect and receive what it missed. */
export const RECOVERY_WINDOW_MS = 2 * 60 * 1000;

export type Realtime = {
  io: KindredIo;
  emitToUser<E extends keyof ServerToClientEvents>(userId: string, event: E, ...args: Parameters<ServerToClientEvents[E]>): void;
  /** One event per person, each with their own payload (a notification fan-out). */
  emitToUsers(messages: Personal[]): void;
  /** One event, the same for everyone listening in a room (e.g. topic:<id>). */
  emitToRoom<E extends keyof ServerToClientEvents>(room: string, event: E, ...args: Parameters<ServerToClientEvents[E]>): void;
  /** Takes every socket of this person out of a room (they may no longer listen, e.g. they left a group). */
  removeFromRoom(userId: string, room: string): void;
  /** Closes every socket opened with this session (sign-out). */
  disconnectSession(sessionId: string): void;
  redisUp(): boolean | null;
  close(): Promise<void>;
};

export type GatewayOptions = {
  httpServer: HttpServer;
  ctx: Pick<AppContext, "config" | "db" | "auth">;
  log: FastifyBaseLogger;
  redisUrl?: string;
};

export function createGateway({ httpServer, ctx, log, redisUrl }: GatewayOptions): Realtime {
  const trustedOrigin = new URL(ctx.config.publicUrl).origin;
  const redis: RedisLink | null = redisUrl ? connectRedis(redisUrl, log) : null;

  const io: KindredIo = new Server(httpServer, {
    serveClient: false,
    // Hard ceiling for one frame; anything between our own limit and this gets an error ack.
    maxHttpBufferSize: 256 * 1024,
    connectionStateRecovery: { maxDisconnectionDuration: RECOVERY_WINDOW_MS, skipMiddlewares: false },
    allowRequest: (req, callback) => callback(null, originAllowed(req, trustedOrigin)),
    ...(redis ? { adapter: redis.adapter as never } : {}),
  });

  io.use(async (socket, next) => {
    try {
      const cookie = socket.request.headers.cookie;
      const session = cookie ? await ctx.auth.api.getSession({ headers: new Headers({ cookie }) }).catch(() => null) : null;
      const actor = session ? await loadActor(ctx.db, session.user.id) : null;
      const decision = realtimePolicy.check(actor, "connect", null);
      if (!decision.allowed) return next(refusal(toProblem(decision.reason)));
      socket.data.userId = actor!.id;
      socket.data.sessionId = session!.session.id;
      next();
    } catch {
      next(refusal(new HttpProblem(503, "unavailable", "Service unavailable", "Please try again in a moment.")));
    }
  });

  io.on("connection", (socket) => {
    void socket.join([userRoom(socket.data.userId), sessionRoom(socket.data.sessionId)]);
    guardInbound(socket);
    on(socket, "room:join", RoomRequest, async (actor, { room }) => {
      await authorizeRoom(ctx.db, actor, room);
      await socket.join(room);
      return { room };
    });
    // Only rooms one may join can be left: the server-side session room stays, so sign-out still closes the socket.
    on(socket, "room:leave", RoomRequest, async (actor, { room }) => {
      await authorizeRoom(ctx.db, actor, room);
      await socket.leave(room);
      return { room };
    });
  });

  /** Runs one inbound event: size and shape checked, actor reloaded, errors become an error ack. */
  function on<E extends keyof ClientToServerEvents, S extends z.ZodType, R>(
    socket: KindredSocket,
    event: E,
    schema: S,
    handler: (actor: Actor, payload: z.infer<S>) => Promise<R>,
  ) {
    socket.on(event as never, (async (payload: unknown, ack: unknown) => {
      const reply = typeof ack === "function" ? (ack as (a: Ack<R>) => void) : () => {};
      try {
        const parsed = schema.safeParse(payload);
        if (!parsed.success)
          throw new HttpProblem(422, "validation", "Invalid event", parsed.error.issues.map((i) => `${i.path.join(".") || "payload"}: ${i.message}`).join("; "));
        // Roles and status may have changed since the socket connected.
        const actor = await loadActor(ctx.db, socket.data.userId);
        const decision = realtimePolicy.check(actor, "connect", null);
        if (!decision.allowed) throw toProblem(decision.reason);
        reply({ ok: true, data: await handler(actor!, parsed.data) });
      } catch (err) {
        if (!(err instanceof HttpProblem)) log.error({ err, event }, "socket event failed");
        reply({ ok: false, problem: ackProblem(err) });
      }
    }) as never);
  }

  const deliverLocally = (messages: Personal[]) => {
    for (const m of messages) (io.local.to(userRoom(m.userId)).emit as (e: string, p: unknown) => void)(m.event, m.payload);
  };
  io.on("personal:batch", deliverLocally);

  return {
    io,
    emitToUser: (userId, event, ...args) => {
      io.to(userRoom(userId)).emit(event, ...args);
    },
    emitToUsers: (messages) => {
      if (!redis || messages.length < BATCH_FANOUT_FROM) {
        for (const m of messages) (io.to(userRoom(m.userId)).emit as (e: string, p: unknown) => void)(m.event, m.payload);
        return;
      }
      if (redis.isUp()) io.serverSideEmit("personal:batch", messages);
      deliverLocally(messages);
    },
    emitToRoom: (room, event, ...args) => {
      io.to(room).emit(event, ...args);
    },
    removeFromRoom: (userId, room) => {
      io.in(userRoom(userId)).socketsLeave(room);
    },
    disconnectSession: (sessionId) => {
      io.in(sessionRoom(sessionId)).disconnectSockets(true);
    },
    redisUp: () => (redis ? redis.isUp() : null),
    close: async () => {
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await redis?.close();
    },
  };
}

async function authorizeRoom(db: Db, actor: Actor, room: string) {
  const [kind, id] = room.split(":") as [string, string];
  const rule = roomRules[kind as RoomKind];
  if (!rule) throw new HttpProblem(404, "unknown-room", "No such room", `Rooms of kind "${kind}" do not exist.`);
  const decision = await rule(actor, id, db);
  if (!decision.allowed) throw toProblem(decision.reason);
}

const KNOWN_EVENTS = new Set<string>(["room:join", "room:leave"] satisfies (keyof ClientToServerEvents)[]);

/** Refuses unknown and oversized events with an error ack before any handler runs. */
function guardInbound(socket: KindredSocket) {
  socket.use((packet, next) => {
    const [event, ...args] = packet as [unknown, ...unknown[]];
    const ack = typeof args.at(-1) === "function" ? (args.at(-1) as (a: Ack) => void) : null;
    const refuse = (problem: AckProblem) => {
      ack?.({ ok: false, problem });
    };
    if (typeof event !== "string" || !KNOWN_EVENTS.has(event))
      return refuse({ type: "unknown-event", title: "Unknown event", status: 404 });
    const payload = ack ? args.slice(0, -1) : args;
    let size = 0;
    try {
      size = Buffer.byteLength(JSON.stringify(payload) ?? "");
    } catch {
      return refuse({ type: "validation", title: "Invalid event", status: 422, detail: "The payload is not JSON." });
    }
    if (size > MAX_SOCKET_PAYLOAD_BYTES)
      return refuse({ type: "payload-too-large", title: "Payload too large", status: 413, detail: `At most ${MAX_SOCKET_PAYLOAD_BYTES} bytes.` });
    next();
  });
}

function ackProblem(err: unknown): AckProblem {
  if (err instanceof HttpProblem) return { type: err.type, title: err.title, status: err.status, ...(err.detail ? { detail: err.detail } : {}) };
  return { type: "internal", title: "Something went wrong", status: 500 };
}

/** Connection refusals carry the same problem shape clients see over HTTP. */
function refusal(problem: HttpProblem) {
  const err = new Error(problem.title) as Error & { data: AckProblem };
  err.data = ackProblem(problem);
  return err;
}

/** A browser always sends Origin on WebSocket and XHR; refuse other sites (cross-site socket hijacking). */
function originAllowed(req: IncomingMessage, trusted: string): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  if (origin === trusted) return true;
  const host = req.headers.host;
  return Boolean(host) && (origin === `http://${host}` || origin === `https://${host}`);
}
