// Meetings: load (visibility-checked), present, create, change, exceptions and
// "my meetings". Each schedule change rebuilds the meeting's stored occurrences
// in the same transaction.
import type { CreateMeeting, Meeting, MeetingException, MeetingSummary, Occurrence, UpdateMeeting } from "@kindred/contracts";
import { sql } from "drizzle-orm";
import type { z } from "zod";
import { type Db, selectRows } from "../../db/client.js";
import { type FieldError, problems } from "../../http/problem.js";
import { timeOrderedId } from "../../lib/ids.js";
import type { Actor } from "../../policy/index.js";
import { recordAudit } from "../accounts/audit.js";
import { authorizeGroupRead, type GroupAccess } from "../groups/policy.js";
import { duplicateSlug, freeSlug, loadGroup, slugify } from "../groups/service.js";
import { type MeetingAccess, meetingsPolicy } from "./policy.js";
import { exceptionsOf, materialize } from "./occurrences.js";
import { refreshSearch } from "./search.js";
import { describe, expand, isOccurrence, normalizeRule, scheduleErrors, type Expanded, type Schedule } from "./recurrence.js";

export type MeetingRow = Schedule & {
  id: string; slug: string; groupId: string | null; name: string; description: string; format: string; types: string[]; language: string;
  mode: Meeting["mode"]; conferenceUrl: string | null; conferenceUrlNotes: string; conferencePhone: string | null; conferencePhoneNotes: string;
  location: string; address: string; city: string; state: string; postalCode: string; country: string; locationNotes: string;
  capacity: number | null; temporarilyClosed: boolean; updatedAt: Date;
  groupSlug: string | null; groupName: string | null; groupVisibility: GroupAccess["visibility"] | null; membership: GroupAccess["membership"];
  facilitators: { id: string; pseudonym: string }[] | null; attending: number; inMine: boolean;
};

export const meetingColumns = sql`
  m.id, m.slug, m.group_id as "groupId", m.name, m.description, m.format, m.types, m.language, m.mode,
  m.conference_url as "conferenceUrl", m.conference_url_notes as "conferenceUrlNotes", m.conference_phone as "conferencePhone",
  m.conference_phone_notes as "conferencePhoneNotes", m.location, m.address, m.city, m.state, m.postal_code as "postalCode", m.country,
  m.location_notes as "locationNotes", m.timezone, m.starts_on as "startsOn", m.start_time as "startTime", m.end_time as "endTime", m.rrule,
  m.capacity, m.temporarily_closed as "temporarilyClosed", m.updated_at as "updatedAt",
  g.slug as "groupSlug", g.name as "groupName", g.visibility as "groupVisibility"`;

const fullSelect = (actor: Actor | null) => sql`
  select ${meetingColumns},
    ${actor ? sql`coalesce((select state from group_member gm where gm.group_id = g.id and gm.user_id = ${actor.id}), 'none')` : sql`'none'`} as membership,
    (select json_agg(json_build_object('id', u.id, 'pseudonym', coalesce(u.display_username, u.name)) order by u.id)
       from meeting_facilitator f join "user" u on u.id = f.user_id where f.meeting_id = m.id) as facilitators,
    (select count(*)::int from meeting_attendee a where a.meeting_id = m.id) as attending,
    ${actor ? sql`exists (select 1 from meeting_attendee a where a.meeting_id = m.id and a.user_id = ${actor.id})` : sql`false`} as "inMine"
  from meeting m left join recovery_group g on g.id = m.group_id`;

export const accessOf = (m: Pick<MeetingRow, "groupId" | "groupVisibility" | "membership" | "facilitators">): MeetingAccess => ({
  group: m.groupId ? { id: m.groupId, visibility: m.groupVisibility!, membership: m.membership } : null,
  facilitatorIds: (m.facilitators ?? []).map((f) => f.id),
});

export async function loadMeeting(db: Db, actor: Actor | null, slug: string): Promise<MeetingRow> {
  const [row] = await selectRows<MeetingRow>(db, sql`${fullSelect(actor)} where m.slug = ${slug}`);
  if (!row) throw problems.notFound("This meeting");
  const access = accessOf(row);
  if (access.group) authorizeGroupRead(actor, access.group);
  return row;
}

export const iso = (d: Date | string) => new Date(d).toISOString();
export const presentOccurrence = (o: Expanded): Occurrence => ({ start: iso(o.start), end: iso(o.end), original: o.original, status: o.status, note: o.note });

export function presentSummary(m: Omit<MeetingRow, "membership" | "facilitators" | "attending" | "inMine">): MeetingSummary {
  return {
    id: m.id, slug: m.slug, name: m.name, format: m.format, types: m.types, language: m.language, mode: m.mode, timezone: m.timezone,
    startTime: m.startTime, endTime: m.endTime, schedule: describe(m), temporarilyClosed: m.temporarilyClosed, city: m.city,
    group: m.groupId ? { id: m.groupId, slug: m.groupSlug!, name: m.groupName!, visibility: m.groupVisibility! } : null,
  };
}

const NEXT_COUNT = 8;
const LOOK_AHEAD_DAYS = 400;

export async function presentMeeting(db: Db, actor: Actor | null, m: MeetingRow, now = new Date()): Promise<Meeting> {
  const access = accessOf(m);
  const mayJoin = meetingsPolicy.can(actor, "meeting.join", access);
  const exceptions = (await exceptionsOf(db, [m.id])).get(m.id) ?? [];
  const upcoming = expand(m, exceptions, new Date(now.getTime() - 3 * 3600_000), new Date(now.getTime() + LOOK_AHEAD_DAYS * 86_400_000));
  const next = upcoming.filter((o) => o.end > now && o.status !== "cancelled").slice(0, NEXT_COUNT);
  const horizon = next.at(-1)?.start ?? now;
  const full = m.capacity !== null && m.attending >= m.capacity && !m.inMine;
  const hidden = <T>(value: T, empty: T) => (mayJoin ? value : empty);
  return {
    ...presentSummary(m),
    description: m.description, startsOn: m.startsOn, rrule: m.rrule, capacity: m.capacity, attending: m.attending,
    conferenceUrl: hidden(m.conferenceUrl, null), conferenceUrlNotes: hidden(m.conferenceUrlNotes, ""),
    conferencePhone: hidden(m.conferencePhone, null), conferencePhoneNotes: hidden(m.conferencePhoneNotes, ""),
    // The venue's name and city say where without the street: those are for people who may come.
    location: m.location, address: hidden(m.address, ""), state: m.state, postalCode: hidden(m.postalCode, ""), country: m.country,
    locationNotes: hidden(m.locationNotes, ""),
    facilitators: m.facilitators ?? [],
    next: next.map(presentOccurrence),
    exceptions: upcoming.filter((o) => o.status !== "scheduled" && o.start <= new Date(horizon.getTime() + 60 * 86_400_000) && o.end > now).map(presentOccurrence),
    inMyMeetings: m.inMine,
    updatedAt: iso(m.updatedAt),
    can: {
      edit: meetingsPolicy.can(actor, "meeting.edit", access),
      join: mayJoin,
      addToMine: meetingsPolicy.can(actor, "meeting.attend", access) && !full,
    },
    joinHint: mayJoin ? (full ? "full" : null) : actor ? "join_group" : "sign_in",
  };
}

type Input = z.output<typeof CreateMeeting>;
type Patch = z.output<typeof UpdateMeeting>;

/** Rules zod cannot see alone: the schedule, and the details each mode needs. */
function meetingErrors(m: Partial<Input>): FieldError[] {
  const errors = scheduleErrors(m);
  const online = m.mode === "online" || m.mode === "hybrid";
  const inPerson = m.mode === "in_person" || m.mode === "hybrid";
  if (online && !m.conferenceUrl && !m.conferencePhone) {
    errors.push({ path: "body.conferenceUrl", message: "An online meeting needs a conference link or phone number" });
  }
  if (inPerson && !m.address && !m.location) errors.push({ path: "body.address", message: "An in-person meeting needs an address" });
  if (inPerson && m.address && !m.city) errors.push({ path: "body.city", message: "Add the city" });
  return errors;
}

async function facilitatorIds(db: Db, actor: Actor, pseudonyms: string[]): Promise<string[]> {
  if (pseudonyms.length === 0) return [actor.id];
  const rows = await selectRows<{ id: string; pseudonym: string }>(
    db,
    sql`select id, lower(coalesce(display_username, name)) as pseudonym from "user"
        where lower(coalesce(display_username, name)) = any(${sql.param(pseudonyms.map((p) => p.toLowerCase()))}::text[]) and status = 'active'`,
  );
  const found = new Set(rows.map((r) => r.pseudonym));
  const missing = pseudonyms.findIndex((p) => !found.has(p.toLowerCase()));
  if (missing >= 0) throw problems.validation([{ path: `body.facilitators.${missing}`, message: `No active member is called ${pseudonyms[missing]!.slice(0, 64)}` }]);
  return rows.map((r) => r.id);
}

const columnsOf = (m: Input | (Patch & { rrule?: string })) => ({
  name: m.name, description: m.description, format: m.format, types: m.types, language: m.language, mode: m.mode,
  conference_url: m.conferenceUrl, conference_url_notes: m.conferenceUrlNotes, conference_phone: m.conferencePhone,
  conference_phone_notes: m.conferencePhoneNotes, location: m.location, address: m.address, city: m.city, state: m.state,
  postal_code: m.postalCode, country: m.country, location_notes: m.locationNotes, timezone: m.timezone, starts_on: m.startsOn,
  start_time: m.startTime, end_time: m.endTime, rrule: m.rrule === undefined ? undefined : normalizeRule(m.rrule), capacity: m.capacity,
  temporarily_closed: m.temporarilyClosed,
});

const setList = (cols: Record<string, unknown>) =>
  Object.entries(cols)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => (k === "types" ? sql`${sql.identifier(k)} = ${sql.param(v as string[])}::text[]` : sql`${sql.identifier(k)} = ${v as string}`));

/** Writes a meeting row (and its facilitators and occurrences) in the caller's transaction. */
export async function insertMeeting(tx: Db, actorId: string | null, id: string, slug: string, input: Input, facilitators: string[]) {
  const cols = columnsOf(input);
  const names = Object.keys(cols);
  await tx.execute(sql`
    insert into meeting (id, slug, group_id, created_by, ${sql.join(names.map((n) => sql.identifier(n)), sql`, `)})
    values (${id}, ${slug}, ${input.groupId}, ${actorId},
            ${sql.join(names.map((n) => (n === "types" ? sql`${sql.param(cols.types)}::text[]` : sql`${(cols as Record<string, unknown>)[n] as string}`)), sql`, `)})`);
  for (const userId of facilitators) await tx.execute(sql`insert into meeting_facilitator (meeting_id, user_id) values (${id}, ${userId}) on conflict do nothing`);
  await refreshSearch(tx, sql`m.id = ${id}`);
  await materialize(tx, [{ id, ...pickSchedule(input) }]);
}

export async function updateMeetingRow(tx: Db, row: Schedule & { id: string }, patch: Patch) {
  const sets = setList(columnsOf(patch));
  if (sets.length > 0) await tx.execute(sql`update meeting set ${sql.join(sets, sql`, `)}, updated_at = now() where id = ${row.id}`);
  await refreshSearch(tx, sql`m.id = ${row.id}`);
  await materialize(tx, [{ ...pickSchedule({ ...row, ...definedOnly(patch) }), id: row.id }]);
}

const definedOnly = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
const pickSchedule = (s: Schedule): Schedule => ({ timezone: s.timezone, startsOn: s.startsOn, startTime: s.startTime, endTime: s.endTime, rrule: normalizeRule(s.rrule) });

export async function createMeeting(db: Db, actor: Actor, input: Input): Promise<string> {
  const group = input.groupId ? await loadGroup(db, actor, { id: input.groupId }).catch(() => null) : null;
  if (input.groupId && !group) throw problems.validation([{ path: "body.groupId", message: "Choose one of your groups" }]);
  meetingsPolicy.authorize(actor, "meeting.create", group ? { id: group.id, visibility: group.visibility, membership: group.membership } : null);
  const errors = meetingErrors(input);
  if (errors.length > 0) throw problems.validation(errors);
  const facilitators = await facilitatorIds(db, actor, input.facilitators);
  const slug = input.slug ?? (await freeSlug(db, "meeting", slugify(input.name)));
  const id = timeOrderedId();
  await db.transaction(async (tx) => {
    const [clash] = await selectRows<{ id: string }>(tx, sql`select id from meeting where slug = ${slug}`);
    if (clash) throw duplicateSlug("meeting");
    await insertMeeting(tx, actor.id, id, slug, input, facilitators);
    await recordAudit(tx, actor.id, "meeting.created", "meeting", id, { groupId: input.groupId });
  });
  return slug;
}

export async function updateMeeting(db: Db, actor: Actor, m: MeetingRow, patch: Patch) {
  meetingsPolicy.authorize(actor, "meeting.edit", accessOf(m));
  const merged = { ...m, ...definedOnly(patch) } as unknown as Input;
  const errors = meetingErrors(merged);
  if (errors.length > 0) throw problems.validation(errors);
  const facilitators = patch.facilitators === undefined ? null : await facilitatorIds(db, actor, patch.facilitators);
  await db.transaction(async (tx) => {
    await updateMeetingRow(tx, m, patch);
    if (facilitators) {
      await tx.execute(sql`delete from meeting_facilitator where meeting_id = ${m.id}`);
      for (const userId of facilitators) await tx.execute(sql`insert into meeting_facilitator (meeting_id, user_id) values (${m.id}, ${userId})`);
    }
  });
}

export async function deleteMeeting(db: Db, actor: Actor, m: MeetingRow) {
  meetingsPolicy.authorize(actor, "meeting.edit", accessOf(m));
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from meeting where id = ${m.id}`);
    await recordAudit(tx, actor.id, "meeting.deleted", "meeting", m.id, { slug: m.slug });
  });
}

export async function setException(db: Db, actor: Actor, m: MeetingRow, e: z.output<typeof MeetingException>) {
  meetingsPolicy.authorize(actor, "meeting.edit", accessOf(m));
  if (!isOccurrence(m, e.occurrence)) {
    throw problems.validation([{ path: "body.occurrence", message: "The meeting does not meet at this local date and time" }]);
  }
  if (e.action === "move" && !e.movedTo) throw problems.validation([{ path: "body.movedTo", message: "When should this one meet instead?" }]);
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      insert into meeting_exception (meeting_id, occurrence, action, moved_to, note)
      values (${m.id}, ${e.occurrence}, ${e.action}, ${e.action === "move" ? e.movedTo! : null}, ${e.note})
      on conflict (meeting_id, occurrence) do update set action = excluded.action, moved_to = excluded.moved_to, note = excluded.note`);
    await tx.execute(sql`update meeting set updated_at = now() where id = ${m.id}`);
    await materialize(tx, [m]);
  });
}

export async function clearException(db: Db, actor: Actor, m: MeetingRow, occurrence: string) {
  meetingsPolicy.authorize(actor, "meeting.edit", accessOf(m));
  await db.transaction(async (tx) => {
    const removed = await selectRows<{ occurrence: string }>(
      tx,
      sql`delete from meeting_exception where meeting_id = ${m.id} and occurrence = ${occurrence} returning occurrence`,
    );
    if (removed.length === 0) throw problems.notFound("This change to the schedule");
    await tx.execute(sql`update meeting set updated_at = now() where id = ${m.id}`);
    await materialize(tx, [m]);
  });
}

/** "My meetings": add or take away. Capacity counts the people who added it. */
export async function setAttending(db: Db, actor: Actor, m: MeetingRow, on: boolean) {
  meetingsPolicy.authorize(actor, "meeting.attend", accessOf(m));
  if (!on) {
    await db.execute(sql`delete from meeting_attendee where meeting_id = ${m.id} and user_id = ${actor.id}`);
    return;
  }
  await db.transaction(async (tx) => {
    // Serializes concurrent joins of one meeting so the capacity holds.
    await tx.execute(sql`select id from meeting where id = ${m.id} for update`);
    const [row] = await selectRows<{ n: number; mine: boolean }>(
      tx,
      sql`select count(*)::int as n, bool_or(user_id = ${actor.id}) as mine from meeting_attendee where meeting_id = ${m.id}`,
    );
    if (row?.mine) return;
    if (m.capacity !== null && row!.n >= m.capacity) {
      throw problems.conflict("meeting-full", "This meeting is full", "It has reached the number of people it can hold. Try another time or another meeting.");
    }
    await tx.execute(sql`insert into meeting_attendee (meeting_id, user_id) values (${m.id}, ${actor.id})`);
  });
}

export async function myMeetings(db: Db, actor: Actor, now = new Date()) {
  const rows = await selectRows<MeetingRow>(
    db,
    sql`${fullSelect(actor)} where exists (select 1 from meeting_attendee a where a.meeting_id = m.id and a.user_id = ${actor.id}) order by m.name, m.id`,
  );
  const exceptions = await exceptionsOf(db, rows.map((r) => r.id));
  const items = rows.map((m) => {
    const next = expand(m, exceptions.get(m.id) ?? [], now, new Date(now.getTime() + LOOK_AHEAD_DAYS * 86_400_000)).find((o) => o.status !== "cancelled");
    return { meeting: presentSummary(m), next: next ? presentOccurrence(next) : null };
  });
  items.sort((a, b) => (a.next?.start ?? "9").localeCompare(b.next?.start ?? "9"));
  return items;
}

export { fullSelect };
