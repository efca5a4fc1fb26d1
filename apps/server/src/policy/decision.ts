// A policy rule answers with a Decision; authorize() turns a refusal into the right problem.
import type { GrantableRole } from "@kindred/contracts";
import { problems } from "../http/problem.js";
import { type Actor, hasPower } from "./actor.js";

export type Denial = "unauthenticated" | "forbidden" | "two-factor-required" | "pending-approval";
export type Decision = { allowed: true } | { allowed: false; reason: Denial };

export const allow: Decision = { allowed: true };
export const deny = (reason: Denial): Decision => ({ allowed: false, reason });

export function signedIn(actor: Actor | null): Decision {
  return actor ? allow : deny("unauthenticated");
}

export function activeMember(actor: Actor | null): Decision {
  if (!actor) return deny("unauthenticated");
  if (actor.status === "pending") return deny("pending-approval");
  if (actor.status !== "active") return deny("forbidden");
  return allow;
}

/** Allowed when the actor may use `role`'s powers; explains a missing second factor. */
export function power(actor: Actor | null, role: GrantableRole): Decision {
  const member = activeMember(actor);
  if (!member.allowed) return member;
  if (hasPower(actor, role)) return allow;
  return actor!.grantedRoles.has(role) ? deny("two-factor-required") : deny("forbidden");
}

export function anyOf(...decisions: Decision[]): Decision {
  return decisions.find((d) => d.allowed) ?? decisions.find((d) => !d.allowed && d.reason === "two-factor-required") ?? decisions[0] ?? deny("forbidden");
}

export function toProblem(reason: Denial) {
  switch (reason) {
    case "unauthenticated":
      return problems.unauthenticated();
    case "two-factor-required":
      return problems.twoFactorRequired();
    case "pending-approval":
      return problems.forbidden("Your account is waiting for approval by the organization.");
    case "forbidden":
      return problems.forbidden();
  }
}
