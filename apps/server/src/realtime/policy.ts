// Who may open a socket and which rooms they may listen to. Each room kind maps
// to one rule; a feature that adds a room kind adds its rule here, delegating
// to its own module's policy.
import { GRANTABLE_ROLES, type GrantableRole } from "@kindred/contracts";
import type { Db } from "../db/client.js";
import { topicRoomRule } from "../modules/forums/realtime.js";
import { groupRoomRule } from "../modules/groups/realtime.js";
import { safetyPolicy } from "../modules/safety/policy.js";
import { type Actor, activeMember, allow, type Decision, deny, definePolicy, power } from "../policy/index.js";

export const realtimePolicy = definePolicy({
  connect: (actor: Actor | null, _: null) => activeMember(actor),
  /** A person's own room carries their notifications; nobody else may listen. */
  joinUserRoom: (actor: Actor | null, userId: string) => {
    const member = activeMember(actor);
    if (!member.allowed) return member;
    return actor!.id === userId ? allow : deny("forbidden");
  },
  /** Staff rooms (e.g. role:moderator) carry alerts for the people holding that role. */
  joinRoleRoom: (actor: Actor | null, role: string) =>
    (GRANTABLE_ROLES as readonly string[]).includes(role) ? power(actor, role as GrantableRole) : deny("forbidden"),
});

export type RoomKind = "user" | "role" | "topic" | "group" | "safety";
export const roomRules: Record<RoomKind, (actor: Actor, id: string, db: Db) => Decision | Promise<Decision>> = {
  user: (actor, id) => realtimePolicy.check(actor, "joinUserRoom", id),
  role: (actor, id) => realtimePolicy.check(actor, "joinRoleRoom", id),
  /** Readers of a forum topic: whoever may read its category. */
  topic: topicRoomRule,
  /** A group's feed: whoever may read it (the people in the group, and admins). */
  group: groupRoomRule,
  /** safety:queue — live changes to the alert queue, for the on-call team. */
  safety: (actor, id) => (id === "queue" ? safetyPolicy.check(actor, "alerts.view", null) : deny("forbidden")),
};

export const userRoom = (userId: string) => `user:${userId}`;
export const roleRoom = (role: GrantableRole) => `role:${role}`;
/** Server-side only: lets sign-out close every socket of that session. */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
