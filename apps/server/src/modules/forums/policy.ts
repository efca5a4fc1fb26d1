// Who may read, write, react, flag and moderate in the forums. Every rule that
// depends on a category's audience goes through `readCategory`, and services
// use `readableCategoryIds` to scope their queries by the same rule.
import type { GrantableRole } from "@kindred/contracts";
import { hasPower } from "../../policy/actor.js";
import { type Actor, activeMember, allow, anyOf, definePolicy, deny, power } from "../../policy/index.js";

export type CategoryAccess = { audience: "members" | "role"; role: GrantableRole | null };
export type PostAccess = { authorId: string | null; removed: boolean; category: CategoryAccess };

/** Moderators and admins read every category and act on any post. */
const staff = (actor: Actor | null) => anyOf(power(actor, "moderator"), power(actor, "admin"));
export const isForumStaff = (actor: Actor | null) => hasPower(actor, "moderator") || hasPower(actor, "admin");

function readCategory(actor: Actor | null, category: CategoryAccess) {
  const member = activeMember(actor);
  if (!member.allowed || category.audience === "members") return member;
  // anyOf explains a missing second factor when that is all that stands in the way.
  return category.role ? anyOf(staff(actor), power(actor, category.role)) : staff(actor);
}

const own = (actor: Actor | null, post: PostAccess) => actor !== null && post.authorId !== null && actor.id === post.authorId;

export const forumsPolicy = definePolicy({
  "category.read": readCategory,
  "category.manage": (actor: Actor | null, _: null) => power(actor, "admin"),
  "topic.create": readCategory,
  "topic.reply": readCategory,
  "topic.watch": readCategory,
  "topic.moderate": (actor: Actor | null, _: null) => staff(actor),
  "post.edit": (actor: Actor | null, post: PostAccess) => {
    const read = readCategory(actor, post.category);
    if (!read.allowed) return read;
    return own(actor, post) && !post.removed ? allow : deny("forbidden");
  },
  "post.delete": (actor: Actor | null, post: PostAccess) => {
    const read = readCategory(actor, post.category);
    if (!read.allowed) return read;
    return own(actor, post) && !post.removed ? allow : deny("forbidden");
  },
  /** Reactions and flags are for other people's posts. */
  "post.react": (actor: Actor | null, post: PostAccess) => {
    const read = readCategory(actor, post.category);
    if (!read.allowed) return read;
    return own(actor, post) || post.removed ? deny("forbidden") : allow;
  },
  "post.flag": (actor: Actor | null, post: PostAccess) => {
    const read = readCategory(actor, post.category);
    if (!read.allowed) return read;
    return own(actor, post) ? deny("forbidden") : allow;
  },
  /** Hide/restore, edit history, who wrote an anonymous post, the flag queue. */
  "post.moderate": (actor: Actor | null, _: null) => staff(actor),
  /** The forums at all (lists, search, one's own preferences): active members. */
  "forums.use": (actor: Actor | null, _: null) => activeMember(actor),
});

/** The categories (of those given) this person may read: the same rule as `category.read`, for scoping queries. */
export function readableCategoryIds<C extends CategoryAccess & { id: string }>(actor: Actor | null, categories: C[]): string[] {
  return categories.filter((c) => forumsPolicy.can(actor, "category.read", c)).map((c) => c.id);
}
