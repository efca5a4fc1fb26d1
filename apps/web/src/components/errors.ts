import type { TFunction } from "i18next";
import { ApiError } from "../api/client";
import i18n from "../i18n/i18n";

/** Problem types whose wording we have in every language; others show the server's words. */
const KNOWN_PROBLEMS = {
  "invalid-credentials": "errors.invalidCredentials",
  "invalid-code": "errors.invalidCode",
  "pseudonym-taken": "errors.pseudonymTaken",
  "email-taken": "errors.emailTaken",
  "two-factor-required": "errors.twoFactorRequired",
  "rate-limited": "errors.rateLimited",
  validation: "errors.validation",
  network: "errors.network",
  internal: "errors.server",
} as const;

/** A message for a failed request, in the reader's language where we know the case. */
export function problemMessage(t: TFunction, error: unknown): string | null {
  if (!error) return null;
  if (!(error instanceof ApiError)) return t("errors.unexpected");
  const known = KNOWN_PROBLEMS[error.type as keyof typeof KNOWN_PROBLEMS];
  // A validation problem without field errors has nothing to point at below: say what the server said.
  if (known && !(error.type === "validation" && error.errors.length === 0)) return t(known);
  if (error.status >= 500) return t("errors.server");
  if (error.type === "unauthenticated" && !error.detail) return t("errors.unauthenticated");
  const parts = [error.title, error.detail].filter(Boolean).map((p) => p!.replace(/[.\s]+$/, ""));
  return parts.length > 0 ? `${parts.join(". ")}.` : t("errors.unexpected");
}

/**
 * Field messages the server is known to send, matched by their opening words so
 * Spanish readers are not left with English; anything else is shown as sent.
 */
const KNOWN_FIELD_MESSAGES: [RegExp, () => string][] = [
  [/^This password is on a list of commonly used passwords/i, () => i18n.t("validation.commonPassword")],
  [/^Already taken/i, () => i18n.t("validation.taken")],
  [/^This invite code is not valid/i, () => i18n.t("validation.inviteInvalid")],
  [/^At least 10 characters/i, () => i18n.t("validation.passwordShort")],
  [/^Six digits/i, () => i18n.t("validation.code")],
  [/^A time such as/i, () => i18n.t("validation.time")],
];

/** The server's message for one field, if any. */
export function serverFieldError(error: unknown, field: string): string | undefined {
  const message = error instanceof ApiError ? error.fieldError(field) : undefined;
  if (!message) return undefined;
  return KNOWN_FIELD_MESSAGES.find(([pattern]) => pattern.test(message))?.[1]() ?? message;
}
