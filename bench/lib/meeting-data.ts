// A generated meeting directory for the meetings benchmark: groups, people and
// meetings written straight into the migrated tables with a few bulk
// statements (rows built here, sent as JSON and expanded by
// json_populate_recordset), then each meeting's occurrences materialized by the
// server's own code (`refreshAll`, the daily job), so meeting_occurrence holds
// what production would: yesterday to 120 days ahead, cancellations left out,
// moves applied. Works on PostgreSQL and on PGlite.
//
// The shape (deterministic: the same seed builds the same directory):
//  - groups: one for every ~17 meetings (300 for 5,000), 78 % public, 14 %
//    private, 8 % hidden; meetings are spread over them unevenly (a few busy
//    groups, many small ones); 12 % of meetings are the organization's own
//    (no group);
//  - people: one generated member for every 2.5 meetings, each in 1–4 groups;
//    the benchmark's signed-in member is in 4 public, 3 private and 2 hidden
//    groups (facilitator of one);
//  - meetings: time zones across the US, Canada, Latin America, Europe,
//    Australia and New Zealand (the city and language follow the zone: mostly
//    English, Spanish in Mexico, Colombia and Spain and some of the US, French
//    in Paris and Montréal); modes kindred 15 %, online 30 %, in person 40 %,
//    hybrid 15 %; Meeting Guide types (O or C, then 0–3 of D, SP, BE, B, ST,
//    X, W, M, LGBTQ, MED, 11, TR, H, Y; S for Spanish, FF for French); start
//    times across the day, busiest at noon and 6–8 pm; 60, 90 or 120 minutes;
//    schedules weekly on one day (60 %), on two or three (15 %), on weekdays
//    (4 %), daily (2 %), every other week (11 %) and monthly on the nth weekday
//    (8 %, FREQ=MONTHLY;BYDAY=1MO and the like); started up to three years ago,
//    3 % of them starting in the next two months; 2 % temporarily closed;
//  - exceptions: about 2 % of meetings cancel one occurrence in the coming
//    week and 1 % move one by an hour.
import { sql } from "drizzle-orm";
import type { Db } from "../../apps/server/src/db/client.js";
import { timeOrderedId } from "../../apps/server/src/lib/ids.js";
import { refreshAll } from "../../apps/server/src/modules/meetings/occurrences.js";
import { refreshSearch } from "../../apps/server/src/modules/meetings/search.js";
import { expand, type Schedule } from "../../apps/server/src/modules/meetings/recurrence.js";
import { isMeetingTypeCode } from "@kindred/contracts";
import { type Exec, prng } from "./forum-data.js";

export type MeetingsSize = { meetings: number; groups: number; people: number };

/** 5,000 meetings → 300 groups and 2,000 people. */
export function meetingsSize(meetings: number): MeetingsSize {
  return {
    meetings,
    groups: Math.max(5, Math.round(meetings * 0.06)),
    people: Math.max(20, Math.round(meetings / 2.5)),
  };
}

export type GeneratedMeetings = {
  size: MeetingsSize;
  seconds: number;
  /** Seconds per step: the bulk inserts, and the occurrences materialized by `refreshAll`. */
  steps: Record<string, number>;
  rows: Record<string, number>;
  groups: Record<"public" | "private" | "hidden", number>;
  organizationMeetings: number;
  byLanguage: Record<string, number>;
  byMode: Record<string, number>;
  /** A public group of median size, for the group filter. */
  sampleGroup: { slug: string; meetings: number };
  /** Occurrences in the directory's window (ending after now, starting within 7 days). */
  occurrencesNext7Days: number;
};

type Zone = { tz: string; weight: number; cities: string[]; country: string; languages: [string, number][] };

const ZONES: Zone[] = [
  {
    tz: "America/New_York",
    weight: 18,
    cities: ["New York", "Boston", "Philadelphia", "Atlanta", "Miami"],
    country: "US",
    languages: [
      ["en", 0.88],
      ["es", 0.12],
    ],
  },
  {
    tz: "America/Chicago",
    weight: 14,
    cities: ["Chicago", "Houston", "Dallas", "Minneapolis", "Austin"],
    country: "US",
    languages: [
      ["en", 0.85],
      ["es", 0.15],
    ],
  },
  {
    tz: "America/Denver",
    weight: 5,
    cities: ["Denver", "Salt Lake City", "Albuquerque"],
    country: "US",
    languages: [["en", 1]],
  },
  { tz: "America/Phoenix", weight: 3, cities: ["Phoenix", "Tucson"], country: "US", languages: [["en", 1]] },
  {
    tz: "America/Los_Angeles",
    weight: 16,
    cities: ["Los Angeles", "San Francisco", "Seattle", "Portland", "San Diego"],
    country: "US",
    languages: [
      ["en", 0.82],
      ["es", 0.18],
    ],
  },
  { tz: "America/Anchorage", weight: 1, cities: ["Anchorage"], country: "US", languages: [["en", 1]] },
  { tz: "Pacific/Honolulu", weight: 1, cities: ["Honolulu"], country: "US", languages: [["en", 1]] },
  { tz: "America/Toronto", weight: 3, cities: ["Toronto", "Ottawa"], country: "CA", languages: [["en", 1]] },
  {
    tz: "America/Montreal",
    weight: 2,
    cities: ["Montréal", "Québec"],
    country: "CA",
    languages: [
      ["fr", 0.8],
      ["en", 0.2],
    ],
  },
  {
    tz: "America/Mexico_City",
    weight: 4,
    cities: ["Ciudad de México", "Guadalajara"],
    country: "MX",
    languages: [["es", 1]],
  },
  { tz: "America/Bogota", weight: 2, cities: ["Bogotá", "Medellín"], country: "CO", languages: [["es", 1]] },
  {
    tz: "Europe/London",
    weight: 6,
    cities: ["London", "Manchester", "Bristol"],
    country: "GB",
    languages: [["en", 1]],
  },
  { tz: "Europe/Dublin", weight: 2, cities: ["Dublin", "Cork"], country: "IE", languages: [["en", 1]] },
  {
    tz: "Europe/Paris",
    weight: 4,
    cities: ["Paris", "Lyon", "Marseille"],
    country: "FR",
    languages: [
      ["fr", 0.85],
      ["en", 0.15],
    ],
  },
  {
    tz: "Europe/Madrid",
    weight: 3,
    cities: ["Madrid", "Barcelona", "Valencia"],
    country: "ES",
    languages: [
      ["es", 0.85],
      ["en", 0.15],
    ],
  },
  { tz: "Europe/Berlin", weight: 2, cities: ["Berlin", "Munich"], country: "DE", languages: [["en", 1]] },
  { tz: "Australia/Sydney", weight: 5, cities: ["Sydney", "Newcastle"], country: "AU", languages: [["en", 1]] },
  { tz: "Australia/Melbourne", weight: 3, cities: ["Melbourne", "Geelong"], country: "AU", languages: [["en", 1]] },
  { tz: "Australia/Brisbane", weight: 2, cities: ["Brisbane"], country: "AU", languages: [["en", 1]] },
  { tz: "Australia/Perth", weight: 1, cities: ["Perth"], country: "AU", languages: [["en", 1]] },
  { tz: "Pacific/Auckland", weight: 2, cities: ["Auckland", "Wellington"], country: "NZ", languages: [["en", 1]] },
];

const NAMES: Record<string, { prefixes: string[]; cores: string[]; suffixes: string[] }> = {
  en: {
    prefixes: [
      "Morning",
      "Noon",
      "Evening",
      "Sunrise",
      "Sunset",
      "Lunch Bunch",
      "Night Owls",
      "Weekend",
      "Early Bird",
      "",
    ],
    cores: [
      "Serenity",
      "Hope",
      "Gratitude",
      "Courage",
      "Freedom",
      "Acceptance",
      "New Beginnings",
      "Step Study",
      "Big Book",
      "Living Sober",
      "Keep It Simple",
      "One Day at a Time",
      "Promises",
      "Came to Believe",
      "Easy Does It",
      "Fresh Start",
    ],
    suffixes: ["", " Group", " Meeting", " Circle", " Discussion"],
  },
  es: {
    prefixes: ["Grupo", "Reunión", ""],
    cores: ["Esperanza", "Serenidad", "Nueva Vida", "Un Día a la Vez", "Libertad", "Gratitud", "Renacer", "Amanecer"],
    suffixes: ["", " de la Mañana", " de la Noche", " Central"],
  },
  fr: {
    prefixes: ["Groupe", "Réunion", ""],
    cores: ["Sérénité", "Espoir", "Un jour à la fois", "Liberté", "Gratitude", "Nouveau Départ"],
    suffixes: ["", " du Matin", " du Soir"],
  },
};

const DESCRIPTIONS: Record<string, string[]> = {
  en: [
    "A welcoming discussion meeting; newcomers are always welcome.",
    "We read from the literature and share on the reading.",
    "Speaker meeting followed by open sharing.",
    "Step study: one step a month, with time for questions.",
    "A small, friendly group. Coffee from 15 minutes before.",
    "Topic chosen by the chair; cameras optional online.",
  ],
  es: ["Reunión de discusión abierta; bienvenidos los recién llegados.", "Leemos la literatura y compartimos."],
  fr: ["Réunion de partage ouverte ; les nouveaux venus sont les bienvenus.", "Lecture et partage."],
};

const FORMATS = ["Discussion", "Speaker", "Big Book", "Step Study", "Literature", "Topic", "Meditation", ""];
const OTHER_TYPES: [string, number][] = [
  ["D", 0.35],
  ["X", 0.15],
  ["SP", 0.12],
  ["BE", 0.08],
  ["B", 0.08],
  ["ST", 0.08],
  ["W", 0.06],
  ["M", 0.05],
  ["LGBTQ", 0.03],
  ["MED", 0.03],
  ["11", 0.03],
  ["TR", 0.03],
  ["H", 0.02],
  ["Y", 0.02],
];
const WEEKDAYS = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];
/** Start hours and their weights: busiest at noon and in the early evening. */
const HOURS: [number, number][] = [
  [6, 1],
  [7, 4],
  [8, 3],
  [9, 2],
  [10, 3],
  [11, 1],
  [12, 6],
  [13, 2],
  [14, 1],
  [15, 1],
  [16, 1],
  [17, 3],
  [18, 8],
  [19, 10],
  [20, 6],
  [21, 2],
  [22, 1],
];
const FOCUSES = ["alcohol", "opioids", "twelve_step", "smart_recovery", "women", "men", "lgbtq", "newcomers"];
const GROUP_WORDS = ["Harbor", "Bridge", "Lantern", "Oak", "River", "Meadow", "Summit", "Willow", "Compass", "Anchor"];

function weighted<T>(random: () => number, items: [T, number][]): T {
  const total = items.reduce((a, [, w]) => a + w, 0);
  let r = random() * total;
  for (const [item, w] of items) if ((r -= w) < 0) return item;
  return items.at(-1)![0];
}

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const pad2 = (n: number) => String(n).padStart(2, "0");
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const slugOf = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

function schedule(random: () => number, now: Date): Pick<Schedule, "startsOn" | "startTime" | "endTime" | "rrule"> {
  const hour = weighted(random, HOURS);
  const minute = weighted<number>(random, [
    [0, 0.6],
    [30, 0.3],
    [15, 0.05],
    [45, 0.05],
  ]);
  const length = weighted<number>(random, [
    [60, 0.7],
    [90, 0.25],
    [120, 0.05],
  ]);
  const end = Math.min(hour * 60 + minute + length, 23 * 60 + 59);
  const days = [...WEEKDAYS].sort(() => random() - 0.5);
  const kind = weighted<string>(random, [
    ["weekly", 0.6],
    ["weekly-several", 0.15],
    ["weekdays", 0.04],
    ["daily", 0.02],
    ["biweekly", 0.11],
    ["monthly", 0.08],
  ]);
  const rrule =
    kind === "weekly"
      ? `FREQ=WEEKLY;BYDAY=${days[0]}`
      : kind === "weekly-several"
        ? `FREQ=WEEKLY;BYDAY=${days
            .slice(0, 2 + Math.floor(random() * 2))
            .sort((a, b) => WEEKDAYS.indexOf(a) - WEEKDAYS.indexOf(b))
            .join(",")}`
        : kind === "weekdays"
          ? "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
          : kind === "daily"
            ? "FREQ=DAILY"
            : kind === "biweekly"
              ? `FREQ=WEEKLY;INTERVAL=2;BYDAY=${days[0]}`
              : `FREQ=MONTHLY;BYDAY=${pick(random, ["1", "2", "3", "4", "-1"])}${days[0]}`;
  // Most started up to three years ago; a few start in the next two months.
  const startsOn =
    random() < 0.03
      ? isoDate(now.getTime() + Math.floor(random() * 60) * 86_400_000)
      : isoDate(now.getTime() - Math.floor(random() * 3 * 365) * 86_400_000);
  return {
    startsOn,
    startTime: `${pad2(hour)}:${pad2(minute)}`,
    endTime: `${pad2(Math.floor(end / 60))}:${pad2(end % 60)}`,
    rrule,
  };
}

/** Inserts rows (objects keyed by column name) in chunks, each one statement. */
async function insertJson(exec: Exec, table: string, columns: string[], rows: object[], chunk = 1000) {
  const list = columns.map((c) => `"${c}"`).join(", ");
  for (let i = 0; i < rows.length; i += chunk)
    await exec(
      `insert into "${table}" (${list}) select ${list} from json_populate_recordset(null::"${table}", $1::json)`,
      [JSON.stringify(rows.slice(i, i + chunk))],
    );
}

export async function generateMeetings(
  exec: Exec,
  db: Db,
  size: MeetingsSize,
  opts: { memberId: string; now: Date; log: (line: string) => void },
): Promise<GeneratedMeetings> {
  const began = performance.now();
  const steps: Record<string, number> = {};
  let t = performance.now();
  const step = (name: string) => {
    steps[name] = (performance.now() - t) / 1000;
    t = performance.now();
  };
  const random = prng(20_240_601);
  const { now } = opts;

  // People.
  await exec(
    `insert into "user" (id, name, email, username, display_username, status, guidelines_version)
     select 'bench-person-' || i, 'person' || i, 'bench-person-' || i || '@example.invalid', 'benchperson' || i, 'benchperson' || i, 'active', 1
     from generate_series(1, $1::int) i`,
    [size.people],
  );
  const people = Array.from({ length: size.people }, (_, i) => `bench-person-${i + 1}`);
  step("people");

  // Groups: visibility independent of size, so busy groups are of every kind.
  const groups = Array.from({ length: size.groups }, (_, i) => {
    const visibility = weighted<"public" | "private" | "hidden">(random, [
      ["public", 0.78],
      ["private", 0.14],
      ["hidden", 0.08],
    ]);
    const name = `${pick(random, GROUP_WORDS)} ${pick(random, NAMES.en!.cores)} ${i + 1}`;
    return {
      id: timeOrderedId(now.getTime() - (size.groups - i) * 3_600_000),
      slug: slugOf(name),
      name,
      description: "A recovery group generated for the meetings benchmark.",
      focus: [pick(random, FOCUSES)],
      language: "en",
      visibility,
      guidelines: "",
      created_by: pick(random, people),
    };
  });
  await insertJson(exec, "recovery_group", Object.keys(groups[0]!), groups);
  step("groups");

  // Memberships: each generated person in 1–4 groups, each group's creator its facilitator.
  const members = new Map<string, { group_id: string; user_id: string; state: string }>();
  for (const g of groups)
    members.set(`${g.id}/${g.created_by}`, { group_id: g.id, user_id: g.created_by, state: "facilitator" });
  for (const p of people)
    for (let k = 1 + Math.floor(random() * 4); k > 0; k--) {
      const g = pick(random, groups);
      if (!members.has(`${g.id}/${p}`)) members.set(`${g.id}/${p}`, { group_id: g.id, user_id: p, state: "member" });
    }
  // The benchmark's member: 4 public, 3 private, 2 hidden groups, facilitator of the first hidden one.
  const mine = [
    ...groups.filter((g) => g.visibility === "public").slice(0, 4),
    ...groups.filter((g) => g.visibility === "private").slice(0, 3),
    ...groups.filter((g) => g.visibility === "hidden").slice(0, 2),
  ];
  for (const g of mine)
    members.set(`${g.id}/${opts.memberId}`, {
      group_id: g.id,
      user_id: opts.memberId,
      state: g === groups.find((x) => x.visibility === "hidden") ? "facilitator" : "member",
    });
  await insertJson(exec, "group_member", ["group_id", "user_id", "state"], [...members.values()]);
  step("memberships");

  // Meetings, skewed over the groups (a few busy, many small): group = floor(groups × r²).
  const meetingRows: Record<string, unknown>[] = [];
  const byLanguage: Record<string, number> = {};
  const byMode: Record<string, number> = {};
  const perGroup = new Map<string, number>();
  const schedules: Schedule[] = [];
  let organizationMeetings = 0;
  for (let i = 0; i < size.meetings; i++) {
    const zone = weighted(
      random,
      ZONES.map((z): [Zone, number] => [z, z.weight]),
    );
    const language = weighted(random, zone.languages);
    const names = NAMES[language]!;
    const name = `${pick(random, names.prefixes)} ${pick(random, names.cores)}${pick(random, names.suffixes)}`.trim();
    const mode = weighted<string>(random, [
      ["kindred", 0.15],
      ["online", 0.3],
      ["in_person", 0.4],
      ["hybrid", 0.15],
    ]);
    const types = [random() < 0.6 ? "O" : "C"];
    for (let k = Math.floor(random() * 4); k > 0; k--) {
      const type = weighted(random, OTHER_TYPES);
      if (!types.includes(type)) types.push(type);
    }
    if (language === "es") types.push("S");
    if (language === "fr") types.push("FF");
    for (const type of types) if (!isMeetingTypeCode(type)) throw new Error(`not a Meeting Guide type: ${type}`);
    const group = random() < 0.12 ? null : groups[Math.floor(groups.length * random() ** 2)]!;
    if (group) perGroup.set(group.id, (perGroup.get(group.id) ?? 0) + 1);
    else organizationMeetings++;
    const online = mode === "online" || mode === "hybrid";
    const inPerson = mode === "in_person" || mode === "hybrid";
    const city = pick(random, zone.cities);
    byLanguage[language] = (byLanguage[language] ?? 0) + 1;
    byMode[mode] = (byMode[mode] ?? 0) + 1;
    const when = schedule(random, now);
    schedules.push({ ...when, timezone: zone.tz });
    meetingRows.push({
      id: timeOrderedId(now.getTime() - (size.meetings - i) * 60_000),
      slug: `${slugOf(name)}-${i + 1}`,
      group_id: group?.id ?? null,
      name,
      description: pick(random, DESCRIPTIONS[language]!),
      format: pick(random, FORMATS),
      types,
      language,
      mode,
      conference_url: online ? `https://meet.example.org/j/${100_000_000 + i}` : null,
      conference_phone: online && random() < 0.3 ? `+1 555 ${String(1000 + (i % 9000))}` : null,
      location: inPerson
        ? `${pick(random, ["St. Mark's Hall", "Community Center", "Library, room 2", "Friends House"])}`
        : "",
      address: inPerson
        ? `${1 + Math.floor(random() * 999)} ${pick(random, ["Main", "Oak", "High", "Church"])} St`
        : "",
      city: mode === "kindred" ? "" : city,
      country: zone.country,
      timezone: zone.tz,
      starts_on: when.startsOn,
      start_time: when.startTime,
      end_time: when.endTime,
      rrule: when.rrule,
      capacity: mode === "kindred" && random() < 0.2 ? 20 + Math.floor(random() * 40) : null,
      temporarily_closed: random() < 0.02,
      created_by: group?.created_by ?? people[0]!,
    });
  }
  await insertJson(exec, "meeting", Object.keys(meetingRows[0]!), meetingRows);
  await insertJson(
    exec,
    "meeting_facilitator",
    ["meeting_id", "user_id"],
    meetingRows.map((m) => ({ meeting_id: m.id, user_id: m.created_by })),
  );
  step("meetings");

  // Exceptions in the coming week: a cancellation for ~2 % of meetings, a move by an hour for ~1 %.
  const exceptions: object[] = [];
  const weekAhead = new Date(now.getTime() + 7 * 86_400_000);
  for (const [i, m] of meetingRows.entries()) {
    const r = random();
    if (r >= 0.03) continue;
    const next = expand(schedules[i]!, [], now, weekAhead)[0];
    if (!next) continue;
    if (r < 0.02) {
      exceptions.push({
        meeting_id: m.id,
        occurrence: next.original,
        action: "cancel",
        moved_to: null,
        note: "Venue closed",
      });
    } else {
      const hour = Number(next.original.slice(11, 13));
      const moved = `${next.original.slice(0, 11)}${pad2(hour >= 22 ? hour - 1 : hour + 1)}${next.original.slice(13)}`;
      exceptions.push({
        meeting_id: m.id,
        occurrence: next.original,
        action: "move",
        moved_to: moved,
        note: "One hour later",
      });
    }
  }
  if (exceptions.length > 0)
    await insertJson(exec, "meeting_exception", ["meeting_id", "occurrence", "action", "moved_to", "note"], exceptions);
  step("exceptions");

  // Search words, with the server's own statement.
  await refreshSearch(db, sql`true`);
  step("search words");

  // Occurrences: the server's own code, as the daily job runs it.
  opts.log(`materializing occurrences with refreshAll…`);
  await refreshAll(db, now);
  step("occurrences (refreshAll)");

  // Statistics, as autovacuum would have gathered them on a live server.
  await exec("analyze");
  step("analyze");

  const rows: Record<string, number> = {};
  for (const table of [
    "user",
    "recovery_group",
    "group_member",
    "meeting",
    "meeting_facilitator",
    "meeting_exception",
    "meeting_occurrence",
  ])
    rows[table] = Number((await exec(`select count(*)::int as n from "${table}"`)).rows[0].n);
  const [window] = (
    await exec(`select count(*)::int as n from meeting_occurrence where ends_at > $1 and starts_at < $2`, [
      now.toISOString(),
      weekAhead.toISOString(),
    ])
  ).rows;

  const publicGroups = groups
    .filter((g) => g.visibility === "public" && (perGroup.get(g.id) ?? 0) > 0)
    .map((g) => ({ slug: g.slug, meetings: perGroup.get(g.id)! }))
    .sort((a, b) => a.meetings - b.meetings);
  const count = (v: string) => groups.filter((g) => g.visibility === v).length;
  return {
    size,
    seconds: (performance.now() - began) / 1000,
    steps,
    rows,
    groups: { public: count("public"), private: count("private"), hidden: count("hidden") },
    organizationMeetings,
    byLanguage,
    byMode,
    sampleGroup: publicGroups[Math.floor(publicGroups.length / 2)] ?? { slug: groups[0]!.slug, meetings: 0 },
    occurrencesNext7Days: Number(window.n),
  };
}
