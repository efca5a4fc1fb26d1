import type { TFunction } from "i18next";
import { ApiError } from "../../api/client";
import { problemMessage } from "../../components/errors";

/** The groups' own refusals, in the reader's language; anything else as the app says it elsewhere. */
const KNOWN = {
  "already-member": "groups.problems.alreadyMember",
  "last-facilitator": "groups.problems.lastFacilitator",
  "remove-self": "groups.problems.removeSelf",
} as const;

export function groupProblem(t: TFunction, error: unknown): string | null {
  if (error instanceof ApiError) {
    const key = KNOWN[error.type as keyof typeof KNOWN];
    if (key) return t(key);
  }
  return problemMessage(t, error);
}
