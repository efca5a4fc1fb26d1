// iCalendar (RFC 5545) feeds: one VEVENT per meeting with its RRULE in the
// meeting's own zone (TZID + VTIMEZONE), cancelled occurrences as EXDATE and
// moved ones as RECURRENCE-ID overrides, so calendar programs keep the local
// time across daylight-saving changes.
import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import icalGenerator, { ICalEventStatus } from "ical-generator";
import { DateTime } from "luxon";
import { tzlib_get_ical_block } from "timezones-ical-library";
import { type Db, selectRows } from "../../db/client.js";
import { problems } from "../../http/problem.js";
import type { Actor } from "../../policy/index.js";
import { meetingsPolicy } from "./policy.js";
import { exceptionsOf } from "./occurrences.js";
import { isOccurrence, normalizeRule } from "./recurrence.js";
import { type MeetingRow } from "./service.js";

const toLocal = (local: string, zone: string) =>
  DateTime.fromObject(
    { year: +local.slice(0, 4), month: +local.slice(5, 7), day: +local.slice(8, 10), hour: +local.slice(11, 13), minute: +local.slice(14, 16) },
    { zone },
  );
const icsLocal = (local: string) => `${local.slice(0, 4)}${local.slice(5, 7)}${local.slice(8, 10)}T${local.slice(11, 13)}${local.slice(14, 16)}00`;
const minutesBetween = (a: string, b: string) => Number(b.slice(0, 2)) * 60 + Number(b.slice(3)) - (Number(a.slice(0, 2)) * 60 + Number(a.slice(3)));

export type CalendarMeeting = Pick<
  MeetingRow,
  "id" | "slug" | "name" | "description" | "timezone" | "startsOn" | "startTime" | "endTime" | "rrule" | "mode" | "conferenceUrl" | "location" | "address" | "city" | "temporarilyClosed" | "updatedAt"
> & { showJoin: boolean };

export async function renderCalendar(db: Db, name: string, meetings: CalendarMeeting[], publicUrl: string): Promise<string> {
  const host = new URL(publicUrl).hostname;
  const calendar = icalGenerator({
    name,
    prodId: { company: "Kindred", product: "Meetings", language: "EN" },
    timezone: { name: null, generator: (tz) => tzlib_get_ical_block(tz)[0] ?? null },
    ttl: 3600,
  });
  const exceptions = await exceptionsOf(db, meetings.map((m) => m.id));
  for (const m of meetings) {
    const uid = `${m.slug}@${host}`;
    const duration = minutesBetween(m.startTime, m.endTime);
    const start = toLocal(`${m.startsOn}T${m.startTime}`, m.timezone);
    const url = `${publicUrl}/meetings/${m.slug}`;
    const where = m.mode === "in_person" || m.mode === "hybrid" ? [m.location, m.showJoin ? m.address : "", m.city].filter(Boolean).join(", ") : "";
    const join = m.showJoin && m.mode !== "in_person" ? (m.mode === "kindred" ? url : (m.conferenceUrl ?? "")) : "";
    const description = [m.description, join ? `Join: ${join}` : "", `Details: ${url}`].filter(Boolean).join("\n\n");
    const summary = m.temporarilyClosed ? `${m.name} (temporarily closed)` : m.name;
    // Only exceptions to occurrences the current rule still produces (see recurrence.ts).
    const own = (exceptions.get(m.id) ?? []).filter((e) => isOccurrence(m, e.occurrence));
    // Cancelled ones are excluded; moved ones stay in the series and are overridden by RECURRENCE-ID (RFC 5545 §3.8.4.4).
    const exdates = own.filter((e) => e.action === "cancel").map((e) => icsLocal(e.occurrence));
    const repeating = [`RRULE:${normalizeRule(m.rrule)}`, ...(exdates.length ? [`EXDATE;TZID=${m.timezone}:${exdates.join(",")}`] : [])].join("\n");
    const common = { summary, description, url, location: where || null, timezone: m.timezone, lastModified: new Date(m.updatedAt), stamp: new Date(m.updatedAt) };
    calendar.createEvent({ ...common, id: uid, start, end: start.plus({ minutes: duration }), repeating });
    // A moved occurrence is its own event with the series' UID and the original start as RECURRENCE-ID.
    for (const e of own) {
      if (e.action !== "move" || !e.movedTo) continue;
      const moved = toLocal(e.movedTo, m.timezone);
      calendar.createEvent({
        ...common, id: uid, recurrenceId: toLocal(e.occurrence, m.timezone), start: moved, end: moved.plus({ minutes: duration }),
        description: [e.note, description].filter(Boolean).join("\n\n"), status: ICalEventStatus.CONFIRMED,
      });
    }
  }
  return calendar.toString();
}

const calendarColumns = sql`m.id, m.slug, m.name, m.description, m.timezone, m.starts_on as "startsOn", m.start_time as "startTime",
  m.end_time as "endTime", m.rrule, m.mode, m.conference_url as "conferenceUrl", m.location, m.address, m.city,
  m.temporarily_closed as "temporarilyClosed", m.updated_at as "updatedAt"`;

/** A group's meetings, with join details only when this reader may have them. */
export async function groupCalendarMeetings(db: Db, groupId: string, showJoin: boolean): Promise<CalendarMeeting[]> {
  const rows = await selectRows<Omit<CalendarMeeting, "showJoin">>(db, sql`select ${calendarColumns} from meeting m where m.group_id = ${groupId} order by m.slug`);
  return rows.map((r) => ({ ...r, showJoin }));
}

// ── Personal feed: a secret link, kept only as a hash; a new link revokes the old ──

const hash = (token: string) => crypto.createHash("sha256").update(token).digest("hex");
export const CALENDAR_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export async function issueToken(db: Db, actor: Actor): Promise<{ token: string; createdAt: Date }> {
  meetingsPolicy.authorize(actor, "calendar.own", null);
  const token = crypto.randomBytes(32).toString("base64url");
  const createdAt = new Date();
  await db.execute(sql`
    insert into calendar_token (user_id, token_hash, created_at) values (${actor.id}, ${hash(token)}, ${createdAt})
    on conflict (user_id) do update set token_hash = excluded.token_hash, created_at = excluded.created_at`);
  return { token, createdAt };
}

export async function revokeToken(db: Db, actor: Actor) {
  meetingsPolicy.authorize(actor, "calendar.own", null);
  await db.execute(sql`delete from calendar_token where user_id = ${actor.id}`);
}

export async function tokenStatus(db: Db, actorId: string) {
  const [row] = await selectRows<{ createdAt: Date }>(db, sql`select created_at as "createdAt" from calendar_token where user_id = ${actorId}`);
  return { active: Boolean(row), createdAt: row ? new Date(row.createdAt).toISOString() : null };
}

/**
 * The meetings in the personal feed of the token's owner: those they added
 * and may still join (leaving a group takes its private meetings away).
 * Unknown, revoked or suspended: not found.
 */
export async function personalCalendarMeetings(db: Db, token: string): Promise<CalendarMeeting[]> {
  if (!CALENDAR_TOKEN_PATTERN.test(token)) throw problems.notFound("This calendar");
  const [owner] = await selectRows<{ userId: string }>(
    db,
    sql`select t.user_id as "userId" from calendar_token t join "user" u on u.id = t.user_id where t.token_hash = ${hash(token)} and u.status = 'active'`,
  );
  if (!owner) throw problems.notFound("This calendar");
  const rows = await selectRows<Omit<CalendarMeeting, "showJoin">>(
    db,
    sql`select ${calendarColumns} from meeting_attendee a join meeting m on m.id = a.meeting_id left join recovery_group g on g.id = m.group_id
        where a.user_id = ${owner.userId}
          and (g.id is null or g.visibility = 'public'
               or exists (select 1 from group_member gm where gm.group_id = g.id and gm.user_id = ${owner.userId} and gm.state in ('member', 'facilitator')))
        order by m.slug`,
  );
  return rows.map((r) => ({ ...r, showJoin: true }));
}
