// Who may see, join, lead and write in a recovery group. Hidden groups answer
// "not found" to everyone outside them (see `groupAccessProblem`), and services
// scope every list by `visibleGroupSql`, the same rule in SQL.
import type { GroupVisibility, MembershipState } from "@kindred/contracts";
import { sql, type SQL } from "drizzle-orm";
import { problems } from "../../http/problem.js";
import { hasPower, isActiveMember } from "../../policy/actor.js";
import { type Actor, activeMember, allow, anyOf, type Decision, definePolicy, deny, power } from "../../policy/index.js";

export type GroupAccess = { id: string; visibility: GroupVisibility; membership: MembershipState };

const inGroup = (g: GroupAccess) => g.membership === "member" || g.membership === "facilitator";
const leads = (g: GroupAccess) => g.membership === "facilitator";
const isAdmin = (actor: Actor | null) => hasPower(actor, "admin");

/** Admins oversee every group; a group's facilitators lead it. */
function lead(actor: Actor | null, g: GroupAccess): Decision {
  const member = activeMember(actor);
  if (!member.allowed) return member;
  return leads(g) ? allow : power(actor, "admin");
}

function read(actor: Actor | null, g: GroupAccess): Decision {
  if (g.visibility === "public") return allow;
  const member = activeMember(actor);
  if (!member.allowed) return member;
  if (g.visibility === "private" || inGroup(g) || g.membership === "invited") return allow;
  return isAdmin(actor) ? allow : deny("forbidden");
}

function inside(actor: Actor | null, g: GroupAccess): Decision {
  const member = activeMember(actor);
  if (!member.allowed) return member;
  return inGroup(g) ? allow : anyOf(deny("forbidden"), power(actor, "admin"));
}

export const groupsPolicy = definePolicy({
  "group.read": read,
  /** Facilitators (the role) and admins start groups. */
  "group.create": (actor: Actor | null, _: null) => anyOf(power(actor, "facilitator"), power(actor, "admin")),
  "group.edit": lead,
  "group.manageMembers": lead,
  /** Public groups are open; private ones take a request; hidden ones only an invitation. */
  "group.join": (actor: Actor | null, g: GroupAccess) => {
    const member = activeMember(actor);
    if (!member.allowed) return member;
    if (inGroup(g)) return deny("forbidden");
    return g.visibility !== "hidden" || g.membership === "invited" ? allow : deny("forbidden");
  },
  "group.leave": (actor: Actor | null, g: GroupAccess) => {
    const member = activeMember(actor);
    if (!member.allowed) return member;
    return g.membership === "none" ? deny("forbidden") : allow;
  },
  /** The feed is for the people in the group; it is read like the group's private room. */
  "group.readFeed": inside,
  "group.post": (actor: Actor | null, g: GroupAccess) => {
    const member = activeMember(actor);
    if (!member.allowed) return member;
    return inGroup(g) ? allow : deny("forbidden");
  },
  "group.announce": (actor: Actor | null, g: GroupAccess) => {
    const member = activeMember(actor);
    if (!member.allowed) return member;
    return leads(g) ? allow : deny("forbidden");
  },
  /** Authors remove their own posts; facilitators and admins any in their group. */
  "groupPost.delete": (actor: Actor | null, p: { group: GroupAccess; authorId: string | null }) => {
    const member = activeMember(actor);
    if (!member.allowed) return member;
    if (p.authorId !== null && p.authorId === actor!.id && inGroup(p.group)) return allow;
    return lead(actor, p.group);
  },
  "groupPost.react": (actor: Actor | null, p: { group: GroupAccess; authorId: string | null }) => {
    const member = activeMember(actor);
    if (!member.allowed) return member;
    if (!inGroup(p.group)) return deny("forbidden");
    return p.authorId === actor!.id ? deny("forbidden") : allow;
  },
});

/** Refusals to see a group never say that it exists: hidden or not, an outsider gets 404 (or 401 to sign in for a private one). */
export function authorizeGroupRead(actor: Actor | null, g: GroupAccess) {
  const d = groupsPolicy.check(actor, "group.read", g);
  if (d.allowed) return;
  if (g.visibility === "hidden") throw problems.notFound("This group");
  groupsPolicy.authorize(actor, "group.read", g);
}

/**
 * SQL true when the group aliased `g` may be seen by this person (a meeting
 * without a group: `g.id is null`, is the organization's own and public).
 */
export function visibleGroupSql(actor: Actor | null, alias = "g"): SQL {
  const g = sql.raw(alias);
  if (isAdmin(actor)) return sql`true`;
  if (!isActiveMember(actor)) return sql`(${g}.id is null or ${g}.visibility = 'public')`;
  return sql`(${g}.id is null or ${g}.visibility <> 'hidden'
    or exists (select 1 from group_member vm where vm.group_id = ${g}.id and vm.user_id = ${actor.id}
               and (${g}.visibility <> 'hidden' or vm.state in ('invited', 'member', 'facilitator'))))`;
}

/** SQL true when this person is in the group aliased `g` (member or facilitator), or is an admin. */
export function insideGroupSql(actor: Actor | null, alias = "g"): SQL {
  const g = sql.raw(alias);
  if (isAdmin(actor)) return sql`true`;
  if (!isActiveMember(actor)) return sql`false`;
  return sql`exists (select 1 from group_member im where im.group_id = ${g}.id and im.user_id = ${actor.id} and im.state in ('member', 'facilitator'))`;
}
