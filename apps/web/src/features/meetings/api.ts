// The meetings API: the directory, one meeting, create and change, changes to
// one date, "my meetings", the private calendar link and the Meeting Guide
// import. Every cached answer lives under "meetings", so whatever changes a
// meeting can mark all of it stale in one call.
import type {
  CreateMeeting,
  Directory,
  DirectoryEntry,
  GroupList,
  ImportReport,
  ImportRequest,
  Meeting,
  MeetingException,
  MeetingSummary,
  MyMeetings,
  Occurrence,
  UpdateMeeting,
} from "@kindred/contracts";
import { useInfiniteQuery, useQuery, type QueryClient } from "@tanstack/react-query";
import { api, enc, query } from "../../api/client";
import { DIRECTORY_DAYS, DIRECTORY_PAGE, type MeetingMode, type TimeOfDay } from "./constants";
import { viewerTimeZone } from "./time";

export type {
  CreateMeeting,
  Directory,
  DirectoryEntry,
  ImportReport,
  Meeting,
  MeetingSummary,
  MyMeetings,
  Occurrence,
  UpdateMeeting,
};
export type CalendarLink = { url: string; createdAt: string };

/** The directory's filters as they stand in the page's address. */
export type DirectoryFilters = {
  day?: number;
  timeOfDay?: TimeOfDay;
  type?: string;
  language?: string;
  mode?: MeetingMode;
  group?: string;
  q?: string;
};

export const meetingKeys = {
  all: ["meetings"] as const,
  directory: (filters: DirectoryFilters, tz: string) => ["meetings", "directory", tz, filters] as const,
  meeting: (slug: string) => ["meetings", "meeting", slug] as const,
  mine: ["meetings", "mine"] as const,
  /** Groups in which this person may start a meeting. */
  myGroups: ["meetings", "my-groups"] as const,
  groups: ["meetings", "groups"] as const,
};

const path = (slug: string) => `/api/meetings/${enc(slug)}`;

export const meetingApi = {
  directory: (filters: DirectoryFilters, tz: string, cursor: string | null) =>
    api.get<Directory>(
      `/api/meetings${query({ tz, days: DIRECTORY_DAYS, limit: DIRECTORY_PAGE, cursor, ...filters })}`,
    ),
  get: (slug: string) => api.get<Meeting>(path(slug)),
  create: (body: CreateMeeting) => api.post<Meeting>("/api/meetings", body),
  update: (slug: string, body: UpdateMeeting) => api.patch<Meeting>(path(slug), body),
  remove: (slug: string) => api.delete(path(slug)),
  setException: (slug: string, body: MeetingException) => api.put<Meeting>(`${path(slug)}/exceptions`, body),
  clearException: (slug: string, occurrence: string) =>
    api.delete<Meeting>(`${path(slug)}/exceptions/${enc(occurrence)}`),
  attend: (slug: string, on: boolean) =>
    on ? api.put<Meeting>(`${path(slug)}/attending`, undefined) : api.delete<Meeting>(`${path(slug)}/attending`),
  mine: () => api.get<MyMeetings>("/api/meetings/mine"),
  newCalendarLink: () => api.post<CalendarLink>("/api/meetings/mine/calendar-link"),
  turnOffCalendarLink: () => api.delete("/api/meetings/mine/calendar-link"),
  import: (body: ImportRequest) => api.post<ImportReport>("/api/admin/meetings/import", body),
  groups: (mine: boolean) => api.get<GroupList>(`/api/groups${query({ mine: mine ? "true" : null })}`),
};

/** One meeting's calendar file (anyone who may see the meeting may download it). */
export const calendarFileUrl = (slug: string) => `${path(slug)}/calendar.ics`;
export const FEED_URL = "/api/meetings/feed.json";

export function useDirectory(filters: DirectoryFilters) {
  const tz = viewerTimeZone();
  return useInfiniteQuery({
    queryKey: meetingKeys.directory(filters, tz),
    queryFn: ({ pageParam }) => meetingApi.directory(filters, tz, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // Changing a filter keeps the current list on screen until the new one arrives.
    placeholderData: (previous) => previous,
    // Statuses ("happening now") move with the clock.
    refetchInterval: 5 * 60_000,
  });
}

export function useMeeting(slug: string) {
  return useQuery({ queryKey: meetingKeys.meeting(slug), queryFn: () => meetingApi.get(slug) });
}

export function useMyMeetings(enabled = true) {
  return useQuery({ queryKey: meetingKeys.mine, queryFn: meetingApi.mine, enabled });
}

/** Every group this person may see, for the directory's group filter. */
export function useVisibleGroups() {
  return useQuery({ queryKey: meetingKeys.groups, queryFn: () => meetingApi.groups(false), staleTime: 5 * 60_000 });
}

/** The groups in which this person may start a meeting (all of them, for an admin). */
export function useGroupsForNewMeeting(enabled: boolean) {
  return useQuery({
    queryKey: meetingKeys.myGroups,
    queryFn: async () => (await meetingApi.groups(false)).items.filter((g) => g.can.createMeeting),
    enabled,
  });
}

/** After a change, the meeting shows its fresh state at once and every list is refreshed. */
export function meetingChanged(queryClient: QueryClient, meeting: Meeting | null, slug?: string) {
  if (meeting) queryClient.setQueryData(meetingKeys.meeting(meeting.slug), meeting);
  if (!meeting && slug) queryClient.removeQueries({ queryKey: meetingKeys.meeting(slug) });
  void queryClient.invalidateQueries({
    queryKey: meetingKeys.all,
    predicate: (q) => !meeting || q.queryKey[1] !== "meeting" || q.queryKey[2] !== meeting.slug,
  });
  // A group's page lists its meetings too.
  void queryClient.invalidateQueries({ queryKey: ["groups"] });
}
