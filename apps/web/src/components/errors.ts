import type { TFunction } from "i18next";
import { ApiError } from "../api/client";
import i18n, { currentLocale } from "../i18n/i18n";

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
  "swap-exists": "errors.swapExists",
  "alert-not-open": "errors.alertNotOpen",
  "alert-resolved": "errors.alertResolved",
  "own-alert": "errors.ownAlert",
  "author-gone": "errors.authorGone",
  "action-not-available": "errors.actionNotAvailable",
  "duplicate-phrase": "errors.duplicatePhrase",
  "no-method-details": "errors.noMethodDetails",
  "not-held": "errors.notHeld",
  "already-flagged": "errors.alreadyFlagged",
} as const;

/**
 * When a paused (silenced) or new account may write again, in the reader's words:
 * the time alone when it is today, else the date and time.
 */
function whenText(iso: string | undefined): string | null {
  if (!iso) return null;
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return null;
  const sameDay = at.toDateString() === new Date().toDateString();
  return new Intl.DateTimeFormat(
    currentLocale(),
    sameDay ? { timeStyle: "short" } : { dateStyle: "long", timeStyle: "short" },
  ).format(at);
}

/** Writing refused for a while: said kindly, with when it opens again and that help is still there. */
function pausedMessage(t: TFunction, error: ApiError): string | null {
  const when = whenText(error.until);
  const today = !!error.until && new Date(error.until).toDateString() === new Date().toDateString();
  if (error.type === "silenced") {
    if (!when) return t("errors.silencedNoTime");
    return today ? t("errors.silencedToday", { when }) : t("errors.silenced", { when });
  }
  if (error.type === "new-account-rate-limit") {
    const what = error.kind === "conversation_message" ? "messages" : "posts";
    if (!when) return t(`errors.newAccountLimit.${what}NoTime`);
    return today ? t(`errors.newAccountLimit.${what}Today`, { when }) : t(`errors.newAccountLimit.${what}`, { when });
  }
  return null;
}

/** A message for a failed request, in the reader's language where we know the case. */
export function problemMessage(t: TFunction, error: unknown): string | null {
  if (!error) return null;
  if (!(error instanceof ApiError)) return t("errors.unexpected");
  const paused = pausedMessage(t, error);
  if (paused) return paused;
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
  [/^Use a 24-hour time such as/i, () => i18n.t("validation.time")],
  [/^Use a date such as/i, () => i18n.t("rota.chooseDate")],
  [/^Only moderators and specialists with two-step sign-in/i, () => i18n.t("rota.notEligible")],
  [/^A shift must end at a different time/i, () => i18n.t("rota.sameTimes")],
  [/^There is no such shift/i, () => i18n.t("rota.chooseShift")],
  [/^This is not a calendar date/i, () => i18n.t("rota.chooseDate")],
  [/^The shift does not run on that day/i, () => i18n.t("rota.wrongDayPlain")],
  [/^Write a message/i, () => i18n.t("messages.writeSomething")],
  [/^Say why, for the record/i, () => i18n.t("moderation.action.reasonRequired")],
  [/^Write the message/i, () => i18n.t("moderation.action.messageRequired")],
  [/^Already on the list/i, () => i18n.t("admin.words.duplicate")],
  [/^These words may be a cry for help/i, () => i18n.t("admin.words.crisisRefused")],
  [/^Say what replaces the word/i, () => i18n.t("admin.words.replacementRequired")],
  [/^Give the address to link to/i, () => i18n.t("admin.words.urlRequired")],
  [/^A full address such as/i, () => i18n.t("admin.words.urlInvalid")],
  [/^Must start with https:\/\/ or http:\/\//i, () => i18n.t("admin.words.urlInvalid")],
  [/^Use at least two letters or digits/i, () => i18n.t("admin.words.phraseLetters")],
  [/^Letters, digits, spaces, apostrophes, dashes and \* only/i, () => i18n.t("admin.words.phraseChars")],
  [/^One \* is enough/i, () => i18n.t("admin.words.phraseStars")],
  [/^You cannot mute yourself/i, () => i18n.t("settings.cannotMuteSelf")],
];

/** The server's message for one field, if any. */
export function serverFieldError(error: unknown, field: string): string | undefined {
  const message = error instanceof ApiError ? error.fieldError(field) : undefined;
  if (!message) return undefined;
  return KNOWN_FIELD_MESSAGES.find(([pattern]) => pattern.test(message))?.[1]() ?? message;
}
