// Notifications are private: only their owner reads, marks or configures them.
import { type Actor, activeMember, allow, deny, definePolicy } from "../../policy/index.js";

export const notificationsPolicy = definePolicy({
  listOwn: (actor: Actor | null, _: null) => activeMember(actor),
  markRead: (actor: Actor | null, note: { userId: string }) => {
    const member = activeMember(actor);
    if (!member.allowed) return member;
    return actor!.id === note.userId ? allow : deny("forbidden");
  },
  managePreferences: (actor: Actor | null, _: null) => activeMember(actor),
});
