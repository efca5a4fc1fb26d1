// Socket.IO clients for tests: a person's browser socket, carrying their session cookie.
import { type ClientToServerEvents, type ServerToClientEvents } from "@kindred/contracts";
import { io, type Socket } from "socket.io-client";
import type { Person } from "./harness.js";

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export function cookieHeader(person: Pick<Person, "cookies">) {
  return [...person.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
}

export function openSocket(baseUrl: string, person: Pick<Person, "cookies"> | null, extraHeaders: Record<string, string> = {}): TestSocket {
  return io(baseUrl, {
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
    extraHeaders: { ...(person ? { cookie: cookieHeader(person) } : {}), ...extraHeaders },
  });
}

/** Resolves when connected; rejects with the server's refusal (its problem in err.data). */
export function connected(socket: TestSocket): Promise<TestSocket> {
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (err) => reject(err));
  });
}

export function nextEvent<E extends keyof ServerToClientEvents>(socket: TestSocket, event: E, timeoutMs = 5000): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    socket.once(event as never, ((payload: never) => {
      clearTimeout(timer);
      resolve(payload);
    }) as never);
  });
}
