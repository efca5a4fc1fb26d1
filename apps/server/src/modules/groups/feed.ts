// A group's feed: short posts and facilitators' announcements, written in the
// forum's Markdown. Every post passes the moderation pipeline and the crisis
// screen inside its transaction; alerts go out after commit.
import type { GroupFeed, GroupPost, NewGroupPost, Reaction, WriteSupport } from "@kindred/contracts";
import { sql } from "drizzle-orm";
import type { z } from "zod";
import type { AppContext } from "../../context.js";
import { type Db, selectRows } from "../../db/client.js";
import { problems } from "../../http/problem.js";
import { timeOrderedId } from "../../lib/ids.js";
import type { Actor } from "../../policy/index.js";
import { renderMarkdown } from "../forums/markdown.js";
import { admitWrite, applyWatchedWords, holdAndFlag } from "../moderation/pipeline.js";
import { type GroupAccess, groupsPolicy } from "./policy.js";
import { announceFeedChange } from "./realtime.js";
import { accessOf, type GroupRow } from "./service.js";
import { decodeCursor, encodeCursor, isTimestamp } from "../../lib/cursor.js";

type Services = Pick<AppContext, "db" | "notifier" | "safety" | "realtime">;

type PostRow = {
  id: string; authorId: string | null; pseudonym: string | null; announcement: boolean; html: string; markdown: string;
  createdAt: Date; cursorAt: string; reactions: Record<string, number> | null; mine: Reaction[] | null;
};

const postSelect = (actorId: string) => sql`
  select p.id, p.author_id as "authorId", coalesce(u.display_username, u.name) as pseudonym, p.announcement, p.html, p.markdown,
    p.created_at as "createdAt", p.created_at::text as "cursorAt",
    (select json_object_agg(kind, n) from (select kind, count(*)::int as n from group_post_reaction r where r.post_id = p.id group by kind) k) as reactions,
    (select array_agg(kind order by kind) from group_post_reaction r where r.post_id = p.id and r.user_id = ${actorId}) as mine
  from group_post p left join "user" u on u.id = p.author_id`;

function present(actor: Actor, group: GroupAccess, r: PostRow): GroupPost {
  const target = { group, authorId: r.authorId };
  return {
    id: r.id,
    author: r.authorId ? { id: r.authorId, pseudonym: r.pseudonym ?? "" } : null,
    announcement: r.announcement,
    html: r.html,
    markdown: r.authorId === actor.id ? r.markdown : null,
    createdAt: new Date(r.createdAt).toISOString(),
    reactions: r.reactions ?? {},
    mine: r.mine ?? [],
    can: { delete: groupsPolicy.can(actor, "groupPost.delete", target), react: groupsPolicy.can(actor, "groupPost.react", target) },
  };
}

type Cursor = { at: string; id: string };

/** Newest first; announcements are not pinned, they are marked. Hidden and removed posts are gone for everyone. */
export async function readFeed(db: Db, actor: Actor, group: GroupRow, q: { cursor?: string; limit: number }): Promise<GroupFeed> {
  const access = accessOf(group);
  groupsPolicy.authorize(actor, "group.readFeed", access);
  const cursor = decodeCursor<Cursor>(q.cursor, (c) => isTimestamp(c.at) && typeof c.id === "string");
  const rows = await selectRows<PostRow>(
    db,
    sql`${postSelect(actor.id)}
        where p.group_id = ${group.id} and p.removed_at is null and p.hidden_at is null
          ${cursor ? sql`and (p.created_at, p.id) < (${cursor.at}::timestamptz, ${cursor.id})` : sql``}
        order by p.created_at desc, p.id desc limit ${q.limit + 1}`,
  );
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => present(actor, access, r)),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ at: last.cursorAt, id: last.id }) : null,
  };
}

export async function writePost(
  services: Services, actor: Actor, group: GroupRow, input: z.output<typeof NewGroupPost>,
): Promise<{ post: GroupPost; support: WriteSupport }> {
  const access = accessOf(group);
  groupsPolicy.authorize(actor, input.announcement ? "group.announce" : "group.post", access);
  const admission = await admitWrite(services.db, actor, "group_post");
  const words = await applyWatchedWords(services.db, { body: input.body, format: "markdown" });
  const id = timeOrderedId();
  const { screening, recorded } = await services.db.transaction(async (tx) => {
    const screening = await services.safety.screen(tx, { sourceKind: "group_post", sourceId: id, authorId: actor.id, text: words.body });
    // A group feed has no approval step: what would be held is flagged for a moderator instead.
    await holdAndFlag(tx, { kind: "group_post", id, authorId: actor.id }, words, admission, screening.assessment.tier, { canHold: false });
    await tx.execute(sql`
      insert into group_post (id, group_id, author_id, announcement, markdown, html)
      values (${id}, ${group.id}, ${actor.id}, ${input.announcement}, ${words.body}, ${renderMarkdown(words.body)})`);
    const members = input.announcement
      ? await selectRows<{ userId: string }>(
          tx,
          sql`select user_id as "userId" from group_member where group_id = ${group.id} and state in ('member', 'facilitator') and user_id <> ${actor.id}`,
        )
      : [];
    const notes = members.map((m) => ({
      userId: m.userId, kind: "group.announcement" as const, params: { group: group.name }, link: `/groups/${group.slug}#post-${id}`, actorId: actor.id,
    }));
    return { screening, recorded: await services.notifier.record(tx, notes) };
  });
  await services.safety.dispatch(screening);
  await services.notifier.publish(recorded);
  announceFeedChange(services.realtime, { groupId: group.id, postId: id, kind: "created" });
  const [row] = await selectRows<PostRow>(services.db, sql`${postSelect(actor.id)} where p.id = ${id}`);
  return { post: present(actor, access, row!), support: screening.support };
}

async function loadPost(db: Db, group: GroupRow, postId: string) {
  const [row] = await selectRows<{ id: string; authorId: string | null }>(
    db,
    sql`select id, author_id as "authorId" from group_post where id = ${postId} and group_id = ${group.id} and removed_at is null and hidden_at is null`,
  );
  if (!row) throw problems.notFound("This post");
  return row;
}

export async function deletePost({ db, realtime }: Pick<Services, "db" | "realtime">, actor: Actor, group: GroupRow, postId: string) {
  groupsPolicy.authorize(actor, "group.readFeed", accessOf(group));
  const post = await loadPost(db, group, postId);
  groupsPolicy.authorize(actor, "groupPost.delete", { group: accessOf(group), authorId: post.authorId });
  await db.execute(sql`update group_post set removed_at = now() where id = ${post.id}`);
  announceFeedChange(realtime, { groupId: group.id, postId: post.id, kind: "removed" });
}

export async function react(
  { db, realtime }: Pick<Services, "db" | "realtime">, actor: Actor, group: GroupRow, postId: string, kind: Reaction, on: boolean,
) {
  groupsPolicy.authorize(actor, "group.readFeed", accessOf(group));
  const post = await loadPost(db, group, postId);
  groupsPolicy.authorize(actor, "groupPost.react", { group: accessOf(group), authorId: post.authorId });
  if (on) await db.execute(sql`insert into group_post_reaction (post_id, user_id, kind) values (${post.id}, ${actor.id}, ${kind}) on conflict do nothing`);
  else await db.execute(sql`delete from group_post_reaction where post_id = ${post.id} and user_id = ${actor.id} and kind = ${kind}`);
  const [row] = await selectRows<PostRow>(db, sql`${postSelect(actor.id)} where p.id = ${post.id}`);
  announceFeedChange(realtime, { groupId: group.id, postId: post.id, kind: "updated" });
  return present(actor, accessOf(group), row!);
}
