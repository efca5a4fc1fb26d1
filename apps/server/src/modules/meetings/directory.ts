// The meeting directory: upcoming occurrences from the stored table, in the
// viewer's time zone, filtered by day, time of day, type, language, mode,
// group and words, scoped by the same visibility rule as every group read.
import { type Directory, type DirectoryQuery, TIME_OF_DAY_HOURS } from "@kindred/contracts";
import { sql, type SQL } from "drizzle-orm";
import { DateTime } from "luxon";
import type { z } from "zod";
import { type Db, selectRows } from "../../db/client.js";
import { problems } from "../../http/problem.js";
import type { Actor } from "../../policy/index.js";
import { visibleGroupSql } from "../groups/policy.js";
import { meetingsPolicy } from "./policy.js";
import { isTimeZone } from "./recurrence.js";
import { searchCondition } from "./search.js";
import { iso, meetingColumns, type MeetingRow, presentSummary } from "./service.js";
import { decodeCursor, encodeCursor, isTimestamp } from "../../lib/cursor.js";

/** "Starting soon": within this many minutes. */
export const STARTING_SOON_MINUTES = 30;

type Row = Omit<MeetingRow, "membership" | "facilitators" | "attending" | "inMine"> & { startsAt: Date; endsAt: Date; moved: boolean; original: string; cursorAt: string };
/** Start, meeting and scheduled start: unique even when a moved occurrence lands on another's instant. */
type Cursor = { at: string; id: string; original: string };


/**
 * The instants whose local time (in the viewer's zone) falls on the chosen
 * weekday and time of day, as [from, to) ranges over the window. Ranges of
 * instants, not `extract(… at time zone …)`, so PostgreSQL can read them from
 * the index on starts_at and estimate them. The day is the local date of the
 * start; "night" is 21:00–24:00 and 00:00–05:00 of that date.
 */
export function localRanges(q: Pick<z.output<typeof DirectoryQuery>, "day" | "timeOfDay">, tz: string, from: Date, until: Date): [Date, Date][] {
  const hours: [number, number][] = !q.timeOfDay
    ? [[0, 24]]
    : TIME_OF_DAY_HOURS[q.timeOfDay][1] > 24
      ? [[0, TIME_OF_DAY_HOURS[q.timeOfDay][1] - 24], [TIME_OF_DAY_HOURS[q.timeOfDay][0], 24]]
      : [TIME_OF_DAY_HOURS[q.timeOfDay]];
  const ranges: [Date, Date][] = [];
  const at = (day: DateTime, hour: number) => (hour === 24 ? day.plus({ days: 1 }) : day.set({ hour })).toJSDate();
  for (let day = DateTime.fromJSDate(from, { zone: tz }).startOf("day"); day.toJSDate() < until; day = day.plus({ days: 1 })) {
    if (q.day !== undefined && day.weekday % 7 !== q.day) continue;
    for (const [h0, h1] of hours) {
      const start = at(day, h0);
      const end = at(day, h1);
      const last = ranges.at(-1);
      // Adjacent ranges (00:00–05:00 after the previous night's 21:00–24:00) become one.
      if (last && last[1].getTime() === start.getTime()) last[1] = end;
      else ranges.push([start, end]);
    }
  }
  return ranges;
}

/** Filters on the meeting itself (not on when): type, language, mode, group, words. */
export function meetingFilters(q: z.output<typeof DirectoryQuery>): SQL[] {
  const where: SQL[] = [];
  if (q.type) where.push(sql`${q.type} = any(m.types)`);
  if (q.language) where.push(sql`m.language = ${q.language}`);
  // A hybrid meeting is both online and in person: it answers either filter.
  if (q.mode === "online" || q.mode === "in_person") where.push(sql`m.mode in (${q.mode}, 'hybrid')`);
  else if (q.mode) where.push(sql`m.mode = ${q.mode}`);
  if (q.group) where.push(sql`g.slug = ${q.group}`);
  const words = q.q ? searchCondition(q.q) : null;
  if (words) where.push(words);
  return where;
}

export async function directory(db: Db, actor: Actor | null, q: z.output<typeof DirectoryQuery>, orgTimeZone: string, now = new Date()): Promise<Directory> {
  const tz = q.tz ?? orgTimeZone;
  if (!isTimeZone(tz)) throw problems.validation([{ path: "querystring.tz", message: "Not a time zone from the tz database, such as America/Chicago" }]);
  const cursor = decodeCursor<Cursor>(q.cursor, (c) => isTimestamp(c.at) && typeof c.id === "string" && typeof c.original === "string");
  const until = new Date(now.getTime() + q.days * 86_400_000);
  // Meetings run at most a day: looking a day back finds those still happening.
  const since = new Date(now.getTime() - 86_400_000);
  const byMeeting = meetingFilters(q);
  const ranges = q.day !== undefined || q.timeOfDay ? localRanges(q, tz, since, until) : [[since, until] as [Date, Date]];
  const can = { create: meetingsPolicy.can(actor, "meeting.create", null) };
  if (ranges.length === 0) return { timezone: tz, items: [], nextCursor: null, can };
  const when = sql.join(
    ranges.map(([a, b]) => sql`(o.starts_at >= ${a > since ? a : since} and o.starts_at < ${b < until ? b : until})`),
    sql` or `,
  );
  // Filters on the meeting pick the meetings before any occurrence is read. When they are few, their ids go in as a
  // parameter (the planner then reads just their windows); when they are many, as a subquery the planner joins while
  // walking occurrences in time order. Both measured in bench/meetings.ts.
  const FEW = 300;
  const chooser = byMeeting.length > 0 ? sql`select m.id from meeting m left join recovery_group g on g.id = m.group_id where ${visibleGroupSql(actor)} and ${sql.join(byMeeting, sql` and `)}` : null;
  const few = chooser ? (await selectRows<{ id: string }>(db, sql`${chooser} limit ${FEW + 1}`)).map((r) => r.id) : null;
  if (few?.length === 0) return { timezone: tz, items: [], nextCursor: null, can };
  const chosen = !few ? [] : few.length <= FEW ? [sql`o.meeting_id = any(${sql.param(few)}::text[])`] : [sql`o.meeting_id in (${chooser})`];
  const where = [
    sql`(${when}) and o.ends_at > ${now}`,
    visibleGroupSql(actor),
    ...chosen,
    ...(cursor ? [sql`(o.starts_at, o.meeting_id, o.original) > (${cursor.at}::timestamptz, ${cursor.id}, ${cursor.original})`] : []),
  ];
  const rows = await selectRows<Row>(
    db,
    sql`select ${meetingColumns}, o.starts_at as "startsAt", o.ends_at as "endsAt", o.moved, o.original, o.starts_at::text as "cursorAt"
        from meeting_occurrence o join meeting m on m.id = o.meeting_id left join recovery_group g on g.id = m.group_id
        where ${sql.join(where, sql` and `)}
        order by o.starts_at, o.meeting_id, o.original limit ${q.limit + 1}`,
  );
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const soon = now.getTime() + STARTING_SOON_MINUTES * 60_000;
  return {
    timezone: tz,
    items: page.map((r) => {
      const start = new Date(r.startsAt);
      const status = start <= now ? "happening_now" : start.getTime() <= soon ? "starting_soon" : "upcoming";
      return { meeting: presentSummary(r), start: iso(r.startsAt), end: iso(r.endsAt), status, moved: r.moved };
    }),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ at: last.cursorAt, id: last.id, original: last.original }) : null,
    can,
  };
}
