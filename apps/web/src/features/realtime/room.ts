// A page that listens to a room of its own (the on-call queue) joins it on the
// app's one socket while mounted, again after every reconnection, and leaves it
// on the way out. The same pattern as a forum topic's room (forums/realtime.ts).
import type { ServerToClientEvents } from "@kindred/contracts";
import { useEffect, useRef, useState } from "react";
import { useSharedSocket } from "./socket";

/** How long to wait for the server to answer a join before trying on the next connection. */
const JOIN_TIMEOUT_MS = 10_000;

/**
 * Joins `room` and passes its `event`s to `onEvent`; `onResync` is called after
 * every successful join (the first and each after a reconnection), since events
 * may have been missed before it.
 * Returns whether the room is joined, i.e. updates arrive live.
 */
export function useRoom<E extends keyof ServerToClientEvents>(
  room: string | null,
  event: E,
  onEvent: (...args: Parameters<ServerToClientEvents[E]>) => void,
  onResync: () => void,
): boolean {
  const socket = useSharedSocket();
  const [joined, setJoined] = useState(false);
  const handlers = useRef({ onEvent, onResync });
  useEffect(() => {
    handlers.current = { onEvent, onResync };
  });

  useEffect(() => {
    if (!socket || !room) return;
    let active = true;

    const join = () => {
      socket.timeout(JOIN_TIMEOUT_MS).emit("room:join", { room }, (err, result) => {
        if (!active) return;
        // Refused or no answer: the page still works, just not live.
        setJoined(!err && result.ok);
        // Whatever happened before the join answered is read again.
        if (!err && result.ok) handlers.current.onResync();
      });
    };
    const onConnect = () => join();
    const onDisconnect = () => setJoined(false);
    // The socket's typed `on` wants one event's exact listener; this one stands for any of them.
    const listener = ((...args: Parameters<ServerToClientEvents[E]>) => handlers.current.onEvent(...args)) as never;

    socket.on("connect", onConnect);
    socket.on("disconnect", onDisconnect);
    socket.on(event, listener);
    if (socket.connected) join();

    return () => {
      active = false;
      setJoined(false);
      socket.off("connect", onConnect);
      socket.off("disconnect", onDisconnect);
      socket.off(event, listener);
      if (socket.connected) socket.emit("room:leave", { room }, () => undefined);
    };
  }, [socket, room, event]);

  return joined;
}

/** Listens to an event on the person's own room (joined by the socket itself), e.g. new private messages. */
export function useUserEvent<E extends keyof ServerToClientEvents>(
  event: E,
  onEvent: (...args: Parameters<ServerToClientEvents[E]>) => void,
  onReconnect?: () => void,
) {
  const socket = useSharedSocket();
  const handlers = useRef({ onEvent, onReconnect });
  useEffect(() => {
    handlers.current = { onEvent, onReconnect };
  });
  useEffect(() => {
    if (!socket) return;
    const listener = ((...args: Parameters<ServerToClientEvents[E]>) => handlers.current.onEvent(...args)) as never;
    // Every connect after the first, recovered or not: a recovered session is replayed what was
    // published before the server read its backlog, not what arrived while it was restoring it.
    let connectedBefore = socket.connected;
    const onConnect = () => {
      if (connectedBefore) handlers.current.onReconnect?.();
      connectedBefore = true;
    };
    socket.on(event, listener);
    socket.on("connect", onConnect);
    return () => {
      socket.off(event, listener);
      socket.off("connect", onConnect);
    };
  }, [socket, event]);
  return socket;
}
