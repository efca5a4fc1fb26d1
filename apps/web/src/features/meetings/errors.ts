// The server's words about meetings, in the reader's language where we know them.
import type { TFunction } from "i18next";
import { ApiError } from "../../api/client";
import { problemMessage } from "../../components/errors";
import i18n from "../../i18n/i18n";

/** Field messages the meetings API is known to send, matched by their opening words. */
const KNOWN: [RegExp, () => string][] = [
  [/^At least 3 characters/i, () => i18n.t("meetings.errors.nameShort")],
  [/^Already in use/i, () => i18n.t("meetings.errors.slugTaken")],
  [/^Lowercase letters, numbers and dashes/i, () => i18n.t("meetings.errors.slugChars")],
  [/^An online meeting needs a conference link or phone number/i, () => i18n.t("meetings.errors.needsConference")],
  [/^An in-person meeting needs an address/i, () => i18n.t("meetings.errors.needsAddress")],
  [/^Add the city/i, () => i18n.t("meetings.errors.needsCity")],
  [/^The end must be after the start/i, () => i18n.t("meetings.errors.endAfterStart")],
  [/is not a time zone from the tz database/i, () => i18n.t("meetings.errors.timeZone")],
  [/^Choose a time zone/i, () => i18n.t("meetings.errors.timeZone")],
  [/^Not a real date/i, () => i18n.t("meetings.errors.date")],
  [/^A date as YYYY-MM-DD/i, () => i18n.t("meetings.errors.date")],
  [/^A time as HH:MM/i, () => i18n.t("meetings.errors.time")],
  [/^A full web address/i, () => i18n.t("meetings.errors.url")],
  [/^A web address starting with https/i, () => i18n.t("meetings.errors.url")],
  [/^Digits, spaces and/i, () => i18n.t("meetings.errors.phone")],
  [/^No active member is called/i, () => i18n.t("meetings.errors.noSuchMember")],
  [/^Choose one of your groups/i, () => i18n.t("meetings.errors.chooseGroup")],
  [/^This rule never produces a meeting/i, () => i18n.t("meetings.errors.ruleNever")],
  [/^How often does it meet/i, () => i18n.t("meetings.errors.ruleMissing")],
  [/^The meeting does not meet at this local date and time/i, () => i18n.t("meetings.errors.notAnOccurrence")],
  [/^When should this one meet instead/i, () => i18n.t("meetings.errors.movedToMissing")],
  [/^A local date and time as/i, () => i18n.t("meetings.errors.dateTime")],
  [/^At least 1$/i, () => i18n.t("meetings.errors.capacity")],
  [/^Only feeds on this machine/i, () => i18n.t("meetings.import.urlLoopback")],
  [/^Could not read a feed there/i, () => i18n.t("meetings.import.urlUnreadable")],
  [/^Not a web address/i, () => i18n.t("meetings.errors.url")],
  [/^Give the feed or its address, not both/i, () => i18n.t("meetings.import.chooseSource")],
  [/^A Meeting Guide feed is a JSON array/i, () => i18n.t("meetings.import.notArray")],
  [/^Number must be less than or equal to/i, () => i18n.t("meetings.errors.capacity")],
];

/** The server's message for one field of a meeting form, if any. */
export function meetingFieldError(error: unknown, field: string): string | undefined {
  const message = error instanceof ApiError ? error.fieldError(field) : undefined;
  if (!message) return undefined;
  return KNOWN.find(([pattern]) => pattern.test(message))?.[1]() ?? message;
}

/** Reads a failure's field errors for the named fields (for useFormSubmit's `fromServer`). */
export function meetingFieldErrors<F extends string>(fields: readonly F[]) {
  return (error: unknown) =>
    Object.fromEntries(fields.map((f) => [f, meetingFieldError(error, f)])) as Record<F, string | undefined>;
}

/** A failed request about meetings, said kindly in the reader's language. */
export function meetingProblem(t: TFunction, error: unknown): string | null {
  if (error instanceof ApiError) {
    if (error.type === "meeting-full") return t("meetings.errors.full");
    if (error.type === "duplicate-slug") return t("meetings.errors.slugTaken");
    if (error.type === "import-has-errors") return t("meetings.import.hasErrors");
    if (error.status === 404) return t("meetings.errors.notFound");
    if (error.status === 403) return t("meetings.errors.forbidden");
  }
  return problemMessage(t, error);
}
