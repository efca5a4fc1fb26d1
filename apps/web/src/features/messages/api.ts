// Private conversations between two people: the list (with what is unread), one
// conversation's history page by page, sending, and keeping both current as
// messages arrive on the socket.
import type { ConversationMessage, ConversationPage, ConversationSummary, SentMessage } from "@kindred/contracts";
import { useInfiniteQuery, useQuery, type InfiniteData, type QueryClient } from "@tanstack/react-query";
import { api, enc, query } from "../../api/client";

export type { ConversationMessage, ConversationPage, ConversationSummary };

export const messageKeys = {
  all: ["conversations"] as const,
  list: ["conversations", "list"] as const,
  conversation: (id: string) => ["conversations", "one", id] as const,
};

export const PAGE_SIZE = 30;

export const messageApi = {
  list: () => api.get<{ items: ConversationSummary[] }>("/api/conversations"),
  start: (userId: string) => api.post<{ id: string }>("/api/conversations", { userId }),
  page: (id: string, before: string | null, limit = PAGE_SIZE) =>
    api.get<ConversationPage>(`/api/conversations/${enc(id)}${query({ before, limit })}`),
  send: (id: string, body: string) => api.post<SentMessage>(`/api/conversations/${enc(id)}/messages`, { body }),
};

export function useConversations(enabled = true) {
  return useQuery({ queryKey: messageKeys.list, queryFn: messageApi.list, enabled });
}

/** Pages from the newest backwards: pages[0] holds the latest messages, each page oldest first. */
export function useConversation(id: string) {
  return useInfiniteQuery({
    queryKey: messageKeys.conversation(id),
    queryFn: ({ pageParam }) => messageApi.page(id, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** Every loaded message of a conversation, oldest first. */
export function messagesOf(data: InfiniteData<ConversationPage> | undefined): ConversationMessage[] {
  if (!data) return [];
  return [...data.pages].reverse().flatMap((p) => p.items);
}

/** Adds a message (sent here, or arriving live) to the open conversation, once. */
export function addMessage(queryClient: QueryClient, message: ConversationMessage): boolean {
  let added = false;
  queryClient.setQueryData<InfiniteData<ConversationPage>>(messageKeys.conversation(message.conversationId), (data) => {
    if (!data || data.pages.length === 0) return data;
    if (data.pages.some((p) => p.items.some((m) => m.id === message.id))) return data;
    added = true;
    const [newest, ...older] = data.pages;
    return { ...data, pages: [{ ...newest!, items: [...newest!.items, message] }, ...older] };
  });
  return added;
}

/** Whether any conversation has something the person has not read. */
export function hasUnread(list: { items: ConversationSummary[] } | undefined): boolean {
  return !!list?.items.some((c) => c.unread);
}
