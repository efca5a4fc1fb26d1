// The forums API: categories, topic lists, one topic's page of posts, search,
// moderation and reading preferences. Every cached answer lives under "forums",
// so whatever changes the forums can mark all of it stale in one call.
import type {
  Category,
  CategoryList,
  CreateCategory,
  EditPost,
  ForumPreferences,
  NewFlag,
  NewReply,
  NewTopic,
  Post,
  PostRevisions,
  ReactionState,
  RevealedAuthor,
  SearchHit,
  SearchResults,
  TopicPage,
  TopicSummary,
  TopicView,
  UpdateCategory,
  WriteSupport,
  WrittenPost,
} from "@kindred/contracts";
import { useInfiniteQuery, useQuery, type QueryClient } from "@tanstack/react-query";
import { api, enc, query } from "../../api/client";
import type { Reaction } from "./constants";

/** A schema's parsed type, read from its `parse` so the web app needs no zod import. */
type Parsed<S extends { parse: (input: never) => unknown }> = ReturnType<S["parse"]>;
export type PostRevision = Parsed<typeof PostRevisions>["items"][number];
export type Author = { id: string; pseudonym: string };

export type { Category, CategoryList, ForumPreferences, Post, SearchHit, TopicSummary, TopicView };

/** "unread" asks the server for the page holding the first post this person has not read. */
export type TopicFrom = number | "unread";

export type SearchParams = { q: string; category?: string; author?: string; from?: string; to?: string };

export const forumKeys = {
  all: ["forums"] as const,
  categories: ["forums", "categories"] as const,
  topicLists: ["forums", "topics"] as const,
  topicList: (category: string | null) => ["forums", "topics", category ?? ""] as const,
  topic: (id: string) => ["forums", "topic", id] as const,
  topicPage: (id: string, from: TopicFrom) => ["forums", "topic", id, String(from)] as const,
  search: (params: SearchParams) => ["forums", "search", params] as const,
  preferences: ["forums", "preferences"] as const,
  revisions: (postId: string) => ["forums", "revisions", postId] as const,
};

const TOPICS_PER_PAGE = 30;

export const forumApi = {
  categories: () => api.get<CategoryList>("/api/forums/categories"),
  createCategory: (body: CreateCategory) => api.post<Category>("/api/forums/categories", body),
  updateCategory: (id: string, body: UpdateCategory) => api.patch<Category>(`/api/forums/categories/${enc(id)}`, body),
  watchCategory: (id: string, on: boolean) =>
    on
      ? api.put<void>(`/api/forums/categories/${enc(id)}/watch`, undefined)
      : api.delete(`/api/forums/categories/${enc(id)}/watch`),

  topics: (category: string | null, cursor: string | null) =>
    api.get<TopicPage>(`/api/forums/topics${query({ category, cursor, limit: TOPICS_PER_PAGE })}`),
  createTopic: (body: NewTopic) =>
    api.post<{ topic: TopicSummary; post: Post; support: WriteSupport }>("/api/forums/topics", body),
  topic: (id: string, from: TopicFrom | null) => api.get<TopicView>(`/api/forums/topics/${enc(id)}${query({ from })}`),
  moderateTopic: (id: string, body: { pinned?: boolean; locked?: boolean }) =>
    api.patch<TopicSummary>(`/api/forums/topics/${enc(id)}`, body),
  /** The post, and what the safety layer says privately to its author (`support`). */
  reply: (topicId: string, body: NewReply) => api.post<WrittenPost>(`/api/forums/topics/${enc(topicId)}/posts`, body),
  markRead: (topicId: string, lastReadNumber: number) =>
    api.post<void>(`/api/forums/topics/${enc(topicId)}/read`, { lastReadNumber }),
  watchTopic: (id: string, on: boolean) =>
    on
      ? api.put<void>(`/api/forums/topics/${enc(id)}/watch`, undefined)
      : api.delete(`/api/forums/topics/${enc(id)}/watch`),

  editPost: (id: string, body: EditPost) => api.patch<WrittenPost>(`/api/forums/posts/${enc(id)}`, body),
  deletePost: (id: string) => api.delete<Post>(`/api/forums/posts/${enc(id)}`),
  react: (id: string, kind: Reaction, on: boolean) =>
    on
      ? api.put<ReactionState>(`/api/forums/posts/${enc(id)}/reactions/${kind}`, undefined)
      : api.delete<ReactionState>(`/api/forums/posts/${enc(id)}/reactions/${kind}`),
  revisions: (id: string) => api.get<{ items: PostRevision[] }>(`/api/forums/posts/${enc(id)}/revisions`),
  revealAuthor: (id: string) => api.get<Parsed<typeof RevealedAuthor>>(`/api/forums/posts/${enc(id)}/author`),
  flag: (id: string, body: NewFlag) => api.post<{ id: string }>(`/api/forums/posts/${enc(id)}/flags`, body),
  hide: (id: string, reason: string) => api.post<Post>(`/api/forums/posts/${enc(id)}/hide`, { reason }),
  restore: (id: string) => api.post<Post>(`/api/forums/posts/${enc(id)}/restore`),

  search: (params: SearchParams, cursor: string | null) =>
    api.get<SearchResults>(`/api/forums/search${query({ ...params, cursor })}`),

  preferences: () => api.get<ForumPreferences>("/api/forums/preferences"),
  savePreferences: (body: ForumPreferences) => api.put<ForumPreferences>("/api/forums/preferences", body),
};

export function useCategories() {
  return useQuery({ queryKey: forumKeys.categories, queryFn: forumApi.categories });
}

/** Topics of one category (pinned first), or with `null` the latest across every category one may read. */
export function useTopicList(category: string | null) {
  return useInfiniteQuery({
    queryKey: forumKeys.topicList(category),
    queryFn: ({ pageParam }) => forumApi.topics(category, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useTopic(id: string, from: TopicFrom) {
  return useQuery({
    queryKey: forumKeys.topicPage(id, from),
    queryFn: () => forumApi.topic(id, from),
    // "unread" moves as soon as the page is read: it is resolved once, kept by its first post number
    // from then on, and forgotten as soon as nobody looks at it.
    staleTime: from === "unread" ? Infinity : 0,
    gcTime: from === "unread" ? 0 : undefined,
    // Moving between pages of one topic keeps the page (and the reply being written) on screen;
    // another topic never borrows this one's posts.
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[2] === id ? previous : undefined),
  });
}

export function useSearch(params: SearchParams | null) {
  return useInfiniteQuery({
    queryKey: forumKeys.search(params ?? { q: "" }),
    queryFn: ({ pageParam }) => forumApi.search(params!, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: params !== null,
  });
}

export function useForumPreferences() {
  return useQuery({ queryKey: forumKeys.preferences, queryFn: forumApi.preferences });
}

export function useRevisions(postId: string, enabled: boolean) {
  return useQuery({ queryKey: forumKeys.revisions(postId), queryFn: () => forumApi.revisions(postId), enabled });
}

/** Puts a changed post into every cached page of its topic, so the change shows at once. */
export function replacePost(queryClient: QueryClient, post: Post) {
  queryClient.setQueriesData<TopicView>({ queryKey: forumKeys.topic(post.topicId) }, (view) =>
    view ? { ...view, posts: view.posts.map((p) => (p.id === post.id ? post : p)) } : view,
  );
}

export function updatePost(queryClient: QueryClient, topicId: string, postId: string, change: Partial<Post>) {
  queryClient.setQueriesData<TopicView>({ queryKey: forumKeys.topic(topicId) }, (view) =>
    view ? { ...view, posts: view.posts.map((p) => (p.id === postId ? { ...p, ...change } : p)) } : view,
  );
}

/** Lists and counts elsewhere in the forums are out of date after reading or writing. */
export function refreshForumLists(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: forumKeys.topicLists });
  void queryClient.invalidateQueries({ queryKey: forumKeys.categories });
}
