import type { Me } from "@kindred/contracts";

const STAFF_ROLES = ["moderator", "admin"] as const;

/** Moderators and admins (with two-step sign-in on) review the queue. */
export function isModerationStaff(me: Pick<Me, "roles"> | null | undefined): boolean {
  return !!me && STAFF_ROLES.some((r) => me.roles.includes(r));
}

/** Holds such a role but cannot use it until two-step sign-in is on. */
export function awaitsTwoFactorForModeration(me: Pick<Me, "rolesAwaitingTwoFactor"> | null | undefined): boolean {
  return !!me && STAFF_ROLES.some((r) => (me.rolesAwaitingTwoFactor as string[]).includes(r));
}
