// Socket.IO clients as browsers open them: WebSocket transport, the person's
// session cookies, no automatic reconnection (a dropped socket must show up
// as missing deliveries, not be quietly replaced).
import type { ServerToClientEvents } from "@kindred/contracts";
import { io, type Socket } from "socket.io-client";

export type BenchSocket = Socket<ServerToClientEvents, Record<string, never>>;
export type Tab = { personIndex: number; url: string; cookie: string };

function connectOne(tab: Tab, timeoutMs: number): Promise<BenchSocket> {
  const socket: BenchSocket = io(tab.url, {
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
    timeout: timeoutMs,
    extraHeaders: { cookie: tab.cookie },
  });
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (err: Error & { data?: unknown }) => {
      socket.disconnect();
      reject(
        new Error(`socket for person ${tab.personIndex} refused: ${err.message} ${JSON.stringify(err.data ?? "")}`),
      );
    });
  });
}

/**
 * Opens one socket per tab, at most `concurrency` handshakes at a time (a crowd
 * arriving, not a single burst the accept queue would have to absorb).
 * Returns the sockets in the order of `tabs`.
 */
export async function connectAll(tabs: Tab[], concurrency = 50, timeoutMs = 20_000): Promise<BenchSocket[]> {
  const sockets: BenchSocket[] = new Array(tabs.length);
  let next = 0;
  const failures: Error[] = [];
  async function lane() {
    while (next < tabs.length && failures.length === 0) {
      const i = next++;
      try {
        sockets[i] = await connectOne(tabs[i]!, timeoutMs);
      } catch (err) {
        failures.push(err as Error);
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, tabs.length) }, lane));
  if (failures.length > 0) {
    disconnectAll(sockets.filter(Boolean));
    throw failures[0]!;
  }
  return sockets;
}

export function disconnectAll(sockets: BenchSocket[]) {
  for (const s of sockets) s.disconnect();
}

/** Runs `work` over `items` with at most `concurrency` in flight; results in input order. */
export async function inParallel<T, R>(
  items: T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  async function lane() {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!, i);
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
  return results;
}
