// The policy as a table: every role × every account and admin action.
import type { GrantableRole } from "@kindred/contracts";
import { describe, expect, it } from "vitest";
import { accountsPolicy, canSeeField } from "../modules/accounts/policy.js";
import { organizationPolicy } from "../modules/organization/policy.js";
import type { Actor } from "./actor.js";

type Who = "visitor" | "pending" | "member" | "specialist" | "facilitator" | "moderator" | "admin" | "admin-without-2fa";

function actor(who: Who): Actor | null {
  if (who === "visitor") return null;
  const roles: GrantableRole[] = who === "admin-without-2fa" ? ["admin"] : (["specialist", "facilitator", "moderator", "admin"] as const).filter((r) => r === who);
  return {
    id: `id-${who}`,
    pseudonym: who,
    status: who === "pending" ? "pending" : "active",
    grantedRoles: new Set(roles),
    twoFactorEnabled: who !== "admin-without-2fa",
  };
}

const ALL: Who[] = ["visitor", "pending", "member", "specialist", "facilitator", "moderator", "admin", "admin-without-2fa"];
const SIGNED_IN = ALL.filter((w) => w !== "visitor");
const ACTIVE = SIGNED_IN.filter((w) => w !== "pending");
const ADMIN: Who[] = ["admin"];

type Row = { action: string; check: (a: Actor | null) => boolean; allowed: Who[] };

const table: Row[] = [
  { action: "account.manage-own", check: (a) => accountsPolicy.can(a, "account.manage-own", undefined), allowed: SIGNED_IN },
  { action: "profile.edit-own", check: (a) => accountsPolicy.can(a, "profile.edit-own", undefined), allowed: SIGNED_IN },
  { action: "profile.view (someone else)", check: (a) => accountsPolicy.can(a, "profile.view", { ownerId: "other" }), allowed: ACTIVE },
  { action: "block.manage", check: (a) => accountsPolicy.can(a, "block.manage", undefined), allowed: ACTIVE },
  { action: "admin.users.list", check: (a) => accountsPolicy.can(a, "admin.users.list", undefined), allowed: ADMIN },
  { action: "admin.users.approve", check: (a) => accountsPolicy.can(a, "admin.users.approve", undefined), allowed: ADMIN },
  { action: "admin.roles.grant", check: (a) => accountsPolicy.can(a, "admin.roles.grant", undefined), allowed: ADMIN },
  { action: "admin.roles.revoke (someone else)", check: (a) => accountsPolicy.can(a, "admin.roles.revoke", { userId: "other", role: "admin" }), allowed: ADMIN },
  { action: "admin.roles.revoke (own admin role)", check: (a) => accountsPolicy.can(a, "admin.roles.revoke", { userId: a?.id ?? "", role: "admin" }), allowed: [] },
  { action: "admin.invites.manage", check: (a) => accountsPolicy.can(a, "admin.invites.manage", undefined), allowed: ADMIN },
  { action: "config.read", check: (a) => organizationPolicy.can(a, "config.read", undefined), allowed: ALL },
  { action: "crisis-lines.read", check: (a) => organizationPolicy.can(a, "crisis-lines.read", undefined), allowed: ALL },
  { action: "settings.update", check: (a) => organizationPolicy.can(a, "settings.update", undefined), allowed: ADMIN },
  { action: "guidelines.publish", check: (a) => organizationPolicy.can(a, "guidelines.publish", undefined), allowed: ADMIN },
  { action: "crisis-lines.manage", check: (a) => organizationPolicy.can(a, "crisis-lines.manage", undefined), allowed: ADMIN },
];

describe.each(table)("$action", ({ check, allowed }) => {
  it.each(ALL)("%s", (who) => {
    expect(check(actor(who))).toBe(allowed.includes(who));
  });
});

describe("refusals explain themselves", () => {
  it("a visitor is asked to sign in, an admin without 2FA to turn it on, a pending person to wait", () => {
    expect(accountsPolicy.check(null, "admin.users.list", undefined)).toEqual({ allowed: false, reason: "unauthenticated" });
    expect(accountsPolicy.check(actor("admin-without-2fa"), "admin.users.list", undefined)).toEqual({ allowed: false, reason: "two-factor-required" });
    expect(accountsPolicy.check(actor("member"), "admin.users.list", undefined)).toEqual({ allowed: false, reason: "forbidden" });
    expect(accountsPolicy.check(actor("pending"), "block.manage", undefined)).toEqual({ allowed: false, reason: "pending-approval" });
  });
});

describe("profile field visibility", () => {
  const owner = "owner-id";
  const specialistWorkingWith = { ...actor("specialist")!, id: "s1" };
  const cases: [string, Actor | null, "only_me" | "specialists" | "members", boolean, boolean][] = [
    ["owner sees only-me", { ...actor("member")!, id: owner }, "only_me", false, true],
    ["member does not see only-me", actor("member"), "only_me", false, false],
    ["admin does not see only-me", actor("admin"), "only_me", false, false],
    ["moderator does not see only-me", actor("moderator"), "only_me", false, false],
    ["member sees members", actor("member"), "members", false, true],
    ["pending person does not see members", actor("pending"), "members", false, false],
    ["visitor does not see members", null, "members", false, false],
    ["member does not see specialists-only", actor("member"), "specialists", false, false],
    ["specialist not working with them does not see it", actor("specialist"), "specialists", false, false],
    ["specialist working with them sees it", specialistWorkingWith, "specialists", true, true],
    ["admin working-with flag does not help a non-specialist", actor("admin"), "specialists", true, false],
  ];
  it.each(cases)("%s", (_name, viewer, visibility, worksWithOwner, expected) => {
    expect(canSeeField(viewer, { ownerId: owner, visibility, worksWithOwner })).toBe(expected);
  });
});
