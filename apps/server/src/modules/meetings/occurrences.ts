// The occurrences the directory reads: each meeting's schedule expanded from
// yesterday to a horizon ahead, rebuilt whenever the meeting or its exceptions
// change, and rolled forward by a daily job. Cancelled occurrences are left out.
import { sql } from "drizzle-orm";
import { z } from "zod";
import { type Db, selectRows } from "../../db/client.js";
import { defineJob } from "../../jobs/queue.js";
import { type Exception, expand, type Schedule } from "./recurrence.js";

/** How far ahead occurrences are kept: the directory looks 14 days ahead, meeting pages a few months. */
export const HORIZON_DAYS = 120;
const DAY = 86_400_000;

export type ScheduleRow = Schedule & { id: string };

export async function exceptionsOf(db: Db, meetingIds: string[]): Promise<Map<string, Exception[]>> {
  const map = new Map<string, Exception[]>();
  if (meetingIds.length === 0) return map;
  const rows = await selectRows<Exception & { meetingId: string }>(
    db,
    sql`select meeting_id as "meetingId", occurrence, action, moved_to as "movedTo", note from meeting_exception
        where meeting_id = any(${sql.param(meetingIds)}::text[]) order by occurrence`,
  );
  for (const r of rows) map.set(r.meetingId, [...(map.get(r.meetingId) ?? []), { occurrence: r.occurrence, action: r.action, movedTo: r.movedTo, note: r.note }]);
  return map;
}

/** Rewrites the stored occurrences of these meetings (inside the caller's transaction). */
export async function materialize(db: Db, meetings: ScheduleRow[], now = new Date()) {
  if (meetings.length === 0) return;
  const from = new Date(now.getTime() - DAY);
  const to = new Date(now.getTime() + HORIZON_DAYS * DAY);
  const exceptions = await exceptionsOf(db, meetings.map((m) => m.id));
  await db.execute(sql`delete from meeting_occurrence where meeting_id = any(${sql.param(meetings.map((m) => m.id))}::text[])`);
  const rows = meetings.flatMap((m) =>
    expand(m, exceptions.get(m.id) ?? [], from, to)
      .filter((o) => o.status !== "cancelled")
      .map((o) => ({ meetingId: m.id, original: o.original, startsAt: o.start.toISOString(), endsAt: o.end.toISOString(), moved: o.status === "moved" })),
  );
  // One statement per chunk: an import of thousands of meetings stays a handful of round trips.
  for (let i = 0; i < rows.length; i += 2_000) {
    const chunk = rows.slice(i, i + 2_000);
    await db.execute(sql`
      insert into meeting_occurrence (meeting_id, original, starts_at, ends_at, moved)
      select * from unnest(${sql.param(chunk.map((r) => r.meetingId))}::text[], ${sql.param(chunk.map((r) => r.original))}::text[],
                           ${sql.param(chunk.map((r) => r.startsAt))}::timestamptz[], ${sql.param(chunk.map((r) => r.endsAt))}::timestamptz[],
                           ${sql.param(chunk.map((r) => r.moved))}::boolean[])`);
  }
}

export const scheduleColumns = sql`m.id, m.timezone, m.starts_on as "startsOn", m.start_time as "startTime", m.end_time as "endTime", m.rrule`;

/** Rolls every meeting's occurrences forward (the daily job; also safe to run at any time). */
export async function refreshAll(db: Db, now = new Date()) {
  const meetings = await selectRows<ScheduleRow>(db, sql`select ${scheduleColumns} from meeting m order by m.id`);
  for (let i = 0; i < meetings.length; i += 500) {
    await db.transaction(async (tx) => materialize(tx, meetings.slice(i, i + 500), now));
  }
  return meetings.length;
}

export const refreshOccurrencesJob = (db: Db) =>
  defineJob({ name: "meetings-refresh-occurrences", schema: z.object({}), everySeconds: 6 * 3600, handler: async () => void (await refreshAll(db)) });
