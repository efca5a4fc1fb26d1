// Who may see a meeting, see how to join it, add it to their meetings, and
// create or change it. A meeting without a group is the organization's own and
// public; a group's meeting follows its group (see groups/policy.ts).
import { hasPower } from "../../policy/actor.js";
import { type Actor, activeMember, allow, anyOf, type Decision, definePolicy, deny, power } from "../../policy/index.js";
import { type GroupAccess, groupsPolicy } from "../groups/policy.js";

export type MeetingAccess = { group: GroupAccess | null; facilitatorIds: readonly string[] };

const inGroup = (g: GroupAccess) => g.membership === "member" || g.membership === "facilitator";
const facilitates = (actor: Actor | null, m: MeetingAccess) => actor !== null && m.facilitatorIds.includes(actor.id);

function join(actor: Actor | null, m: MeetingAccess): Decision {
  if (m.group === null || m.group.visibility === "public") return allow;
  const member = activeMember(actor);
  if (!member.allowed) return member;
  if (inGroup(m.group) || facilitates(actor, m)) return allow;
  return anyOf(deny("forbidden"), power(actor, "admin"));
}

function edit(actor: Actor | null, m: MeetingAccess): Decision {
  const member = activeMember(actor);
  if (!member.allowed) return member;
  if (facilitates(actor, m)) return allow;
  if (m.group) return groupsPolicy.check(actor, "group.edit", m.group);
  return anyOf(power(actor, "facilitator"), power(actor, "admin"));
}

export const meetingsPolicy = definePolicy({
  "meeting.read": (actor: Actor | null, m: MeetingAccess) => (m.group === null ? allow : groupsPolicy.check(actor, "group.read", m.group)),
  /** The conference link, phone and street address. */
  "meeting.join": join,
  "meeting.attend": (actor: Actor | null, m: MeetingAccess) => {
    const member = activeMember(actor);
    return member.allowed ? join(actor, m) : member;
  },
  /** Organization meetings: facilitators and admins; a group's: its facilitators (checked with the group). */
  "meeting.create": (actor: Actor | null, group: GroupAccess | null) =>
    group ? groupsPolicy.check(actor, "group.edit", group) : anyOf(power(actor, "facilitator"), power(actor, "admin")),
  "meeting.edit": edit,
  /** Importing a Meeting Guide feed writes many meetings at once: admins. */
  "meeting.import": (actor: Actor | null, _: null) => power(actor, "admin"),
  /** A personal calendar link. */
  "calendar.own": (actor: Actor | null, _: null) => activeMember(actor),
});

export const isAdmin = (actor: Actor | null) => hasPower(actor, "admin");
