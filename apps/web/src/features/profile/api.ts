import type { OwnProfile, ProfileUpdate, PublicProfile } from "@kindred/contracts";
import { useQuery } from "@tanstack/react-query";
import { api, enc } from "../../api/client";

export const profileKey = ["profile"] as const;
export const memberKey = (pseudonym: string) => ["member", pseudonym.toLowerCase()] as const;
export const blocksKey = ["blocks"] as const;

export type BlockedList = { items: { pseudonym: string; blockedAt: string }[] };

export const profileApi = {
  get: () => api.get<OwnProfile>("/api/me/profile"),
  update: (body: ProfileUpdate) => api.patch<OwnProfile>("/api/me/profile", body),
  member: (pseudonym: string) => api.get<PublicProfile>(`/api/members/${enc(pseudonym)}`),
  blocks: () => api.get<BlockedList>("/api/me/blocks"),
  block: (pseudonym: string) => api.post<unknown>("/api/me/blocks", { pseudonym }),
  unblock: (pseudonym: string) => api.delete(`/api/me/blocks/${enc(pseudonym)}`),
};

export function useOwnProfile() {
  return useQuery({ queryKey: profileKey, queryFn: profileApi.get });
}

export function useMember(pseudonym: string) {
  return useQuery({ queryKey: memberKey(pseudonym), queryFn: () => profileApi.member(pseudonym) });
}

export function useBlocks(enabled = true) {
  return useQuery({ queryKey: blocksKey, queryFn: profileApi.blocks, enabled });
}
