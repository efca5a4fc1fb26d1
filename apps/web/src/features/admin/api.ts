import type {
  AdminUserView,
  CrisisLine,
  CrisisLineInput,
  GrantRoleBody,
  GrantableRole,
  OrgSettings,
  OrgSettingsUpdate,
} from "@kindred/contracts";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { api, enc, query } from "../../api/client";

export type AdminUserPage = { items: AdminUserView[]; nextCursor: string | null };
export type InviteView = { code: string; maxUses: number; uses: number; expiresAt: string | null };

export type StatusFilter = "" | "active" | "pending" | "suspended";
export const adminUsersKey = (q: string, status: StatusFilter) => ["admin", "users", q, status] as const;
export const invitesKey = ["admin", "invites"] as const;
export const orgSettingsKey = ["admin", "settings"] as const;

export type { OrgSettings };

export const adminApi = {
  users: (cursor: string | null, q: string, status: StatusFilter) =>
    api.get<AdminUserPage>(`/api/admin/users${query({ cursor, q, status })}`),
  grant: (id: string, body: GrantRoleBody) => api.post<AdminUserView>(`/api/admin/users/${enc(id)}/roles`, body),
  revoke: (id: string, role: GrantableRole) => api.delete<AdminUserView>(`/api/admin/users/${enc(id)}/roles/${role}`),
  approve: (id: string) => api.post<AdminUserView>(`/api/admin/users/${enc(id)}/approve`),
  reactivate: (id: string) => api.post<AdminUserView>(`/api/admin/users/${enc(id)}/reactivate`),
  settings: () => api.get<OrgSettings>("/api/admin/settings"),
  /** Only the fields sent change; the answer is every setting, the admins' own included. */
  updateSettings: (body: OrgSettingsUpdate) => api.patch<OrgSettings>("/api/admin/settings", body),
  invites: () => api.get<{ items: InviteView[] }>("/api/admin/invites"),
  createInvite: (body: { maxUses?: number; expiresInDays?: number }) =>
    api.post<InviteView>("/api/admin/invites", body),
  createLine: (body: CrisisLineInput) => api.post<CrisisLine>("/api/admin/crisis-lines", body),
  updateLine: (id: number, body: CrisisLineInput) => api.put<CrisisLine>(`/api/admin/crisis-lines/${id}`, body),
  deleteLine: (id: number) => api.delete(`/api/admin/crisis-lines/${id}`),
};

export function useAdminUsers(q: string, status: StatusFilter) {
  return useInfiniteQuery({
    queryKey: adminUsersKey(q, status),
    queryFn: ({ pageParam }) => adminApi.users(pageParam, q, status),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useOrgSettings() {
  return useQuery({ queryKey: orgSettingsKey, queryFn: adminApi.settings });
}

/** The public part of the settings, as GET /api/config sends it to everyone. */
export function publicPart(settings: OrgSettings) {
  const { name, registrationMode, defaultCountry, timeZone, meetingArea, guidelines } = settings;
  return { name, registrationMode, defaultCountry, timeZone, meetingArea, guidelines };
}

export function useInvites() {
  return useQuery({ queryKey: invitesKey, queryFn: adminApi.invites });
}
