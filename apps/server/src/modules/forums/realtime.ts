// Who may listen to a topic's live updates: the people who may read it.
import type { Db } from "../../db/client.js";
import { HttpProblem } from "../../http/problem.js";
import { type Actor, type Decision, deny } from "../../policy/index.js";
import { forumsPolicy } from "./policy.js";
import { loadTopic } from "./topics.js";

export async function topicRoomRule(actor: Actor, topicId: string, db: Db): Promise<Decision> {
  try {
    const topic = await loadTopic(db, topicId);
    const staff = forumsPolicy.can(actor, "topic.moderate", null);
    if (topic.deletedAt && !staff) return deny("forbidden");
    if (topic.heldAt && !staff && topic.authorId !== actor.id) return deny("forbidden");
    return forumsPolicy.check(actor, "category.read", topic.category);
  } catch (error) {
    // An unknown topic answers like a forbidden one: a room name must not reveal what exists.
    if (error instanceof HttpProblem && error.status === 404) return deny("forbidden");
    throw error;
  }
}
