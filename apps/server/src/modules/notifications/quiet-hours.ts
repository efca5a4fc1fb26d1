// Time rules for e-mail: quiet hours and digest schedules, in the person's own
// time zone. Pure functions of an injected "now", so tests never sleep.
import type { Digest, QuietHours } from "@kindred/contracts";
import { DateTime } from "luxon";

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(":").map(Number);
  return h! * 60 + m!;
};

/** The earliest moment at or after `now` that is outside the quiet hours. */
export function nextAllowedSend(now: Date, quiet: QuietHours | null, timeZone: string): Date {
  if (!quiet || quiet.start === quiet.end) return now;
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  const minute = local.hour * 60 + local.minute;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  const overnight = start > end; // e.g. 22:00 → 07:00
  const inside = overnight ? minute >= start || minute < end : minute >= start && minute < end;
  if (!inside) return now;
  let endAt = local.set({ hour: Math.floor(end / 60), minute: end % 60, second: 0, millisecond: 0 });
  if (endAt <= local) endAt = endAt.plus({ days: 1 });
  return endAt.toJSDate();
}

export const DIGEST_HOUR = 8;

/** The most recent scheduled digest moment at or before `now` (08:00 daily, or Monday 08:00). */
export function lastDigestSlot(now: Date, digest: Exclude<Digest, "off">, timeZone: string): Date {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  let slot = local.set({ hour: DIGEST_HOUR, minute: 0, second: 0, millisecond: 0 });
  if (digest === "weekly") slot = slot.minus({ days: slot.weekday - 1 }); // Monday
  if (slot > local) slot = slot.minus(digest === "weekly" ? { weeks: 1 } : { days: 1 });
  return slot.toJSDate();
}

/** A digest is due when its latest slot has passed since the last one was sent. */
export function digestDue(now: Date, digest: Digest, timeZone: string, lastSentAt: Date | null): boolean {
  if (digest === "off") return false;
  const slot = lastDigestSlot(now, digest, timeZone);
  return lastSentAt === null || lastSentAt < slot;
}

export function validTimeZone(tz: string | null | undefined): string {
  return tz && DateTime.local().setZone(tz).isValid ? tz : "UTC";
}
