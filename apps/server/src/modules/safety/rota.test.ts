// Who is on call at a given instant: weekly shifts in the organization's zone,
// overnight shifts, swaps for one date, and daylight-saving changes.
import { describe, expect, it } from "vitest";
import { localMoment, onCallAt, type ShiftRow } from "./rota.js";

const NY = "America/New_York";
const shift = (id: string, userId: string, weekday: number, startTime: string, endTime: string, role: "primary" | "backup" = "primary"): ShiftRow => ({
  id, userId, role, weekday, startTime, endTime,
});

describe("localMoment", () => {
  it("reads the date, weekday and minute in the organization's zone", () => {
    // 2026-11-29 03:30 UTC is Saturday 22:30 in New York (EST, UTC−5).
    expect(localMoment(new Date("2026-11-29T03:30:00Z"), NY)).toEqual({ date: "2026-11-28", weekday: 6, minute: 22 * 60 + 30 });
    expect(localMoment(new Date("2026-11-29T03:30:00Z"), "Europe/Madrid")).toEqual({ date: "2026-11-29", weekday: 0, minute: 4 * 60 + 30 });
  });
});

describe("onCallAt", () => {
  const shifts = [
    shift("day", "ana", 1, "09:00", "17:00"),
    shift("night", "ben", 1, "22:00", "06:00"),
    shift("backup", "cy", 1, "09:00", "17:00", "backup"),
  ];

  it("finds the person whose shift is running, and the backup", () => {
    // Monday 2026-11-30 10:00 in New York = 15:00 UTC.
    expect(onCallAt(shifts, [], new Date("2026-11-30T15:00:00Z"), NY)).toEqual({ primary: ["ana"], backup: ["cy"] });
  });

  it("treats the end as exclusive and the start as inclusive", () => {
    expect(onCallAt(shifts, [], new Date("2026-11-30T14:00:00Z"), NY).primary).toEqual(["ana"]); // 09:00
    expect(onCallAt(shifts, [], new Date("2026-11-30T22:00:00Z"), NY).primary).toEqual([]); // 17:00
  });

  it("carries an overnight shift past midnight into the next day", () => {
    // Monday 23:00 and Tuesday 05:59 are Ben's; Tuesday 06:00 is nobody's.
    expect(onCallAt(shifts, [], new Date("2026-12-01T04:00:00Z"), NY).primary).toEqual(["ben"]);
    expect(onCallAt(shifts, [], new Date("2026-12-01T10:59:00Z"), NY).primary).toEqual(["ben"]);
    expect(onCallAt(shifts, [], new Date("2026-12-01T11:00:00Z"), NY).primary).toEqual([]);
  });

  it("applies a swap to the date the shift started on", () => {
    const swaps = [{ shiftId: "night", onDate: "2026-11-30", coverUserId: "dee" }];
    // Tuesday 02:00 belongs to Monday's night shift, which Dee covers.
    expect(onCallAt(shifts, swaps, new Date("2026-12-01T07:00:00Z"), NY).primary).toEqual(["dee"]);
    // The next Monday night is Ben's again.
    expect(onCallAt(shifts, swaps, new Date("2026-12-08T07:00:00Z"), NY).primary).toEqual(["ben"]);
  });

  it("keeps local wall-clock times across a daylight-saving change", () => {
    // Monday 09:30 local before (EDT, UTC−4) and after (EST, UTC−5) the change on 2026-11-01.
    expect(onCallAt(shifts, [], new Date("2026-10-26T13:30:00Z"), NY).primary).toEqual(["ana"]);
    expect(onCallAt(shifts, [], new Date("2026-11-02T14:30:00Z"), NY).primary).toEqual(["ana"]);
    expect(onCallAt(shifts, [], new Date("2026-11-02T13:30:00Z"), NY).primary).toEqual([]); // 08:30 EST
  });

  it("lists each person once even with overlapping shifts", () => {
    const both = [...shifts, shift("extra", "ana", 1, "08:00", "12:00")];
    expect(onCallAt(both, [], new Date("2026-11-30T15:00:00Z"), NY).primary).toEqual(["ana"]);
  });
});
