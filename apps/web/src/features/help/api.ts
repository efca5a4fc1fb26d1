import type { CrisisLine } from "@kindred/contracts";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, query } from "../../api/client";

export type CrisisLinesResponse = { country: string; countries: string[]; lines: CrisisLine[] };

export const crisisLinesKey = (country: string | null) => ["crisis-lines", country ?? "default"] as const;

export function fetchCrisisLines(country: string | null) {
  return api.get<CrisisLinesResponse>(`/api/crisis-lines${query({ country })}`);
}

/** `country` null lets the server choose: the person's profile country, else the organization's default. */
export function useCrisisLines(country: string | null, enabled = true) {
  return useQuery({
    queryKey: crisisLinesKey(country),
    queryFn: () => fetchCrisisLines(country),
    enabled,
    staleTime: 5 * 60_000,
    placeholderData: keepPreviousData,
  });
}

/** Digits (and a leading +) that a phone can dial, or null when the contact is not a number. */
export function dialable(contact: string): string | null {
  const digits = contact.replace(/[^\d+*#]/g, "");
  return /\d{2,}/.test(digits) ? digits : null;
}
