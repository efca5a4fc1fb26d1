// The app's one Socket.IO connection, shared. The notification bell opens and
// closes it (it lives as long as the signed-in session); pages that listen to a
// room of their own (a forum topic) borrow it here instead of opening another.
import type { ClientToServerEvents, ServerToClientEvents } from "@kindred/contracts";
import { useSyncExternalStore } from "react";
import type { Socket } from "socket.io-client";

export type KindredSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let current: KindredSocket | null = null;
const listeners = new Set<() => void>();

/** Called by the owner of the connection when it opens one or closes it. */
export function setSharedSocket(socket: KindredSocket | null) {
  if (current === socket) return;
  current = socket;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The live connection, or null while signed out or before it is set up. */
export function useSharedSocket(): KindredSocket | null {
  return useSyncExternalStore(subscribe, () => current);
}
