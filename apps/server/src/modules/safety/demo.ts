// The demo community's on-call rota: someone is always on call, so a newcomer
// can write a worrying message as a member and watch the alert arrive as staff.
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { timeOrderedId } from "../../lib/ids.js";

/** Juniper days, Dario nights (past midnight), Wren the backup around the clock, every day of the week. */
export async function seedDemoRota(db: Db, people: Map<string, string>) {
  const juniper = people.get("Juniper");
  const dario = people.get("Dario");
  const wren = people.get("Wren");
  if (!juniper || !dario || !wren) return;
  for (let weekday = 0; weekday < 7; weekday++) {
    for (const [userId, role, start, end] of [
      [juniper, "primary", "08:00", "20:00"],
      [dario, "primary", "20:00", "08:00"],
      [wren, "backup", "00:00", "12:00"],
      [wren, "backup", "12:00", "00:00"],
    ] as const) {
      await db.execute(sql`insert into oncall_shift (id, user_id, role, weekday, start_time, end_time)
                           values (${timeOrderedId()}, ${userId}, ${role}, ${weekday}, ${start}, ${end})`);
    }
  }
}
