// The demo community's groups and meetings: public, private and hidden groups,
// meetings in several time zones and every mode, and a few posts in a feed, so
// the directory, the Meeting Guide feed and the calendars have something real.
import { CreateMeeting } from "@kindred/contracts";
import { sql } from "drizzle-orm";
import { type Db, selectRows } from "../../db/client.js";
import { timeOrderedId } from "../../lib/ids.js";
import { renderMarkdown } from "../forums/markdown.js";
import { insertMeeting } from "../meetings/service.js";

type DemoGroup = {
  slug: string; name: string; description: string; focus: string[]; language: string; visibility: "public" | "private" | "hidden";
  guidelines: string; facilitators: string[]; members: string[];
};

const GUIDELINES = "What is said here stays here. Share from your own experience. No cross-talk or advice unless someone asks for it.";

const GROUPS: DemoGroup[] = [
  {
    slug: "morning-light-circle", name: "Morning Light Recovery Circle", visibility: "public", language: "en",
    description: "An early-morning circle for anyone in recovery, whatever your pathway. Start the day with people who understand.",
    focus: ["multiple_pathways", "newcomers"], guidelines: GUIDELINES, facilitators: ["TeddyB"], members: ["MorningLight", "RiverStone"],
  },
  {
    slug: "circulo-de-esperanza", name: "Círculo de Esperanza", visibility: "public", language: "es",
    description: "Un grupo en español para compartir experiencia, fortaleza y esperanza.",
    focus: ["spanish_speaking", "twelve_step"], guidelines: "Lo que se comparte aquí, aquí se queda.", facilitators: ["Marisol"], members: ["Dario"],
  },
  {
    slug: "family-and-friends", name: "Family & Friends Support", visibility: "private", language: "en",
    description: "For the people who love someone in recovery. Ask to join and a facilitator will welcome you.",
    focus: ["family_members"], guidelines: GUIDELINES, facilitators: ["Marisol"], members: ["SteadyOak"],
  },
  {
    slug: "women-in-recovery", name: "Women in Recovery", visibility: "hidden", language: "en",
    description: "A closed circle for women. Members join by invitation from a facilitator.",
    focus: ["women"], guidelines: GUIDELINES, facilitators: ["Juniper"], members: ["MorningLight"],
  },
];

type DemoMeeting = Partial<CreateMeeting> & Pick<CreateMeeting, "name" | "mode" | "timezone" | "startTime" | "endTime" | "rrule"> & { slug: string; group: string | null; facilitator: string };

const MEETINGS: DemoMeeting[] = [
  {
    slug: "morning-light-online", group: "morning-light-circle", facilitator: "TeddyB", name: "Morning Light (online)", mode: "online",
    conferenceUrl: "https://meet.example.org/morning-light", conferenceUrlNotes: "Password: light", timezone: "America/New_York",
    startTime: "07:30", endTime: "08:30", rrule: "FREQ=WEEKLY;BYDAY=MO,WE,FR", types: ["O", "D", "BE"],
    description: "Open discussion. Newcomers are warmly welcome; you never have to speak.",
  },
  {
    slug: "esperanza-jueves", group: "circulo-de-esperanza", facilitator: "Marisol", name: "Esperanza los jueves", mode: "hybrid", language: "es",
    conferenceUrl: "https://meet.example.org/esperanza", location: "Centro Comunitario Cedar", address: "2100 Cedar Ave", city: "Minneapolis",
    state: "MN", postalCode: "55404", country: "US", timezone: "America/Chicago", startTime: "19:00", endTime: "20:30",
    rrule: "FREQ=WEEKLY;BYDAY=TH", types: ["O", "S", "D", "X"], description: "Reunión abierta en español, en persona y en línea.",
  },
  {
    slug: "family-first-sunday", group: "family-and-friends", facilitator: "Marisol", name: "Family first Sunday", mode: "kindred",
    timezone: "America/New_York", startTime: "15:00", endTime: "16:30", rrule: "FREQ=MONTHLY;BYDAY=1SU", types: ["C", "D"],
    description: "A monthly gathering for family members, here in Kindred.", capacity: 20,
  },
  {
    slug: "women-tuesday", group: "women-in-recovery", facilitator: "Juniper", name: "Women's circle", mode: "online",
    conferenceUrl: "https://meet.example.org/women-circle", timezone: "America/Chicago", startTime: "18:00", endTime: "19:00",
    rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", types: ["C", "W"], description: "Every other Tuesday.",
  },
  {
    slug: "saturday-step-study", group: null, facilitator: "TeddyB", name: "Saturday Step Study", mode: "in_person",
    location: "Riverside Library, Room 2", address: "801 SW 10th Ave", city: "Portland", state: "OR", postalCode: "97205", country: "US",
    locationNotes: "Enter from the side door; the room is step-free.", timezone: "America/Los_Angeles", startTime: "10:00", endTime: "11:30",
    rrule: "FREQ=WEEKLY;BYDAY=SA", types: ["C", "ST", "X"],
  },
  {
    slug: "night-owls", group: null, facilitator: "TeddyB", name: "Night Owls", mode: "kindred", timezone: "America/Chicago",
    startTime: "22:00", endTime: "23:00", rrule: "FREQ=WEEKLY;BYDAY=SU,MO,TU,WE,TH,FR,SA", types: ["O", "D"],
    description: "For the long evenings. Come as you are.",
  },
  {
    slug: "london-lunchtime", group: "morning-light-circle", facilitator: "TeddyB", name: "London lunchtime share", mode: "online",
    conferenceUrl: "https://meet.example.org/london-lunch", conferencePhone: "+44 20 7946 0000", timezone: "Europe/London",
    startTime: "12:30", endTime: "13:30", rrule: "FREQ=WEEKLY;BYDAY=TU,TH", types: ["O", "SP"],
  },
];

const POSTS: { group: string; author: string; announcement: boolean; body: string }[] = [
  { group: "morning-light-circle", author: "TeddyB", announcement: true, body: "Welcome to the circle! Our **Monday, Wednesday and Friday** mornings are open to all. Add them to your calendar from the meetings list." },
  { group: "morning-light-circle", author: "MorningLight", announcement: false, body: "Ninety days today. Thank you all for the mornings — they gave my days a shape again." },
  { group: "morning-light-circle", author: "RiverStone", announcement: false, body: "Congratulations! Those mornings helped me too." },
];

export async function seedDemoGroups(db: Db, people: Map<string, string>) {
  // Online meetings carry the area the organization serves as their approximate place in the Meeting Guide feed.
  await db.execute(sql`update org_settings set meeting_area = 'Portland, OR, USA' where id = 1 and meeting_area = ''`);
  const groupIds = new Map<string, string>();
  for (const g of GROUPS) {
    const id = timeOrderedId();
    groupIds.set(g.slug, id);
    await db.execute(sql`
      insert into recovery_group (id, slug, name, description, focus, language, visibility, guidelines, created_by)
      values (${id}, ${g.slug}, ${g.name}, ${g.description}, ${sql.param(g.focus)}::text[], ${g.language}, ${g.visibility}, ${g.guidelines},
              ${people.get(g.facilitators[0]!) ?? null})`);
    for (const [names, state] of [[g.facilitators, "facilitator"], [g.members, "member"]] as const) {
      for (const name of names) {
        const userId = people.get(name);
        if (userId) await db.execute(sql`insert into group_member (group_id, user_id, state) values (${id}, ${userId}, ${state})`);
      }
    }
  }
  // Started a few weeks ago, so every schedule already has a history.
  const startsOn = new Date(Date.now() - 28 * 86_400_000).toISOString().slice(0, 10);
  for (const m of MEETINGS) {
    const { slug, group, facilitator, ...fields } = m;
    const input = CreateMeeting.parse({ ...fields, startsOn, groupId: group ? groupIds.get(group) : null });
    const facilitatorId = people.get(facilitator);
    await insertMeeting(db, facilitatorId ?? null, timeOrderedId(), slug, input, facilitatorId ? [facilitatorId] : []);
  }
  const morningLight = people.get("MorningLight");
  const [online] = await selectRows<{ id: string }>(db, sql`select id from meeting where slug = 'morning-light-online'`);
  const meetingId = online?.id;
  if (morningLight && meetingId) await db.execute(sql`insert into meeting_attendee (meeting_id, user_id) values (${meetingId}, ${morningLight})`);
  let at = Date.now() - POSTS.length * 3600_000;
  for (const p of POSTS) {
    at += 3600_000;
    await db.execute(sql`
      insert into group_post (id, group_id, author_id, announcement, markdown, html, created_at)
      values (${timeOrderedId(at)}, ${groupIds.get(p.group)!}, ${people.get(p.author) ?? null}, ${p.announcement}, ${p.body}, ${renderMarkdown(p.body)}, ${new Date(at)})`);
  }
}
