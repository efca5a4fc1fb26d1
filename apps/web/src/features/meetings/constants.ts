// Runtime lists the meetings UI iterates over. The contracts package holds the same
// lists next to its zod schemas; importing them would ship zod to every browser,
// so the web app keeps copies and the compiler checks that they stay identical.
import type {
  MEETING_MODES as CONTRACT_MODES,
  TIMES_OF_DAY as CONTRACT_TIMES,
  TIME_OF_DAY_HOURS as CONTRACT_HOURS,
} from "@kindred/contracts";

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const check = <T extends true>(_: T) => undefined;

export const MEETING_MODES = ["kindred", "online", "in_person", "hybrid"] as const;
check<Same<typeof MEETING_MODES, typeof CONTRACT_MODES>>(true);
export type MeetingMode = (typeof MEETING_MODES)[number];

export const TIMES_OF_DAY = ["morning", "afternoon", "evening", "night"] as const;
check<Same<typeof TIMES_OF_DAY, typeof CONTRACT_TIMES>>(true);
export type TimeOfDay = (typeof TIMES_OF_DAY)[number];

/** Local hours [from, to) of each time of day (night runs past midnight, to 5 am). */
export const TIME_OF_DAY_HOURS: Record<TimeOfDay, [number, number]> = {
  morning: [5, 12],
  afternoon: [12, 17],
  evening: [17, 21],
  night: [21, 29],
};
check<Same<typeof TIME_OF_DAY_HOURS, typeof CONTRACT_HOURS>>(true);

/** Modes that need a conference link or phone, and those that need a place. */
export const isOnlineMode = (mode: MeetingMode) => mode === "online" || mode === "hybrid";
export const isInPersonMode = (mode: MeetingMode) => mode === "in_person" || mode === "hybrid";

/** Languages offered for a meeting; a meeting in another language keeps its own code. */
export const MEETING_LANGUAGES = ["en", "es", "fr", "pt", "de", "it", "ar", "zh", "hi", "ru", "uk", "pl", "tl", "vi", "ko", "ht"];

/** How many meetings the directory asks for at a time, and over how many days. */
export const DIRECTORY_PAGE = 50;
export const DIRECTORY_DAYS = 7;
