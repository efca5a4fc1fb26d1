// Notifications: the list, the unread count the bell shows, and the person's
// choices of how to be told. The unread count lives in one cache entry that the
// list, the socket and every "mark as read" keep up to date.
import type {
  Notification,
  NotificationPage,
  NotificationPreferences,
  UpdateNotificationPreferences,
} from "@kindred/contracts";
import { useInfiniteQuery, useQuery, type InfiniteData, type QueryClient } from "@tanstack/react-query";
import { api, enc, query } from "../../api/client";

export type { Notification, NotificationPage, NotificationPreferences };

export const unreadCountKey = ["notifications", "unread-count"] as const;
export const notificationListKey = ["notifications", "list"] as const;
export const notificationPrefsKey = ["notifications", "preferences"] as const;

export const PAGE_SIZE = 20;

type Count = { unreadCount: number };

export const notificationApi = {
  list: (cursor: string | null) =>
    api.get<NotificationPage>(`/api/me/notifications${query({ limit: PAGE_SIZE, cursor })}`),
  unreadCount: () => api.get<Count>("/api/me/notifications/unread-count"),
  markRead: (id: string) => api.post<Count>(`/api/me/notifications/${enc(id)}/read`),
  markAllRead: () => api.post<Count>("/api/me/notifications/read-all"),
  preferences: () => api.get<NotificationPreferences>("/api/me/notification-preferences"),
  updatePreferences: (body: UpdateNotificationPreferences) =>
    api.patch<NotificationPreferences>("/api/me/notification-preferences", body),
};

/**
 * The bell's number. The socket keeps it current and it is asked for again on every
 * (re)connection; without a live connection, `pollEvery` asks the server now and then.
 */
export function useUnreadCount(pollEvery: number | false = false) {
  return useQuery({
    queryKey: unreadCountKey,
    queryFn: async () => (await notificationApi.unreadCount()).unreadCount,
    staleTime: Infinity,
    refetchInterval: pollEvery,
  });
}

export function useNotificationList(queryClient: QueryClient) {
  return useInfiniteQuery({
    queryKey: notificationListKey,
    queryFn: async ({ pageParam }) => {
      const page = await notificationApi.list(pageParam);
      setUnreadCount(queryClient, page.unreadCount);
      return page;
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useNotificationPreferences() {
  return useQuery({ queryKey: notificationPrefsKey, queryFn: notificationApi.preferences });
}

export function setUnreadCount(queryClient: QueryClient, count: number) {
  queryClient.setQueryData<number>(unreadCountKey, Math.max(0, count));
}

type ListData = InfiniteData<NotificationPage, string | null>;

function updateItems(queryClient: QueryClient, update: (item: Notification) => Notification) {
  queryClient.setQueryData<ListData>(notificationListKey, (data) =>
    data ? { ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.map(update) })) } : data,
  );
}

/** A notification that arrived on the socket goes to the top of a list already loaded. */
export function addNotification(queryClient: QueryClient, notification: Notification) {
  queryClient.setQueryData<ListData>(notificationListKey, (data) => {
    if (!data || data.pages.length === 0) return data;
    if (data.pages.some((p) => p.items.some((n) => n.id === notification.id))) return data;
    const [first, ...rest] = data.pages;
    return { ...data, pages: [{ ...first!, items: [notification, ...first!.items] }, ...rest] };
  });
}

/** Marks one notification read here at once, then on the server; the server's count wins. */
export async function markRead(queryClient: QueryClient, id: string) {
  const now = new Date().toISOString();
  let wasUnread = false;
  updateItems(queryClient, (n) => {
    if (n.id !== id || n.readAt) return n;
    wasUnread = true;
    return { ...n, readAt: now };
  });
  if (wasUnread) {
    const count = queryClient.getQueryData<number>(unreadCountKey);
    if (count !== undefined) setUnreadCount(queryClient, count - 1);
  }
  try {
    setUnreadCount(queryClient, (await notificationApi.markRead(id)).unreadCount);
  } catch (error) {
    void queryClient.invalidateQueries({ queryKey: ["notifications"] });
    throw error;
  }
}

export async function markAllRead(queryClient: QueryClient) {
  const { unreadCount } = await notificationApi.markAllRead();
  const now = new Date().toISOString();
  updateItems(queryClient, (n) => (n.readAt ? n : { ...n, readAt: now }));
  setUnreadCount(queryClient, unreadCount);
}

/** Only paths inside Kindred are followed; anything else is treated as "nowhere to go". */
export function safeLink(link: string | null): string | null {
  return link && link.startsWith("/") && !link.startsWith("//") && !link.startsWith("/\\") ? link : null;
}
