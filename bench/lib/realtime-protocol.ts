// Messages between the real-time benchmark's coordinator and its server processes
// (bench/lib/realtime-server.ts), over the child-process IPC channel.

/** Coordinator → server. Each request carries an id; the reply echoes it. */
export type ServerRequest =
  | { id: number; type: "clock" }
  | { id: number; type: "memory"; gc: boolean }
  | { id: number; type: "notify"; userIds: string[]; dedupeKey: string }
  /** emitToUser() for each person with a notification-shaped payload, no database. */
  | { id: number; type: "push"; userIds: string[] }
  /** CPU profile of a window (inspector Profiler); "stop" writes it to `file`. */
  | { id: number; type: "profile"; action: "start" }
  | { id: number; type: "profile"; action: "stop"; file: string }
  | { id: number; type: "close" };

export type MemoryFigures = {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  /** Sockets the gateway holds right now (default namespace). */
  sockets: number;
};

/**
 * Times of one notify (or push) call, all in `now()` milliseconds (see below):
 * start just before `notifier.notify()`, first and last `emitToUser` call,
 * and end when `notify()` resolved. `recorded`: notifications written (or pushed).
 */
export type NotifyTimes = {
  start: number;
  firstEmit: number | null;
  lastEmit: number | null;
  end: number;
  recorded: number;
};

export type ServerReply =
  | { id: number; type: "clock"; now: number }
  | { id: number; type: "memory"; memory: MemoryFigures }
  | { id: number; type: "notify"; times: NotifyTimes }
  | { id: number; type: "profile" }
  | { id: number; type: "closed" }
  | { id: number; type: "error"; message: string };

/** Sent once, unprompted, when the server listens. */
export type ServerReady = { type: "ready"; url: string; pid: number };

/**
 * One clock for every process on this machine: the wall clock at process start
 * plus the monotonic time since, in milliseconds with sub-millisecond resolution.
 * The coordinator checks the offset between processes before it trusts it.
 */
export const now = (): number => performance.timeOrigin + performance.now();
