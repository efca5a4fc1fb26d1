// Who may do what with accounts, roles, profiles and blocks.
import type { ProfileVisibility, Visibility } from "@kindred/contracts";
import { type Actor, activeMember, allow, definePolicy, deny, power, signedIn } from "../../policy/index.js";
import { hasPower } from "../../policy/actor.js";

type NoRecord = undefined;
export type ProfileTarget = { ownerId: string };
export type FieldTarget = { ownerId: string; visibility: Visibility; worksWithOwner: boolean };

export const accountsPolicy = definePolicy({
  /** Own account: read, change password, two-factor, sign out. Pending people may too. */
  "account.manage-own": (a: Actor | null, _: NoRecord) => signedIn(a),
  "profile.edit-own": (a: Actor | null, _: NoRecord) => signedIn(a),
  "profile.view": (a: Actor | null, t: ProfileTarget) => (a?.id === t.ownerId ? signedIn(a) : activeMember(a)),
  "block.manage": (a: Actor | null, _: NoRecord) => activeMember(a),
  "admin.users.list": (a: Actor | null, _: NoRecord) => power(a, "admin"),
  "admin.users.approve": (a: Actor | null, _: NoRecord) => power(a, "admin"),
  "admin.users.reactivate": (a: Actor | null, _: NoRecord) => power(a, "admin"),
  "admin.roles.grant": (a: Actor | null, _: NoRecord) => power(a, "admin"),
  "admin.roles.revoke": (a: Actor | null, t: { userId: string; role: string }) => {
    const d = power(a, "admin");
    // An admin cannot remove their own admin role: an organization must never lock itself out by accident.
    if (d.allowed && t.role === "admin" && a?.id === t.userId) return deny("forbidden");
    return d;
  },
  "admin.invites.manage": (a: Actor | null, _: NoRecord) => power(a, "admin"),
});

/**
 * Whether `viewer` may see one optional profile field of its owner.
 * Staff roles do not widen this: least privilege for health-related data.
 */
export function canSeeField(viewer: Actor | null, t: FieldTarget): boolean {
  if (viewer?.id === t.ownerId) return true;
  if (!viewer || viewer.status !== "active") return false;
  switch (t.visibility) {
    case "members":
      return true;
    case "specialists":
      return hasPower(viewer, "specialist") && t.worksWithOwner;
    case "only_me":
      return false;
  }
}

export function visibleFields(viewer: Actor | null, ownerId: string, vis: ProfileVisibility, worksWithOwner: boolean) {
  return (Object.keys(vis) as (keyof ProfileVisibility)[]).filter((field) =>
    canSeeField(viewer, { ownerId, visibility: vis[field], worksWithOwner }),
  );
}

export { allow };
