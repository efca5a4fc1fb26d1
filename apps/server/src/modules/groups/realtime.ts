// Live changes to a group's feed: who may listen (the people who may read the
// feed) and the one event its writes send. The event carries ids only; each
// listener reads the feed again through its own policy.
import type { GroupFeedEvent } from "@kindred/contracts";
import type { AppContext } from "../../context.js";
import type { Db } from "../../db/client.js";
import { HttpProblem } from "../../http/problem.js";
import { type Actor, type Decision, deny } from "../../policy/index.js";
import { groupsPolicy } from "./policy.js";
import { accessOf, loadGroup } from "./service.js";

export const groupRoom = (groupId: string) => `group:${groupId}`;

export async function groupRoomRule(actor: Actor, groupId: string, db: Db): Promise<Decision> {
  try {
    const group = await loadGroup(db, actor, { id: groupId });
    return groupsPolicy.check(actor, "group.readFeed", accessOf(group));
  } catch (error) {
    // An unknown or hidden group answers like a forbidden one: a room name must not reveal what exists.
    if (error instanceof HttpProblem && (error.status === 404 || error.status === 403 || error.status === 401)) return deny("forbidden");
    throw error;
  }
}

export function announceFeedChange(realtime: AppContext["realtime"], event: GroupFeedEvent) {
  realtime.emitToRoom(groupRoom(event.groupId), "group:feed", event);
}
