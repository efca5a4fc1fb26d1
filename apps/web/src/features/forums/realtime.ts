// Live replies: while a topic is open, its page listens to the room topic:<id>
// on the app's one socket. Events carry no content, only "post N appeared or
// changed": the page asks the server again, so each reader sees it through their
// own permissions, blocks and content-warning choices.
import type { ForumTopicEvent } from "@kindred/contracts";
import { useEffect, useRef, useState } from "react";
import { useSharedSocket } from "../realtime/socket";

/** How long to wait for the server to answer a join before trying on the next connection. */
const JOIN_TIMEOUT_MS = 10_000;

/**
 * Joins the topic's room while mounted (again after every reconnection) and
 * leaves it on the way out. `onEvent` gets the topic's events; `onResync` is
 * called after a reconnection the server could not fill in, when events may have
 * been missed. Returns whether the room is joined, i.e. updates arrive live.
 */
export function useTopicRoom(
  topicId: string,
  onEvent: (event: ForumTopicEvent) => void,
  onResync: () => void,
): boolean {
  const socket = useSharedSocket();
  const [joined, setJoined] = useState(false);
  const handlers = useRef({ onEvent, onResync });
  useEffect(() => {
    handlers.current = { onEvent, onResync };
  });

  useEffect(() => {
    if (!socket) return;
    const room = `topic:${topicId}`;
    let active = true;
    let connectedBefore = socket.connected;

    const join = () => {
      socket.timeout(JOIN_TIMEOUT_MS).emit("room:join", { room }, (err, result) => {
        if (!active) return;
        // Refused (the topic is gone or closed to this person) or no answer: the page still works, just not live.
        setJoined(!err && result.ok);
      });
    };
    const onConnect = () => {
      join();
      // Read the page again after every reconnection, recovered or not: recovery replays what was
      // published before the server looked, but not what was published while it restored the session.
      if (connectedBefore) handlers.current.onResync();
      connectedBefore = true;
    };
    const onDisconnect = () => setJoined(false);
    const onTopic = (event: ForumTopicEvent) => {
      if (event.topicId === topicId) handlers.current.onEvent(event);
    };

    socket.on("connect", onConnect);
    socket.on("disconnect", onDisconnect);
    socket.on("forum:topic", onTopic);
    if (socket.connected) join();

    return () => {
      active = false;
      setJoined(false);
      socket.off("connect", onConnect);
      socket.off("disconnect", onDisconnect);
      socket.off("forum:topic", onTopic);
      if (socket.connected) socket.emit("room:leave", { room }, () => undefined);
    };
  }, [socket, topicId]);

  return joined;
}
