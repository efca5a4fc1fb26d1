// The on-call rota: weekly shifts in the organization's time zone, with swaps
// for single dates. `onCallAt` is pure so that tests can ask "who is on call
// at 02:30 on a Sunday in New York?" without a clock.
import type { NewShift, NewSwap, OnCallNow, Rota } from "@kindred/contracts";
import { sql } from "drizzle-orm";
import { type Db, selectRows } from "../../db/client.js";
import { problems } from "../../http/problem.js";
import { timeOrderedId } from "../../lib/ids.js";
import { recordAudit } from "../accounts/audit.js";

export type ShiftRow = { id: string; userId: string; role: "primary" | "backup"; weekday: number; startTime: string; endTime: string };
export type SwapRow = { shiftId: string; onDate: string; coverUserId: string };

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The local date, weekday and minute of the day of an instant in a time zone. */
export function localMoment(at: Date, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23", weekday: "short" })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const weekday = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(parts.weekday!);
  return { date, weekday, minute: Number(parts.hour) * 60 + Number(parts.minute) };
}

function previousDate(date: string) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** Who is on call at an instant: each running shift's person, or whoever covers that date's shift. */
export function onCallAt(shifts: ShiftRow[], swaps: SwapRow[], at: Date, timeZone: string): { primary: string[]; backup: string[] } {
  const now = localMoment(at, timeZone);
  const yesterday = { date: previousDate(now.date), weekday: (now.weekday + 6) % 7 };
  const result = { primary: new Set<string>(), backup: new Set<string>() };
  for (const s of shifts) {
    const start = minutes(s.startTime);
    const end = minutes(s.endTime);
    const overnight = end <= start;
    let startedOn: string | null = null;
    if (s.weekday === now.weekday && now.minute >= start && (overnight || now.minute < end)) startedOn = now.date;
    else if (overnight && s.weekday === yesterday.weekday && now.minute < end) startedOn = yesterday.date;
    if (!startedOn) continue;
    const swap = swaps.find((w) => w.shiftId === s.id && w.onDate === startedOn);
    result[s.role].add(swap ? swap.coverUserId : s.userId);
  }
  return { primary: [...result.primary], backup: [...result.backup] };
}

export async function loadRotaRows(db: Db) {
  const [shifts, swaps, [settings]] = await Promise.all([
    selectRows<ShiftRow>(db, sql`select id, user_id as "userId", role, weekday, start_time as "startTime", end_time as "endTime" from oncall_shift`),
    selectRows<SwapRow>(db, sql`select shift_id as "shiftId", to_char(on_date, 'YYYY-MM-DD') as "onDate", cover_user_id as "coverUserId" from oncall_swap where on_date >= current_date - 2`),
    selectRows<{ timeZone: string }>(db, sql`select time_zone as "timeZone" from org_settings where id = 1`),
  ]);
  return { shifts, swaps, timeZone: settings?.timeZone ?? "UTC" };
}

/** Active people who hold (with 2FA) a role that can be on call. */
export async function onCallEligible(db: Db, roles: string[] = ["moderator", "specialist"]) {
  return selectRows<{ id: string; pseudonym: string }>(
    db,
    sql`select distinct u.id, coalesce(u.display_username, u.name) as pseudonym
        from role_grant g join "user" u on u.id = g.user_id
        where g.role = any(${sql.param(roles)}::text[]) and u.status = 'active' and u.two_factor_enabled
        order by pseudonym`,
  );
}

async function names(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return selectRows<{ id: string; pseudonym: string }>(
    db,
    sql`select id, coalesce(display_username, name) as pseudonym from "user" where id = any(${sql.param(ids)}::text[]) order by pseudonym`,
  );
}

export async function whoIsOnCall(db: Db, at = new Date()): Promise<OnCallNow & { primaryIds: string[]; backupIds: string[] }> {
  const { shifts, swaps, timeZone } = await loadRotaRows(db);
  const now = onCallAt(shifts, swaps, at, timeZone);
  const [primary, backup] = await Promise.all([names(db, now.primary), names(db, now.backup)]);
  return { primary, backup, fallback: primary.length === 0, primaryIds: now.primary, backupIds: now.backup };
}

export async function readRota(db: Db, at = new Date()): Promise<Rota> {
  const [{ timeZone }, shifts, swaps, eligible, now] = await Promise.all([
    loadRotaRows(db),
    selectRows<{ id: string; userId: string; pseudonym: string; role: "primary" | "backup"; weekday: number; startTime: string; endTime: string }>(
      db,
      sql`select s.id, s.user_id as "userId", coalesce(u.display_username, u.name) as pseudonym, s.role, s.weekday,
            s.start_time as "startTime", s.end_time as "endTime"
          from oncall_shift s join "user" u on u.id = s.user_id order by s.weekday, s.start_time, s.role`,
    ),
    selectRows<{ id: string; shiftId: string; onDate: string; coverUserId: string; pseudonym: string; reason: string }>(
      db,
      sql`select w.id, w.shift_id as "shiftId", to_char(w.on_date, 'YYYY-MM-DD') as "onDate", w.cover_user_id as "coverUserId",
            coalesce(u.display_username, u.name) as pseudonym, w.reason
          from oncall_swap w join "user" u on u.id = w.cover_user_id where w.on_date >= current_date - 1 order by w.on_date`,
    ),
    onCallEligible(db),
    whoIsOnCall(db, at),
  ]);
  return {
    timeZone,
    shifts: shifts.map((s) => ({ id: s.id, person: { id: s.userId, pseudonym: s.pseudonym }, role: s.role, weekday: s.weekday, startTime: s.startTime, endTime: s.endTime })),
    swaps: swaps.map((w) => ({ id: w.id, shiftId: w.shiftId, onDate: w.onDate, cover: { id: w.coverUserId, pseudonym: w.pseudonym }, reason: w.reason })),
    eligible,
    onCallNow: { primary: now.primary, backup: now.backup, fallback: now.fallback },
  };
}

async function assertEligible(db: Db, userId: string, path: string) {
  const eligible = await onCallEligible(db);
  if (!eligible.some((e) => e.id === userId))
    throw problems.validation([{ path, message: "Only moderators and specialists with two-step sign-in can be on call" }]);
}

export async function addShift(db: Db, actorId: string, input: NewShift & { startTime: string; endTime: string }) {
  await assertEligible(db, input.userId, "body.userId");
  if (input.startTime === input.endTime) throw problems.validation([{ path: "body.endTime", message: "A shift must end at a different time than it starts" }]);
  const id = timeOrderedId();
  await db.transaction(async (tx) => {
    await tx.execute(sql`insert into oncall_shift (id, user_id, role, weekday, start_time, end_time, created_by)
                         values (${id}, ${input.userId}, ${input.role}, ${input.weekday}, ${input.startTime}, ${input.endTime}, ${actorId})`);
    await recordAudit(tx, actorId, "safety.shift_added", "oncall_shift", id, { userId: input.userId, role: input.role, weekday: input.weekday });
  });
  return id;
}

export async function removeShift(db: Db, actorId: string, shiftId: string) {
  await db.transaction(async (tx) => {
    const gone = await selectRows<{ id: string }>(tx, sql`delete from oncall_shift where id = ${shiftId} returning id`);
    if (gone.length === 0) throw problems.notFound("This shift");
    await recordAudit(tx, actorId, "safety.shift_removed", "oncall_shift", shiftId);
  });
}

export async function addSwap(db: Db, actorId: string, input: Required<NewSwap>) {
  const [shift] = await selectRows<{ weekday: number }>(db, sql`select weekday from oncall_shift where id = ${input.shiftId}`);
  if (!shift) throw problems.validation([{ path: "body.shiftId", message: "There is no such shift" }]);
  const day = new Date(`${input.onDate}T12:00:00Z`);
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== input.onDate)
    throw problems.validation([{ path: "body.onDate", message: "This is not a calendar date" }]);
  if (day.getUTCDay() !== shift.weekday) throw problems.validation([{ path: "body.onDate", message: "The shift does not run on that day of the week" }]);
  await assertEligible(db, input.coverUserId, "body.coverUserId");
  const id = timeOrderedId();
  await db.transaction(async (tx) => {
    const inserted = await selectRows<{ id: string }>(
      tx,
      sql`insert into oncall_swap (id, shift_id, on_date, cover_user_id, reason, created_by)
          values (${id}, ${input.shiftId}, ${input.onDate}, ${input.coverUserId}, ${input.reason}, ${actorId})
          on conflict (shift_id, on_date) do nothing returning id`,
    );
    if (inserted.length === 0) throw problems.conflict("swap-exists", "Someone already covers this shift on that date", "Remove that swap first.");
    await recordAudit(tx, actorId, "safety.swap_added", "oncall_swap", id, { shiftId: input.shiftId, onDate: input.onDate, coverUserId: input.coverUserId });
  });
  return id;
}

export async function removeSwap(db: Db, actorId: string, swapId: string) {
  await db.transaction(async (tx) => {
    const gone = await selectRows<{ id: string }>(tx, sql`delete from oncall_swap where id = ${swapId} returning id`);
    if (gone.length === 0) throw problems.notFound("This swap");
    await recordAudit(tx, actorId, "safety.swap_removed", "oncall_swap", swapId);
  });
}
