// The notification kinds the preferences page lists. The contracts package holds
// the same table next to its zod schemas; importing it would ship zod to every
// browser, so the web app keeps a copy and the compiler checks they are identical.
import type { Digest, NOTIFICATION_KINDS as CONTRACT_KINDS, NotificationKind } from "@kindred/contracts";

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const check = <T extends true>(_: T) => undefined;

export const NOTIFICATION_KINDS = {
  "account.role_granted": { group: "account", audience: "everyone", mandatory: false, defaultEmail: true },
  "account.role_revoked": { group: "account", audience: "everyone", mandatory: false, defaultEmail: true },
  "account.approved": { group: "account", audience: "everyone", mandatory: false, defaultEmail: true },
  "forum.reply": { group: "forums", audience: "everyone", mandatory: false, defaultEmail: false },
  "forum.mention": { group: "forums", audience: "everyone", mandatory: false, defaultEmail: true },
  "forum.new_topic": { group: "forums", audience: "everyone", mandatory: false, defaultEmail: false },
  "safety.crisis_alert": { group: "safety", audience: "on_call", mandatory: true, defaultEmail: true },
  "safety.escalation": { group: "safety", audience: "on_call", mandatory: true, defaultEmail: true },
  "conversation.message": { group: "messages", audience: "everyone", mandatory: false, defaultEmail: false },
  "group.join_request": { group: "groups", audience: "everyone", mandatory: false, defaultEmail: true },
  "group.joined": { group: "groups", audience: "everyone", mandatory: false, defaultEmail: true },
  "group.invited": { group: "groups", audience: "everyone", mandatory: false, defaultEmail: true },
  "group.announcement": { group: "groups", audience: "everyone", mandatory: false, defaultEmail: false },
} as const;
check<Same<typeof NOTIFICATION_KINDS, typeof CONTRACT_KINDS>>(true);

export type NotificationGroup = (typeof NOTIFICATION_KINDS)[NotificationKind]["group"];

/** Groups in the order the preferences page shows them. */
export const NOTIFICATION_GROUPS = ["account", "messages", "groups", "forums", "safety"] as const;
check<Same<(typeof NOTIFICATION_GROUPS)[number], NotificationGroup>>(true);

export const KIND_LIST = Object.keys(NOTIFICATION_KINDS) as NotificationKind[];

export const kindsInGroup = (group: NotificationGroup) =>
  KIND_LIST.filter((k) => NOTIFICATION_KINDS[k].group === group);

export const isMandatory = (kind: NotificationKind) => NOTIFICATION_KINDS[kind].mandatory;

export const DIGESTS = ["off", "daily", "weekly"] as const;
check<Same<(typeof DIGESTS)[number], Digest>>(true);
