// Joining and leaving groups, requests, invitations and group roles. Each
// change that someone should hear about is a notification written in the same
// transaction and published after commit.
import type { GroupMember, GroupRole } from "@kindred/contracts";
import { sql } from "drizzle-orm";
import type { AppContext } from "../../context.js";
import { type Db, selectRows } from "../../db/client.js";
import { problems } from "../../http/problem.js";
import type { Actor } from "../../policy/index.js";
import { recordAudit } from "../accounts/audit.js";
import type { NotifyInput } from "../notifications/service.js";
import { groupsPolicy } from "./policy.js";
import { groupRoom } from "./realtime.js";
import { accessOf, type GroupRow } from "./service.js";

type Services = Pick<AppContext, "db" | "notifier">;

async function notifyAfter(services: Services, write: (tx: Db) => Promise<NotifyInput[]>) {
  const recorded = await services.db.transaction(async (tx) => services.notifier.record(tx, await write(tx)));
  await services.notifier.publish(recorded);
}

const facilitatorsOf = (db: Db, groupId: string) =>
  selectRows<{ userId: string }>(db, sql`select user_id as "userId" from group_member where group_id = ${groupId} and state = 'facilitator'`);

/** Public: in at once. Private: a request for the facilitators. Hidden: only by accepting an invitation. */
export async function join(services: Services, actor: Actor, group: GroupRow, note: string): Promise<"member" | "requested"> {
  groupsPolicy.authorize(actor, "group.join", accessOf(group));
  const direct = group.visibility === "public" || group.membership === "invited";
  // Asking twice is asking once; a request still waiting when the group opened up is simply joining.
  if (group.membership === "requested" && !direct) return "requested";
  await notifyAfter(services, async (tx) => {
    await tx.execute(sql`
      insert into group_member (group_id, user_id, state, note) values (${group.id}, ${actor.id}, ${direct ? "member" : "requested"}, ${direct ? "" : note})
      on conflict (group_id, user_id) do update set state = excluded.state, note = excluded.note, since = now()`);
    if (direct) return [];
    return (await facilitatorsOf(tx, group.id)).map((f) => ({
      userId: f.userId, kind: "group.join_request" as const, params: { who: actor.pseudonym, group: group.name },
      link: `/groups/${group.slug}/members`, actorId: actor.id,
    }));
  });
  return direct ? "member" : "requested";
}

/** Someone who is no longer in the group stops hearing its feed at once, on every open page. */
function stopListening(services: Pick<AppContext, "realtime">, group: GroupRow, userId: string) {
  services.realtime.removeFromRoom(userId, groupRoom(group.id));
}

export async function leave({ db, realtime }: Pick<AppContext, "db" | "realtime">, actor: Actor, group: GroupRow) {
  groupsPolicy.authorize(actor, "group.leave", accessOf(group));
  await db.transaction(async (tx) => {
    if (group.membership === "facilitator") await keepAFacilitator(tx, group.id, actor.id, "leave");
    await tx.execute(sql`delete from group_member where group_id = ${group.id} and user_id = ${actor.id}`);
    await tx.execute(sql`delete from meeting_attendee a using meeting m where a.meeting_id = m.id and m.group_id = ${group.id}
                           and a.user_id = ${actor.id} and ${group.visibility} <> 'public'`);
  });
  stopListening({ realtime }, group, actor.id);
}

/** A group is never left without someone to lead it. */
async function keepAFacilitator(db: Db, groupId: string, leavingUserId: string, what: "leave" | "step down" | "remove") {
  const others = (await facilitatorsOf(db, groupId)).filter((f) => f.userId !== leavingUserId);
  if (others.length === 0) {
    throw problems.conflict(
      "last-facilitator",
      "A group needs a facilitator",
      what === "remove" ? "This is the group's only facilitator." : `Name another facilitator before you ${what}.`,
    );
  }
}

export async function listMembers(db: Db, actor: Actor, group: GroupRow): Promise<GroupMember[]> {
  groupsPolicy.authorize(actor, "group.readFeed", accessOf(group));
  const manage = groupsPolicy.can(actor, "group.manageMembers", accessOf(group));
  const rows = await selectRows<{ userId: string; pseudonym: string; state: GroupMember["state"]; note: string; since: Date }>(
    db,
    sql`select m.user_id as "userId", coalesce(u.display_username, u.name) as pseudonym, m.state, m.note, m.since
        from group_member m join "user" u on u.id = m.user_id
        where m.group_id = ${group.id} ${manage ? sql`` : sql`and m.state in ('member', 'facilitator')`}
        order by case m.state when 'requested' then 0 when 'facilitator' then 1 when 'member' then 2 else 3 end, m.since, m.user_id`,
  );
  return rows.map((r) => ({
    userId: r.userId, pseudonym: r.pseudonym, state: r.state,
    role: r.state === "facilitator" ? "facilitator" : r.state === "member" ? "member" : null,
    // A request's note is for those who decide on it.
    note: manage ? r.note : "", since: new Date(r.since).toISOString(),
  }));
}

async function memberState(db: Db, groupId: string, userId: string) {
  const [row] = await selectRows<{ state: GroupMember["state"] }>(db, sql`select state from group_member where group_id = ${groupId} and user_id = ${userId}`);
  return row?.state ?? null;
}

export async function decideRequest(services: Services, actor: Actor, group: GroupRow, userId: string, approve: boolean) {
  groupsPolicy.authorize(actor, "group.manageMembers", accessOf(group));
  if ((await memberState(services.db, group.id, userId)) !== "requested") throw problems.notFound("This join request");
  await notifyAfter(services, async (tx) => {
    if (!approve) {
      await tx.execute(sql`delete from group_member where group_id = ${group.id} and user_id = ${userId} and state = 'requested'`);
      return [];
    }
    await tx.execute(sql`update group_member set state = 'member', note = '', since = now() where group_id = ${group.id} and user_id = ${userId}`);
    return [{ userId, kind: "group.joined" as const, params: { group: group.name }, link: `/groups/${group.slug}`, actorId: actor.id }];
  });
}

export async function invite(services: Services, actor: Actor, group: GroupRow, pseudonym: string) {
  groupsPolicy.authorize(actor, "group.manageMembers", accessOf(group));
  const [person] = await selectRows<{ id: string }>(
    services.db,
    sql`select id from "user" where lower(coalesce(display_username, name)) = lower(${pseudonym}) and status = 'active'`,
  );
  if (!person) throw problems.validation([{ path: "body.pseudonym", message: "No active member has this name" }]);
  const state = await memberState(services.db, group.id, person.id);
  if (state === "member" || state === "facilitator") throw problems.conflict("already-member", "Already in the group", `${pseudonym} is already in this group.`);
  await notifyAfter(services, async (tx) => {
    // Inviting someone who asked to join is saying yes.
    const next = state === "requested" ? "member" : "invited";
    await tx.execute(sql`
      insert into group_member (group_id, user_id, state) values (${group.id}, ${person.id}, ${next})
      on conflict (group_id, user_id) do update set state = ${next}, since = now()`);
    return [{
      userId: person.id, kind: next === "member" ? ("group.joined" as const) : ("group.invited" as const),
      params: { group: group.name, who: actor.pseudonym }, link: `/groups/${group.slug}`, actorId: actor.id,
    }];
  });
  return person.id;
}

export async function remove({ db, realtime }: Pick<AppContext, "db" | "realtime">, actor: Actor, group: GroupRow, userId: string) {
  groupsPolicy.authorize(actor, "group.manageMembers", accessOf(group));
  if (userId === actor.id) throw problems.conflict("remove-self", "Use leave instead", "To step out of the group yourself, leave it.");
  const state = await memberState(db, group.id, userId);
  if (!state) throw problems.notFound("This member");
  await db.transaction(async (tx) => {
    if (state === "facilitator") await keepAFacilitator(tx, group.id, userId, "remove");
    await tx.execute(sql`delete from group_member where group_id = ${group.id} and user_id = ${userId}`);
    await tx.execute(sql`delete from meeting_attendee a using meeting m where a.meeting_id = m.id and m.group_id = ${group.id}
                           and a.user_id = ${userId} and ${group.visibility} <> 'public'`);
    await recordAudit(tx, actor.id, "group.member_removed", "recovery_group", group.id, { userId });
  });
  stopListening({ realtime }, group, userId);
}

export async function setRole(db: Db, actor: Actor, group: GroupRow, userId: string, role: GroupRole) {
  groupsPolicy.authorize(actor, "group.manageMembers", accessOf(group));
  const state = await memberState(db, group.id, userId);
  if (state !== "member" && state !== "facilitator") throw problems.notFound("This member");
  await db.transaction(async (tx) => {
    if (state === "facilitator" && role === "member") await keepAFacilitator(tx, group.id, userId, "step down");
    await tx.execute(sql`update group_member set state = ${role} where group_id = ${group.id} and user_id = ${userId}`);
    await recordAudit(tx, actor.id, "group.role_changed", "recovery_group", group.id, { userId, role });
  });
}
