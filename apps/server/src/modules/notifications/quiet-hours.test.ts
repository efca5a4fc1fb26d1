import { describe, expect, it } from "vitest";
import { errorSummary } from "./delivery.js";
import { digestDue, lastDigestSlot, nextAllowedSend, validTimeZone } from "./quiet-hours.js";

const at = (iso: string) => new Date(iso);

describe("quiet hours", () => {
  const night = { start: "22:00", end: "07:00" };
  it("outside the window, now is fine", () => {
    expect(nextAllowedSend(at("2026-01-10T15:00:00Z"), night, "UTC")).toEqual(at("2026-01-10T15:00:00Z"));
  });
  it("an overnight window holds until its end, before and after midnight", () => {
    expect(nextAllowedSend(at("2026-01-10T23:15:00Z"), night, "UTC")).toEqual(at("2026-01-11T07:00:00Z"));
    expect(nextAllowedSend(at("2026-01-11T03:00:00Z"), night, "UTC")).toEqual(at("2026-01-11T07:00:00Z"));
    expect(nextAllowedSend(at("2026-01-11T07:00:00Z"), night, "UTC")).toEqual(at("2026-01-11T07:00:00Z"));
  });
  it("a daytime window (e.g. a work shift) works too", () => {
    const shift = { start: "09:00", end: "17:30" };
    expect(nextAllowedSend(at("2026-01-10T12:00:00Z"), shift, "UTC")).toEqual(at("2026-01-10T17:30:00Z"));
    expect(nextAllowedSend(at("2026-01-10T08:59:00Z"), shift, "UTC")).toEqual(at("2026-01-10T08:59:00Z"));
  });
  it("follows the person's zone, across a daylight-saving change", () => {
    // New York springs forward on 2026-03-08: 07:00 local is 12:00Z before, 11:00Z after.
    expect(nextAllowedSend(at("2026-03-07T04:00:00Z"), night, "America/New_York")).toEqual(at("2026-03-07T12:00:00Z"));
    expect(nextAllowedSend(at("2026-03-08T04:00:00Z"), night, "America/New_York")).toEqual(at("2026-03-08T11:00:00Z"));
  });
  it("no quiet hours, or an empty window, never holds", () => {
    expect(nextAllowedSend(at("2026-01-10T23:00:00Z"), null, "UTC")).toEqual(at("2026-01-10T23:00:00Z"));
    expect(nextAllowedSend(at("2026-01-10T23:00:00Z"), { start: "08:00", end: "08:00" }, "UTC")).toEqual(at("2026-01-10T23:00:00Z"));
  });
});

describe("digest schedule", () => {
  it("daily at 08:00 local; weekly on Monday 08:00", () => {
    expect(lastDigestSlot(at("2026-09-02T07:59:00Z"), "daily", "UTC")).toEqual(at("2026-09-01T08:00:00Z"));
    expect(lastDigestSlot(at("2026-09-02T08:00:00Z"), "daily", "UTC")).toEqual(at("2026-09-02T08:00:00Z"));
    // 2026-09-02 is a Wednesday; the Monday before is 2026-08-31.
    expect(lastDigestSlot(at("2026-09-02T12:00:00Z"), "weekly", "UTC")).toEqual(at("2026-08-31T08:00:00Z"));
    expect(lastDigestSlot(at("2026-08-31T07:00:00Z"), "weekly", "UTC")).toEqual(at("2026-08-24T08:00:00Z"));
  });
  it("is due once per slot", () => {
    const now = at("2026-09-02T09:00:00Z");
    expect(digestDue(now, "daily", "UTC", null)).toBe(true);
    expect(digestDue(now, "daily", "UTC", at("2026-09-02T08:30:00Z"))).toBe(false);
    expect(digestDue(now, "daily", "UTC", at("2026-09-01T08:30:00Z"))).toBe(true);
    expect(digestDue(now, "off", "UTC", null)).toBe(false);
  });
  it("an unknown zone falls back to UTC", () => {
    expect(validTimeZone("Mars/Olympus_Mons")).toBe("UTC");
    expect(validTimeZone("Europe/Madrid")).toBe("Europe/Madrid");
    expect(validTimeZone(null)).toBe("UTC");
  });
});

describe("delivery errors", () => {
  it("never keep the recipient's address", () => {
    const summary = errorSummary(new Error("550 5.1.1 <river@example.org>: Recipient address rejected"));
    expect(summary).not.toContain("river@example.org");
    expect(summary).toContain("Recipient address rejected");
  });
});
