// Who may do what in the safety layer: anyone who can sign in may ask for help;
// the on-call team (moderators, specialists, admins, each with 2FA) sees and
// acts on alerts; admins keep the rota; a conversation is for its two people.
import { type Actor, activeMember, allow, anyOf, definePolicy, deny, power } from "../../policy/index.js";

export const onCallTeam = (actor: Actor | null) => anyOf(power(actor, "moderator"), power(actor, "specialist"), power(actor, "admin"));

export type ConversationAccess = { memberIds: readonly string[] };
/** Sending also needs to know whether either person blocked the other. */
export type ConversationSend = ConversationAccess & { blockedEitherWay: boolean };
export type ConversationStart = { otherId: string; otherActive: boolean; blockedEitherWay: boolean };

const member = (actor: Actor | null, c: ConversationAccess) => {
  const active = activeMember(actor);
  if (!active.allowed) return active;
  return c.memberIds.includes(actor!.id) ? allow : deny("forbidden");
};

export const safetyPolicy = definePolicy({
  /** "Talk to someone now": a person waiting for approval may be in crisis too; only a suspended account may not. */
  "help.request": (actor: Actor | null, _: null) => (!actor ? deny("unauthenticated") : actor.status === "suspended" ? deny("forbidden") : allow),
  "alerts.view": (actor: Actor | null, _: null) => onCallTeam(actor),
  "alert.act": (actor: Actor | null, _: null) => onCallTeam(actor),
  "rota.view": (actor: Actor | null, _: null) => onCallTeam(actor),
  "rota.manage": (actor: Actor | null, _: null) => power(actor, "admin"),
  "conversations.use": (actor: Actor | null, _: null) => activeMember(actor),
  /** Anyone may write to another active person, unless either has blocked the other; the on-call team reaches out regardless. */
  "conversation.start": (actor: Actor | null, c: ConversationStart) => {
    const active = activeMember(actor);
    if (!active.allowed) return active;
    if (c.otherId === actor!.id || !c.otherActive) return deny("forbidden");
    return c.blockedEitherWay ? deny("forbidden") : allow;
  },
  "conversation.read": member,
  /** Its two people may write in it — until either blocks the other. */
  "conversation.send": (actor: Actor | null, c: ConversationSend) => {
    const decision = member(actor, c);
    if (!decision.allowed) return decision;
    return c.blockedEitherWay ? deny("forbidden") : allow;
  },
});
