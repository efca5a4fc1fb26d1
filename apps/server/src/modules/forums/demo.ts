// Demo forum content: the categories an organization typically starts with and
// a few conversations, so a newcomer sees what the forums feel like.
import type { ContentWarning } from "@kindred/contracts";
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { timeOrderedId } from "../../lib/ids.js";
import { createCategory } from "./categories.js";
import { insertPost } from "./posts.js";
import { recordRead } from "./topics.js";

const CATEGORIES = [
  { slug: "welcome", name: "Introductions & welcome", description: "Say hello, share as much or as little as you like, and meet the community." },
  { slug: "day-to-day", name: "Day to day", description: "Cravings, small wins, hard evenings and good mornings: whatever today is like." },
  { slug: "relapse", name: "Relapse & getting back up", description: "A return to use is part of many recoveries. No judgement here, only company on the way back." },
  { slug: "medication-assisted", name: "Medication-assisted recovery", description: "Buprenorphine, methadone, naltrexone and the people who take them." },
  { slug: "family-friends", name: "Family & friends", description: "For the people who love someone in recovery, and for talking about them." },
  { slug: "en-espanol", name: "En español", description: "Un espacio para conversar en español sobre la recuperación." },
  { slug: "specialists-lounge", name: "Specialists' lounge", description: "Peer Support Specialists: supervision questions, self-care and resources.", audience: "role" as const, role: "specialist" as const },
];

type DemoPost = { by: string; body: string; anonymous?: boolean; warning?: ContentWarning; hoursAgo: number };
type DemoTopic = { category: string; title: string; posts: DemoPost[] };

const TOPICS: DemoTopic[] = [
  {
    category: "welcome",
    title: "Hi, I'm new here and a bit nervous",
    posts: [
      { by: "RiverStone", hoursAgo: 50, body: "Hello everyone. I'm 40 days into recovery from alcohol and a friend told me about this place. I don't really know what to say yet, but I wanted to say hi." },
      { by: "MorningLight", hoursAgo: 48, body: "Welcome, @RiverStone! 40 days is real. Nobody here expects you to know what to say. Reading along is a good start too." },
      { by: "Wren", hoursAgo: 47, body: "Glad you're here. The **Day to day** category is a gentle place to begin, and the help button at the top is always there if a night gets hard." },
    ],
  },
  {
    category: "day-to-day",
    title: "What gets you through the evenings?",
    posts: [
      { by: "SteadyOak", hoursAgo: 30, body: "Evenings are my hardest time. Around 8pm the cravings show up like clockwork. What do you all do?\n\n- I've tried walking\n- Tea helps a bit\n\nOpen to anything." },
      { by: "QuietHarbor", hoursAgo: 26, body: "I call someone from my group every night at 8, even if it's just two minutes. Having it on the calendar makes it easier to pick up the phone." },
      { by: "RiverStone", hoursAgo: 20, body: "> I call someone from my group every night at 8\n\nI'm going to try this. Thank you." },
    ],
  },
  {
    category: "relapse",
    title: "I drank again after 90 days",
    posts: [
      { by: "SteadyOak", anonymous: true, warning: "relapse", hoursAgo: 12, body: "I had 90 days and on Saturday I drank. I feel like I threw everything away and I'm ashamed to tell my group. I'm posting anonymously because I can't say it with my name yet." },
      { by: "MorningLight", hoursAgo: 10, body: "You didn't throw away 90 days. Those days taught you things that are still yours. Telling us here was brave, and it's a first step back. 💛" },
      { by: "Juniper", hoursAgo: 9, body: "Thank you for trusting us with this. A return to use is information, not a verdict. If you'd like to talk one-on-one, the peer support specialists are here for that." },
    ],
  },
  {
    category: "medication-assisted",
    title: "Two years on buprenorphine — ask me anything",
    posts: [
      { by: "MorningLight", hoursAgo: 72, body: "Two years on buprenorphine this month. It gave me room to rebuild my life. Happy to answer questions about starting, side effects, or what people said when I told them." },
      { by: "QuietHarbor", hoursAgo: 70, body: "How did you handle people who said it's \"not real recovery\"?" },
      { by: "MorningLight", hoursAgo: 69, body: "I stopped arguing. Medication is a recognised pathway, and my life is the evidence. The people who matter came around." },
    ],
  },
  {
    category: "en-espanol",
    title: "Hoy cumplo seis meses",
    posts: [
      { by: "Marisol", hoursAgo: 6, body: "Hoy cumplo seis meses en recuperación. Gracias a este grupo por estar ahí en las noches difíciles." },
      { by: "Dario", hoursAgo: 5, body: "¡Felicidades, @Marisol! Seis meses es un logro enorme. Un día a la vez." },
    ],
  },
  {
    category: "specialists-lounge",
    title: "Self-care after a hard week of sessions",
    posts: [{ by: "Juniper", hoursAgo: 40, body: "How do you all decompress after heavy sessions? I've started blocking 30 minutes after each one for a walk." }],
  },
];

/** Adds the demo forum; `people` maps each demo pseudonym to its user id. */
export async function seedDemoForum(db: Db, people: Map<string, string>) {
  const categoryIds = new Map<string, { id: string }>();
  for (const [position, c] of CATEGORIES.entries())
    categoryIds.set(c.slug, await createCategory(db, { audience: "members", role: null, ...c, position }));
  const now = Date.now();
  for (const topic of TOPICS) {
    const first = topic.posts[0]!;
    const topicId = timeOrderedId(now - first.hoursAgo * 3600_000);
    const last = topic.posts.at(-1)!;
    await db.execute(sql`
      insert into forum_topic (id, category_id, title, author_id, anonymous, content_warning, post_count, last_post_number, created_at, last_posted_at)
      values (${topicId}, ${categoryIds.get(topic.category)!.id}, ${topic.title}, ${people.get(first.by)!}, ${first.anonymous ?? false},
              ${first.warning ?? null}, ${topic.posts.length}, ${topic.posts.length},
              ${new Date(now - first.hoursAgo * 3600_000)}, ${new Date(now - last.hoursAgo * 3600_000)})`);
    for (const [i, post] of topic.posts.entries()) {
      const at = new Date(now - post.hoursAgo * 3600_000);
      const authorId = people.get(post.by)!;
      await insertPost(db, {
        id: timeOrderedId(at.getTime()), topicId, number: i + 1, authorId, anonymous: post.anonymous ?? false, markdown: post.body,
        contentWarning: post.warning ?? null, replyToNumber: null, title: i === 0 ? topic.title : null, at,
      });
      await recordRead(db, authorId, topicId, i + 1);
    }
    await db.execute(sql`insert into forum_watch (user_id, target_type, target_id) values (${people.get(first.by)!}, 'topic', ${topicId}) on conflict do nothing`);
  }
}
