// The live line to the server: one Socket.IO connection per signed-in person,
// authenticated by the session cookie. It keeps the bell's count and a loaded
// list current without reloading, and hands new notifications to the announcer.
import type { Notification } from "@kindred/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { setSharedSocket, type KindredSocket } from "../realtime/socket";
import { addNotification, notificationListKey, setUnreadCount, unreadCountKey } from "./api";

/**
 * Connects while `userId` is set and disconnects when it is cleared (sign-out)
 * or changes (someone else signs in). `onNew` is called for each new notification.
 * Returns whether the live connection is up, so callers can fall back to asking now and then.
 */
export function useNotificationSocket(userId: string | null, onNew: (notification: Notification) => void): boolean {
  const queryClient = useQueryClient();
  const [live, setLive] = useState(false);
  const onNewRef = useRef(onNew);
  useEffect(() => {
    onNewRef.current = onNew;
  });

  useEffect(() => {
    if (!userId) return;
    let socket: KindredSocket | null = null;
    let cancelled = false;

    // Loaded only for signed-in people, so visitors never download it.
    void import("socket.io-client").then(({ io }) => {
      if (cancelled) return;
      socket = io({ withCredentials: true, transports: ["websocket", "polling"] }) as KindredSocket;
      // Pages with a room of their own (a forum topic) listen on this same connection.
      setSharedSocket(socket);

      // After a first connection or a reconnection, what was missed meanwhile is asked for again.
      socket.on("connect", () => {
        setLive(true);
        void queryClient.invalidateQueries({ queryKey: unreadCountKey });
        // Even a recovered connection: events published while the server restored the session are not replayed.
        void queryClient.invalidateQueries({ queryKey: notificationListKey });
      });

      // Refused (e.g. an account waiting for approval) or the server is away: the caller polls instead.
      socket.on("connect_error", () => setLive(false));
      socket.on("disconnect", () => setLive(false));

      socket.on("notification:new", ({ notification, unreadCount }) => {
        addNotification(queryClient, notification);
        setUnreadCount(queryClient, unreadCount);
        onNewRef.current(notification);
      });

      socket.on("notification:unread", ({ unreadCount }) => {
        const known = queryClient.getQueryData<number>(unreadCountKey);
        setUnreadCount(queryClient, unreadCount);
        // Changed somewhere else (another tab or device): the read marks in the list are out of date.
        if (known !== unreadCount) void queryClient.invalidateQueries({ queryKey: notificationListKey });
      });
    });

    return () => {
      cancelled = true;
      setSharedSocket(null);
      socket?.removeAllListeners();
      socket?.disconnect();
      socket = null;
      setLive(false);
    };
  }, [userId, queryClient]);

  return live;
}
