// Groups: list, load, create and change. Membership is in membership.ts and
// the feed in feed.ts; every read is scoped by the visibility rule in policy.ts.
import type { CreateGroup, Group, GroupFocus, GroupVisibility, MembershipState, UpdateGroup } from "@kindred/contracts";
import { sql } from "drizzle-orm";
import type { z } from "zod";
import { type Db, selectRows } from "../../db/client.js";
import { problems } from "../../http/problem.js";
import { timeOrderedId } from "../../lib/ids.js";
import type { Actor } from "../../policy/index.js";
import { recordAudit } from "../accounts/audit.js";
import { refreshSearch } from "../meetings/search.js";
import { authorizeGroupRead, type GroupAccess, groupsPolicy, visibleGroupSql } from "./policy.js";

export type GroupRow = {
  id: string; slug: string; name: string; description: string; focus: GroupFocus[]; language: string; visibility: GroupVisibility;
  guidelines: string; createdAt: Date; memberCount: number; membership: MembershipState; pendingRequests: number;
};

const membershipSql = (actor: Actor | null) =>
  actor ? sql`coalesce((select state from group_member m where m.group_id = g.id and m.user_id = ${actor.id}), 'none')` : sql`'none'`;

const groupSelect = (actor: Actor | null) => sql`
  select g.id, g.slug, g.name, g.description, g.focus, g.language, g.visibility, g.guidelines, g.created_at as "createdAt",
    (select count(*)::int from group_member c where c.group_id = g.id and c.state in ('member', 'facilitator')) as "memberCount",
    ${membershipSql(actor)} as membership,
    (select count(*)::int from group_member r where r.group_id = g.id and r.state = 'requested') as "pendingRequests"
  from recovery_group g`;

export const accessOf = (g: Pick<GroupRow, "id" | "visibility" | "membership">): GroupAccess => ({ id: g.id, visibility: g.visibility, membership: g.membership });

export function presentGroup(actor: Actor | null, g: GroupRow): Group {
  const access = accessOf(g);
  const manage = groupsPolicy.can(actor, "group.manageMembers", access);
  return {
    id: g.id, slug: g.slug, name: g.name, description: g.description, focus: g.focus, language: g.language, visibility: g.visibility,
    guidelines: g.guidelines, memberCount: g.memberCount, membership: g.membership,
    pendingRequests: manage ? g.pendingRequests : 0,
    createdAt: new Date(g.createdAt).toISOString(),
    can: {
      edit: groupsPolicy.can(actor, "group.edit", access),
      post: groupsPolicy.can(actor, "group.post", access),
      announce: groupsPolicy.can(actor, "group.announce", access),
      manageMembers: manage,
      createMeeting: groupsPolicy.can(actor, "group.edit", access),
    },
  };
}

export async function listGroups(db: Db, actor: Actor | null, q: { q?: string; mine?: "true" | "false" }): Promise<Group[]> {
  const search = q.q ? `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const rows = await selectRows<GroupRow>(
    db,
    sql`${groupSelect(actor)}
        where ${visibleGroupSql(actor)}
          ${search ? sql`and (g.name ilike ${search} or g.description ilike ${search})` : sql``}
          ${q.mine === "true" && !actor ? sql`and false` : sql``}
          ${q.mine === "true" && actor ? sql`and exists (select 1 from group_member mm where mm.group_id = g.id and mm.user_id = ${actor.id} and mm.state in ('member', 'facilitator'))` : sql``}
        order by g.name, g.id limit 200`,
  );
  return rows.map((g) => presentGroup(actor, g));
}

/** A group by slug or id, as this person may see it; hidden ones are "not found" to outsiders. */
export async function loadGroup(db: Db, actor: Actor | null, key: { slug?: string; id?: string }): Promise<GroupRow> {
  const where = key.slug !== undefined ? sql`g.slug = ${key.slug}` : sql`g.id = ${key.id ?? ""}`;
  const [row] = await selectRows<GroupRow>(db, sql`${groupSelect(actor)} where ${where}`);
  if (!row) throw problems.notFound("This group");
  authorizeGroupRead(actor, accessOf(row));
  return row;
}

export function slugify(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/, "");
  return base.length >= 2 ? base : `group-${base}`.replace(/-+$/, "");
}

/** A slug not yet used in `table`: the name's own, or with -2, -3… */
export async function freeSlug(db: Db, table: "recovery_group" | "meeting", wanted: string): Promise<string> {
  const rows = await selectRows<{ slug: string }>(db, sql`select slug from ${sql.raw(table)} where slug = ${wanted} or slug like ${`${wanted}-%`}`);
  const taken = new Set(rows.map((r) => r.slug));
  if (!taken.has(wanted)) return wanted;
  for (let n = 2; ; n++) if (!taken.has(`${wanted}-${n}`)) return `${wanted}-${n}`;
}

export const duplicateSlug = (what: string) =>
  problems.conflict("duplicate-slug", "That address is taken", `Another ${what} already uses this slug; choose another.`, [{ path: "body.slug", message: "Already in use" }]);

export async function createGroup(db: Db, actor: Actor, input: z.output<typeof CreateGroup>): Promise<string> {
  groupsPolicy.authorize(actor, "group.create", null);
  const slug = input.slug ?? (await freeSlug(db, "recovery_group", slugify(input.name)));
  const id = timeOrderedId();
  await db.transaction(async (tx) => {
    const [clash] = await selectRows<{ id: string }>(tx, sql`select id from recovery_group where slug = ${slug}`);
    if (clash) throw duplicateSlug("group");
    await tx.execute(sql`
      insert into recovery_group (id, slug, name, description, focus, language, visibility, guidelines, created_by)
      values (${id}, ${slug}, ${input.name}, ${input.description}, ${sql.param(input.focus)}::text[], ${input.language}, ${input.visibility},
              ${input.guidelines}, ${actor.id})`);
    await tx.execute(sql`insert into group_member (group_id, user_id, state) values (${id}, ${actor.id}, 'facilitator')`);
    await recordAudit(tx, actor.id, "group.created", "recovery_group", id, { visibility: input.visibility });
  });
  return id;
}

export async function updateGroup(db: Db, actor: Actor, group: GroupRow, input: z.output<typeof UpdateGroup>) {
  groupsPolicy.authorize(actor, "group.edit", accessOf(group));
  const sets = [
    input.name !== undefined ? sql`name = ${input.name}` : null,
    input.description !== undefined ? sql`description = ${input.description}` : null,
    input.focus !== undefined ? sql`focus = ${sql.param(input.focus)}::text[]` : null,
    input.language !== undefined ? sql`language = ${input.language}` : null,
    input.visibility !== undefined ? sql`visibility = ${input.visibility}` : null,
    input.guidelines !== undefined ? sql`guidelines = ${input.guidelines}` : null,
  ].filter((s) => s !== null);
  if (sets.length === 0) return;
  await db.transaction(async (tx) => {
    await tx.execute(sql`update recovery_group set ${sql.join(sets, sql`, `)}, updated_at = now() where id = ${group.id}`);
    // A meeting's feed entry says when it last changed; its group's name and visibility are part of it.
    await tx.execute(sql`update meeting set updated_at = now() where group_id = ${group.id}`);
    if (input.name !== undefined) await refreshSearch(tx, sql`m.group_id = ${group.id}`);
    if (input.visibility !== undefined && input.visibility !== group.visibility) {
      await recordAudit(tx, actor.id, "group.visibility_changed", "recovery_group", group.id, { from: group.visibility, to: input.visibility });
    }
  });
}
