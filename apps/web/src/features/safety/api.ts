// The safety layer's API as the web app uses it: "talk to someone now" from the
// help panel, the on-call team's alert queue and its actions, and the rota.
import type {
  Alert,
  AlertOutcome,
  AlertQueue,
  NewShift,
  NewSwap,
  OnCallNow,
  Rota,
  SafetySourceKind,
  Shift,
  Swap,
  TalkNowResult,
} from "@kindred/contracts";
import { useQuery } from "@tanstack/react-query";
import { api, enc, query } from "../../api/client";
import type { Me } from "@kindred/contracts";

export type { Alert, AlertOutcome, OnCallNow, Rota, Shift, Swap };
export type AlertStatus = "active" | "resolved";

export const safetyKeys = {
  all: ["safety"] as const,
  alerts: ["safety", "alerts"] as const,
  alertList: (status: AlertStatus) => ["safety", "alerts", status] as const,
  rota: ["safety", "rota"] as const,
};

export const safetyApi = {
  talk: (source: { kind: SafetySourceKind; id: string } | null) =>
    api.post<TalkNowResult>("/api/safety/talk", source ? { source } : {}),
  alerts: (status: AlertStatus) => api.get<AlertQueue>(`/api/safety/alerts${query({ status })}`),
  acknowledge: (id: string) => api.post<Alert>(`/api/safety/alerts/${enc(id)}/acknowledge`),
  reachOut: (id: string) => api.post<{ conversationId: string }>(`/api/safety/alerts/${enc(id)}/reach-out`),
  resolve: (id: string, body: { outcome: AlertOutcome; note: string }) =>
    api.post<Alert>(`/api/safety/alerts/${enc(id)}/resolve`, body),
  rota: () => api.get<Rota>("/api/safety/rota"),
  addShift: (body: NewShift) => api.post<{ id: string }>("/api/safety/rota/shifts", body),
  removeShift: (id: string) => api.delete(`/api/safety/rota/shifts/${enc(id)}`),
  addSwap: (body: NewSwap) => api.post<{ id: string }>("/api/safety/rota/swaps", body),
  removeSwap: (id: string) => api.delete(`/api/safety/rota/swaps/${enc(id)}`),
};

export function useAlerts(status: AlertStatus, enabled = true) {
  return useQuery({ queryKey: safetyKeys.alertList(status), queryFn: () => safetyApi.alerts(status), enabled });
}

export function useRota(enabled = true) {
  return useQuery({ queryKey: safetyKeys.rota, queryFn: safetyApi.rota, enabled });
}

const ON_CALL_ROLES = ["moderator", "specialist", "admin"] as const;

/** Moderators, specialists and admins (each with two-step sign-in on) see the alert queue and the rota. */
export function isOnCallTeam(me: Pick<Me, "roles"> | null | undefined): boolean {
  return !!me && ON_CALL_ROLES.some((r) => me.roles.includes(r));
}

/** Holds such a role but cannot use it until two-step sign-in is on. */
export function awaitsTwoFactorForOnCall(me: Pick<Me, "rolesAwaitingTwoFactor"> | null | undefined): boolean {
  return !!me && ON_CALL_ROLES.some((r) => (me.rolesAwaitingTwoFactor as string[]).includes(r));
}

/** Crisis tiers, after the Columbia scale: the words a person on call reads. */
export const TIERS = [0, 1, 2, 3, 4] as const;
export type Tier = (typeof TIERS)[number];
export const asTier = (n: number): Tier => Math.max(0, Math.min(4, Math.round(n))) as Tier;

/**
 * The excerpt in pieces, with the spans that describe a method marked so the
 * view can hide them: safe-messaging guidance says not to repeat such details.
 */
export function excerptPieces(text: string, spans: { start: number; end: number }[]) {
  const sorted = [...spans]
    .map((s) => ({
      start: Math.max(0, Math.min(text.length, s.start)),
      end: Math.max(0, Math.min(text.length, s.end)),
    }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);
  const pieces: { text: string; method: boolean }[] = [];
  let at = 0;
  for (const s of sorted) {
    const start = Math.max(s.start, at);
    if (s.end <= start) continue;
    if (start > at) pieces.push({ text: text.slice(at, start), method: false });
    pieces.push({ text: text.slice(start, s.end), method: true });
    at = s.end;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), method: false });
  return pieces;
}
