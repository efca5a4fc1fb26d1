// The forum policy as a table: every role × every forum action, in a category
// for all members and in one only specialists (and staff) may read; on one's
// own post, on someone else's, and on a removed one.
import type { GrantableRole } from "@kindred/contracts";
import { describe, expect, it } from "vitest";
import type { Actor } from "../../policy/index.js";
import { type CategoryAccess, forumsPolicy, type PostAccess, readableCategoryIds } from "./policy.js";

type Who =
  "visitor" | "pending" | "member" | "specialist" | "facilitator" | "moderator" | "admin" | "moderator-without-2fa";

function actor(who: Who): Actor | null {
  if (who === "visitor") return null;
  const roles: GrantableRole[] =
    who === "moderator-without-2fa"
      ? ["moderator"]
      : (["specialist", "facilitator", "moderator", "admin"] as const).filter((r) => r === who);
  return {
    id: `id-${who}`,
    pseudonym: who,
    status: who === "pending" ? "pending" : "active",
    grantedRoles: new Set(roles),
    twoFactorEnabled: who !== "moderator-without-2fa",
  };
}

const ALL: Who[] = [
  "visitor",
  "pending",
  "member",
  "specialist",
  "facilitator",
  "moderator",
  "admin",
  "moderator-without-2fa",
];
const ACTIVE = ALL.filter((w) => w !== "visitor" && w !== "pending");
const STAFF: Who[] = ["moderator", "admin"];
const ADMIN: Who[] = ["admin"];
/** Who reads the specialists' category: specialists, and staff (with 2FA). */
const SPECIALIST_READERS: Who[] = ["specialist", "moderator", "admin"];

const MEMBERS: CategoryAccess = { audience: "members", role: null };
const SPECIALISTS: CategoryAccess = { audience: "role", role: "specialist" };
/** A role-only category with no role named: staff only. */
const STAFF_ONLY: CategoryAccess = { audience: "role", role: null };

/** A post seen by `a`: their own, someone else's, removed or not. */
const post = (a: Actor | null, whose: "own" | "other", category: CategoryAccess, removed = false): PostAccess => ({
  authorId: whose === "own" ? (a?.id ?? "id-visitor") : "id-someone-else",
  removed,
  category,
});

type Row = { action: string; check: (a: Actor | null) => boolean; allowed: Who[] };
const can = forumsPolicy.can;

const table: Row[] = [
  { action: "category.read (members)", check: (a) => can(a, "category.read", MEMBERS), allowed: ACTIVE },
  {
    action: "category.read (specialists)",
    check: (a) => can(a, "category.read", SPECIALISTS),
    allowed: SPECIALIST_READERS,
  },
  {
    action: "category.read (role-only, no role named)",
    check: (a) => can(a, "category.read", STAFF_ONLY),
    allowed: STAFF,
  },
  { action: "category.manage", check: (a) => can(a, "category.manage", null), allowed: ADMIN },

  { action: "topic.create (members)", check: (a) => can(a, "topic.create", MEMBERS), allowed: ACTIVE },
  {
    action: "topic.create (specialists)",
    check: (a) => can(a, "topic.create", SPECIALISTS),
    allowed: SPECIALIST_READERS,
  },
  { action: "topic.reply (members)", check: (a) => can(a, "topic.reply", MEMBERS), allowed: ACTIVE },
  {
    action: "topic.reply (specialists)",
    check: (a) => can(a, "topic.reply", SPECIALISTS),
    allowed: SPECIALIST_READERS,
  },
  { action: "topic.watch (members)", check: (a) => can(a, "topic.watch", MEMBERS), allowed: ACTIVE },
  {
    action: "topic.watch (specialists)",
    check: (a) => can(a, "topic.watch", SPECIALISTS),
    allowed: SPECIALIST_READERS,
  },
  { action: "topic.moderate", check: (a) => can(a, "topic.moderate", null), allowed: STAFF },

  { action: "post.edit (own, members)", check: (a) => can(a, "post.edit", post(a, "own", MEMBERS)), allowed: ACTIVE },
  {
    action: "post.edit (someone else's, members)",
    check: (a) => can(a, "post.edit", post(a, "other", MEMBERS)),
    allowed: [],
  },
  { action: "post.edit (own, removed)", check: (a) => can(a, "post.edit", post(a, "own", MEMBERS, true)), allowed: [] },
  {
    action: "post.edit (own, specialists)",
    check: (a) => can(a, "post.edit", post(a, "own", SPECIALISTS)),
    allowed: SPECIALIST_READERS,
  },
  {
    action: "post.edit (someone else's, specialists)",
    check: (a) => can(a, "post.edit", post(a, "other", SPECIALISTS)),
    allowed: [],
  },

  {
    action: "post.delete (own, members)",
    check: (a) => can(a, "post.delete", post(a, "own", MEMBERS)),
    allowed: ACTIVE,
  },
  {
    action: "post.delete (someone else's, members)",
    check: (a) => can(a, "post.delete", post(a, "other", MEMBERS)),
    allowed: [],
  },
  {
    action: "post.delete (own, removed)",
    check: (a) => can(a, "post.delete", post(a, "own", MEMBERS, true)),
    allowed: [],
  },
  {
    action: "post.delete (own, specialists)",
    check: (a) => can(a, "post.delete", post(a, "own", SPECIALISTS)),
    allowed: SPECIALIST_READERS,
  },
  {
    action: "post.delete (someone else's, specialists)",
    check: (a) => can(a, "post.delete", post(a, "other", SPECIALISTS)),
    allowed: [],
  },

  {
    action: "post.react (someone else's, members)",
    check: (a) => can(a, "post.react", post(a, "other", MEMBERS)),
    allowed: ACTIVE,
  },
  { action: "post.react (own, members)", check: (a) => can(a, "post.react", post(a, "own", MEMBERS)), allowed: [] },
  {
    action: "post.react (someone else's, removed)",
    check: (a) => can(a, "post.react", post(a, "other", MEMBERS, true)),
    allowed: [],
  },
  {
    action: "post.react (someone else's, specialists)",
    check: (a) => can(a, "post.react", post(a, "other", SPECIALISTS)),
    allowed: SPECIALIST_READERS,
  },
  {
    action: "post.react (own, specialists)",
    check: (a) => can(a, "post.react", post(a, "own", SPECIALISTS)),
    allowed: [],
  },

  {
    action: "post.flag (someone else's, members)",
    check: (a) => can(a, "post.flag", post(a, "other", MEMBERS)),
    allowed: ACTIVE,
  },
  { action: "post.flag (own, members)", check: (a) => can(a, "post.flag", post(a, "own", MEMBERS)), allowed: [] },
  // A post its author took back may still need a moderator (a crisis post deleted in a hurry): it can be flagged.
  {
    action: "post.flag (someone else's, removed)",
    check: (a) => can(a, "post.flag", post(a, "other", MEMBERS, true)),
    allowed: ACTIVE,
  },
  {
    action: "post.flag (someone else's, specialists)",
    check: (a) => can(a, "post.flag", post(a, "other", SPECIALISTS)),
    allowed: SPECIALIST_READERS,
  },
  {
    action: "post.flag (own, specialists)",
    check: (a) => can(a, "post.flag", post(a, "own", SPECIALISTS)),
    allowed: [],
  },

  { action: "post.moderate", check: (a) => can(a, "post.moderate", null), allowed: STAFF },
  { action: "forums.use", check: (a) => can(a, "forums.use", null), allowed: ACTIVE },
];

describe.each(table)("$action", ({ check, allowed }) => {
  it.each(ALL)("%s", (who) => {
    expect(check(actor(who))).toBe(allowed.includes(who));
  });
});

describe("every action of the policy is in the table", () => {
  it("no rule is left untested", () => {
    const tested = new Set(table.map((r) => r.action.split(" ")[0]));
    expect([...tested].sort()).toEqual(Object.keys(forumsPolicy.rules).sort());
  });
});

describe("refusals explain themselves", () => {
  const check = forumsPolicy.check;
  it("a visitor is asked to sign in, a pending person to wait", () => {
    expect(check(null, "category.read", MEMBERS)).toEqual({ allowed: false, reason: "unauthenticated" });
    expect(check(null, "post.react", post(null, "other", MEMBERS))).toEqual({
      allowed: false,
      reason: "unauthenticated",
    });
    expect(check(actor("pending"), "topic.create", MEMBERS)).toEqual({ allowed: false, reason: "pending-approval" });
    expect(check(actor("pending"), "forums.use", null)).toEqual({ allowed: false, reason: "pending-approval" });
  });

  it("a member or facilitator is simply not allowed into the specialists' category", () => {
    expect(check(actor("member"), "category.read", SPECIALISTS)).toEqual({ allowed: false, reason: "forbidden" });
    expect(check(actor("facilitator"), "topic.reply", SPECIALISTS)).toEqual({ allowed: false, reason: "forbidden" });
    expect(check(actor("member"), "post.react", post(actor("member"), "other", SPECIALISTS))).toEqual({
      allowed: false,
      reason: "forbidden",
    });
  });

  it("staff (or a specialist) without 2FA are told to turn it on", () => {
    expect(check(actor("moderator-without-2fa"), "category.read", SPECIALISTS)).toEqual({
      allowed: false,
      reason: "two-factor-required",
    });
    expect(check(actor("moderator-without-2fa"), "topic.moderate", null)).toEqual({
      allowed: false,
      reason: "two-factor-required",
    });
    expect(check(actor("moderator-without-2fa"), "post.moderate", null)).toEqual({
      allowed: false,
      reason: "two-factor-required",
    });
    const specialistWithout2fa: Actor = { ...actor("specialist")!, twoFactorEnabled: false };
    expect(check(specialistWithout2fa, "category.read", SPECIALISTS)).toEqual({
      allowed: false,
      reason: "two-factor-required",
    });
    expect(check(specialistWithout2fa, "category.read", MEMBERS)).toEqual({ allowed: true });
  });

  it("someone else's post, one's own reaction and a removed post are plain refusals", () => {
    const m = actor("member");
    expect(check(m, "post.edit", post(m, "other", MEMBERS))).toEqual({ allowed: false, reason: "forbidden" });
    expect(check(m, "post.react", post(m, "own", MEMBERS))).toEqual({ allowed: false, reason: "forbidden" });
    expect(check(m, "post.delete", post(m, "own", MEMBERS, true))).toEqual({ allowed: false, reason: "forbidden" });
    expect(check(actor("moderator"), "post.edit", post(actor("moderator"), "other", MEMBERS))).toEqual({
      allowed: false,
      reason: "forbidden",
    });
  });

  it("a suspended account may do nothing", () => {
    const suspended: Actor = { ...actor("admin")!, status: "suspended" };
    for (const [action, resource] of [
      ["category.read", MEMBERS],
      ["topic.create", MEMBERS],
      ["category.manage", null],
      ["post.moderate", null],
      ["forums.use", null],
    ] as const) {
      expect(forumsPolicy.can(suspended, action as never, resource as never), action).toBe(false);
    }
  });

  it("authorize throws the matching problem", () => {
    expect(() => forumsPolicy.authorize(null, "category.read", MEMBERS)).toThrow(
      expect.objectContaining({ status: 401, type: "unauthenticated" }),
    );
    expect(() => forumsPolicy.authorize(actor("member"), "category.read", SPECIALISTS)).toThrow(
      expect.objectContaining({ status: 403, type: "forbidden" }),
    );
    expect(() => forumsPolicy.authorize(actor("moderator-without-2fa"), "post.moderate", null)).toThrow(
      expect.objectContaining({ status: 403, type: "two-factor-required" }),
    );
  });
});

describe("readableCategoryIds scopes queries by the same rule", () => {
  const categories = [
    { id: "general", ...MEMBERS },
    { id: "specialists", ...SPECIALISTS },
    { id: "facilitators", audience: "role" as const, role: "facilitator" as const },
    { id: "staff", ...STAFF_ONLY },
  ];
  const cases: [Who, string[]][] = [
    ["visitor", []],
    ["pending", []],
    ["member", ["general"]],
    ["specialist", ["general", "specialists"]],
    ["facilitator", ["general", "facilitators"]],
    ["moderator", ["general", "specialists", "facilitators", "staff"]],
    ["admin", ["general", "specialists", "facilitators", "staff"]],
    ["moderator-without-2fa", ["general"]],
  ];
  it.each(cases)("%s", (who, expected) => {
    expect(readableCategoryIds(actor(who), categories)).toEqual(expected);
    for (const c of categories) expect(forumsPolicy.can(actor(who), "category.read", c)).toBe(expected.includes(c.id));
  });
});
