// Auth state and account actions. GET /api/me drives who is signed in:
// a 401 means "signed out" and is not an error.
import type { Me, OwnProfile, PublicConfig, SignInResult, SignUpBody } from "@kindred/contracts";
import { useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { ApiError, api } from "../../api/client";

export const meKey = ["me"] as const;
export const configKey = ["config"] as const;

export async function fetchMe(): Promise<Me | null> {
  try {
    return await api.get<Me>("/api/me");
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 60_000 });
}

export function useConfig() {
  return useQuery({
    queryKey: configKey,
    queryFn: () => api.get<PublicConfig>("/api/config"),
    staleTime: 5 * 60_000,
  });
}

export type SignUpResult = { status: "signed-in" | "pending-approval"; me: Me };
export type TwoFactorBody = { code: string } | { backupCode: string };
export type TwoFactorSetup = { totpURI: string; secret: string; backupCodes: string[] };

export const accountApi = {
  signUp: (body: SignUpBody) => api.post<SignUpResult>("/api/auth/sign-up", body),
  signIn: (body: { pseudonym: string; password: string }) => api.post<SignInResult>("/api/auth/sign-in", body),
  twoFactor: (body: TwoFactorBody) => api.post<{ status: "signed-in"; me: Me }>("/api/auth/two-factor", body),
  signOut: () => api.post<void>("/api/auth/sign-out"),
  changePassword: (body: { currentPassword: string; newPassword: string }) =>
    api.post<void>("/api/me/password", body),
  setupTwoFactor: (password: string) => api.post<TwoFactorSetup>("/api/me/two-factor/setup", { password }),
  confirmTwoFactor: (code: string) => api.post<Me>("/api/me/two-factor/confirm", { code }),
  disableTwoFactor: (password: string) => api.post<Me>("/api/me/two-factor/disable", { password }),
  updateLocale: (locale: "en" | "es") => api.patch<OwnProfile>("/api/me/profile", { locale }),
};

/** After signing in or out, everything cached belongs to someone else. */
export function useSession() {
  const queryClient = useQueryClient();
  return {
    /** `verify` asks the server again, for cases where a session may not have been opened. */
    signedIn: (me: Me, verify = false) => {
      setSignedIn(queryClient, me);
      if (verify) void queryClient.invalidateQueries({ queryKey: meKey });
    },
    signedOut: () => {
      forgetPersonalData(queryClient);
      queryClient.setQueryData(meKey, null);
    },
  };
}

function setSignedIn(queryClient: QueryClient, me: Me) {
  forgetPersonalData(queryClient);
  queryClient.setQueryData(meKey, me);
}

/**
 * Drops every cached answer except the organization's config and "me" itself.
 * "me" is overwritten rather than removed, so that components already watching it
 * see the change (a removed query leaves its observers on the stale copy).
 */
function forgetPersonalData(queryClient: QueryClient) {
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== configKey[0] && q.queryKey[0] !== meKey[0] });
}
