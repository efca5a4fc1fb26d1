// The person making a request, as every policy sees them.
import type { GrantableRole } from "@kindred/contracts";
import { ROLES_REQUIRING_2FA } from "@kindred/contracts";

export type Actor = {
  id: string;
  pseudonym: string;
  status: "active" | "pending" | "suspended";
  /** Roles granted by an admin, whether or not usable yet. */
  grantedRoles: ReadonlySet<GrantableRole>;
  twoFactorEnabled: boolean;
};

/** A granted role's powers apply only once two-factor authentication is on. */
export function hasPower(actor: Actor | null, role: GrantableRole): boolean {
  if (!actor || actor.status !== "active" || !actor.grantedRoles.has(role)) return false;
  return !ROLES_REQUIRING_2FA.includes(role) || actor.twoFactorEnabled;
}

export function isActiveMember(actor: Actor | null): actor is Actor {
  return actor !== null && actor.status === "active";
}

export function rolesAwaitingTwoFactor(actor: Actor): GrantableRole[] {
  if (actor.twoFactorEnabled) return [];
  return [...actor.grantedRoles].filter((r) => ROLES_REQUIRING_2FA.includes(r));
}

export function effectiveRoles(actor: Actor): ("member" | GrantableRole)[] {
  if (actor.status !== "active") return [];
  return ["member", ...[...actor.grantedRoles].filter((r) => hasPower(actor, r)).sort()];
}
