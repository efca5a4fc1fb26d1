import { z } from "zod";
import type { ForumTopicEvent } from "./forums.js";
import type { GroupFeedEvent } from "./groups.js";
import type { Notification } from "./notifications.js";
import type { ConversationMessageEvent, SafetyAlertEvent } from "./safety.js";

/**
 * The Socket.IO contract. Server → client events carry data only for the
 * socket's owner; client → server events are validated with these schemas and
 * answered with an Ack.
 */
export type ServerToClientEvents = {
  "notification:new": (payload: { notification: Notification; unreadCount: number }) => void;
  "notification:unread": (payload: { unreadCount: number }) => void;
  /** To readers of a topic (room topic:<id>): a post appeared or changed. */
  "forum:topic": (payload: ForumTopicEvent) => void;
  /** To the people in a group who have its page open (room group:<id>): its feed changed. */
  "group:feed": (payload: GroupFeedEvent) => void;
  /** To the people who can see the alert queue (room safety:queue). */
  "safety:alert": (payload: SafetyAlertEvent) => void;
  /** To each of a conversation's two people (their user rooms). */
  "conversation:message": (payload: ConversationMessageEvent) => void;
};

/** Rooms a client may ask to join; each kind is authorized by its module's policy. */
export const RoomName = z
  .string()
  .max(120)
  .regex(/^[a-z]+:[A-Za-z0-9_-]{1,100}$/, "A room such as user:abc or role:moderator");

export const RoomRequest = z.strictObject({ room: RoomName });
export type RoomRequest = z.infer<typeof RoomRequest>;

export type AckProblem = { type: string; title: string; status: number; detail?: string };
export type Ack<T = unknown> = { ok: true; data: T } | { ok: false; problem: AckProblem };

export type ClientToServerEvents = {
  "room:join": (payload: RoomRequest, ack: (result: Ack<{ room: string }>) => void) => void;
  "room:leave": (payload: RoomRequest, ack: (result: Ack<{ room: string }>) => void) => void;
};

/** Largest inbound event payload, as JSON, before it is refused with an error ack. */
export const MAX_SOCKET_PAYLOAD_BYTES = 16 * 1024;
