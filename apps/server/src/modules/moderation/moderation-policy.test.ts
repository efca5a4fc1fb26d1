// The moderation policy as a table: every role × every moderation action, and
// which actions a review item offers as it stands.
import type { GrantableRole } from "@kindred/contracts";
import { describe, expect, it } from "vitest";
import type { Actor } from "../../policy/index.js";
import { availableActions, type ItemAccess, moderationPolicy } from "./policy.js";

type Who = "visitor" | "pending" | "suspended" | "member" | "specialist" | "facilitator" | "moderator" | "admin" | "moderator-without-2fa" | "admin-without-2fa";

function actor(who: Who): Actor | null {
  if (who === "visitor") return null;
  const base = who.replace("-without-2fa", "");
  const roles = (["specialist", "facilitator", "moderator", "admin"] as GrantableRole[]).filter((r) => r === base);
  return {
    id: `id-${who}`,
    pseudonym: who,
    status: who === "pending" ? "pending" : who === "suspended" ? "suspended" : "active",
    grantedRoles: new Set(roles),
    twoFactorEnabled: !who.endsWith("-without-2fa"),
  };
}

const ALL: Who[] = ["visitor", "pending", "suspended", "member", "specialist", "facilitator", "moderator", "admin", "moderator-without-2fa", "admin-without-2fa"];
const ACTIVE = ALL.filter((w) => !["visitor", "pending", "suspended"].includes(w));
const STAFF: Who[] = ["moderator", "admin"];
const can = moderationPolicy.can;

const table: { action: string; check: (a: Actor | null) => boolean; allowed: Who[] }[] = [
  { action: "queue.view", check: (a) => can(a, "queue.view", null), allowed: STAFF },
  { action: "item.act", check: (a) => can(a, "item.act", null), allowed: STAFF },
  { action: "person.act (a member)", check: (a) => can(a, "person.act", { id: "someone", isStaff: false }), allowed: STAFF },
  { action: "person.act (a moderator or admin)", check: (a) => can(a, "person.act", { id: "someone", isStaff: true }), allowed: [] },
  { action: "person.act (oneself)", check: (a) => can(a, "person.act", { id: a?.id ?? "", isStaff: false }), allowed: [] },
  { action: "silence.lift", check: (a) => can(a, "silence.lift", null), allowed: STAFF },
  { action: "words.manage", check: (a) => can(a, "words.manage", null), allowed: ["admin"] },
  { action: "report.create", check: (a) => can(a, "report.create", null), allowed: ACTIVE },
  { action: "mutes.manage", check: (a) => can(a, "mutes.manage", null), allowed: ACTIVE },
  {
    action: "message.report (received it)",
    check: (a) => can(a, "message.report", { memberIds: [a?.id ?? "", "writer"], authorId: "writer" }),
    allowed: ACTIVE,
  },
  {
    action: "message.report (wrote it)",
    check: (a) => can(a, "message.report", { memberIds: [a?.id ?? "", "other"], authorId: a?.id ?? "" }),
    allowed: [],
  },
  { action: "message.report (not in the conversation)", check: (a) => can(a, "message.report", { memberIds: ["x", "y"], authorId: "x" }), allowed: [] },
];

describe.each(table)("$action", ({ check, allowed }) => {
  it.each(ALL)("%s", (who) => expect(check(actor(who))).toBe(allowed.includes(who)));
});

describe("refusals explain themselves", () => {
  it("a moderator without 2FA is asked to turn it on; a visitor to sign in", () => {
    expect(moderationPolicy.check(actor("moderator-without-2fa"), "queue.view", null)).toEqual({ allowed: false, reason: "two-factor-required" });
    expect(moderationPolicy.check(actor("admin-without-2fa"), "words.manage", null)).toEqual({ allowed: false, reason: "two-factor-required" });
    expect(moderationPolicy.check(null, "report.create", null)).toEqual({ allowed: false, reason: "unauthenticated" });
    expect(moderationPolicy.check(actor("pending"), "mutes.manage", null)).toEqual({ allowed: false, reason: "pending-approval" });
  });
});

describe("the actions an item offers", () => {
  const item = (over: Partial<ItemAccess> = {}): ItemAccess => ({
    targetKind: "forum_post",
    pending: true,
    state: "visible",
    authorId: "author",
    authorIsStaff: false,
    authorStatus: "active",
    hasMethodDetails: false,
    ...over,
  });
  const mod = actor("moderator");
  const cases: [string, ItemAccess, string[]][] = [
    ["a visible post", item(), ["hide", "dismiss", "warn", "silence", "suspend"]],
    ["a visible post with method details", item({ hasMethodDetails: true }), ["hide", "dismiss", "edit_method_details", "warn", "silence", "suspend"]],
    ["a hidden post", item({ state: "hidden" }), ["restore", "dismiss", "warn", "silence", "suspend"]],
    ["a held post", item({ state: "held" }), ["hide", "approve", "warn", "silence", "suspend"]],
    ["a post its author removed", item({ state: "removed", hasMethodDetails: true }), ["dismiss", "warn", "silence", "suspend"]],
    ["a private message", item({ targetKind: "conversation_message", hasMethodDetails: true }), ["hide", "dismiss", "warn", "silence", "suspend"]],
    ["a suspended author", item({ authorStatus: "suspended" }), ["hide", "dismiss", "warn"]],
    ["a staff author", item({ authorIsStaff: true }), ["hide", "dismiss"]],
    ["a deleted author", item({ authorId: null }), ["hide", "dismiss"]],
    ["a settled item", item({ pending: false }), []],
  ];
  it.each(cases)("%s", (_name, access, expected) => expect(availableActions(mod, access)).toEqual(expected));

  it("offers nothing to anyone but moderators and admins with 2FA", () => {
    for (const who of ALL) expect(availableActions(actor(who), item()).length > 0, who).toBe(STAFF.includes(who));
  });
});
