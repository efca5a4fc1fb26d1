// Who may do what in moderation: the review queue and its actions are for
// moderators and admins (with 2FA); watched words for admins; members report
// content they can see and did not write, and mute people for themselves.
// `availableActions` is the one answer to "what may this moderator do with this
// item now" — the queue sends it to the client, and the action route checks it.
import type { ReviewAction, ReviewState, ReviewTargetKind } from "@kindred/contracts";
import { hasPower } from "../../policy/actor.js";
import { type Actor, activeMember, allow, anyOf, definePolicy, deny, power } from "../../policy/index.js";

const staff = (actor: Actor | null) => anyOf(power(actor, "moderator"), power(actor, "admin"));

/** What the rules need to know about a review item. */
export type ItemAccess = {
  targetKind: ReviewTargetKind;
  pending: boolean;
  state: ReviewState;
  authorId: string | null;
  /** The author holds a moderator or admin role: their account is an admin's business, not the queue's. */
  authorIsStaff: boolean;
  authorStatus: "active" | "pending" | "suspended" | null;
  /** The detector finds method details in the post's text. */
  hasMethodDetails: boolean;
};

export type PersonAccess = { id: string; isStaff: boolean };
export type MessageAccess = { memberIds: readonly string[]; authorId: string | null };

export const moderationPolicy = definePolicy({
  "queue.view": (actor: Actor | null, _: null) => staff(actor),
  "item.act": (actor: Actor | null, _: null) => staff(actor),
  /** Warn, silence, suspend: never oneself, never another moderator or admin. */
  "person.act": (actor: Actor | null, person: PersonAccess) => {
    const decision = staff(actor);
    if (!decision.allowed) return decision;
    return person.id === actor!.id || person.isStaff ? deny("forbidden") : allow;
  },
  "silence.lift": (actor: Actor | null, _: null) => staff(actor),
  "words.manage": (actor: Actor | null, _: null) => power(actor, "admin"),
  /** A private message may be reported by the other person in the conversation, not by its writer or outsiders. */
  "message.report": (actor: Actor | null, m: MessageAccess) => {
    const member = activeMember(actor);
    if (!member.allowed) return member;
    if (!m.memberIds.includes(actor!.id)) return deny("forbidden");
    return m.authorId === actor!.id ? deny("forbidden") : allow;
  },
  /** Any active member may report; what they may report is decided on the content ("post.flag", "message.report"). */
  "report.create": (actor: Actor | null, _: null) => activeMember(actor),
  "mutes.manage": (actor: Actor | null, _: null) => activeMember(actor),
});

export const isModerationStaff = (actor: Actor | null) => hasPower(actor, "moderator") || hasPower(actor, "admin");

/** The actions this moderator may take on the item as it stands (empty for anyone else, and once it is settled). */
export function availableActions(actor: Actor | null, item: ItemAccess): ReviewAction[] {
  if (!moderationPolicy.can(actor, "item.act", null) || !item.pending) return [];
  const actions: ReviewAction[] = [];
  if (item.state === "visible" || item.state === "held") actions.push("hide");
  if (item.state === "hidden") actions.push("restore");
  if (item.state === "held") actions.push("approve");
  // A held post is settled by approving or hiding it, never left waiting by a dismissal.
  if (item.state !== "held") actions.push("dismiss");
  if (item.targetKind === "forum_post" && item.state !== "removed" && item.hasMethodDetails) actions.push("edit_method_details");
  if (item.authorId && moderationPolicy.can(actor, "person.act", { id: item.authorId, isStaff: item.authorIsStaff })) {
    actions.push("warn");
    if (item.authorStatus !== "suspended") actions.push("silence", "suspend");
  }
  return actions;
}
