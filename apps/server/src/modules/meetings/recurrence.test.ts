// A schedule's rule expands over local wall-clock times in the meeting's zone:
// across a daylight-saving change the local time stays and the instant moves.
import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { expand, isOccurrence, isPlainWeekly, scheduleErrors, weekdays, type Schedule } from "./recurrence.js";

const weekly: Schedule = { timezone: "America/New_York", startsOn: "2026-10-05", startTime: "19:00", endTime: "20:30", rrule: "FREQ=WEEKLY;BYDAY=MO,TH" };
const local = (d: Date, zone: string) => DateTime.fromJSDate(d, { zone }).toFormat("yyyy-LL-dd HH:mm ccc");

describe("expanding a schedule", () => {
  it("keeps 7 pm local on both sides of the autumn change (New York, 1 November 2026)", () => {
    const occ = expand(weekly, [], new Date("2026-10-26T00:00:00Z"), new Date("2026-11-10T01:00:00Z"));
    expect(occ.map((o) => local(o.start, weekly.timezone))).toEqual([
      "2026-10-26 19:00 Mon", "2026-10-29 19:00 Thu", "2026-11-02 19:00 Mon", "2026-11-05 19:00 Thu", "2026-11-09 19:00 Mon",
    ]);
    // Before the change 19:00 EDT is 23:00 UTC; after it, 19:00 EST is 00:00 UTC the next day.
    expect(occ[1]!.start.toISOString()).toBe("2026-10-29T23:00:00.000Z");
    expect(occ[2]!.start.toISOString()).toBe("2026-11-03T00:00:00.000Z");
    expect(occ.every((o) => o.end.getTime() - o.start.getTime() === 90 * 60_000)).toBe(true);
  });

  it("keeps the local time in a southern-hemisphere zone whose change goes the other way (Sydney, 5 April 2026)", () => {
    const s: Schedule = { timezone: "Australia/Sydney", startsOn: "2026-03-01", startTime: "18:30", endTime: "19:30", rrule: "FREQ=WEEKLY;BYDAY=SU" };
    const occ = expand(s, [], new Date("2026-03-28T00:00:00Z"), new Date("2026-04-13T00:00:00Z"));
    expect(occ.map((o) => local(o.start, s.timezone))).toEqual(["2026-03-29 18:30 Sun", "2026-04-05 18:30 Sun", "2026-04-12 18:30 Sun"]);
    expect(new Set(occ.map((o) => o.start.getUTCHours())).size).toBe(2);
  });

  it("supports every other week and the first Monday of the month", () => {
    const fortnightly = expand({ ...weekly, rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO" }, [], new Date("2026-10-01T00:00:00Z"), new Date("2026-11-15T00:00:00Z"));
    expect(fortnightly.map((o) => local(o.start, weekly.timezone).slice(0, 10))).toEqual(["2026-10-05", "2026-10-19", "2026-11-02"]);
    const monthly = expand({ ...weekly, rrule: "FREQ=MONTHLY;BYDAY=1MO" }, [], new Date("2026-10-01T00:00:00Z"), new Date("2027-01-31T00:00:00Z"));
    expect(monthly.map((o) => local(o.start, weekly.timezone).slice(0, 10))).toEqual(["2026-10-05", "2026-11-02", "2026-12-07", "2027-01-04"]);
  });

  it("marks a cancelled occurrence and moves a moved one, even into the window from outside it", () => {
    const occ = expand(
      weekly,
      [
        { occurrence: "2026-10-29T19:00", action: "cancel", movedTo: null, note: "Holiday" },
        { occurrence: "2026-11-02T19:00", action: "move", movedTo: "2026-11-03T18:00", note: "Room change" },
        { occurrence: "2026-12-03T19:00", action: "move", movedTo: "2026-11-07T10:00", note: "" },
      ],
      new Date("2026-10-26T00:00:00Z"),
      new Date("2026-11-08T00:00:00Z"),
    );
    expect(occ.map((o) => [o.original, o.status, local(o.start, weekly.timezone)])).toEqual([
      ["2026-10-26T19:00", "scheduled", "2026-10-26 19:00 Mon"],
      ["2026-10-29T19:00", "cancelled", "2026-10-29 19:00 Thu"],
      ["2026-11-02T19:00", "moved", "2026-11-03 18:00 Tue"],
      ["2026-11-05T19:00", "scheduled", "2026-11-05 19:00 Thu"],
      ["2026-12-03T19:00", "moved", "2026-11-07 10:00 Sat"],
    ]);
  });

  it("leaves dormant the exceptions of occurrences a changed rule no longer has", () => {
    const exceptions = [
      { occurrence: "2026-11-02T19:00", action: "move" as const, movedTo: "2026-11-03T18:00", note: "" },
      { occurrence: "2026-11-05T19:00", action: "cancel" as const, movedTo: null, note: "" },
    ];
    const thursdaysOnly = { ...weekly, rrule: "FREQ=WEEKLY;BYDAY=TH" };
    const occ = expand(thursdaysOnly, exceptions, new Date("2026-10-30T00:00:00Z"), new Date("2026-11-08T00:00:00Z"));
    // The Monday move is gone with the Mondays; the Thursday cancellation still applies.
    expect(occ.map((o) => [o.original, o.status])).toEqual([["2026-11-05T19:00", "cancelled"]]);
  });

  it("knows which local starts are real occurrences", () => {
    expect(isOccurrence(weekly, "2026-11-02T19:00")).toBe(true);
    expect(isOccurrence(weekly, "2026-11-03T19:00")).toBe(false);
    expect(isOccurrence(weekly, "2026-11-02T19:30")).toBe(false);
    expect(isOccurrence(weekly, "2026-10-01T19:00")).toBe(false);
  });

  it("gives Meeting Guide's weekdays, Sunday = 0, and tells plain weekly rules apart", () => {
    expect(weekdays(weekly)).toEqual([1, 4]);
    expect(weekdays({ ...weekly, rrule: "FREQ=WEEKLY;BYDAY=SU,SA" })).toEqual([0, 6]);
    expect(weekdays({ ...weekly, rrule: "FREQ=WEEKLY" })).toEqual([1]); // 2026-10-05 is a Monday
    expect(isPlainWeekly(weekly)).toBe(true);
    expect(isPlainWeekly({ ...weekly, rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO" })).toBe(false);
    expect(isPlainWeekly({ ...weekly, rrule: "FREQ=MONTHLY;BYDAY=1MO" })).toBe(false);
  });

  it("never drifts from the local time, for any zone, time and day (property)", () => {
    const zones = ["America/New_York", "America/Chicago", "America/Los_Angeles", "Europe/London", "Europe/Madrid", "Australia/Sydney", "Pacific/Auckland", "America/Sao_Paulo"];
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: 0, max: 22 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 6 }), (zone, hour, minute, day) => {
        const hhmm = `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
        const end = `${String(hour + 1).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
        const byday = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"][day];
        const s: Schedule = { timezone: zone, startsOn: "2026-01-01", startTime: hhmm, endTime: end, rrule: `FREQ=WEEKLY;BYDAY=${byday}` };
        const occ = expand(s, [], new Date("2026-01-01T00:00:00Z"), new Date("2027-01-01T00:00:00Z"));
        expect(occ.length).toBeGreaterThanOrEqual(52);
        for (const o of occ) {
          const at = DateTime.fromJSDate(o.start, { zone });
          // A time skipped by a spring-forward change moves one hour later, as calendar programs do.
          const skipped = at.toFormat("HH:mm") !== hhmm;
          if (skipped) expect(at.hour).toBe((hour + 1) % 24);
          else expect(at.toFormat("HH:mm")).toBe(hhmm);
          expect(at.weekday % 7).toBe(day);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe("schedule errors name their field", () => {
  const cases: [Partial<Schedule>, string, RegExp][] = [
    [{ rrule: "FREQ=SOMETIMES" }, "body.rrule", /SOMETIMES is not a recurrence frequency/],
    [{ rrule: "BYDAY=MO" }, "body.rrule", /FREQ/],
    [{ rrule: "FREQ=HOURLY" }, "body.rrule", /daily, weekly, monthly or yearly/],
    [{ rrule: "FREQ=WEEKLY;INTERVAL=0" }, "body.rrule", /INTERVAL/],
    [{ rrule: "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31" }, "body.rrule", /never/],
    [{ rrule: "DTSTART:20260101T000000Z\nRRULE:FREQ=WEEKLY" }, "body.rrule", /DTSTART/],
    [{ rrule: "FREQ=WEEKLY;X-NAME=1" }, "body.rrule", /not supported/],
    [{ timezone: "Mars/Olympus_Mons" }, "body.timezone", /tz database/],
    [{ timezone: "GMT+5" }, "body.timezone", /tz database/],
    [{ startTime: "19:00", endTime: "18:00" }, "body.endTime", /after the start/],
    [{ startTime: "19:00", endTime: "19:00" }, "body.endTime", /after the start/],
    [{ startsOn: "2026-02-30" }, "body.startsOn", /real date/],
  ];
  it.each(cases)("%j → %s", (input, path, message) => {
    const errors = scheduleErrors(input);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.path).toBe(path);
    expect(errors[0]!.message).toMatch(message);
  });

  it("accepts good schedules", () => {
    expect(scheduleErrors(weekly)).toEqual([]);
    expect(scheduleErrors({ ...weekly, rrule: "rrule:freq=monthly;byday=-1fr" })).toEqual([]);
    expect(scheduleErrors({ ...weekly, rrule: "FREQ=WEEKLY;BYDAY=MO;UNTIL=20271231T000000Z" })).toEqual([]);
  });
});
