// The groups API: lists, one group, membership, members and the feed, plus the
// group's upcoming meetings from the directory. Every cached answer lives under
// "groups", so whatever changes a group can mark all of it stale in one call.
import type {
  CreateGroup,
  Directory,
  DirectoryEntry,
  Group,
  GroupFeed,
  GroupList,
  GroupMember,
  GroupPost,
  GroupRole,
  NewGroupPost,
  UpdateGroup,
  WriteSupport,
} from "@kindred/contracts";
import { useInfiniteQuery, useQuery, type InfiniteData, type QueryClient } from "@tanstack/react-query";
import { api, enc, query } from "../../api/client";
import type { Reaction } from "../forums/constants";
import { FEED_PAGE } from "./constants";

export type { CreateGroup, DirectoryEntry, Group, GroupList, GroupMember, GroupPost, UpdateGroup };

export type ListParams = { q: string; mine: boolean };

export const groupKeys = {
  all: ["groups"] as const,
  lists: ["groups", "list"] as const,
  list: (params: ListParams) => ["groups", "list", params] as const,
  group: (slug: string) => ["groups", "group", slug] as const,
  /** Everything belonging to one group: itself, its members, its feed and its meetings. */
  members: (slug: string) => ["groups", "group", slug, "members"] as const,
  feed: (slug: string) => ["groups", "group", slug, "feed"] as const,
  meetings: (slug: string) => ["groups", "group", slug, "meetings"] as const,
};

const path = (slug: string) => `/api/groups/${enc(slug)}`;

export const groupApi = {
  list: (params: ListParams) =>
    api.get<GroupList>(`/api/groups${query({ q: params.q, mine: params.mine ? "true" : null })}`),
  create: (body: CreateGroup) => api.post<Group>("/api/groups", body),
  get: (slug: string) => api.get<Group>(path(slug)),
  update: (slug: string, body: UpdateGroup) => api.patch<Group>(path(slug), body),

  join: (slug: string, note = "") => api.post<Group>(`${path(slug)}/join`, { note }),
  leave: (slug: string) => api.post<void>(`${path(slug)}/leave`),
  members: (slug: string) => api.get<{ items: GroupMember[] }>(`${path(slug)}/members`),
  decide: (slug: string, userId: string, approve: boolean) =>
    api.post<void>(`${path(slug)}/requests/${enc(userId)}/${approve ? "approve" : "decline"}`),
  invite: (slug: string, pseudonym: string) => api.post<{ userId: string }>(`${path(slug)}/invitations`, { pseudonym }),
  remove: (slug: string, userId: string) => api.delete(`${path(slug)}/members/${enc(userId)}`),
  setRole: (slug: string, userId: string, role: GroupRole) =>
    api.put<void>(`${path(slug)}/members/${enc(userId)}/role`, { role }),

  feed: (slug: string, cursor: string | null) =>
    api.get<GroupFeed>(`${path(slug)}/posts${query({ cursor, limit: FEED_PAGE })}`),
  post: (slug: string, body: NewGroupPost) =>
    api.post<{ post: GroupPost; support: WriteSupport }>(`${path(slug)}/posts`, body),
  deletePost: (slug: string, postId: string) => api.delete(`${path(slug)}/posts/${enc(postId)}`),
  react: (slug: string, postId: string, kind: Reaction, on: boolean) =>
    on
      ? api.put<GroupPost>(`${path(slug)}/posts/${enc(postId)}/reactions/${kind}`, undefined)
      : api.delete<GroupPost>(`${path(slug)}/posts/${enc(postId)}/reactions/${kind}`),

  /** The group's upcoming meetings over the next two weeks, in the viewer's time zone. */
  meetings: (slug: string, tz: string) =>
    api.get<Directory>(`/api/meetings${query({ group: slug, tz, days: 14, limit: 20 })}`),
};

/** The iCalendar feed of a group's meetings. */
export const groupCalendarUrl = (slug: string) => `${path(slug)}/calendar.ics`;

export function useGroupList(params: ListParams, enabled = true) {
  return useQuery({ queryKey: groupKeys.list(params), queryFn: () => groupApi.list(params), enabled });
}

export function useGroup(slug: string) {
  return useQuery({ queryKey: groupKeys.group(slug), queryFn: () => groupApi.get(slug) });
}

export function useGroupMembers(slug: string, enabled = true) {
  return useQuery({ queryKey: groupKeys.members(slug), queryFn: () => groupApi.members(slug), enabled });
}

export function useGroupFeed(slug: string, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: groupKeys.feed(slug),
    queryFn: ({ pageParam }) => groupApi.feed(slug, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });
}

export function viewerTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

export function useGroupMeetings(slug: string) {
  const tz = viewerTimeZone();
  return useQuery({ queryKey: [...groupKeys.meetings(slug), tz], queryFn: () => groupApi.meetings(slug, tz) });
}

type Feed = InfiniteData<GroupFeed, string | null>;

/** One post as the loaded pages of the feed hold it, if they do. */
export function feedPost(queryClient: QueryClient, slug: string, postId: string): GroupPost | undefined {
  return queryClient.getQueryData<Feed>(groupKeys.feed(slug))?.pages.flatMap((page) => page.items).find((p) => p.id === postId);
}

/** Changes one post wherever it sits in the loaded pages of the feed. */
export function updateFeedPost(
  queryClient: QueryClient,
  slug: string,
  postId: string,
  change: (post: GroupPost) => GroupPost | null,
) {
  queryClient.setQueryData<Feed>(groupKeys.feed(slug), (feed) =>
    feed
      ? {
          ...feed,
          pages: feed.pages.map((page) => ({
            ...page,
            items: page.items.flatMap((p) => {
              if (p.id !== postId) return [p];
              const next = change(p);
              return next ? [next] : [];
            }),
          })),
        }
      : feed,
  );
}

/** Puts a new post at the top of the feed, where the newest belong. */
export function prependFeedPost(queryClient: QueryClient, slug: string, post: GroupPost) {
  queryClient.setQueryData<Feed>(groupKeys.feed(slug), (feed) => {
    if (!feed || feed.pages.length === 0) return feed;
    if (feed.pages.some((page) => page.items.some((p) => p.id === post.id))) return feed;
    const [first, ...rest] = feed.pages;
    return { ...feed, pages: [{ ...first!, items: [post, ...first!.items] }, ...rest] };
  });
}

/** A group changed (joined, left, edited): its own answer is the truth; lists elsewhere are out of date. */
export function groupChanged(queryClient: QueryClient, group: Group | null, slug: string) {
  if (group) queryClient.setQueryData(groupKeys.group(slug), group);
  else void queryClient.invalidateQueries({ queryKey: groupKeys.group(slug), exact: true });
  void queryClient.invalidateQueries({ queryKey: groupKeys.lists });
}

/** Inside the group: a member, a facilitator, or an admin who oversees every group. */
export const isInside = (group: Group) =>
  group.membership === "member" || group.membership === "facilitator" || group.can.manageMembers;
