// Moderation as the web app uses it: the review queue and its actions, lifting a
// pause on posting, members' reports, the admins' watched words, and each
// member's mutes.
import type {
  MutedList,
  NewReport,
  NewWatchedWord,
  ReviewActionBody,
  ReviewItem,
  ReviewQueue,
  UpdateWatchedWord,
  WatchedWord,
} from "@kindred/contracts";
import { useInfiniteQuery, useQuery, type InfiniteData, type QueryClient } from "@tanstack/react-query";
import { api, enc, query } from "../../api/client";

export type { MutedList, ReviewActionBody, ReviewItem, ReviewQueue, WatchedWord };

export const moderationKeys = {
  all: ["moderation"] as const,
  queue: ["moderation", "queue"] as const,
  words: ["moderation", "words"] as const,
  mutes: ["mutes"] as const,
};

/** Items per page of the queue. */
export const QUEUE_PAGE = 20;

export const moderationApi = {
  queue: (cursor: string | null) =>
    api.get<ReviewQueue>(`/api/moderation/queue${query({ cursor, limit: QUEUE_PAGE })}`),
  item: (id: string) => api.get<ReviewItem>(`/api/moderation/items/${enc(id)}`),
  act: (id: string, body: ReviewActionBody) => api.post<ReviewItem>(`/api/moderation/items/${enc(id)}/actions`, body),
  liftSilence: (userId: string) => api.delete(`/api/moderation/silences/${enc(userId)}`),
  report: (body: NewReport) => api.post<{ id: string }>("/api/moderation/flags", body),

  words: () => api.get<{ items: WatchedWord[] }>("/api/moderation/watched-words"),
  createWord: (body: NewWatchedWord) => api.post<WatchedWord>("/api/moderation/watched-words", body),
  updateWord: (id: string, body: UpdateWatchedWord) =>
    api.patch<WatchedWord>(`/api/moderation/watched-words/${enc(id)}`, body),
  deleteWord: (id: string) => api.delete(`/api/moderation/watched-words/${enc(id)}`),

  mutes: () => api.get<MutedList>("/api/me/mutes"),
  mute: (pseudonym: string) => api.post<null>("/api/me/mutes", { pseudonym }),
  unmute: (pseudonym: string) => api.delete(`/api/me/mutes/${enc(pseudonym)}`),
};

/** The pending items, most urgent first, page by page as the server orders them. */
export function useReviewQueue(enabled = true) {
  return useInfiniteQuery({
    queryKey: moderationKeys.queue,
    queryFn: ({ pageParam }) => moderationApi.queue(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });
}

export function useWatchedWords() {
  return useQuery({ queryKey: moderationKeys.words, queryFn: moderationApi.words });
}

export function useMutes(enabled = true) {
  return useQuery({ queryKey: moderationKeys.mutes, queryFn: moderationApi.mutes, enabled });
}

/**
 * Puts an item as the server now returns it into the loaded queue: a settled
 * item leaves it (and the waiting count goes down), a pending one is updated.
 */
export function putQueueItem(queryClient: QueryClient, item: ReviewItem) {
  queryClient.setQueryData<InfiniteData<ReviewQueue>>(moderationKeys.queue, (data) => {
    if (!data) return data;
    const settled = item.status !== "pending";
    let removed = 0;
    const pages = data.pages.map((page) => ({
      ...page,
      items: settled
        ? page.items.filter((i) => {
            const gone = i.id === item.id;
            if (gone) removed += 1;
            return !gone;
          })
        : page.items.map((i) => (i.id === item.id ? item : i)),
    }));
    return {
      ...data,
      pages: pages.map((page) => ({ ...page, pendingCount: Math.max(0, page.pendingCount - removed) })),
    };
  });
}

/** Every loaded item, in the server's order. */
export function queueItems(data: InfiniteData<ReviewQueue> | undefined): ReviewItem[] {
  return data?.pages.flatMap((p) => p.items) ?? [];
}
