// Shared by the meetings tests: a meeting body that passes validation, counts
// for "nothing written", and a zone where "now" is comfortably mid-day.
import { sql } from "drizzle-orm";
import { DateTime } from "luxon";
import { selectRows } from "../../db/client.js";
import type { App } from "../../app.js";

let n = 0;
export const uniqueSlug = (prefix = "m") => `${prefix}-${Date.now().toString(36)}-${(n++).toString(36)}`;

export const meetingBody = (over: Record<string, unknown> = {}) => ({
  name: `Evening share ${n++}`,
  mode: "online",
  conferenceUrl: "https://meet.example.org/evening",
  timezone: "America/Chicago",
  startsOn: "2026-01-05",
  startTime: "19:00",
  endTime: "20:00",
  rrule: "FREQ=WEEKLY;BYDAY=MO",
  types: ["O", "D"],
  ...over,
});

export async function counts(app: App) {
  const [row] = await selectRows<{ meetings: number; occurrences: number; exceptions: number; attendees: number; groups: number }>(
    app.kindred.db,
    sql`select (select count(*)::int from meeting) as meetings, (select count(*)::int from meeting_occurrence) as occurrences,
               (select count(*)::int from meeting_exception) as exceptions, (select count(*)::int from meeting_attendee) as attendees,
               (select count(*)::int from recovery_group) as groups`,
  );
  return row!;
}

/** A zone where the local time now is between 03:00 and 20:00, so a meeting around now fits in one day. */
export function midDayZone(now = new Date()) {
  const zones = ["America/Chicago", "Europe/Madrid", "Asia/Tokyo", "Australia/Sydney", "America/Los_Angeles", "Asia/Kolkata", "Pacific/Honolulu"];
  for (const zone of zones) {
    const local = DateTime.fromJSDate(now, { zone });
    if (local.hour >= 3 && local.hour < 20) return { zone, local };
  }
  throw new Error("no zone is mid-day now");
}

/** HH:MM of a local time shifted by some minutes. */
export const hhmm = (local: DateTime, minutes: number) => local.plus({ minutes }).toFormat("HH:mm");
