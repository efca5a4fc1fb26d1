// The meeting directory: upcoming occurrences from the stored table, in the
// viewer's time zone, filtered by day, time of day, type, language, mode,
// group and words, scoped by the same visibility rule as every group read.
import { type Directory, type DirectoryQuery, TIME_OF_DAY_HOURS } from "@kindred/contracts";
import { sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { type Db, selectRows } from "../../db/client.js";
import { problems } from "../../http/problem.js";
import type { Actor } from "../../policy/index.js";
import { visibleGroupSql } from "../groups/policy.js";
import { meetingsPolicy } from "./policy.js";
import { isTimeZone } from "./recurrence.js";
import { iso, meetingColumns, type MeetingRow, presentSummary } from "./service.js";

/** "Starting soon": within this many minutes. */
export const STARTING_SOON_MINUTES = 30;

type Row = Omit<MeetingRow, "membership" | "facilitators" | "attending" | "inMine"> & { startsAt: Date; endsAt: Date; moved: boolean; cursorAt: string };
type Cursor = { at: string; id: string };

function decodeCursor(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  try {
    const c = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Cursor;
    if (typeof c.at === "string" && !Number.isNaN(Date.parse(c.at)) && typeof c.id === "string") return c;
  } catch {
    /* answered below */
  }
  throw problems.validation([{ path: "querystring.cursor", message: "This page marker is not valid; start from the first page" }]);
}

/** The filters as SQL, for the directory and its benchmark alike. */
export function directoryFilters(q: z.output<typeof DirectoryQuery>, tz: string): SQL[] {
  const local = sql`(o.starts_at at time zone ${tz})`;
  const where: SQL[] = [];
  if (q.day !== undefined) where.push(sql`extract(dow from ${local}) = ${q.day}`);
  if (q.timeOfDay) {
    const [from, to] = TIME_OF_DAY_HOURS[q.timeOfDay];
    const hour = sql`extract(hour from ${local})`;
    where.push(to > 24 ? sql`(${hour} >= ${from} or ${hour} < ${to - 24})` : sql`${hour} >= ${from} and ${hour} < ${to}`);
  }
  if (q.type) where.push(sql`${q.type} = any(m.types)`);
  if (q.language) where.push(sql`m.language = ${q.language}`);
  // A hybrid meeting is both online and in person: it answers either filter.
  if (q.mode === "online" || q.mode === "in_person") where.push(sql`m.mode in (${q.mode}, 'hybrid')`);
  else if (q.mode) where.push(sql`m.mode = ${q.mode}`);
  if (q.group) where.push(sql`g.slug = ${q.group}`);
  if (q.q) {
    const words = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(sql`(m.name ilike ${words} or m.description ilike ${words} or g.name ilike ${words} or m.city ilike ${words})`);
  }
  return where;
}

export async function directory(db: Db, actor: Actor | null, q: z.output<typeof DirectoryQuery>, orgTimeZone: string, now = new Date()): Promise<Directory> {
  const tz = q.tz ?? orgTimeZone;
  if (!isTimeZone(tz)) throw problems.validation([{ path: "querystring.tz", message: "Not a time zone from the tz database, such as America/Chicago" }]);
  const cursor = decodeCursor(q.cursor);
  const until = new Date(now.getTime() + q.days * 86_400_000);
  const where = [
    // Meetings run at most a day: looking a day back finds those still happening.
    sql`o.starts_at > ${new Date(now.getTime() - 86_400_000)} and o.starts_at < ${until} and o.ends_at > ${now}`,
    visibleGroupSql(actor),
    ...directoryFilters(q, tz),
    ...(cursor ? [sql`(o.starts_at, o.meeting_id) > (${cursor.at}::timestamptz, ${cursor.id})`] : []),
  ];
  const rows = await selectRows<Row>(
    db,
    sql`select ${meetingColumns}, o.starts_at as "startsAt", o.ends_at as "endsAt", o.moved, o.starts_at::text as "cursorAt"
        from meeting_occurrence o join meeting m on m.id = o.meeting_id left join recovery_group g on g.id = m.group_id
        where ${sql.join(where, sql` and `)}
        order by o.starts_at, o.meeting_id limit ${q.limit + 1}`,
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
    nextCursor: rows.length > q.limit && last ? Buffer.from(JSON.stringify({ at: last.cursorAt, id: last.id })).toString("base64url") : null,
    can: { create: meetingsPolicy.can(actor, "meeting.create", null) },
  };
}
